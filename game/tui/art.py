"""Small drawings of the hero's face: the built-in drawings a story's faces name with ``art``
(see :data:`game.story.model.Art`); a face without one gets a plain outline."""

from __future__ import annotations

BANDAGES = r"""
   .-=====-.
  /=========\
 |==(o)=(o)==|
 |=====^=====|
 |===[___]===|
  \=========/
   '-=====-'
"""

MASK = r"""
   .-'''''-.
  /  _   _  \
 |  (o) (o)  |
 |     ^     |
 |  \_____/  |
  \\\\|||////
   '\\|||//'
"""

SCARS = r"""
   .-~~~~~-.
  / ;:  ,;. \
 | ;(o) (o): |
 |  ,: ^ ;,  |
 | :  ___ ;  |
  \ ;,:;:,; /
   '-.___.-'
"""

OUTLINE = r"""
   .-------.
  /         \
 |  (o) (o)  |
 |     ?     |
 |   -----   |
  \         /
   '-------'
"""

DRAWINGS: dict[str, str] = {"bandages": BANDAGES, "mask": MASK, "scars": SCARS,
                           "outline": OUTLINE}
"""The drawing of each :data:`~game.story.model.Art` name."""
WIDTH = 15
HEIGHT = 7


def face_art(art: str) -> str:
    """The drawing named ``art`` (a face's ``art``): seven lines, fifteen columns."""
    lines = DRAWINGS.get(art, OUTLINE).strip("\n").splitlines()
    return "\n".join(line.ljust(WIDTH) for line in lines)
