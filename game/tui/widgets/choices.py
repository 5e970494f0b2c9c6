"""The numbered choices: arrows and Enter, or the number keys (bound on the play screen)."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widgets.option_list import Option

from game.engine import ChoiceView, View
from game.i18n import _
from game.text import clean
from game.tui.widgets.options import Options

AGAIN = "_again"
TITLE = "_title"
"""Option ids offered at an ending, in place of the story's choices."""


def choice_prompt(choice: ChoiceView, before: bool, new: bool = False) -> Content:
    """A choice as a line of the list: number, label, a quiet mark if taken before (or, if the
    last move made it appear, that it is new), reason."""
    parts: list[str | tuple[str, str]] = [(f"{choice.number}. ", "bold"),
                                          clean(choice.label.text)]
    if before:
        parts.append(("  ✓", "dim"))
    elif new:
        # TRANSLATORS: after a choice in the list of choices that the player's last move
        # made appear; keep it short.
        parts.append(("  " + _("new"), "italic"))
    if not choice.enabled and choice.reason is not None:
        parts.append((f"  ({clean(choice.reason.text)})", "italic"))
    return Content.assemble(*parts)


class ChoiceList(Options):
    """The list of choices; disabled ones are greyed and say why."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        # TRANSLATORS: the title of the list of choices.
        self.border_title = _("What do you do?")

    def show(self, v: View, taken_before: Callable[[ChoiceView], bool],
             new: frozenset[str] = frozenset()) -> None:
        """List the view's choices (those in ``new`` marked), or the ending's way out."""
        if v.ending is not None:
            # TRANSLATORS: the title of the list of choices at an ending.
            self.border_title = _("The end")
            options = [Option(Content.assemble(("1. ", "bold"), _("Play again")), id=AGAIN),
                       Option(Content.assemble(("2. ", "bold"), _("Back to the title")),
                              id=TITLE)]
        else:
            self.border_title = _("What do you do?")
            options = [Option(choice_prompt(c, taken_before(c), c.id in new), id=c.id,
                              disabled=not c.enabled) for c in v.choices]
        self.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.highlighted = first
