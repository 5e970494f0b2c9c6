"""``play --watch``: notice when a story's files change, and read the edited story again.

The session then switches to it and replays the player's moves
(:meth:`game.session.Session.reload`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.story.i18n import translated
from game.story.loader import read_story, story_files
from game.story.problems import D, Problem
from game.story.runtime import Story


class StoryWatcher:
    """Remembers the story files' sizes and modification times; :meth:`changed` compares."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._seen = self._snapshot()

    def _snapshot(self) -> dict[Path, tuple[int, int]]:
        out: dict[Path, tuple[int, int]] = {}
        for path in story_files(self.root):
            try:
                st = path.stat()
            except OSError:
                continue
            out[path] = (st.st_mtime_ns, st.st_size)
        return out

    def changed(self) -> bool:
        """True once after any story file was added, removed or modified (False while the
        folder cannot be read, as when it is being moved: the next look will tell)."""
        try:
            now = self._snapshot()
        except OSError:
            return False
        if now == self._seen:
            return False
        self._seen = now
        return True


@dataclass(frozen=True)
class Edit:
    """The story folder read again: the story, or None if it did not load."""

    story: Story | None
    problems: list[Problem] = field(default_factory=list)
    """Everything the loader found (errors and warnings)."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that keep the edit from being played."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def playable(self) -> Story | None:
        """The edited story if it loaded without errors (the session can switch to it),
        else None."""
        return self.story if not self.errors else None


def read_edit(root: str | Path, language: str) -> Edit:
    """Read the story folder ``root`` again, in ``language``; never raises (a loader bug is
    reported as a problem: it must not end the game)."""
    try:
        story, problems = read_story(root)
        if story is not None:
            story = translated(story, language)
    except Exception as err:
        story, problems = None, [D.UNREADABLE.at(str(root), 0, 0,
                                                 f"the story could not be read: {err!r}")]
    return Edit(story, list(problems))
