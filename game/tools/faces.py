"""``check --faces``: how well the story answers the mask, scene by scene.

Two questions, read from the runtime story alone (no playthrough):

- *Reactions.* For each person present in a scene and each face possible there, what the
  person has to show: ``generic`` (one text for that face, the same in every scene),
  ``scene`` (a variant whose ``if`` reads this scene's visits: ``visited``/``visits`` of
  it), ``cond`` (variants with other conditions: written for a state of the story, not for
  the scene), or ``missing`` (nothing: the person shows no line, as W305 warns).
- *Face changes.* For each change from one face possible in a scene to another, whether
  the scene answers it: a face rule there with text for that change, a paragraph whose
  condition reads ``face``, or someone present whose reaction differs between the two faces.
  A change the scene does not answer is ``unanswered`` when the new face's own
  ``change_text`` (the same line wherever the change happens) is all that is told, and
  ``silent`` when not even that is: nothing at all changes on the page. Either is listed
  as ``intended`` when the scene's ``faces.quiet`` names it.

Presence conditions, variant conditions and face rule conditions are not evaluated: a
person present only sometimes counts as present, a rule with an ``if`` counts as answering.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from game.story.runtime import Scene, Story

Kind = Literal["generic", "scene", "cond", "missing"]
KINDS: tuple[Kind, ...] = ("generic", "scene", "cond", "missing")
Level = Literal["silent", "unanswered"]


@dataclass(frozen=True)
class Reaction:
    """What a person present in a scene has to show for one face there."""

    scene: str
    person: str
    face: str
    kind: Kind


@dataclass(frozen=True)
class Change:
    """A face change a scene does not answer."""

    scene: str
    old: str
    new: str
    level: Level
    intended: bool

    def __str__(self) -> str:
        return f"{self.old} -> {self.new}"


@dataclass
class FaceCoverage:
    """The reactions table and the unanswered face changes of a story."""

    scenes: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """Every scene that is not an ending, with the faces possible there."""
    reactions: list[Reaction] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def gaps(self) -> list[Change]:
        """The silent and unanswered changes not marked as intended."""
        return [c for c in self.changes if not c.intended]

    def summary(self) -> str:
        counts = Counter(r.kind for r in self.reactions)
        kinds = ", ".join(f"{counts[k]} {k}" for k in KINDS)
        levels = Counter(c.level for c in self.changes)
        intended = sum(c.intended for c in self.changes)
        return (f"faces: {len(self.scenes)} scenes, {len(self.reactions)} reactions ({kinds}); "
                f"{levels['silent']} silent and {levels['unanswered']} unanswered face "
                f"changes, {intended} of them intended")

    def lines(self) -> list[str]:
        """The report as text, at most 100 columns wide (longer ids aside)."""
        out = ["Reactions, scene by scene: generic (one text for the face everywhere), scene",
               "(a variant for this scene's visits), cond (variants for other conditions), -",
               "(none). Face changes the scene does not answer: unanswered (only the face's",
               "change_text is told), silent (nothing is); intended ones are in faces.quiet.",
               ""]
        by_scene: dict[str, list[Reaction]] = {}
        for r in self.reactions:
            by_scene.setdefault(r.scene, []).append(r)
        changes: dict[str, list[Change]] = {}
        for c in self.changes:
            changes.setdefault(c.scene, []).append(c)
        width = max([len(r.person) + 2 for r in self.reactions]
                    + [len(sid) for sid, _ in self.scenes] + [12]) + 2
        column = max([len(f) for _, faces in self.scenes for f in faces] + [7]) + 3
        for sid, faces in self.scenes:
            out.append(f"{sid:<{width}}" + "".join(f"{f:<{column}}" for f in faces).rstrip())
            rows: dict[str, dict[str, Kind]] = {}
            for r in by_scene.get(sid, []):
                rows.setdefault(r.person, {})[r.face] = r.kind
            if not rows:
                out.append("  (no one present)")
            for person, kinds in rows.items():
                cells = ("-" if kinds[f] == "missing" else kinds[f] for f in faces)
                out.append(f"  {person:<{width - 2}}"
                           + "".join(f"{c:<{column}}" for c in cells).rstrip())
            for level in ("silent", "unanswered"):
                for intended in (False, True):
                    found = [str(c) for c in changes.get(sid, [])
                             if c.level == level and c.intended == intended]
                    if found:
                        what = f"{level} (intended)" if intended else level
                        out.extend(_wrap(f"  {what}: ", ", ".join(found)))
        out.append("")
        out.extend(_wrap("", self.summary()))
        return out

    def as_dict(self) -> dict[str, object]:
        """The report for tools (in ``check --format json``, under ``faces``)."""
        return {
            "reactions": [{"scene": r.scene, "person": r.person, "face": r.face,
                           "kind": r.kind} for r in self.reactions],
            "changes": [{"scene": c.scene, "from": c.old, "to": c.new, "level": c.level,
                         "intended": c.intended} for c in self.changes],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2)


def _wrap(lead: str, text: str, width: int = 100) -> list[str]:
    """``lead`` then ``text``, wrapped at ``width`` under the text's first column."""
    import textwrap

    return textwrap.wrap(text, width, initial_indent=lead,
                         subsequent_indent=" " * (len(lead) or 2),
                         break_on_hyphens=False) or [lead.rstrip()]


