"""Small dialogs: confirm before losing progress (or save and leave), and the face picker."""

from __future__ import annotations

from dataclasses import replace

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.engine import View
from game.i18n import N_, _, pgettext
from game.saves.store import label
from game.tui.art import face_art
from game.tui.screens.base import DismissOnce, LocalizedBindings
from game.tui.widgets.options import Options


def answer_keys() -> dict[str, str]:
    """The letters that answer a dialog in the player's language, by answer (``yes``, ``no``,
    ``save``): Russian д, н, с, Portuguese s (sim) and n; the English y, n and s work in
    every language (where a letter is bound to another answer in a dialog, the binding wins:
    Portuguese s quicksaves in the dialog before leaving)."""
    # TRANSLATORS: the letter that answers yes in a dialog (shown in its answers, as in
    # "Delete (y)"), on your language's keyboard; lower case, one letter.
    yes = pgettext("answer key", "y")
    # TRANSLATORS: the letter that answers no in a dialog ("Keep it (n)"); one letter.
    no = pgettext("answer key", "n")
    # TRANSLATORS: the letter that quicksaves and leaves, in the dialog before leaving a
    # game ("Quicksave and quit (s)"); one letter.
    save = pgettext("answer key", "s")
    return {"yes": yes, "no": no, "save": save}


def shown_with_answer_key(binding: Binding) -> Binding:
    """A dialog's answer binding (id ``<dialog>.yes``, ``.no`` or ``.save``) showing the
    answer's letter in the player's language, as the footer and the keys panel list it."""
    letters = answer_keys()
    answer = (binding.id or "").rpartition(".")[2]
    return replace(binding, key_display=letters[answer]) if answer in letters else binding


def _answer(event: events.Key, answers: tuple[str, ...], bound: tuple[str, ...]
            ) -> str | None:
    """Which of ``answers`` (keys of :func:`answer_keys`) a key in the player's language
    gives, if any; the ``bound`` keys are left to the dialog's bindings."""
    if event.key in bound:
        return None
    return next((a for a, letter in answer_keys().items()
                 if letter == event.key and a in answers), None)


