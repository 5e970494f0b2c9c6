"""Every player-visible string of a story, by its stable key.

The keys are the story's string table: translations, "already seen" marks and saves refer to
text through them. The compiler builds the table (naming each key with
:mod:`game.story.keys`); this module reads it.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.story.runtime import Story


def iter_strings(story: Story) -> Iterator[tuple[str, str]]:
    """Yield ``(key, English text)`` for every player-visible string, in story order."""
    yield from story.strings.items()


def collect_strings(story: Story) -> dict[str, str]:
    """The story's string table: key -> English text."""
    return dict(story.strings)


def word_count(story: Story) -> int:
    """How many words the player can read in the story."""
    return sum(len(text.split()) for text in story.strings.values())
