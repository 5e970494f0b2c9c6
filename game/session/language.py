"""Playing in another language: the interface's catalogue and the story's text change
together; the game (its state, undo history and saves, which hold ids) does not."""

from __future__ import annotations

from game.i18n import set_language
from game.story.i18n import translated
from game.story.runtime import Story


def in_language(story: Story, code: str) -> Story:
    """``story`` in language ``code``, with the interface set to the same language."""
    set_language(code)
    return translated(story, code)
