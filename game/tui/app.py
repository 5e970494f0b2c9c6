"""The Textual app and :func:`make_app`, the one factory used by the command line and the tests.

The app is a thin shell: the session layer holds the game (see :mod:`game.session`); the app
holds the story, the profile (endings seen, choices taken, settings) and the current session,
and moves between screens.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette, Provider
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from game.i18n import N_, _, choose_language, ngettext, pgettext, set_language
from game.paths import default_saves_dir, default_story_dir
from game.tui.loading import Loaded, load, peek_settings
from game.tui.screens.base import LocalizedBindings
from game.tui.themes import REVEAL_SPEED, THEMES
from game.tui.words import SEARCH_COMMANDS

if TYPE_CHECKING:
    from game.engine import Action
    from game.profile import Profile
    from game.saves.store import SaveStore
    from game.session import Session
    from game.session.watch import Edit, StoryWatcher
    from game.story.problems import Problem
    from game.story.runtime import Story

# The heavy modules (pydantic, the story compiler, the engine, the session layer) are imported
# where they are used, never here: the title screen's first frame is drawn without them
# (game.tui.loading reads them after it; tests/tui/test_startup.py keeps it so).

Start = Literal["title", "play"]


def _strip_controls_everywhere() -> None:
    """Have Textual drop every control character from whatever it draws, as a net under the
    widgets that clean story text (:func:`game.text.clean`) themselves.

    Textual's ``Content`` strips only a few (BEL, BS, VT, FF, CR): an ESC in a story's text,
    a save's summary or an error message would reach the terminal. Its table is extended in
    place (tests/hostile/test_tui_text.py checks that this still works)."""
    import textual.content

    table = textual.content._CONTROL_STRIP_TRANSLATE
    controls = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000)]
    table.update(dict.fromkeys(controls))


_strip_controls_everywhere()


def _game_commands() -> type[Provider]:
    """The game's commands for the palette (imported when the palette first opens)."""
    from game.tui.commands import GameCommands

    return GameCommands


def _on_slot(action: Callable[[str | None], bool]) -> Callable[[str | None], None]:
    """``action`` as a slot screen's callback, which Textual wants to return None."""
    def callback(slot: str | None) -> None:
        action(slot)
    return callback


WATCH_SECONDS = 0.5
"""How often ``play --watch`` looks at the story's files."""
SETTLE_SECONDS = 0.4
"""How long number keys and Enter on the choices do nothing after the choices change (or the
rest of a text is shown at once): a key typed for the list before must not take a choice of
the new one."""


def one_stop(text: str) -> str:
    """``text`` with one full stop at its end where a message's own stop follows a name that
    ends with one (a scene called "K.'s office" in some languages ends "K.")."""
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


