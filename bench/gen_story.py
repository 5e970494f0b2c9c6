"""Generate a large synthetic story for benchmarks (5,000 scenes by default)."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

STORY = """\
id: generated
title: A generated story
version: "1"
start: s0
start_face: bandaged
faces:
  bandaged: {label: Bandaged, change_text: You wind the gauze back on.}
  masked: {label: Masked, requires: has("mask"), reason: No mask yet., change_text: Mask on.}
  bare: {label: Bare, change_text: The air on the scars.}
variables:
  hold: {type: int, default: 0, min: 0, max: 10}
  trust: {type: int, default: 0, min: 0, max: 5}
  distance: {type: int, default: 5, min: 0, max: 10}
  kind: {type: enum, values: [none, wilful, gentle, plain]}
  promised: false
  day: {type: int, default: 0, min: 0, max: 60, label: Day}
items:
  mask: {name: The mask}
  pistol: {name: An air pistol}
"""

CHARACTERS = """\
{cid}:
  name: Person {cid}
  reacts:
    bandaged: {cid} looks away from the gauze.
    masked:
      - if: trust >= 2
        text: {cid} is not fooled, and smiles.
      - text: {cid} sees a stranger.
    bare: {cid} goes pale.
"""

SCENE = """\
- id: s{i}
  title: Scene number {i}
  act: {act}
  people: [{p1}, {{id: {p2}, if: 'visits("s{i}") > 1'}}]
  do: day += 1
  text:
    - You stand in room {i}. The light is the colour of weak tea and the walls lean in.
    - if: face == "masked"
      text: Behind the mask the room seems smaller, or you larger.
      else: The bandages itch in the heat of room {i}.
    - if: hold >= {h}
      text: The mask is thinking for you now, a little.
  faces:
    on_change:
      - to: masked
        from: bandaged
        text: You change in a corner of room {i}; nobody sees.
        do: hold += 1
      - to: bare
        if: trust > 1
        text: You show them the scars.
        do: [hold -= 1, distance -= 1]
  choices:
    - id: onward
      label: Go on to room {n1}
      go: s{n1}
    - id: side
      label: Take the side door to room {n2}
      if: face != "bare" and hold < 9
      do: [trust += 1, 'kind = "wilful"']
      go: s{n2}
    - id: wait
      label: Wait a while
      requires: visits("s{i}") > 1 or has("mask")
      reason: Not yet.
      once: true
      text: You wait. Nothing happens, slowly.
      do: give("mask")
    - id: end
      label: Stop here
      if: day > 30 and not promised
      go: the_end
"""

END = """\
- id: the_end
  title: The end
  ending: The end
  text: It ends here, as everything does.
"""


def generate(dest: Path, scenes: int = 5000, per_file: int = 100, seed: int = 1) -> Path:
    """Write a story of ``scenes`` scenes into ``dest``; returns ``dest``."""
    rng = random.Random(seed)
    (dest / "scenes").mkdir(parents=True, exist_ok=True)
    (dest / "story.yaml").write_text(STORY)
    people = ["p1", "p2", "p3", "p4", "p5"]
    (dest / "characters.yaml").write_text("".join(CHARACTERS.format(cid=c) for c in people))
    for start in range(0, scenes, per_file):
        parts = []
        for i in range(start, min(start + per_file, scenes)):
            parts.append(SCENE.format(i=i, act=1 + i * 5 // scenes, p1=rng.choice(people),
                                      p2=rng.choice(people), h=rng.randint(1, 9),
                                      n1=(i + 1) % scenes, n2=rng.randrange(scenes)))
        (dest / "scenes" / f"part{start // per_file:03d}.yaml").write_text("".join(parts))
    (dest / "scenes" / "end.yaml").write_text(END)
    return dest


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--scenes", type=int, default=5000)
    ns = ap.parse_args()
    generate(ns.dest, ns.scenes)
    print(f"wrote {ns.scenes} scenes to {ns.dest}")
