"""Going back in the history: pick one of the moves still on the game's path, confirm, and
the session undoes it and every move after it (redo takes them again)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import N_, _, ngettext
from game.session import Entry
from game.tui.screens.base import DismissOnce, LocalizedBindings
from game.tui.screens.dialogs import Confirm
from game.tui.widgets.options import Options


def path_moves(history: list[Entry]) -> list[tuple[str, Entry]]:
    """The moves of ``history`` one can go back to, each with the title of the scene it was
    taken in, oldest first."""
    found: list[tuple[str, Entry]] = []
    title = ""
    for entry in history:
        if entry.kind == "title":
            title = entry.text
        elif entry.kind == "move" and entry.at is not None:
            found.append((title, entry))
    return found


class MovePicker(DismissOnce, LocalizedBindings, ModalScreen[Entry | None]):
    """Choose a move of the history to go back to; dismisses with its entry, or None."""

    DEFAULT_CSS = """
    MovePicker { align: center middle; }
    #move-list { height: auto; max-height: 20; border: none; background: $surface; }
    #move-hint { margin-bottom: 1; }
    """
    AUTO_FOCUS = "#move-list"
    BINDINGS = [
        Binding("escape", "cancel", N_("Back"), id="moves.close",
                tooltip=N_("Stay where you are")),
    ]

    def __init__(self, moves: list[tuple[str, Entry]]) -> None:
        super().__init__()
        self.moves = moves

    def compose(self) -> ComposeResult:
        options = [Option(Content.assemble((f"{title}  ", "dim"), (entry.text, "bold")),
                          id=str(n)) for n, (title, entry) in enumerate(self.moves)]
        with Vertical(id="moves", classes="dialog") as box:
            # TRANSLATORS: the title of the list of moves the player can go back to.
            box.border_title = _("Go back")
            yield Static(_("Go back to just before which move?"), id="move-hint", markup=False)
            yield Options(*options, id="move-list", markup=False)

    def on_mount(self) -> None:
        for moves in self.query("#move-list").results(OptionList):
            moves.highlighted = len(self.moves) - 1

    @on(OptionList.OptionSelected, "#move-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.moves[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmBack(Confirm):
    """Go back to just before a move, undoing it and what came after?"""

    def __init__(self, move: str, steps: int) -> None:
        """``move``: the move as the history shows it; ``steps``: how many moves going back
        takes back."""
        # TRANSLATORS: {n} is how many moves going back to before a move takes back.
        detail = ngettext("This takes back {n} move. Redo takes it again, until you make "
                          "another move.",
                          "This takes back {n} moves. Redo takes them again, one by one, "
                          "until you make another move.", steps).format(n=steps)
        super().__init__(_("Go back to before this move?"), f"{move}\n\n{detail}",
                         # TRANSLATORS: the answers of a yes/no dialog: show the answer keys (y)
                         # and (n), which answer it whatever the language.
                         yes=_("Go back (y)"), no=_("Stay (n)"))
