"""The side panels of the play screen: the hero's face, and what he carries and knows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from game.engine import View
from game.i18n import _
from game.tui.art import face_art


class FacePanel(Vertical):
    """The current face as a small drawing, and the faces the hero can change to here."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._art = ""
        """The drawing shown, whose name is also a class of the drawing (its colour)."""
        self.retitle()

    def retitle(self) -> None:
        """Set the panel's title in the current language."""
        # TRANSLATORS: the title of the side panel showing the hero's face (narrow panel).
        self.border_title = _("Face")

    def compose(self) -> ComposeResult:
        yield Static("", id="face-art", markup=False)
        yield Static("", id="face-label", markup=False)
        yield Static("", id="face-options", markup=False)

    def show(self, v: View) -> None:
        art = self.query_one("#face-art", Static)
        if self._art:
            art.remove_class(f"art-{self._art}")
        self._art = v.face.art
        art.add_class(f"art-{v.face.art}")
        art.update(face_art(v.face.art))
        self.query_one("#face-label", Static).update(v.face.label)
        others = [f for f in v.faces if not f.current]
        parts: list[str | tuple[str, str]] = []
        if not others:
            parts.append((_("no other face here"), "dim italic"))
        for f in others:
            if parts:
                parts.append("\n")
            if f.enabled:
                parts.append(("→ ", "bold"))
                parts.append(f.label)
            else:
                # TRANSLATORS: a face the hero cannot change to here; {face} is its name.
                parts.append(("× " + _("{face}: not now").format(face=f.label), "dim"))
        options = self.query_one("#face-options", Static)
        options.update(Content.assemble(*parts))
        options.tooltip = "\n".join(f"{f.label}: {f.reason}" for f in others
                                    if not f.enabled and f.reason) or None


class StatusPanel(Static):
    """What the story shows of the hero's state (View.status) and what he carries (View.items)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.retitle()

    def retitle(self) -> None:
        """Set the panel's title in the current language."""
        # TRANSLATORS: the title of the side panel showing the hero's state (narrow panel).
        self.border_title = _("Status")

    def show(self, v: View) -> None:
        parts: list[str | tuple[str, str]] = []
        for s in v.status:
            if isinstance(s.value, bool):
                # TRANSLATORS: the value of a yes/no line of the status panel ("Masked: yes").
                value = _("yes") if s.value else _("no")
            else:
                value = str(s.value)
            parts.extend([(f"{s.label}: ", "bold"), value, "\n"])
        # TRANSLATORS: the heading of what the hero carries, in the status panel.
        parts.append((_("Carrying"), "bold"))
        if v.items:
            for item in v.items:
                parts.extend(["\n• ", item.text])
        else:
            parts.append(("\n" + _("nothing of note"), "dim italic"))
        self.update(Content.assemble(*parts))
