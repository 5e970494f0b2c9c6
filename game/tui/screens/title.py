"""The title screen: the game's name, a face, and what the player can do from here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.tui.art import face_art

if TYPE_CHECKING:
    from game.tui.app import FaceApp

MENU = [
    ("new_game", "New game"),
    ("endings", "Endings"),
    ("settings", "Settings"),
    ("help", "Help"),
    ("request_quit", "Quit"),
]
"""Menu entries: the app action each runs, and its label. (Continue and Load come with saves.)"""


def spaced(title: str) -> str:
    """A title in spaced capitals: "Face of" -> "F A C E   O F"."""
    return "   ".join(" ".join(word.upper()) for word in title.split())


class TitleScreen(Screen[None]):
    """The first screen."""

    AUTO_FOCUS = "#menu"

    def compose(self) -> ComposeResult:
        app: FaceApp = self.app  # type: ignore[assignment]
        meta = app.story.meta
        with Vertical(id="title-box"):
            yield Static(face_art("bandaged"), id="title-art", markup=False)
            yield Static(spaced(meta.title), id="title-name", markup=False)
            if meta.author:
                yield Static(meta.author, id="title-author", markup=False)
            with Center():
                yield OptionList(*(Option(label, id=action) for action, label in MENU),
                                 id="menu", markup=False)
        yield Footer(compact=True)

    @on(OptionList.OptionSelected, "#menu")
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.app.run_action(f"app.{event.option.id}")
