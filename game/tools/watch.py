"""Notice when a story's files change on disk (for ``play --watch``)."""

from __future__ import annotations

from pathlib import Path

from game.story.loader import story_files


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
        """True once after any story file was added, removed or modified."""
        now = self._snapshot()
        if now == self._seen:
            return False
        self._seen = now
        return True
