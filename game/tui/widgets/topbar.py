"""The play screen's top bar: the game, the act and the scene; on the right, the hero's face,
so that it is in sight at every width (the side panel hides on narrow terminals)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from game.engine import View
from game.i18n import N_, _
from game.text import clean

# TRANSLATORS: on the right of the top bar; {face} is the label of the hero's face now.
FACE = N_("Face: {face}")


class TopBar(Horizontal):
    """One line: where the story is (cut short if need be) and the current face."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._art = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar", markup=False)
        yield Static("", id="topbar-face", markup=False)

    def show(self, title: str, v: View) -> None:
        """Show ``title`` and the face of the view ``v``."""
        self.query_one("#topbar", Static).update(clean(title))
        face = self.query_one("#topbar-face", Static)
        face.update(_(FACE).format(face=clean(v.face.label)))
        if self._art:
            face.remove_class(f"art-{self._art}")
        self._art = v.face.art
        face.add_class(f"art-{v.face.art}")
