"""Pages shown over the game: history, journal, endings and help. Escape closes each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import N_, _, ngettext
from game.session import Entry, Session
from game.session.endings import Ending, Endings, endings
from game.text import roman
from game.tui.screens.base import DismissOnce, LocalizedBindings
from game.tui.widgets.options import Options

if TYPE_CHECKING:
    from game.tui.app import FaceApp

Part = str | tuple[str, str]


class Page(DismissOnce, LocalizedBindings, ModalScreen[None]):
    """A scrolling page in a frame over the screen below."""

    AUTO_FOCUS = "#page-body"
    BINDINGS = [
        Binding("escape", "close", N_("Back"), id="page.close", tooltip=N_("Close this page")),
    ]
    TITLE_TEXT = ""
    """The page's title, in English (marked with ``N_``): shown translated."""
    SCROLL_TO_END = False

    def body(self) -> Content:
        """The page's text."""
        return Content("")

    def compose(self) -> ComposeResult:
        with Vertical(id="page", classes="page") as frame:
            frame.border_title = _(self.TITLE_TEXT)
            with VerticalScroll(id="page-body"):
                yield Static(self.body(), id="page-text", markup=False)
        yield Footer(compact=True)

    async def relanguage(self) -> None:
        """The page in the current language, rewritten in place (it may be behind the
        settings dialog)."""
        self.query_one("#page", Vertical).border_title = _(self.TITLE_TEXT)
        self.query_one("#page-text", Static).update(self.body())

    def on_mount(self) -> None:
        if self.SCROLL_TO_END:
            for body in self.query("#page-body").results(VerticalScroll):
                self.call_after_refresh(body.scroll_end, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


class HistoryScreen(Page):
    """Everything read so far in this playthrough, oldest first, scrolled to the latest."""

    BINDINGS = [Binding("h", "close", N_("Back"), id="history.close", show=False,
                        tooltip=N_("Close the history")),
                Binding("b", "go_back", N_("Go back"), id="history.back",
                        tooltip=N_("Go back to before one of your moves"))]
    TITLE_TEXT = N_("History")
    SCROLL_TO_END = True

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    @property
    def entries(self) -> list[Entry]:
        """What the page lists: the session's history as it is now."""
        return self.session.history

    def action_go_back(self) -> None:
        """Pick a move to go back to, confirm, and go back there (closing the page)."""
        from game.tui.screens.moves import ConfirmBack, MovePicker, path_moves

        moves = path_moves(self.entries)
        if not moves:
            self.notify(_("There is nothing to take back."))
            return

        def picked(entry: Entry | None) -> None:
            if entry is None or entry.at is None or self.gone:
                return
            steps = self.session.state.moved - entry.at
            self.app.push_screen(ConfirmBack(entry.text, steps),
                                 lambda yes: confirmed(entry, yes))

        def confirmed(entry: Entry, yes: bool | None) -> None:
            if yes and not self.gone and self.session.back_to(entry) is not None:
                self.notify(_("You take it back."))
                self.dismiss(None)

        self.app.push_screen(MovePicker(moves), picked)

    def body(self) -> Content:
        parts: list[Part] = []
        for entry in self.entries:
            if parts:
                parts.append("\n\n")
            if entry.kind == "title":
                parts.append((f"— {entry.text} —", "bold $primary"))
            elif entry.kind == "move":
                parts.append((entry.text, "bold $foreground"))
            elif entry.kind == "event":
                parts.append((entry.text, "italic $secondary"))
            elif entry.kind == "person":
                if entry.who:
                    parts.extend([(entry.who, "bold $accent"), "\n"])
                parts.append(entry.text)
            elif entry.kind == "ending":
                # TRANSLATORS: the banner of an ending; {ending} is the ending's title.
                parts.append((_("THE END · {ending}").format(ending=entry.text), "bold $accent"))
            elif entry.kind == "note":
                parts.append((entry.text, "dim italic"))
            else:
                parts.append(entry.text)
        return Content.assemble(*parts)


class JournalScreen(Page):
    """The playthrough retold in the hero's voice."""

    BINDINGS = [Binding("j", "close", N_("Back"), id="journal.close", show=False,
                        tooltip=N_("Close the journal"))]
    TITLE_TEXT = N_("Journal")
    SCROLL_TO_END = True

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def body(self) -> Content:
        parts: list[Part] = []
        for line in self.session.journal():
            if line.kind == "scene":
                parts.extend(["\n\n" if parts else "", (line.text, "bold $primary")])
            elif line.kind == "ending":
                parts.extend(["\n\n", (line.text, "bold $accent")])
            else:
                parts.extend(["\n", ("· ", "dim"), line.text])
        return Content.assemble(*parts)


class EndingsScreen(Page):
    """The endings reached across every playthrough, and a hint for each one still to find;
    select a found ending to read it again."""

    DEFAULT_CSS = """
    #endings-count { padding: 1 1 0 1; text-style: bold; }
    #endings-list { height: 1fr; border: none; background: $surface; }
    #endings-hint { padding: 0 1 1 1; color: $foreground-muted; text-style: italic; }
    """
    AUTO_FOCUS = "#endings-list"
    TITLE_TEXT = N_("Endings")

    def reached(self) -> Endings:
        """The endings as the profile has them now."""
        app: FaceApp = self.app  # type: ignore[assignment]
        return endings(app.profile, app.story)

    def compose(self) -> ComposeResult:
        count, options, hint = self.texts()
        with Vertical(id="page", classes="page") as frame:
            frame.border_title = _(self.TITLE_TEXT)
            yield Static(count, id="endings-count", markup=False)
            yield Options(*options, id="endings-list", markup=False)
            yield Static(hint, id="endings-hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        pass  # nothing to scroll

    async def relanguage(self) -> None:
        """The count, the list and the hint in the current language."""
        self.query_one("#page", Vertical).border_title = _(self.TITLE_TEXT)
        count, new, hint = self.texts()
        self.query_one("#endings-count", Static).update(count)
        options = self.query_one("#endings-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(new)
        options.highlighted = highlighted
        self.query_one("#endings-hint", Static).update(hint)

    def texts(self) -> tuple[str, list[Option], str]:
        """The count, the list's options and the hint under it, in the current language."""
        reached = self.reached()
        total = reached.total
        count = ngettext("{found} of {total} ending found", "{found} of {total} endings found",
                         total).format(found=len(reached.found), total=total)
        options = [self._option(n, ending) for n, ending in enumerate(reached.every)]
        hint = _("Select an ending to read it again.") if reached.found \
            else _("Play to an end to see it here.")
        return count, options, hint

    @staticmethod
    def _option(n: int, ending: Ending) -> Option:
        if ending.found:
            return Option(Content.assemble(("✓ ", "$success"), ending.title), id=str(n))
        # TRANSLATORS: stands in the list of endings for each one not reached yet.
        missing = "· · ·   " + _("not yet found")
        if ending.act:
            # TRANSLATORS: the hint after an ending not found yet: the act it is reached in;
            # {number} is in Roman numerals.
            missing += "   " + _("(Act {number})").format(number=roman(ending.act))
        return Option(Content(missing), id=str(n), disabled=True)

    @on(OptionList.OptionSelected, "#endings-list")
    def read_again(self, event: OptionList.OptionSelected) -> None:
        every = self.reached().every
        n = int(event.option.id or 0)
        if n < len(every) and every[n].found:
            self.app.push_screen(EndingPage(every[n]))


class EndingPage(Page):
    """An ending found before, to read again: its title and what was read there."""

    BINDINGS = [Binding("enter", "close", N_("Back"), id="ending.close", show=False,
                        tooltip=N_("Close this ending"))]
    TITLE_TEXT = N_("Ending")

    def __init__(self, ending: Ending) -> None:
        super().__init__()
        self.ending = ending

    def body(self) -> Content:
        # TRANSLATORS: the banner of an ending; {ending} is the ending's title.
        parts: list[Part] = [(_("THE END · {ending}").format(ending=self.ending.title),
                              "bold $accent")]
        for paragraph in self.ending.page:
            parts.extend(["\n\n", paragraph])
        if not self.ending.page:
            parts.extend(["\n\n", (_("Its text was not kept: reach this ending again to read "
                                      "it here."), "dim italic")])
        return Content.assemble(*parts)

    async def relanguage(self) -> None:
        """The ending in the current language (its title and text looked up again)."""
        app: FaceApp = self.app  # type: ignore[assignment]
        again = next((e for e in endings(app.profile, app.story).every
                      if e.key == self.ending.key), None)
        if again is not None:
            self.ending = again
        await super().relanguage()


HOW_TO_PLAY = (
    N_("You are a man whose face was burnt away. Read the scene, then choose what he does: "
       "press a choice's number, or move with the arrows and press Enter. Greyed choices are "
       "not possible yet; they say why. A ✓ marks a choice you have taken before, in this or "
       "an earlier playthrough."),
    N_("Your face is what everyone reacts to. Put the mask on or take it off, or pick another "
       "face, wherever the scene allows it: the people present react at once."),
    N_("The history keeps everything you have read; the journal retells your path in your own "
       "words. Ctrl+P opens the command palette, which lists every action."),
    N_("Save and load whenever you like (the keys are below). The game also saves by itself at "
       "each new scene, keeping the last three, and Continue on the title screen picks up the "
       "latest save."),
)
"""How to play, a paragraph each (in English: translate each to show it)."""


def how_to_play() -> str:
    """How to play, in the player's language."""
    return "\n\n".join(_(paragraph) for paragraph in HOW_TO_PLAY)


class HelpScreen(Page):
    """How to play, and the keys of the screen it was opened from."""

    BINDINGS = [Binding("question_mark", "close", N_("Back"), id="help.close", show=False,
                        tooltip=N_("Close the help"))]
    TITLE_TEXT = N_("Help")

    def __init__(self, below: Screen[object]) -> None:
        """``below``: the screen whose keys the page lists."""
        super().__init__()
        self.below = below

    @property
    def bindings(self) -> list[tuple[str, Binding]]:
        """(key as shown, binding) of the screen below, described in the current language."""
        return [(self.app.get_key_display(b.binding), b.binding)
                for b in self.below.active_bindings.values() if not b.binding.system]

    def body(self) -> Content:
        # TRANSLATORS: the heading of the list of keys on the help page.
        parts: list[Part] = [how_to_play(), "\n\n", (_("Keys"), "bold $primary")]
        seen: set[str] = set()
        numbers = [key for key, b in self.bindings if (b.id or "").startswith("game.choose-")]
        if numbers:
            parts.extend(["\n", (f"{numbers[0]}–{numbers[-1]}".ljust(10), "bold"),
                          _("take the choice with that number")])
        if numbers:
            parts.extend(["\n", ("↑ ↓ Enter".ljust(10), "bold"),
                          _("move through the choices, take one")])
        for key, binding in self.bindings:
            if not binding.id or binding.id.startswith("game.choose-") or binding.action in seen:
                continue
            seen.add(binding.action)
            text = binding.tooltip or binding.description
            parts.extend(["\n", (key.ljust(10), "bold"), text])
            if binding.id:
                parts.append((f"  [{binding.id}]", "dim"))
        parts.extend(["\n", ("^p".ljust(10), "bold"),
                      _("the command palette: every action by name")])
        # TRANSLATORS: keep "keys" and profile.json as they are: they are what the file holds.
        remap = _("Keys can be remapped: put a binding's [id] and a key under "
                  '"keys" in the settings of profile.json in the saves folder.')
        parts.extend(["\n\n", (remap, "dim italic")])
        return Content.assemble(*parts)
