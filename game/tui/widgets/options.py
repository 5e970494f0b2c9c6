"""An option list that bears fast input at any size."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from textual.widgets import OptionList


class Options(OptionList):
    """Textual's ``OptionList``, but Page Up and Page Down do nothing while it has no room.

    A list squeezed to nothing by a small terminal (or not laid out yet) has no lines, and
    Textual's page move then looks one up and raises ``KeyError``.
    """

    # Textual leaves the two page moves unannotated: typed here as what they are.

    def action_page_up(self) -> None:
        if self.scrollable_content_region:
            cast("Callable[[], None]", super().action_page_up)()

    def action_page_down(self) -> None:
        if self.scrollable_content_region:
            cast("Callable[[], None]", super().action_page_down)()