class FaceApp(App[None]):
    """Face of Another in the terminal (or, through textual-serve, in a browser)."""

    CSS_PATH = "app.tcss"
    TITLE = "Face of Another"
    COMMANDS = App.COMMANDS | {_game_commands}
    BINDINGS = [
        # TRANSLATORS: "Quit" and "Help" are footer labels on every screen: keep them short.
        Binding("ctrl+q", "request_quit", N_("Quit"), id="app.quit", priority=True,
                tooltip=N_("Leave the game (asks first if progress is unsaved)")),
        Binding("question_mark", "help", N_("Help"), id="app.help",
                tooltip=N_("How to play, and every key")),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    class StoryLoaded(Message):
        """The story folder was read again (``play --watch``), in a worker thread."""

        def __init__(self, edit: Edit) -> None:
            super().__init__()
            self.edit = edit
            """The edited story (None if it did not load) and what the loader found."""

    class StoryReady(Message):
        """The story, the profile and the saves folder were read after the first frame."""

        def __init__(self, loaded: Loaded) -> None:
            super().__init__()
            self.loaded = loaded

    class StoryFailed(Message):
        """Reading the story after the first frame failed: the app ends (see
        :attr:`FaceApp.load_error`)."""

        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    story: Story
    """The loaded story: the engine's input. With ``watch``, replaced (never changed) by each
    edit of its files that loads cleanly. Set once :attr:`ready`."""
    profile: Profile
    """Endings seen, choices taken and settings, kept in the saves folder. Set once
    :attr:`ready`."""
    saves: SaveStore
    """The saves folder (the profile's folder): slots 1-9, quicksave, autosaves. Set once
    :attr:`ready`."""

    def __init__(self, loaded: Loaded | Callable[[], Loaded], language: str, seed: int = 0,
                 start: Start = "title", highlight_seconds: float = 2.0, watch: bool = False,
                 tracebacks: bool = False, opening: Sequence[Action] = (),
                 theme: str = "dark", settle_seconds: float | None = None) -> None:
        """``loaded`` is what the app plays, or what reads it after the first frame (then
        the title is drawn in ``theme`` before the profile is read)."""
        super().__init__()
        self.settle_seconds = SETTLE_SECONDS if settle_seconds is None else settle_seconds
        """How long choosing waits after the choices change (see :data:`SETTLE_SECONDS`)."""
        self.opening: tuple[Action, ...] = tuple(opening)
        """The moves the first new game starts with (``play --at``); later games start at
        the beginning."""
        self.tracebacks = tracebacks
        """On an unexpected error, print Textual's traceback at exit (``--debug``); else
        print nothing and leave the error in :attr:`crash` for the command line's one line."""
        self.crash: Exception | None = None
        """The first unexpected error, which ended the app (its exit code is then 1)."""
        self.load_error: Exception | None = None
        """Why the story could not be read after the first frame (the app then ended with
        exit code 1; the command line reports it)."""
        self.language = language
        """The language of the interface and the story (the settings can change it)."""
        self.ready = False
        """Whether the story, the profile and the saves folder are read."""
        self._loader: Callable[[], Loaded] | None = None
        self._pending: str | None = None
        self.story_problems: list[Problem] = []
        """With ``watch``: the errors of the last edit that did not load (none: all is well)."""
        self._watch_files = watch
        self.watcher: StoryWatcher | None = None
        """With ``watch``: notices when the story's files change (None: not watching)."""
        self._watch_timer: Timer | None = None
        self.timezone: tzinfo | None = None
        """The time zone save dates are shown in (None: the player's own; tests fix it)."""
        self.seed = seed
        """The seed for the story's chances in every new game."""
        self.session: Session | None = None
        """The playthrough in progress, if any."""
        self.start = start
        """The first screen: the title, or straight into a new game."""
        self.highlight_seconds = highlight_seconds
        """How long a changed reaction stays highlighted (0: not at all)."""
        self.act_card_seconds = 3.0
        """How long the card that opens an act stays (0: no card)."""
        for each in THEMES.values():
            self.register_theme(each)
        if isinstance(loaded, Loaded):
            self._take(loaded)
            self._initial_theme(loaded.profile.settings.theme)
            self.apply_settings()
        else:
            self._loader = loaded
            self.title = ""
            set_language(language)
            self._initial_theme(theme if theme in THEMES else "dark")

    def _take(self, loaded: Loaded) -> None:
        from game.session import facts
        from game.session.watch import StoryWatcher

        self.story, self.profile, self.saves = loaded.story, loaded.profile, loaded.saves
        self.title = facts.title(self.story)
        if self._watch_files:
            self.watcher = StoryWatcher(facts.root(self.story))
        self.ready = True

    # -- setup

    _themed = False

    def get_css_variables(self) -> dict[str, str]:
        # Textual's __init__ asks for its default theme's variables, which _initial_theme
        # then replaces by the player's: they are made once, not twice, at start-up.
        return super().get_css_variables() if self._themed else {}

    def _initial_theme(self, name: str) -> None:
        # Set the theme before the first stylesheet is built, without the watcher (which
        # would parse every style sheet a second time at start-up).
        theme = THEMES[name]
        self._themed = True
        self.set_reactive(App.theme, theme.name)
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)
        self.add_class(f"-theme-{theme.name}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_default_screen(self) -> Screen[Any]:
        from game.tui.screens.title import TitleScreen

        return TitleScreen()

    def on_mount(self) -> None:
        self.watch(self, "app_focus", self._refocus, init=False)
        if self.start == "play":
            self._pending = "new_game"
        if self.ready:
            self._settle()
        else:  # the title's first frame, then the rest (after the callbacks of that frame)
            self.call_after_refresh(self.call_after_refresh, self._load)

    @work(thread=True, exclusive=True, group="load-story", exit_on_error=False)
    def _load(self) -> None:
        """Read the story, the profile and the saves folder off the UI thread."""
        assert self._loader is not None
        try:
            loaded = self._loader()
        except Exception as err:  # reported by the command line, after the app ends
            self.post_message(self.StoryFailed(err))
        else:
            self.post_message(self.StoryReady(loaded))

    @on(StoryReady)
    async def _story_ready(self, message: StoryReady) -> None:
        from game.tui.screens.title import TitleScreen

        self._take(message.loaded)
        self.apply_settings()
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                await screen.story_ready()
        self._settle()

    @on(StoryFailed)
    def _story_failed(self, message: StoryFailed) -> None:
        self.load_error = message.error
        self.exit(return_code=1)

    def _settle(self) -> None:
        """With the story ready: tell a damaged profile, start watching, run what the
        player asked for while it loaded."""
        if self.profile.error:
            self.notify(self.profile.error, title=_("Profile not loaded"), severity="warning",
                        timeout=10)
        if self.watcher is not None:
            self._watch_timer = self.set_interval(WATCH_SECONDS, self.check_story_files,
                                                  name="watch-story")
        pending, self._pending = self._pending, None
        if pending == "new_game":
            self._start_game()
        elif pending is not None:
            self.call_later(self.run_action, f"app.{pending}")

    def when_ready(self, action: str) -> bool:
        """Whether the story is ready; if not, the app ``action`` (the last one asked) runs
        once it is."""
        if not self.ready:
            self._pending = action
        return self.ready

    def _refocus(self, focused: bool) -> None:
        # In a browser the app may start unfocused, and then no screen gets its AUTO_FOCUS:
        # when focus arrives and nothing holds it, give it to the screen's own choice.
        screen = self.screen
        if not focused or screen.focused is not None or not screen.AUTO_FOCUS:
            return
        for widget in screen.query(screen.AUTO_FOCUS):
            if widget.focusable:
                screen.set_focus(widget)
                break

    def apply_settings(self) -> None:
        """Apply the profile's settings: theme and key remaps (text reveal is read per scene)."""
        settings = self.profile.settings
        name = THEMES[settings.theme].name
        if self.theme != name:
            self.theme = name
        if settings.keys:
            self.set_keymap(settings.keys)

    async def switch_language(self, code: str) -> None:
        """Play on in language ``code``: the interface and the story change, the game in
        progress, its saves and its history stay where they are; every screen is redrawn."""
        from game.session import facts
        from game.session.language import in_language

        if code == self.language:
            return
        self.language = code
        if not self.ready:  # the story is read in the new language when it comes
            set_language(code)
        elif self.session is not None:
            self.session.switch_language(code)
            self.story = self.session.story
        else:
            self.story = in_language(self.story, code)
        if self.ready:
            self.title = facts.title(self.story)
        for screen in self.screen_stack:
            if isinstance(screen, LocalizedBindings):
                await screen.relanguage()
        self.refresh_bindings()

    @property
    def reveal_cps(self) -> int:
        """Characters per second for story text (0: instant)."""
        return REVEAL_SPEED[self.profile.settings.reveal]

    def save_profile(self) -> None:
        """Write the profile, reporting (never raising) a failure."""
        error = self.profile.save()
        if error:
            self.notify(error, title=_("Profile not saved"), severity="warning")

    # -- unexpected errors

    async def on_event(self, event: events.Event) -> None:
        # Keys of a burst can still be queued when the app closes: with no screen left to
        # take them, Textual would raise. They are dropped.
        if isinstance(event, events.InputEvent) and not self._screen_stacks.get(
                self.current_mode):
            return
        # While text is being typed out, the first key only shows the rest of it.
        if isinstance(event, events.Key) and not event.is_forwarded and self._finish_typing():
            return
        await super().on_event(event)

    def _finish_typing(self) -> bool:
        """Show at once the rest of the text the play screen is typing out; whether it was."""
        from game.tui.screens.play import PlayScreen

        screen = self.screen
        return isinstance(screen, PlayScreen) and screen.finish_typing()

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app with exit code 1, after the game in progress is
        autosaved. Textual's traceback is printed at exit only with :attr:`tracebacks`.

        (This overrides Textual's private hook: the one place every error of a handler, a
        widget or a worker that ends the app goes through.)"""
        from game.crash import rescue

        if self.crash is None:
            self.crash = error
            rescue(error, self.session.game if self.session is not None else None)
        if self.tracebacks:
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:  # as Textual does: run_test re-raises it at its end
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    # -- play --watch

    def check_story_files(self) -> bool:
        """With ``watch``: if a story file changed, read the story again (in a worker); returns
        whether a reload began. The timer calls this every :data:`WATCH_SECONDS`."""
        from game.session import facts

        if self.watcher is None:
            return False
        changed = self.watcher.changed()
        if changed:
            self._read_story(self.watcher.root, facts.language(self.story))
        return changed

    @work(thread=True, exclusive=True, group="watch-story", exit_on_error=False)
    def _read_story(self, root: Path, language: str = "en") -> None:
        """Read the story folder (in ``language``) off the UI thread; post the result back."""
        from game.session.watch import read_edit

        edit = read_edit(root, language)
        if not get_current_worker().is_cancelled:  # a newer edit is being read
            self.post_message(self.StoryLoaded(edit))

    @on(StoryLoaded)
    async def _story_loaded(self, message: StoryLoaded) -> None:
        """Play on with the edited story (replaying the moves), or show why it did not load."""
        from game.session import facts
        from game.tui.screens.play import PlayScreen

        errors = message.edit.errors
        story = message.edit.playable
        changed = False
        if story is None:
            self.story_problems = errors or message.edit.problems
            count = len(self.story_problems)
            if not isinstance(self.screen, PlayScreen):  # there, the errors panel tells it
                self.notify(ngettext("The story changed, but it has {n} error; playing on with "
                                     "the last good version.",
                                     "The story changed, but it has {n} errors; playing on "
                                     "with the last good version.", count).format(n=count),
                            title=_("Story not reloaded"), severity="error", markup=False)
        elif self.session is None:
            self.story_problems = []
            self.story, self.title = story, facts.title(story)
            self.notify(_("Story reloaded."))
        else:
            self.story_problems = []
            try:
                result = self.session.reload(story)
            except Exception as err:  # the session is left as it was, on the old story
                # TRANSLATORS: {error} is a programmer's description of what went wrong.
                failed = _("The edited story could not replay your moves: {error}")
                self.notify(failed.format(error=repr(err)), title=_("Story not reloaded"),
                            severity="error", markup=False)
            else:
                changed = True
                self.story, self.title = story, facts.title(story)
                note = ngettext("Story reloaded: replayed {replayed} of {total} move.",
                                "Story reloaded: replayed {replayed} of {total} moves.",
                                result.total).format(replayed=result.replayed,
                                                     total=result.total)
                if result.stopped:
                    # TRANSLATORS: {reason} is why the replay of the moves stopped; shown on
                    # the line after "Story reloaded: ...".
                    note += "\n" + _("Stopped: {reason}").format(reason=result.stopped)
                self.notify(note, severity="warning" if result.stopped else "information",
                            markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, PlayScreen):
                await screen.story_reloaded(self.story_problems, changed)

    # -- actions

    def action_new_game(self) -> None:
        """Start a new playthrough (asking first if one in progress would be lost)."""
        from game.tui.screens.dialogs import ConfirmRestart

        if not self.when_ready("new_game"):
            return
        if self.session is not None and self.session.unsaved:
            def restart(confirmed: bool | None) -> None:
                if confirmed:
                    self._start_game()

            self.push_screen(ConfirmRestart(), restart)
        else:
            self._start_game()

    def _start_game(self) -> None:
        from game.session import Session

        opening, self.opening = self.opening, ()
        if opening:
            self._play(Session(self.story, self.profile, self.seed, self.saves,
                               opening=opening))
        else:
            self._play(self._new_session())

    def _new_session(self) -> Session:
        from game.session import Session

        return Session(self.story, self.profile, self.seed, self.saves)

    def _play(self, session: Session) -> None:
        """Put ``session`` on screen, over the title."""
        from game.tui.screens.play import PlayScreen

        self.action_to_title()
        self.session = session
        self.push_screen(PlayScreen(session))

    def action_to_title(self) -> None:
        """Leave the playthrough and go back to the title screen."""
        self.session = None
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # -- saves

    def has_saves(self) -> bool:
        """Whether the saves folder holds any save file (readable or not)."""
        from game.saves.store import SLOTS

        return any(self.saves.exists(slot) for slot in SLOTS)

    def save_to(self, slot: str | None, name: str | None = None) -> bool:
        """Save the game in progress to ``slot`` (named ``name``, if given); reports the
        result, never raises."""
        from game.saves.store import SaveError
        from game.text import sentence

        if slot is None:
            return False
        if self.session is None:
            self.notify(_("There is no game in progress to save."), severity="warning")
            return False
        try:
            info = self.session.save(slot, name)
        except SaveError as err:
            self.notify(sentence(err), title=_("Not saved"), severity="error", timeout=10)
            return False
        # TRANSLATORS: {slot} is a slot's name: "slot 3", "quicksave" or "autosave 1".
        self.notify(one_stop(_("Saved to {slot}.").format(slot=info.label)))
        return True

    def load_slot(self, slot: str | None) -> bool:
        """Load ``slot`` into a new session and play it; reports the result, never raises.

        The game on screen is left as it was if the save cannot be loaded. Warnings about
        story changes since the save are shown after the load.
        """
        from game.saves.store import SaveError, label
        from game.text import sentence

        if slot is None:
            return False
        session = self._new_session()
        try:
            warnings = session.load(slot)
        except SaveError as err:
            self.notify(sentence(err), title=_("Not loaded"), severity="error", timeout=10)
            return False
        self._play(session)
        # TRANSLATORS: {slot} is a slot's name ("slot 3", "quicksave", "autosave 1"), {scene}
        # the title of the scene the save was made in.
        self.notify(one_stop(_("Loaded {slot}: {scene}.").format(
            slot=label(slot), scene=session.view.title.text)))
        if warnings:
            # TRANSLATORS: the title over notes shown after a load: what changed in the story
            # since the save, or what in the file had to be mended.
            self.notify("\n".join(f"• {sentence(w)}" for w in warnings),
                        title=_("Notes on this save"), severity="warning",
                        timeout=20)
        return True

    def action_save(self) -> None:
        """Open the save screen (slots 1 to 9, and a name for the save)."""
        from game.session import facts
        from game.tui.screens.saves import SaveScreen

        if self.session is None:
            self.notify(_("There is no game in progress to save."), severity="warning")
            return
        screen = SaveScreen(self.saves, facts.story_id(self.story), self.timezone,
                            name=self.session.view.title.text)

        def save(slot: str | None) -> None:
            self.save_to(slot, screen.save_name)

        self.push_screen(screen, save)

    def action_load(self) -> None:
        """Open the load screen (every slot with a file)."""
        from game.session import facts
        from game.tui.screens.saves import LoadScreen

        if not self.when_ready("load"):
            return
        if not self.has_saves():
            self.notify(_("There are no saves yet."))
            return
        ask = self.session is not None and self.session.unsaved
        self.push_screen(LoadScreen(self.saves, facts.story_id(self.story), self.timezone,
                                    ask_first=ask), _on_slot(self.load_slot))

    def action_quicksave(self) -> None:
        """Save to the quicksave, without a dialog."""
        from game.saves.store import QUICK

        self.save_to(QUICK)

    def action_quickload(self) -> None:
        """Load the quicksave (asking first, as the load screen does, if the game on screen
        has unsaved progress)."""
        from game.saves.store import QUICK
        from game.tui.screens.dialogs import ConfirmLoad

        if not self.when_ready("quickload"):
            return
        if not self.saves.exists(QUICK):
            self.notify(_("There is no quicksave yet."))
            return
        if self.session is not None and self.session.unsaved:
            def load(confirmed: bool | None) -> None:
                if confirmed:
                    self.load_slot(QUICK)

            self.push_screen(ConfirmLoad(QUICK), load)
            return
        self.load_slot(QUICK)

    def action_continue(self) -> None:
        """Load the most recent readable save of this story."""
        from game.session.session import newest_slot

        if not self.when_ready("continue"):
            return
        newest = newest_slot(self.saves, self.story)
        if newest is None:
            self.notify(_("There is no save to continue from."))
            return
        self.load_slot(newest)

    # -- pages

    def action_endings(self) -> None:
        """Show the endings seen across playthroughs."""
        from game.tui.screens.pages import EndingsScreen

        if not self.when_ready("endings"):
            return
        self.push_screen(EndingsScreen())

    def action_settings(self, setting: str = "") -> None:
        """Open the settings (on ``setting``'s line: ``theme``, ``language``)."""
        from game.tui.screens.settings import SettingsScreen

        if not self.when_ready("settings"):
            return
        self.push_screen(SettingsScreen(setting))

    def action_help(self) -> None:
        """Show how to play and the keys of the current screen."""
        from game.tui.screens.pages import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_request_quit(self) -> None:
        """Quit, asking first if the playthrough has progress that would be lost (and
        offering to quicksave it)."""
        from game.tui.screens.dialogs import ConfirmQuit

        if isinstance(self.screen, ConfirmQuit):
            return
        self._leave_game(ConfirmQuit(), self.exit)

    def action_request_title(self) -> None:
        """Leave the game for the title screen, asking first as quitting does."""
        from game.tui.screens.dialogs import ConfirmTitle

        if self.session is None or isinstance(self.screen, ConfirmTitle):
            return
        self._leave_game(ConfirmTitle(), self.action_to_title)

    def _leave_game(self, ask: Screen[str], leave: Callable[[], object]) -> None:
        """``leave`` at once if nothing would be lost; else ask with ``ask``, which may
        answer "leave", "save" (quicksave first; a failed save stays) or "stay"."""
        from game.saves.store import QUICK

        if self.session is None or not self.session.unsaved:
            leave()
            return

        def answered(answer: str | None) -> None:
            if answer == "leave" or (answer == "save" and self.save_to(QUICK)):
                leave()

        self.push_screen(ask, answered)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Show a notification, never parsed as markup: the game's messages quote story text,
        save files and errors, where ``[brackets]`` are words (and a stray ``[/x]`` would end
        the app). Widgets and screens notify through here too."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer and the help show it; a key's name that is a word and not
        printed on the key itself (the space bar) is in the player's language."""
        shown = super().get_key_display(binding)
        # TRANSLATORS: the space bar, as the help lists the keys ("space  Skip").
        return pgettext("key", "space") if shown == "space" else shown

    def action_help_quit(self) -> None:
        key = self.get_key_display(self.BINDINGS[0])  # type: ignore[arg-type]
        # TRANSLATORS: {key} is the key that quits, as the footer shows it ("^q").
        self.notify(_("Press {key} to quit.").format(key=key), title=_("Leaving?"))

    def action_command_palette(self) -> None:
        """Open the command palette, its prompt in the player's language.

        Unlike Textual's, it has no id: a burst of keys can open a palette while the last one
        is still being taken down, and two screens with one id would end the app."""
        # is_open wants an App[object], which no app with a result type is (App is
        # invariant); it only looks at the current screen.
        from game.tui.commands import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(placeholder=_(SEARCH_COMMANDS)))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Our own commands quit (asking first) and change the theme (saving it); the
        # built-in ones for those would bypass both. A screenshot would go to a folder a
        # player may not have (or, in a browser, to the server's disk), and a maximized
        # pane hides the story behind it: only the keys panel is left. Textual's English
        # for it is marked in game.tui.words.
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                yield SystemCommand(_(command.title), _(command.help), command.callback,
                                    command.discover)


def make_app(story_dir: str | Path | None = None, saves_dir: str | Path | None = None,
             seed: int = 0, *, story: Story | None = None, start: Start = "title",
             highlight_seconds: float = 2.0, watch: bool = False,
             language: str | None = None, debug: bool = False,
             opening: Sequence[Action] = (),
             read_story: Callable[[], Story] | None = None,
             settle_seconds: float | None = None) -> FaceApp:
    """Build the app: load the story (raises StoryError if it is broken) and the profile.

    With ``read_story``, the app starts at once on the title screen, with no story: after
    its first frame a worker calls ``read_story`` and reads the profile, while New game
    waits (if ``read_story`` raises, the app ends with exit code 1 and the error in
    :attr:`FaceApp.load_error`). With ``watch``, the story is read again whenever its files
    change, and the game in progress replayed on it (``play --watch``). With ``debug``, an
    unexpected error's traceback is printed at exit (``--debug``). With ``opening``, the
    first new game starts where those moves lead (``play --at``). ``settle_seconds``: how
    long choosing waits after the choices change (default :data:`SETTLE_SECONDS`; tests that
    type fast set 0).
    """
    folder = Path(saves_dir or default_saves_dir())
    peek = peek_settings(folder)
    language = language or choose_language(peek.language, dict(os.environ))
    loaded: Loaded | Callable[[], Loaded]
    if read_story is not None:
        reader = read_story
        loaded = lambda: load(reader, folder, language)  # noqa: E731 - read in a worker
    else:
        if story is None:
            from game.story.loader import load_story

            story = load_story(story_dir or default_story_dir())
        given = story
        loaded = load(lambda: given, folder, language)
    return FaceApp(loaded, language, seed=seed, start=start, highlight_seconds=highlight_seconds,
                   watch=watch, tracebacks=debug, opening=opening, theme=peek.theme or "dark",
                   settle_seconds=settle_seconds)
