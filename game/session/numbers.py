"""Choice numbers that stay put while the player stays in a scene.

The engine numbers a view's choices 1, 2, 3 in the story's order. While the player stays in a
scene, each choice keeps the number it was first shown with: one that disappears leaves its
number unused (the others do not shift under the player's fingers), and one that appears
takes a number not used before in this visit. Entering a scene numbers afresh, and so does a
move after which none of the choices shown had a number before (nothing is left to shift).
Both shells show these numbers and take them as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from game.engine import View


@dataclass(frozen=True)
class Numbers:
    """The numbers given in one visit of a scene."""

    scene: str = ""
    given: dict[str, int] = field(default_factory=dict)
    """Each choice's number, by id (including choices no longer shown)."""
    next: int = 1
    """The number a choice that appears takes."""


def fresh(v: View) -> tuple[View, Numbers]:
    """``v`` as a scene just entered: its choices numbered 1, 2, 3 in the story's order."""
    return keep(Numbers(v.scene), v)


def keep(numbers: Numbers, v: View) -> tuple[View, Numbers]:
    """``v`` after a move that stayed in the scene ``numbers`` were given in: known choices
    keep their numbers, new ones take fresh numbers; the choices listed by number. When no
    choice shown had a number, they are numbered afresh."""
    if v.scene != numbers.scene or not any(c.id in numbers.given for c in v.choices):
        numbers = Numbers(v.scene)  # nothing shown keeps a number: 1, 2, 3 again
    given, following = dict(numbers.given), numbers.next
    for choice in v.choices:
        if choice.id not in given:
            given[choice.id] = following
            following += 1
    choices = sorted((c if c.number == given[c.id] else replace(c, number=given[c.id])
                      for c in v.choices), key=lambda c: c.number)
    return replace(v, choices=tuple(choices)), Numbers(v.scene, given, following)
