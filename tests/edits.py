"""Editing a story on disk, as an author would while ``play --watch`` runs."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from tests.paths import STARTER


def copy_starter(tmp_path: Path) -> Path:
    """A copy of the starter story in ``tmp_path/story``, to edit."""
    dest = tmp_path / "story"
    shutil.copytree(STARTER, dest)
    return dest


def touch_edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in the file, with a later mtime."""
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    later = time.time() + 2
    os.utime(path, (later, later))  # a distinct mtime even on coarse clocks
