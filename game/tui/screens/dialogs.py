"""Small dialogs: confirm before losing progress, and the face picker."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.engine import View
from game.tui.art import face_art


class Confirm(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes."""

    AUTO_FOCUS = "#confirm-options"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="No"),
    ]

    def __init__(self, question: str, detail: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(self.detail, id="confirm-detail", markup=False)
            yield OptionList(Option(self.no, id="no"), Option(self.yes, id="yes"),
                             id="confirm-options", markup=False)

    @on(OptionList.OptionSelected, "#confirm-options")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConfirmQuit(Confirm):
    """Leave the game with progress made since the last save?"""

    def __init__(self) -> None:
        super().__init__("Leave the story?",
                         "Your progress since the last save will be lost. Endings and "
                         "choices you have reached stay remembered.",
                         yes="Leave (y)", no="Stay (n)")


class ConfirmRestart(Confirm):
    """Start again with progress made since the last save?"""

    def __init__(self) -> None:
        super().__init__("Start a new game?",
                         "Your progress since the last save will be lost.",
                         yes="Start again (y)", no="Keep playing (n)")


class FacePicker(ModalScreen[str | None]):
    """Choose one of the faces possible in this scene; dismisses with its id, or None."""

    AUTO_FOCUS = "#face-list"
    BINDINGS = [
        Binding("escape,f", "cancel", "Back", id="faces.close", tooltip="Keep your face"),
    ]

    def __init__(self, v: View) -> None:
        super().__init__()
        self.faces = v.faces

    def compose(self) -> ComposeResult:
        options = []
        for f in self.faces:
            parts: list[str | tuple[str, str]] = [(f.label, "bold")]
            if f.current:
                parts.append(("  (your face now)", "dim"))
            elif not f.enabled:
                parts.append((f"  ({f.reason or 'not possible now'})", "italic"))
            options.append(Option(Content.assemble(*parts), id=f.id,
                                  disabled=f.current or not f.enabled))
        with Vertical(id="picker", classes="dialog") as box:
            box.border_title = "Change face"
            yield Static("", id="picker-art", markup=False)
            yield OptionList(*options, id="face-list", markup=False)

    def on_mount(self) -> None:
        current = next((f for f in self.faces if f.current), None)
        if current is not None:
            self.query_one("#picker-art", Static).update(face_art(current.id))

    @on(OptionList.OptionHighlighted, "#face-list")
    def preview(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.query_one("#picker-art", Static).update(face_art(event.option.id))

    @on(OptionList.OptionSelected, "#face-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
