"""Every player-visible string of a story, by its stable key.

The keys are the story's string table: translations, "already seen" marks and saves refer to
text through them. This module is the one place that says which key names which string.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.story.model import Story


def iter_strings(story: Story) -> Iterator[tuple[str, str]]:
    """Yield ``(key, text)`` for every player-visible string, in story order."""
    meta = story.meta
    yield "story.title", meta.title
    if meta.author:
        yield "story.author", meta.author
    for fid, face in meta.faces.items():
        yield f"face.{fid}.label", face.label
        if face.description:
            yield f"face.{fid}.description", face.description
        if face.change_text:
            yield f"face.{fid}.change", face.change_text
        if face.reason:
            yield f"face.{fid}.reason", face.reason
    for name, var in meta.variables.items():
        if var.label:
            yield f"var.{name}.label", var.label
    for iid, item in meta.items.items():
        yield f"item.{iid}.name", item.name
        if item.description:
            yield f"item.{iid}.description", item.description
    for cid, char in story.characters.items():
        yield f"person.{cid}.name", char.name
        if char.description:
            yield f"person.{cid}.description", char.description
        for variants in char.reacts.values():
            for v in variants:
                yield v.key, v.text
    for scene in story.scenes.values():
        yield f"{scene.id}.title", scene.title
        if scene.ending is not None:
            yield scene.ending.key, scene.ending.title
        for p in scene.text:
            yield p.key, p.text
            if p.else_ is not None:
                yield f"{p.key}.else", p.else_
        for rule in scene.faces.on_change:
            if rule.text:
                yield rule.key, rule.text
        for c in scene.choices:
            yield f"{c.key}.label", c.label
            if c.reason:
                yield f"{c.key}.reason", c.reason
            if c.text:
                yield f"{c.key}.text", c.text


def collect_strings(story: Story) -> dict[str, str]:
    """The story's string table: key -> English text."""
    return dict(iter_strings(story))


def word_count(story: Story) -> int:
    """How many words the player can read in the story."""
    return sum(len(text.split()) for _, text in iter_strings(story))
