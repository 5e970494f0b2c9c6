"""Where the game finds its story and keeps its saves."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT = PACKAGE.parent


def default_story_dir() -> Path:
    """The bundled story: ``story/`` in a source checkout, ``game/_story`` in an install."""
    source = PROJECT / "story"
    if (source / "story.yaml").is_file():
        return source
    return PACKAGE / "_story"


def default_saves_dir() -> Path:
    """``FACE_SAVES_DIR`` if set, else ``saves/`` beside a source checkout, else a user folder."""
    env = os.environ.get("FACE_SAVES_DIR")
    if env:
        return Path(env)
    if (PROJECT / "pyproject.toml").is_file() and (PROJECT / "saves").is_dir():
        return PROJECT / "saves"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "face-of-another" / "saves"
