"""The play screen's top bar: the game, the act and the scene; on the right, the hero's face,
so that it is in sight at every width (the side panel hides on narrow terminals)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from game.engine import View
from game.i18n import N_, _
from game.text import clean

# TRANSLATORS: on the right of the top bar; {face} is the label of the hero's face now.
FACE = N_("Face: {face}")
MARGIN = 2
"""Columns between the place and the face (the face's ``margin-left`` in app.tcss)."""


class TopBar(Horizontal):
    """One line: the game and where the story is (without the game's name, then cut short,
    when the line is short of room) and the current face."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._art = ""
        self._game = ""
        self._place = ""
        self._face = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar", markup=False)
        yield Static("", id="topbar-face", markup=False)

    def show(self, game: str, place: str, v: View) -> None:
        """Show the ``game``'s name, the ``place`` in the story and the face of the view
        ``v``."""
        self._game, self._place = clean(game), clean(place)
        face = self.query_one("#topbar-face", Static)
        self._face = _(FACE).format(face=clean(v.face.label))
        face.update(self._face)
        if self._art:
            face.remove_class(f"art-{self._art}")
        self._art = v.face.art
        face.add_class(f"art-{v.face.art}")
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        room = self.content_size.width - cell_len(self._face) - MARGIN
        whole = f"{self._game}   {self._place}" if self._game else self._place
        title = whole if cell_len(whole) <= room or not room else self._place
        self.query_one("#topbar", Static).update(title)
