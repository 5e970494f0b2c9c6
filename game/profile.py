"""The player's profile on disk: endings seen, choices taken and settings, across playthroughs.

One small JSON file, ``profile.json`` in the saves folder. It is written atomically (a
temporary file beside it, then a rename), so a crash never leaves half a file. A file that
cannot be read or does not validate is reported and left untouched: the game goes on with a
fresh profile in memory and does not write over the player's file. Only a regular file of at
most :data:`MAX_BYTES` is read (through :func:`game.files.read_limited`): a link, a FIFO, a
device or a folder in its place is reported the same way, without blocking.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.files import FileRefused, read_limited
from game.i18n import _
from game.saves.atomic import atomic_write_text
from game.text import UNSHOWABLE

PROFILE_NAME = "profile.json"
MAX_BYTES = 4 * 1024 * 1024
"""The largest profile read (a profile of many stories is a few kilobytes)."""
MAX_DEPTH = 32
"""The deepest nesting of a profile's JSON (the game writes four levels; the rest is kept for
newer versions of the game, within reason)."""

Theme = Literal["dark", "light", "contrast"]
Reveal = Literal["instant", "fast", "slow"]

THEMES: tuple[Theme, ...] = ("dark", "light", "contrast")
REVEALS: tuple[Reveal, ...] = ("instant", "fast", "slow")


class Settings(BaseModel):
    """What the player chose in the settings screen."""

    model_config = ConfigDict(extra="allow")
    theme: Theme = "dark"
    reveal: Reveal = "instant"
    """How story text appears: at once, or typed out fast or slowly."""
    language: str | None = None
    """The language chosen in the settings, e.g. ``"ru"`` (None: the locale's; ``--lang``
    overrides it for one run; a code the game does not know counts as None)."""
    keys: dict[str, str] = Field(default_factory=dict)
    """Key remaps: a binding id (see the help screen) to a key, e.g. ``{"face.mask": "M"}``."""


class StoryRecord(BaseModel):
    """What the player has seen of one story, over every playthrough."""

    model_config = ConfigDict(extra="allow")
    endings: dict[str, str] = Field(default_factory=dict)
    """Ending key (``<scene>.ending``) to its title, in the order first reached."""
    taken: list[str] = Field(default_factory=list)
    """Choices ever taken, as ``scene.choice``."""
    pages: dict[str, list[str]] = Field(default_factory=dict)
    """Ending key to the keys of the paragraphs last read there (to read it again in any
    language)."""


class ProfileData(BaseModel):
    """The file's contents."""

    model_config = ConfigDict(extra="allow")
    version: int = 1
    settings: Settings = Field(default_factory=Settings)
    stories: dict[str, StoryRecord] = Field(default_factory=dict)


class Profile:
    """The profile of one saves folder; :meth:`load` it, change it, :meth:`save` it."""

    def __init__(self, path: Path, data: ProfileData | None = None,
                 error: str | None = None) -> None:
        self.path = path
        self.data = data or ProfileData()
        self.error = error
        """Why the file on disk could not be used (None if it could), in the player's
        language."""
        self.writable = error is None
        """False when the file on disk is corrupt: it is then never written over."""

    @classmethod
    def load(cls, saves_dir: str | Path) -> Profile:
        """Read the profile in ``saves_dir``; never raises for a missing or broken file."""
        path = Path(saves_dir) / PROFILE_NAME
        try:
            raw = read_limited(path, MAX_BYTES, follow_symlinks=False).decode("utf-8")
        except FileNotFoundError:
            return cls(path)
        except FileRefused as err:
            return cls(path, error=_damaged(path, err.describe()))
        except (OSError, UnicodeDecodeError) as err:
            # TRANSLATORS: the player's profile file could not be read. {path} is the file;
            # {error} is the system's own message.
            return cls(path, error=_("cannot read {path}: {error}").format(path=path, error=err))
        try:
            parsed = json.loads(raw)
            problem = _shape_problem(parsed)
            if problem is not None:
                return cls(path, error=_damaged(path, problem))
            data = ProfileData.model_validate(parsed)
        except (ValueError, ValidationError) as err:
            return cls(path, error=_damaged(path, str(err).strip().splitlines()[0]))
        except RecursionError:
            return cls(path, error=_damaged(path, f"nested deeper than {MAX_DEPTH} levels"))
        return cls(path, data)

    def save(self) -> str | None:
        """Write the profile atomically; returns an error message instead of raising.

        A file that was not read (damaged, a link, a FIFO, a device, a folder) is never
        written over: the write is refused here, before any file is touched.
        """
        if not self.writable:
            return self.error
        try:
            text = self.data.model_dump_json(indent=2, exclude_defaults=False) + "\n"
            atomic_write_text(self.path, text)
        except (OSError, ValueError) as err:
            # TRANSLATORS: the player's profile file could not be written. {path} is the file;
            # {error} is the system's own message.
            return _("cannot write {path}: {error}").format(path=self.path, error=err)
        return None

    # -- what the game records

    @property
    def settings(self) -> Settings:
        return self.data.settings

    def record(self, story_id: str) -> StoryRecord:
        """The record of one story (created empty if new)."""
        return self.data.stories.setdefault(story_id, StoryRecord())

    def taken(self, story_id: str) -> set[str]:
        """Every choice taken in any playthrough of the story."""
        rec = self.data.stories.get(story_id)
        return set(rec.taken) if rec else set()

    def endings(self, story_id: str) -> dict[str, str]:
        """The endings seen in the story: key to title."""
        rec = self.data.stories.get(story_id)
        return dict(rec.endings) if rec else {}

    def add_taken(self, story_id: str, key: str) -> bool:
        """Remember a choice; True if it is new."""
        rec = self.record(story_id)
        if key in rec.taken:
            return False
        rec.taken.append(key)
        return True

    def add_ending(self, story_id: str, key: str, title: str) -> bool:
        """Remember an ending; True if it is new."""
        rec = self.record(story_id)
        if key in rec.endings:
            return False
        rec.endings[key] = title
        return True

    def ending_page(self, story_id: str, key: str) -> list[str]:
        """The keys of the paragraphs last read at an ending ([] if none were kept)."""
        rec = self.data.stories.get(story_id)
        return list(rec.pages.get(key, ())) if rec else []

    def set_ending_page(self, story_id: str, key: str, lines: list[str]) -> bool:
        """Remember what was read at an ending (its paragraphs' keys); True if it changed."""
        rec = self.record(story_id)
        if rec.pages.get(key) == lines:
            return False
        rec.pages[key] = list(lines)
        return True


def _shape_problem(value: object) -> str | None:
    """What is wrong with the shape of parsed JSON: nesting deeper than :data:`MAX_DEPTH`, or
    text with control characters or lone surrogates (None if nothing). Never recurses."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, str):
            if UNSHOWABLE.search(item):
                return "text with control characters or invalid Unicode"
        elif isinstance(item, dict | list):
            if level + 1 > MAX_DEPTH:
                return f"nested deeper than {MAX_DEPTH} levels"
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return None


def _damaged(path: Path, problem: str) -> str:
    """The message for a profile file that is not used (and so never written over)."""
    # TRANSLATORS: {path} is the player's profile file; {problem} is the technical
    # detail (in English), as in "Expecting value: line 1 column 1 (char 0)".
    return _("{path} is damaged and was left as it is ({problem})").format(
        path=path, problem=problem[:200])
