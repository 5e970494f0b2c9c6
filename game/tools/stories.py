"""Stories of one's own: ``new story``, ``export story``, and the rule that a command writes
only into a story folder of the author's (never into the installed game).

``new story DIR`` copies the small story in ``game/newstory`` (three scenes, one person, a
mask, two endings), the JSON Schemas beside it, and fills in its golden transcript by
playing it. ``export story DIR`` copies the bundled story, its translations and the schemas,
so it can be changed and played with ``--story DIR``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from game.paths import PACKAGE, PROJECT, default_story_dir

NEW_STORY = PACKAGE / "newstory"
"""The story ``new story`` writes (shipped in the package)."""
SCHEMA_FILES = ("story.schema.json", "characters.schema.json", "scenes.schema.json")
_SCHEMA_LINE = re.compile(r"^(#\s*yaml-language-server:\s*\$schema=)(\S+)(\s*)$")


class StoryFolderError(Exception):
    """Why a command will not write where it was asked to (a message for the author)."""


def schema_dir() -> Path:
    """The JSON Schemas: ``game/schema`` in an install, ``schema/`` in a checkout."""
    installed = PACKAGE / "schema"
    if (installed / SCHEMA_FILES[0]).is_file():
        return installed
    return PROJECT / "schema"


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def writable_story(folder: Path, command: str) -> None:
    """Refuse to let ``command`` write into ``folder`` unless it is a story of the author's:
    a folder with a ``story.yaml``, outside the installed ``game`` package. (The
    repository's own ``story/`` is outside the package, so a checkout can change it.)"""
    if _inside(folder, PACKAGE):
        bundled = folder.resolve() == default_story_dir().resolve()
        what = "the story installed with the game" if bundled else "inside the installed game"
        raise StoryFolderError(
            f"{command}: {folder} is {what}; it is not changed in place. Start a story of your "
            f"own with 'face-of-another new story DIR', or copy this one with 'face-of-another "
            f"export story DIR', then give {command} that folder (--story DIR)")
    if not (folder / "story.yaml").is_file():
        raise StoryFolderError(
            f"{command}: {folder} is not a story folder (it has no story.yaml). Start one with "
            f"'face-of-another new story DIR' or 'face-of-another export story DIR', then give "
            f"{command} that folder (--story DIR)")


def _empty_target(folder: Path, command: str) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StoryFolderError(f"{command}: {folder} exists and is not empty; name a new "
                               "folder (or an empty one)")
    if _inside(folder, PACKAGE):
        raise StoryFolderError(f"{command}: {folder} is inside the installed game; name a "
                               "folder of your own")


def _copy_schemas(folder: Path) -> Path:
    source = schema_dir()
    target = folder / "schema"
    target.mkdir(parents=True, exist_ok=True)
    for name in SCHEMA_FILES:
        if (source / name).is_file():
            shutil.copyfile(source / name, target / name)
    return target


def _point_schema_lines(folder: Path, schemas: Path) -> None:
    """Make each YAML file's ``$schema`` line point at ``schemas`` (relative to the file)."""
    for path in sorted(folder.rglob("*.y*ml")):
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        first, sep, rest = text.partition("\n")
        match = _SCHEMA_LINE.match(first)
        if not match:
            continue
        name = Path(match.group(2)).name
        rel = Path(os.path.relpath(schemas / name, path.parent)).as_posix()
        path.write_text(f"{match.group(1)}{rel}{match.group(3)}{sep}{rest}", encoding="utf-8")


def new_story(folder: Path) -> list[Path]:
    """Write the small story into ``folder`` (new or empty), its schemas and its transcript
    filled in; returns the files written."""
    from game.tools.transcripts import record

    _empty_target(folder, "new story")
    shutil.copytree(NEW_STORY, folder, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _point_schema_lines(folder, _copy_schemas(folder))
    for transcript in sorted((folder / "transcripts").glob("*.txt")):
        record(transcript, folder)
    return sorted(p for p in folder.rglob("*") if p.is_file())


def export_story(folder: Path, source: Path | None = None) -> list[Path]:
    """Copy the bundled story (scenes, characters, translations) and the schemas into
    ``folder`` (new or empty); returns the files written."""
    source = source or default_story_dir()
    _empty_target(folder, "export story")
    shutil.copytree(source, folder, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _point_schema_lines(folder, _copy_schemas(folder))
    return sorted(p for p in folder.rglob("*") if p.is_file())
