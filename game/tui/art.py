"""Small drawings of the hero's face, one per face id; an unknown face gets a plain outline."""

from __future__ import annotations

BANDAGED = r"""
   .-=====-.
  /=========\
 |==(o)=(o)==|
 |=====^=====|
 |===[___]===|
  \=========/
   '-=====-'
"""

MASKED = r"""
   .-'''''-.
  /  _   _  \
 |  (o) (o)  |
 |     ^     |
 |  \_____/  |
  \\\\|||////
   '\\|||//'
"""

BARE = r"""
   .-~~~~~-.
  / ;:  ,;. \
 | ;(o) (o): |
 |  ,: ^ ;,  |
 | :  ___ ;  |
  \ ;,:;:,; /
   '-.___.-'
"""

UNKNOWN = r"""
   .-------.
  /         \
 |  (o) (o)  |
 |     ?     |
 |   -----   |
  \         /
   '-------'
"""

DRAWINGS = {"bandaged": BANDAGED, "masked": MASKED, "bare": BARE}
WIDTH = 15
HEIGHT = 7


def face_art(face_id: str) -> str:
    """The drawing for a face: seven lines, fifteen columns."""
    lines = DRAWINGS.get(face_id, UNKNOWN).strip("\n").splitlines()
    return "\n".join(line.ljust(WIDTH) for line in lines)
