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


def languages_of(story: Story) -> dict[str, str]:
    """The languages ``story`` can be played in, with their names: those the game knows
    (English, and those it has an interface catalogue for), and any the story has an
    ``i18n/<code>`` folder for (named by their code; the interface is then in English)."""
    from game.story.i18n import LANGUAGES, languages

    found = dict(LANGUAGES)
    if story.root:
        for code in languages(story.root):
            found.setdefault(code, code)
    return found


def language_name(code: str) -> str:
    """A language's name in that language, or its code for one the game does not know."""
    from game.story.i18n import LANGUAGES

    return LANGUAGES.get(code, code)
