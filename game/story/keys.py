"""The key scheme: the one place that names a story's strings.

Every player-visible string has a stable key: translations, "already seen" marks, saves and
events refer to text through it. The compiler computes each key once, with these functions;
everything else reads the keys the runtime story holds (or asks here, for a key of an id it
has, such as a scene's title in a save's summary).
"""

from __future__ import annotations

STORY_TITLE = "story.title"
STORY_AUTHOR = "story.author"


def face(fid: str, part: str) -> str:
    """A face's string: ``label``, ``description``, ``change``, ``reason`` or ``aliases``."""
    return f"face.{fid}.{part}"


def variable_label(name: str) -> str:
    """The label under which a variable is shown to the player."""
    return f"var.{name}.label"


def item(iid: str, part: str = "name") -> str:
    """An item's ``name`` or ``description``."""
    return f"item.{iid}.{part}"


def person(cid: str, part: str = "name") -> str:
    """A person's ``name`` or ``description``."""
    return f"person.{cid}.{part}"


def reaction(cid: str, fid: str, n: int) -> str:
    """The ``n``-th (from 1) reaction of a person to a face."""
    return f"person.{cid}.{fid}.{n}"


def act(n: int) -> str:
    """The title of act ``n`` (``acts`` in ``story.yaml``)."""
    return f"act.{n}.title"


def scene_title(sid: str) -> str:
    """A scene's title."""
    return f"{sid}.title"


def ending(sid: str) -> str:
    """The title of the ending a scene is."""
    return f"{sid}.ending"


def paragraph(sid: str, n: int, own: str = "") -> str:
    """A paragraph of a scene: its own ``key`` if the author gave one, else ``p<n>`` (from 1)."""
    return f"{sid}.{own}" if own else f"{sid}.p{n}"


def otherwise(key: str) -> str:
    """The ``else`` text of the paragraph with ``key``."""
    return f"{key}.else"


def choice(sid: str, cid: str) -> str:
    """A choice's id across the story (``scene.choice``): the prefix of its strings, what
    ``chose()`` names and what the state remembers as taken."""
    return f"{sid}.{cid}"


def choice_part(choice_key: str, part: str) -> str:
    """A choice's ``label``, ``reason`` or ``text``."""
    return f"{choice_key}.{part}"


def choice_reason(choice_key: str, n: int) -> str:
    """The reason of the ``n``-th (from 1) condition of a choice's ``requires`` list: the
    first is the choice's ``reason``, the others ``reason2``, ``reason3`` ..."""
    return choice_part(choice_key, "reason" if n == 1 else f"reason{n}")


def face_rule(sid: str, n: int) -> str:
    """The ``n``-th (from 1) face rule of a scene: its text, and its mark when ``once``."""
    return f"{sid}.face{n}"


def face_change(n: int) -> str:
    """The text of the ``n``-th (from 1) of the story's own face changes (``face_changes`` in
    story.yaml): what changing face tells anywhere a scene's own rule does not match."""
    return f"story.face_change{n}"