class Confirm(DismissOnce, LocalizedBindings, ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes."""

    AUTO_FOCUS = "#confirm-options"
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes", tooltip=N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no", tooltip=N_("No")),
    ]

    def __init__(self, question: str, detail: str, yes: str, no: str) -> None:
        """Ask ``question``, explained by ``detail``; ``yes`` and ``no`` label the answers
        (all in the player's language)."""
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(self.detail, id="confirm-detail", markup=False)
            yield Options(Option(self.no, id="no"), Option(self.yes, id="yes"),
                             id="confirm-options", markup=False)

    @on(OptionList.OptionSelected, "#confirm-options")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def localize_binding(self, binding: Binding) -> Binding:
        return shown_with_answer_key(super().localize_binding(binding))

    def on_key(self, event: events.Key) -> None:
        """The answers' letters in the player's language, besides y and n."""
        answer = _answer(event, ("yes", "no"), ("y", "n", "escape"))
        if answer is not None:
            event.stop()
            self.dismiss(answer == "yes")


class Leave(DismissOnce, LocalizedBindings, ModalScreen[str]):
    """Leave a game that has unsaved progress? Dismisses with ``"stay"``, ``"leave"``, or
    ``"save"`` (quicksave, then leave)."""

    DEFAULT_CSS = "Leave { align: center middle; }"
    AUTO_FOCUS = "#confirm-options"
    BINDINGS = [
        Binding("y", "answer('leave')", N_("Yes"), id="leave.yes", tooltip=N_("Leave")),
        Binding("s", "answer('save')", N_("Save"), id="leave.save",
                tooltip=N_("Quicksave, then leave")),
        Binding("n,escape", "answer('stay')", N_("No"), id="leave.no", tooltip=N_("Stay")),
    ]

    def __init__(self, question: str, leave: str, save: str) -> None:
        """Ask ``question``; ``leave`` and ``save`` label those answers (in the player's
        language)."""
        super().__init__()
        self.question = question
        self.leave = leave
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(_("Your progress since the last save will be lost. Endings and "
                           "choices you have reached stay remembered."),
                         id="confirm-detail", markup=False)
            yield Options(
                # TRANSLATORS: an answer of a dialog: show the answer key (n).
                Option(_("Stay (n)"), id="stay"), Option(self.save, id="save"),
                Option(self.leave, id="leave"), id="confirm-options", markup=False)

    @on(OptionList.OptionSelected, "#confirm-options")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or "stay")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def localize_binding(self, binding: Binding) -> Binding:
        return shown_with_answer_key(super().localize_binding(binding))

    def on_key(self, event: events.Key) -> None:
        """The answers' letters in the player's language, besides y, s and n."""
        answer = _answer(event, ("yes", "no", "save"), ("y", "s", "n", "escape"))
        if answer is not None:
            event.stop()
            self.dismiss({"yes": "leave", "no": "stay"}.get(answer, answer))


class ConfirmQuit(Leave):
    """Quit the game with progress made since the last save?"""

    def __init__(self) -> None:
        super().__init__(_("Leave the story?"),
                         # TRANSLATORS: the answers of a dialog: show the answer keys (y) and (s),
                         # which answer it whatever the language.
                         leave=_("Leave (y)"), save=_("Quicksave and quit (s)"))


class ConfirmTitle(Leave):
    """Go back to the title screen with progress made since the last save?"""

    def __init__(self) -> None:
        super().__init__(_("Leave this game for the title screen?"),
                         # TRANSLATORS: the answers of a dialog: show the answer keys (y) and (s),
                         # which answer it whatever the language.
                         leave=_("To the title (y)"),
                         save=_("Quicksave and go to the title (s)"))


class ConfirmRestart(Confirm):
    """Start again with progress made since the last save?"""

    def __init__(self) -> None:
        super().__init__(_("Start a new game?"),
                         _("Your progress since the last save will be lost."),
                         # TRANSLATORS: the answers of a yes/no dialog: show the answer keys (y)
                         # and (n), which answer it whatever the language.
                         yes=_("Start again (y)"), no=_("Keep playing (n)"))


class ConfirmLoad(Confirm):
    """Load a save over a game with progress made since the last save?"""

    def __init__(self, slot: str) -> None:
        # TRANSLATORS: {slot} is a slot's name ("slot 3", "quicksave", "autosave 1").
        super().__init__(_("Load {slot}?").format(slot=label(slot)),
                         _("Your progress since the last save will be lost."),
                         # TRANSLATORS: the answers of a yes/no dialog: show the answer keys (y)
                         # and (n).
                         yes=_("Load (y)"), no=_("Keep playing (n)"))


class FacePicker(DismissOnce, LocalizedBindings, ModalScreen[str | None]):
    """Choose one of the faces possible in this scene; dismisses with its id, or None."""

    AUTO_FOCUS = "#face-list"
    BINDINGS = [
        Binding("escape,f", "cancel", N_("Back"), id="faces.close",
                tooltip=N_("Keep your face")),
    ]

    def __init__(self, v: View) -> None:
        super().__init__()
        self.faces = v.faces

    def compose(self) -> ComposeResult:
        options = []
        for f in self.faces:
            parts: list[str | tuple[str, str]] = [(f.label, "bold")]
            if f.current:
                # TRANSLATORS: after the face the hero wears, in the face picker.
                parts.append(("  " + _("(your face now)"), "$foreground-muted"))
            elif not f.enabled:
                # TRANSLATORS: why a face cannot be chosen, when the story gives no reason.
                reason = f.reason or _("not possible now")
                parts.append((f"  ({reason})", "italic"))
            options.append(Option(Content.assemble(*parts), id=f.id,
                                  disabled=f.current or not f.enabled))
        with Vertical(id="picker", classes="dialog") as box:
            box.border_title = _("Change face")
            yield Static("", id="picker-art", markup=False)
            yield Options(*options, id="face-list", markup=False)

    def on_mount(self) -> None:
        current = next((f for f in self.faces if f.current), None)
        if current is not None:
            self._show(current.id)

    def _show(self, face: str) -> None:
        drawing = next((f.art for f in self.faces if f.id == face), "")
        for art in self.query("#picker-art").results(Static):
            art.update(face_art(drawing))

    @on(OptionList.OptionHighlighted, "#face-list")
    def preview(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show(event.option.id)

    @on(OptionList.OptionSelected, "#face-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
