"""The play screen: the scene, the people, the choices, the face and status panels.

Every move goes through the session (and so through the engine's ``act``); everything drawn
comes from the session's view.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, OptionList

from game.engine import ActionError, View
from game.i18n import N_, _
from game.session import Outcome, Session
from game.session.faces import Refused
from game.text import roman
from game.tui.screens.base import DismissOnce, LocalizedBindings, relabel
from game.tui.widgets.choices import AGAIN, TITLE, ChoiceList
from game.tui.widgets.column import ReadingColumn
from game.tui.widgets.problems import ProblemsPanel
from game.tui.widgets.scene import ScenePane
from game.tui.widgets.sidebar import FacePanel, StatusPanel
from game.tui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from game.story.problems import Problem
    from game.tui.app import FaceApp

NARROW = 60
"""Below this many columns the side panels are hidden."""
CHOOSE = "game.choose-"
"""The ids of the number keys' bindings, before the number."""
# TRANSLATORS: the description of a number key; {n} is the number, 1 to 9.
CHOICE = N_("Choice {n}")
# TRANSLATORS: what a number key does; {n} is the number, 1 to 9.
TAKE_CHOICE = N_("Take choice number {n}")


def _choose_bindings() -> list[BindingType]:
    return [Binding(str(n), f"choose({n})", CHOICE.format(n=n), show=False,
                    id=f"{CHOOSE}{n}", tooltip=TAKE_CHOICE.format(n=n)) for n in range(1, 10)]


