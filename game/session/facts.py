"""What the session layer reads of a story, in one place.

The session layer reads a loaded :class:`~game.story.runtime.Story` only through these small
functions, so a change to the story object's attributes is met here and nowhere else.
"""

from __future__ import annotations

from pathlib import Path

from game.story import keys
from game.story.runtime import Story


def story_id(story: Story) -> str:
    """The story's id (saves and the profile are kept per story)."""
    return story.id


def story_version(story: Story) -> str:
    """The story's version, as saves record it."""
    return story.version


def content_hash(story: Story) -> str:
    """A hash of the story's content: the same in every language."""
    return story.content_hash


def language(story: Story) -> str:
    """The language the story's text is in."""
    return story.language


def root(story: Story) -> Path:
    """The story's folder."""
    return Path(story.root)


def title(story: Story) -> str:
    """The story's title in its language."""
    return story.text(keys.STORY_TITLE)


def face_ids(story: Story) -> list[str]:
    """The story's faces, in its order."""
    return list(story.faces)


def face_names(story: Story, face: str) -> tuple[str, str]:
    """A face's name in English (as declared) and in the story's language."""
    label = story.faces[face].label
    return story.strings[label], story.text(label)


def mask_face(story: Story) -> str | None:
    """The face the story calls its mask (None: the story has no mask)."""
    mask = story.mask
    return mask.face if mask is not None else None


def ending_count(story: Story) -> int:
    """How many endings the story has."""
    return len(story.endings)


def act_title(story: Story, act: int) -> str:
    """The title of act ``act`` in the story's language ("" if the story gives none)."""
    return story.text(keys.act(act))


def ending_acts(story: Story) -> dict[str, int]:
    """Each ending's key, in the story's order, with the act of its scene."""
    return {scene.ending: scene.act for scene in story.endings}


def is_ending(story: Story, scene: str) -> bool:
    """Whether ``scene`` is one of the story's endings (False for a scene it does not have)."""
    found = story.scenes.get(scene)
    return found is not None and bool(found.ending)


def text(story: Story, key: str) -> str:
    """The story's string ``key`` in its language ("" if it has none)."""
    return story.text(key)
