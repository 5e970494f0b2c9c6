"""Start-up in two halves: what the title screen needs for its first frame, and the rest.

Before the first frame the app reads only the theme and the language the player chose,
peeked at in ``profile.json`` (:func:`peek_settings`, without pydantic). After it, a worker
thread runs :func:`load`: the story (its compiler and pydantic are imported there), the
full profile, the saves folder, and the modules the play screen needs, while the player reads
the title. Nothing here imports them at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.files import FileRefused, read_limited

if TYPE_CHECKING:
    from game.profile import Profile
    from game.saves.store import SaveStore
    from game.story.runtime import Story

PEEK_BYTES = 4 * 1024 * 1024
"""The largest profile peeked at (the full load refuses larger ones too)."""


@dataclass(frozen=True)
class Peek:
    """The settings the first frame is drawn with (None: not chosen, or unreadable)."""

    theme: str | None = None
    language: str | None = None


def peek_settings(saves_dir: str | Path) -> Peek:
    """The theme and language in ``profile.json``, read without validating the file.

    Anything unexpected gives None: the full load after the first frame reports a damaged
    profile and settles every setting.
    """
    try:
        raw = read_limited(Path(saves_dir) / "profile.json", PEEK_BYTES, follow_symlinks=False)
    except (OSError, FileRefused):  # missing (no json to import then), refused, unreadable
        return Peek()
    import json

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return Peek()
    settings = data.get("settings") if isinstance(data, dict) else None
    if not isinstance(settings, dict):
        return Peek()
    theme, language = settings.get("theme"), settings.get("language")
    return Peek(theme if isinstance(theme, str) else None,
                language if isinstance(language, str) else None)


class LoadRefused(Exception):
    """The story loaded but cannot be played as asked (say, in a language it does not
    have); the message is the command line's line on standard error."""


@dataclass(frozen=True)
class Loaded:
    """Everything the title screen's menu and a game need, read after the first frame."""

    story: Story
    """The story, in the language the app plays in."""
    profile: Profile
    saves: SaveStore


def load(read_story: Callable[[], Story], saves_dir: Path, language: str) -> Loaded:
    """Read the story (``read_story`` may raise StoryError or :class:`LoadRefused`), the
    profile and the saves folder, put the story in ``language`` and import the play screen."""
    from game.profile import Profile
    from game.saves.store import SaveStore
    from game.session.language import in_language

    story = in_language(read_story(), language)
    profile = Profile.load(saves_dir)
    import game.tui.screens.play  # noqa: F401 - the first New game need not import it

    return Loaded(story, profile, SaveStore(saves_dir))
