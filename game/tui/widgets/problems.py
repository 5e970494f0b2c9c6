"""The story's errors, for ``play --watch``: shown under the game while the edited story does
not load, gone at the next clean reload.

Messages are shown with markup off, so ``[brackets]`` in YAML errors survive.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.i18n import ngettext
from game.story.problems import Problem


class ProblemsPanel(VerticalScroll):
    """A scrolling list of problems as ``path:line:col: CODE message (hint)``; hidden when
    there are none."""

    def __init__(self, problems: Sequence[Problem] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._problems = list(problems)

    @property
    def problems(self) -> list[Problem]:
        """The problems shown (empty: the panel is hidden)."""
        return list(self._problems)

    @property
    def lines(self) -> list[str]:
        """The problems as the panel writes them."""
        return [problem.format() for problem in self._problems]

    def compose(self) -> ComposeResult:
        yield Static("", id="problems-text", markup=False)

    def on_mount(self) -> None:
        self._draw()

    def show(self, problems: Sequence[Problem]) -> None:
        """Show these problems (none: hide the panel)."""
        self._problems = list(problems)
        self._draw()

    def _draw(self) -> None:
        count = len(self._problems)
        self.display = count > 0
        # TRANSLATORS: the title of the panel listing the edited story's errors (play --watch).
        self.border_title = ngettext(
            "The story has {n} error: playing on with the last good version",
            "The story has {n} errors: playing on with the last good version", count,
        ).format(n=count)
        for text in self.query("#problems-text").results(Static):  # none yet, or any more
            text.update("\n".join(self.lines))
        self.scroll_home(animate=False)
