"""Small stories for the tests of the story's ``mask`` declaration, written into a folder.

The faces have other ids than the bundled story's (``plain``, ``hood``, ``veil``), so that
a test passes only if the shells read the mask from the story."""

from __future__ import annotations

from pathlib import Path

SCENES = """\
- id: yard
  title: The yard
  text: A well and a bucket.
  choices:
    - id: take
      label: Take the veil from the line
      if: not has("veil")
      do: give("veil")
    - id: market
      label: Go to the market
      go: market
- id: market
  title: The market
  faces:
    allowed: [plain, veil]
  text: Stalls, and nobody looking.
  choices:
    - id: home
      label: Go home
      go: home
- id: home
  title: Home
  text: The door shuts.
  ending: Home again
"""

FACES = """\
faces:
  plain:
    label: Plain
    art: scars
  hood:
    label: Hooded
  veil:
    label: Veiled
    art: mask
    requires: has("veil")
    reason: You have no veil.
"""

ITEMS = """\
items:
  veil:
    name: A veil
"""


def write_story(root: Path, mask: str | None) -> Path:
    """A story in ``root`` starting plain in the yard; ``mask`` is the YAML of its ``mask``
    declaration (None: the story has none)."""
    (root / "scenes").mkdir(parents=True)
    head = 'id: veiled\ntitle: The Veil\nversion: "1"\nstart: yard\nstart_face: plain\n\n'
    declared = f"\n{mask}\n" if mask is not None else "\n"
    (root / "story.yaml").write_text(head + FACES + declared + ITEMS, encoding="utf-8")
    (root / "scenes" / "main.yaml").write_text(SCENES, encoding="utf-8")
    return root


VEIL = "mask:\n  face: veil\n  back_to: [hood]"
"""The veil is the mask; taking it off goes back to the hood where that is possible."""
