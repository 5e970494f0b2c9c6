"""Which face the mask key, the ``mask`` and ``unmask`` commands and a typed face name
change to, from the story's data (its ``mask``, :func:`game.engine.unmasked_face`).

Each function returns the face to change to, or a :class:`Refused` that says why there is
none (in the player's language); the shells only show it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from game.engine import View, unmasked_face
from game.i18n import _
from game.session import face_names, facts
from game.story.runtime import Story

Why = Literal["no mask", "not wearing", "stuck", "impossible", "not now"]


@dataclass(frozen=True)
class Refused:
    """No face change: ``why`` (for the shell to weigh) and ``text`` (for the player)."""

    why: Why
    text: str


def _no_mask() -> Refused:
    # TRANSLATORS: said when the player asks to put on or take off the mask in a
    # story that has none.
    return Refused("no mask", _("This story has no mask."))


def mask_on(story: Story) -> str | Refused:
    """The face ``mask`` changes to (the engine judges whether it is possible)."""
    mask = facts.mask_face(story)
    return _no_mask() if mask is None else mask


def mask_off(story: Story, v: View) -> str | Refused:
    """The face ``unmask`` changes to in ``v``."""
    mask = facts.mask_face(story)
    if mask is None:
        return _no_mask()
    if v.face.id != mask:
        return Refused("not wearing", _("You are not wearing the mask."))
    off = unmasked_face(story, v)
    if off is None:
        return Refused("stuck", _("You cannot take the mask off here."))
    return off


def mask_toggle(story: Story, v: View) -> str | Refused:
    """The face the mask key changes to in ``v``: off if it is worn, else on if possible."""
    mask = facts.mask_face(story)
    if mask is None:
        return _no_mask()
    if v.face.id == mask:
        return mask_off(story, v)
    face = next((f for f in v.faces if f.id == mask), None)
    if face is None:
        return Refused("impossible", _("The mask is not possible here."))
    if not face.enabled:
        return Refused("not now", face.reason or _("Not now."))
    return mask


def face_named(story: Story, name: str,
               extra: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """The face the player means by ``name``: its id, its label in English or in the story's
    language, an alias the story gives it, or ``extra`` names, ignoring case and accents, or
    a shortening of one of them (:func:`game.session.face_names.match`); None if none, or
    several, fit."""
    return face_names.match(story, name, extra)
