"""The title screen: the game's name, a face, and what the player can do from here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import N_, _
from game.session.session import newest_slot
from game.story import keys
from game.tui.art import HEIGHT, face_art
from game.tui.screens.base import DismissOnce, LocalizedBindings
from game.tui.widgets.options import Options

if TYPE_CHECKING:
    from game.tui.app import FaceApp

MENU = [
    # TRANSLATORS: the title screen's menu: go on from the latest save.
    ("continue", N_("Continue")),
    ("new_game", N_("New game")),
    ("load", N_("Load")),
    ("endings", N_("Endings")),
    ("settings", N_("Settings")),
    ("help", N_("Help")),
    ("request_quit", N_("Quit")),
]
"""Menu entries: the app action each runs, and its label (English: translated when shown).
Continue is shown only when there is a save of this story to continue, Load only when the
saves folder holds any save."""


def spaced(title: str) -> str:
    """A title in spaced capitals: "Face of" -> "F A C E   O F"."""
    return "   ".join(" ".join(word.upper()) for word in title.split())


class TitleScreen(DismissOnce, LocalizedBindings, Screen[None]):
    """The first screen."""

    AUTO_FOCUS = "#menu"
    BINDINGS = [
        Binding("l", "app.load", N_("Load"), id="game.load", show=False,
                tooltip=N_("Load a saved game")),
        Binding("f9", "app.quickload", N_("Quickload"), id="game.quickload", show=False,
                tooltip=N_("Load the quicksave at once")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[str] = []
        self._shown = False

    @property
    def face_app(self) -> FaceApp:
        return self.app  # type: ignore[return-value]

    def entries(self) -> list[str]:
        """The menu's actions as things stand: no entry that would do nothing."""
        app = self.face_app
        can_load = app.has_saves()
        can_continue = can_load and newest_slot(app.saves, app.story) is not None
        shown = {"continue": can_continue, "load": can_load}
        return [action for action, _label in MENU if shown.get(action, True)]

    def _options(self) -> list[Option]:
        labels = dict(MENU)
        return [Option(_(labels[action]), id=action) for action in self._entries]

    def compose(self) -> ComposeResult:
        story = self.face_app.story
        self._entries = self.entries()
        with Vertical(id="title-box"):
            yield Static(face_art(story.faces[story.start_face].art), id="title-art",
                         markup=False)
            yield Static(spaced(self.app.title), id="title-name", markup=False)
            if story.text(keys.STORY_AUTHOR):
                yield Static(story.text(keys.STORY_AUTHOR), id="title-author", markup=False)
            with Center():
                yield Options(*self._options(), id="menu", markup=False)
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.height)

    def fit(self, height: int) -> None:
        """On a short terminal, leave out the drawing, then the name and author, so that the
        whole menu stays in sight."""
        menu = len(self._entries) + 3  # its border and the margin above it
        words = 2 + bool(self.query("#title-author"))  # the name, its margin, the author
        room = height - 1 - menu  # the footer
        self.set_class(room < HEIGHT + words, "-no-art")
        self.set_class(room < words, "-menu-only")

    def on_screen_resume(self) -> None:
        # Back from a game, or from the load screen: saves may have come or gone.
        if not self._shown:  # the first time, compose has just read the folder
            self._shown = True
            return
        entries = self.entries()
        if entries == self._entries:
            return
        self._entries = entries
        menu = self.query_one("#menu", OptionList)
        menu.set_options(self._options())
        menu.highlighted = 0
        self.fit(self.size.height)

    async def relanguage(self) -> None:
        """The title, the author line and the menu in the current language, in place (the
        screen stays laid out behind the settings dialog)."""
        story = self.face_app.story
        self.query_one("#title-name", Static).update(spaced(self.app.title))
        for author in self.query("#title-author").results(Static):
            author.update(story.text(keys.STORY_AUTHOR))
        menu = self.query_one("#menu", OptionList)
        index = menu.highlighted
        menu.set_options(self._options())
        menu.highlighted = index

    @on(OptionList.OptionSelected, "#menu")
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and not self.leaving:  # not a late Enter of a burst
            await self.app.run_action(f"app.{event.option.id}")