class PlayScreen(DismissOnce, LocalizedBindings, Screen[None]):
    """Where the story is played."""

    AUTO_FOCUS = "#choices"
    BINDINGS = [
        # TRANSLATORS: the footer's labels of the play screen's keys: keep them short (the
        # footer holds six of them and the palette key on one line of 80 columns).
        Binding("m", "toggle_mask", N_("Mask"), id="face.mask",
                tooltip=N_("Put the mask on, or take it off")),
        Binding("f", "pick_face", N_("Faces"), id="face.pick",
                tooltip=N_("Choose a face from those possible here")),
        Binding("u", "undo", N_("Undo"), id="game.undo", tooltip=N_("Take back your last move")),
        Binding("U", "redo", N_("Redo"), id="game.redo", show=False,
                tooltip=N_("Take again the last move you took back")),
        Binding("h", "history", N_("History"), id="game.history",
                tooltip=N_("Everything you have read so far")),
        Binding("j", "journal", N_("Journal"), id="game.journal",
                tooltip=N_("The story so far, in your own words")),
        Binding("s", "app.save", N_("Save"), id="game.save",
                tooltip=N_("Save the game to a slot")),
        Binding("l", "app.load", N_("Load"), id="game.load", show=False,
                tooltip=N_("Load a saved game")),
        Binding("f5", "app.quicksave", N_("Quicksave"), id="game.quicksave", show=False,
                tooltip=N_("Save to the quicksave at once")),
        Binding("f9", "app.quickload", N_("Quickload"), id="game.quickload", show=False,
                tooltip=N_("Load the quicksave at once")),
        Binding("t", "app.request_title", N_("Title"), id="game.title", show=False,
                tooltip=N_("Leave this game for the title screen (asks first if progress "
                           "is unsaved)")),
        Binding("r", "look", N_("Scene"), id="scene.look", show=False,
                tooltip=N_("Read the whole scene again")),
        Binding("space", "reveal", N_("Skip"), id="scene.reveal", show=False,
                tooltip=N_("Show the rest of the text at once")),
        Binding("pageup", "scroll_story(-1)", N_("Scroll up"), id="scene.page-up", show=False,
                priority=True, tooltip=N_("Scroll the story text up")),
        Binding("pagedown", "scroll_story(1)", N_("Scroll down"), id="scene.page-down",
                show=False, priority=True, tooltip=N_("Scroll the story text down")),
        *_choose_bindings(),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        """The playthrough on this screen."""
        self._ending_shown = False
        self._act = 0
        """The act the screen last showed (a later one opens with its card)."""
        self._stale = False
        """The story was reloaded while another screen covered this one: redraw on return."""
        self._drawing = asyncio.Lock()
        """Held while the screen is redrawn (see :meth:`redraw`)."""
        self._listed: object = None
        """What the choice list shows (to notice that it changed)."""
        self._settled_at = 0.0
        """Before this (``time.monotonic``), choosing does nothing: the choices just changed."""

    @property
    def face_app(self) -> FaceApp:
        return self.app  # type: ignore[return-value]

    @property
    def view(self) -> View:
        """What the player sees now (from the engine)."""
        return self.session.view

    @property
    def is_ending(self) -> bool:
        return self.session.view.is_ending

    def localize_binding(self, binding: Binding) -> Binding:
        if binding.id and binding.id.startswith(CHOOSE):
            n = binding.id.removeprefix(CHOOSE)
            return relabel(binding, _(CHOICE).format(n=n), _(TAKE_CHOICE).format(n=n))
        return super().localize_binding(binding)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # At an ending the face keys have nothing to act on: shown dimmed in the footer.
        if action in ("toggle_mask", "pick_face") and self.is_ending:
            return None
        return True

    def compose(self) -> ComposeResult:
        yield TopBar(id="header")
        with Horizontal(id="main"):
            yield ReadingColumn(ScenePane(self.view, cps=self.face_app.reveal_cps, id="scene"),
                                ChoiceList(id="choices"), id="story")
            with Vertical(id="side"):
                yield FacePanel(id="face")
                yield StatusPanel(id="status")
        yield ProblemsPanel(self.face_app.story_problems, id="problems")
        yield Footer(compact=True)

    def _parts(self) -> tuple[ScenePane, ChoiceList, FacePanel, StatusPanel] | None:
        """The screen's panes; None before they are composed or once they are removed (a
        handler of a burst of keys may run then)."""
        try:
            return (self.query_one(ScenePane), self.query_one(ChoiceList),
                    self.query_one(FacePanel), self.query_one(StatusPanel))
        except NoMatches:
            return None

    async def on_mount(self) -> None:
        await self.redraw(first=True)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    async def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            await self.redraw(reloaded=True)

    # -- drawing

    async def relanguage(self) -> None:
        """Draw everything again in the current language, at once, where the player stands
        (in place: the screen's layout stays as it is, so it reads well behind the settings)."""
        parts = self._parts()
        if parts is None:
            return
        parts[2].retitle()
        parts[3].retitle()
        self.query_one(ReadingColumn).fit()  # the more-text sign
        self.query_one(ProblemsPanel).show(self.face_app.story_problems)
        await self.redraw(retold=True)

    async def story_reloaded(self, problems: Sequence[Problem], changed: bool) -> None:
        """With ``play --watch``: show the story's errors (none: hide the panel) and, if the
        session switched to an edited story (``changed``), redraw the scene where it stands."""
        if self._parts() is None:
            return
        panel = self.query_one(ProblemsPanel)
        had_focus = panel.has_focus
        panel.show(problems)
        if had_focus and not panel.display:  # the player had moved there to scroll it
            self.set_focus(self.query_one(ChoiceList))
        if not changed:
            return
        stack = self.app.screen_stack
        above = stack[stack.index(self) + 1:] if self in stack else []
        if all(screen.is_modal for screen in above):  # seen, if only behind a dialog
            await self.redraw(reloaded=True)
        else:
            self._stale = True

    async def redraw(self, outcome: Outcome | None = None, first: bool = False,
                     reloaded: bool = False, retold: bool = False) -> None:
        """Draw the session's view: afresh, in place after a face change, (``reloaded``)
        afresh at once and at the same scroll position after the story was edited, or
        (``retold``) in place in another language.

        Redraws take turns (moves from a burst of keys, the palette or a dialog may overlap):
        an in-place redraw that finds the game moved on since its move draws afresh."""
        for notice in outcome.item_notices() if outcome is not None else ():
            self.notify(notice)
        state = self.session.state
        async with self._drawing:
            try:
                await self._redraw(outcome if self.session.state is state else None,
                                   first, reloaded, retold)
            except NoMatches:
                if not self.gone:  # not a screen being taken down while it was drawn
                    raise

    async def _redraw(self, outcome: Outcome | None, first: bool, reloaded: bool,
                      retold: bool) -> None:
        parts = self._parts()
        if parts is None:
            return
        scene, choices, face, status = parts
        v = self.view
        self._act_card(v, first)
        scene.cps = self.face_app.reveal_cps
        if outcome is not None and outcome.changes is not None:
            await scene.show_changes(v, outcome.changes, self.face_app.highlight_seconds,
                                     self._look_hint())
        elif reloaded:
            y = scene.scroll_y
            await scene.show(v, reveal=False)
            self.call_after_refresh(scene.scroll_to, y=y, animate=False)
        elif retold:
            await scene.retell(v)
        elif not first:  # the first view was composed with the pane
            await scene.show(v)
        number = roman(v.act)
        # TRANSLATORS: in the top bar, before the scene's title; {number} is in Roman numerals.
        act = _("Act {number}").format(number=number) + " · " if v.act else ""
        self.query_one(TopBar).show(self.app.title.upper(), f"{act}{v.title.text}", v)
        choices.show(v, self.session.taken_before,
                     outcome.changes.new_choices if outcome and outcome.changes else frozenset())
        listed = (v.is_ending, tuple((c.id, c.number, c.enabled) for c in v.choices))
        if listed != self._listed:
            self._listed = listed
            self._settle()
        face.show(v)
        status.show(v)
        if v.is_ending != self._ending_shown:
            self._ending_shown = v.is_ending
            self.refresh_bindings()  # the face keys are dimmed at an ending
        if self.session.save_error:
            self.notify(self.session.save_error, title=_("Profile not saved"),
                        severity="warning")
            self.session.save_error = None
        problem = self.session.autosave_problem()
        if problem:
            self.notify(problem, title=_("Autosave failed"), severity="warning", timeout=10)

    def _act_card(self, v: View, first: bool) -> None:
        """Take away the card of an act; show the card of a new act entered (or of the first
        act at the start of a game)."""
        self.close_act_card()
        act, self._act = self._act, v.act
        seconds = self.face_app.act_card_seconds
        if v.act and seconds > 0 and (v.act > act if not first else self.session.state.moved == 0):
            from game.tui.widgets.act_card import ActCard

            self.mount(ActCard(v.act, self.session.act_title(v.act), seconds))

    def close_act_card(self) -> None:
        """Take away the card of an act, if one is shown."""
        from game.tui.widgets.act_card import ActCard

        for card in self.query(ActCard):
            card.close()

    def _look_hint(self) -> str:
        """Under what a move changed: the key that shows the whole scene again."""
        key = next((self.app.get_key_display(active.binding)
                    for active in self.active_bindings.values()
                    if active.binding.id == "scene.look"), "")
        # TRANSLATORS: under what the player's last move changed in the scene; {key} is the
        # key that shows the whole scene again (r, unless the player remapped it).
        return _("{key}: read the whole scene again").format(key=key) if key else ""

    async def action_look(self) -> None:
        """Show the whole scene again, as if just entered (after a move showed only what it
        changed)."""
        parts = self._parts()
        if parts is None or self.leaving:
            return
        parts[0].cps = self.face_app.reveal_cps
        await parts[0].show(self.view, reveal=False)

    # -- keys that come too soon

    def _settle(self) -> None:
        """Choosing waits a moment from now (see :data:`game.tui.app.SETTLE_SECONDS`)."""
        self._settled_at = time.monotonic() + self.face_app.settle_seconds

    @property
    def settling(self) -> bool:
        """The choices changed a moment ago: a number key or Enter now was meant for the ones
        before (or typed before the player could read these), and does nothing."""
        return time.monotonic() < self._settled_at

    def finish_typing(self) -> bool:
        """If text is being typed out, show the rest at once (and let choosing wait a moment
        again); returns whether it was."""
        parts = self._parts()
        if parts is None or not parts[0].revealing or self.leaving:
            return False
        parts[0].finish_reveal()
        self._settle()
        return True

    # -- moves

    async def take(self, option_id: str) -> None:
        """Take the choice with this id (or, at an ending, play again / go to the title)."""
        if option_id == AGAIN:
            self.app.call_later(self.face_app.action_new_game)
            return
        if option_id == TITLE:
            self.app.call_later(self.face_app.action_to_title)
            return
        try:
            outcome = self.session.choose(option_id)
        except ActionError as err:
            self.notify(err.say(_), title=_("Not now"), severity="warning")
            return
        await self.redraw(outcome)

    async def change_face(self, face: str) -> None:
        """Change the hero's face, if the engine allows it here."""
        try:
            outcome = self.session.change_face(face)
        except ActionError as err:
            self.notify(err.say(_), title=_("Not now"), severity="warning")
            return
        await self.redraw(outcome)

    @on(OptionList.OptionSelected, "#choices")
    async def choice_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None and not self.leaving and not self.settling:
            await self.take(event.option.id)  # not a late Enter of a burst, nor a hasty one

    async def action_choose(self, number: int) -> None:
        """Take the choice shown under this number."""
        parts = self._parts()
        if parts is None or self.leaving or self.settling:
            return
        choices = parts[1]
        if self.view.is_ending and number <= choices.option_count:  # its ways out, as listed
            option_id = choices.get_option_at_index(number - 1).id
            if option_id is not None:
                await self.take(option_id)
            return
        choice = self.view.choice_by_number(number)
        if choice is None:
            self.notify(_("There is no choice {number}.").format(number=number),
                        severity="warning")
            return
        if not choice.enabled:
            why = choice.reason.text if choice.reason else _("That is not possible now.")
            self.notify(why, title=_("Not now"), severity="warning")
            return
        await self.take(choice.id)

    async def action_toggle_mask(self) -> None:
        """Put the mask on, or take it off (to the face the story's ``mask`` prefers)."""
        if self.view.is_ending:
            return
        target = self.session.mask_toggle()
        if not isinstance(target, Refused):
            await self.change_face(target)
        elif target.why == "no mask":
            self.notify(target.text)
        else:
            self.notify(target.text, title=_("Not now") if target.why == "not now" else "",
                        severity="warning")

    def action_pick_face(self) -> None:
        """Open the face picker."""
        from game.tui.screens.dialogs import FacePicker

        if self.view.is_ending:
            return

        async def picked(face: str | None) -> None:
            if face and not self.gone:  # not a game the player has left since
                await self.change_face(face)

        self.app.push_screen(FacePicker(self.view), picked)

    async def action_undo(self) -> None:
        """Take back the last move."""
        if self.session.undo() is None:
            self.notify(_("There is nothing to take back."))
            return
        await self.redraw()
        self.notify(_("You take it back."))

    async def action_redo(self) -> None:
        """Take again the last move taken back."""
        if self.leaving:
            return
        try:
            outcome = self.session.redo()
        except ActionError as err:
            self.notify(err.say(_), title=_("Not now"), severity="warning")
            return
        if outcome is None:
            self.notify(_("There is nothing to redo."))
            return
        await self.redraw(outcome)
        self.notify(_("You take it again."))

    def action_history(self) -> None:
        from game.tui.screens.pages import HistoryScreen

        state = self.session.state

        async def closed(_result: None) -> None:
            if self.session.state is not state and not self.gone:  # went back from there
                await self.redraw()

        self.app.push_screen(HistoryScreen(self.session), closed)

    def action_journal(self) -> None:
        from game.tui.screens.pages import JournalScreen

        self.app.push_screen(JournalScreen(self.session))

    def action_reveal(self) -> None:
        self.close_act_card()
        parts = self._parts()
        if parts is not None:
            parts[0].finish_reveal()

    def action_scroll_story(self, direction: int) -> None:
        parts = self._parts()
        if parts is None:
            return
        scene = parts[0]
        if direction < 0:
            scene.scroll_page_up()
        else:
            scene.scroll_page_down()