def face_coverage(story: Story) -> FaceCoverage:
    """The reactions table and the face changes no scene answers, for every scene that is not
    an ending."""
    report = FaceCoverage()
    for scene in story.scenes.values():
        if scene.ending:
            continue
        report.scenes.append((scene.id, scene.allowed))
        seen: set[str] = set()
        for presence in scene.people:
            if presence.id in seen:
                continue
            seen.add(presence.id)
            for face in scene.allowed:
                report.reactions.append(Reaction(scene.id, presence.id, face,
                                                 reaction_kind(story, scene, presence.id, face)))
        report.changes.extend(unanswered(story, scene))
    return report


def reaction_kind(story: Story, scene: Scene, person: str, face: str) -> Kind:
    """What ``person`` has to show for ``face`` in ``scene`` (see the module's rule)."""
    variants = story.people[person].reacts.get(face, ())
    if not variants:
        return "missing"
    mark = f"scene:{scene.id}"
    if any(v.cond is not None and mark in v.cond.reads for v in variants):
        return "scene"
    if any(v.cond is not None for v in variants):
        return "cond"
    return "generic"


def unanswered(story: Story, scene: Scene) -> list[Change]:
    """The face changes possible in ``scene`` that the scene does not answer."""
    if any(p.cond is not None and "face" in p.cond.reads for p in scene.paragraphs):
        return []
    out: list[Change] = []
    for old in scene.allowed:
        for new in scene.allowed:
            if old == new or _told_by_rule(scene, old, new) \
                    or _reaction_differs(story, scene, old, new):
                continue
            level: Level = "unanswered" if story.faces[new].change else "silent"
            intended = any(f in (None, old) and t in (None, new) for f, t in scene.quiet)
            out.append(Change(scene.id, old, new, level, intended))
    return out


def _told_by_rule(scene: Scene, old: str, new: str) -> bool:
    """Whether a face rule of the scene can tell something of its own on this change: the
    first rule that may match has text (a rule that surely matches, with no ``if`` and not
    ``once``, hides those after it)."""
    for rule in scene.rules:
        if not rule.matches(old, new):
            continue
        if rule.text:
            return True
        if rule.cond is None and not rule.once:
            return False
    return False


def _reaction_differs(story: Story, scene: Scene, old: str, new: str) -> bool:
    """Whether someone present shows different text for the two faces."""
    def shown(person: str, face: str) -> tuple[str, ...]:
        return tuple(story.strings.get(v.key, "")
                     for v in story.people[person].reacts.get(face, ()))

    return any(shown(p.id, old) != shown(p.id, new) for p in scene.people)
