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
    """Where saves go: ``FACE_SAVES_DIR`` if set; ``saves/`` when the game runs from the
    project's folder; otherwise the platform's user data folder."""
    env = os.environ.get("FACE_SAVES_DIR")
    if env:
        return Path(env)
    here = Path.cwd()
    project = here / "pyproject.toml"
    try:
        if (here / "saves").is_dir() and 'name = "face-of-another"' in project.read_text():
            return here / "saves"
    except OSError:
        pass
    from platformdirs import user_data_path

    return user_data_path("face-of-another", appauthor=False) / "saves"
