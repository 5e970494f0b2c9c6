"""``face-of-another check``: validate a story and lint it for what validation cannot see.

Lint rules (all located):

- E301 a scene with no way on that is not an ending
- W301 a scene or ending that no path from the start reaches
- W303 / W304 a variable never read / never written
- W305 a person present with no reaction to a face possible in that scene
- W306 a condition that can never hold (where that is decidable)
- W307 a reaction whose variants all have conditions, so it may show nothing
- W308 an int variable without min/max that an effect multiplies: it stops at the story's
  range (``game.story.limits.INT_LIMIT``) without saying so
- W309 a text with a word of a face (``words`` in story.yaml) that may be shown while
  another face is worn (:mod:`game.tools.facewords`)
- W411-W416 the typography of each translation, per language, the story's and (with
  ``interface``) the interface catalogues' (:mod:`game.tools.typography`)
"""

from __future__ import annotations

import ast
import json
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.story.i18n import Coverage, coverage, languages, read_language
from game.story.limits import INT_LIMIT
from game.story.loader import read_story
from game.story.problems import D, Diagnostic, Problem
from game.story.runtime import Located, Scene, Sources, Story, Variable
from game.story.strings import word_count
from game.story.yamlfile import Budget, Path_
from game.tools.faces import FaceCoverage, face_coverage
from game.tools.facewords import facewords
from game.tools.messages import interface_coverage, interface_languages
from game.tools.style import StyleReport, style
from game.tools.typography import lint_catalogue, lint_language


@dataclass
class Report:
    """What ``check`` found: the problems and the story's size."""

    problems: list[Problem] = field(default_factory=list)
    scenes: int = 0
    endings: int = 0
    people: int = 0
    words: int = 0
    loaded: bool = False
    languages: dict[str, Coverage] = field(default_factory=dict)
    """Translation coverage of the story, per language."""
    interface: dict[str, Coverage] = field(default_factory=dict)
    """Translation coverage of the interface's messages, per language."""
    faces: FaceCoverage | None = None
    """With ``check --faces``: the reactions table and the face changes no scene answers."""
    style: StyleReport | None = None
    """With ``check --style``: repeated phrases and watched phrases per scene."""

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    def translations(self) -> str:
        """Translation counts per language, story and interface ("" when there are none); a
        story's language also counts its unreviewed entries."""
        lines = [f"{title}: " + "; ".join(
                    f"{c.code} {c.total - len(c.missing):,}/{c.total:,} translated, "
                    f"{len(c.stale)} stale" + (f", {len(c.unreviewed):,} unreviewed" if story
                                               else "") for c in table.values())
                 for title, table, story in (("translations", self.languages, True),
                                             ("interface", self.interface, False)) if table]
        return "\n".join(lines)

    def summary(self) -> str:
        """The one closing line."""
        counts = f"{_n(self.errors, 'error')}, {_n(self.warnings, 'warning')}"
        if not self.loaded:
            return f"story: not loaded; {counts}"
        return (f"story: {_n(self.scenes, 'scene')}, {_n(self.endings, 'ending')}, "
                f"{_n(self.people, 'person', 'people')}, {_n(self.words, 'word')}; {counts}")

    def to_json(self) -> str:
        """The report for tools (``--format json``; with ``--faces``, a ``faces`` part)."""
        faces = {} if self.faces is None else {"faces": self.faces.as_dict()}
        if self.style is not None:
            faces["style"] = self.style.as_dict()
        return json.dumps({
            "problems": [p.as_dict() for p in sorted(self.problems)],
            "summary": {"scenes": self.scenes, "endings": self.endings, "people": self.people,
                        "words": self.words, "errors": self.errors, "warnings": self.warnings,
                        "loaded": self.loaded,
                        "languages": {c.code: {"strings": c.total, "missing": len(c.missing),
                                               "stale": len(c.stale), "unknown": len(c.unknown),
                                               "unreviewed": len(c.unreviewed)}
                                      for c in self.languages.values()},
                        "interface": {c.code: {"messages": c.total, "missing": len(c.missing),
                                               "stale": len(c.stale), "unknown": len(c.unknown)}
                                      for c in self.interface.values()}},
            **faces,
        }, indent=2)


def _n(count: int, one: str, many: str = "") -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def check_story(root: str | Path, interface: bool = False, faces: bool = False,
                with_style: bool = False) -> Report:
    """Load ``root`` and lint it; never raises for problems in the story. With ``interface``,
    the game's own interface catalogues are checked too (as the ``check`` command does); with
    ``faces``, how the story answers each face (:mod:`game.tools.faces`, ``check --faces``);
    with ``with_style``, its repetitions (:mod:`game.tools.style`, ``check --style``)."""
    story, problems = read_story(root)
    report = Report(problems=list(problems))
    if story is not None:
        report.loaded = True
        report.scenes = sum(not s.ending for s in story.scenes.values())
        report.endings = len(story.endings)
        report.people = len(story.people)
        report.words = word_count(story)
        report.problems.extend(lint(story))
        if faces:
            report.faces = face_coverage(story)
        if with_style:
            report.style = style(story)
        budget = Budget()  # all the translations together, however many folders
        for code in languages(root):
            lang = read_language(root, code, budget)
            cov, found = coverage(story, lang)
            report.languages[code] = cov
            report.problems.extend(found)
            report.problems.extend(lint_language(lang))
    for code in interface_languages() if interface else ():
        cov, found = interface_coverage(code)
        report.interface[code] = cov
        report.problems.extend(found)
        report.problems.extend(lint_catalogue(code))
    report.problems.sort()
    return report


def lint(story: Story) -> list[Problem]:
    """Every lint problem of a loaded story."""
    return list(_Linter(story).run())


def reachable(story: Story, start: str | None = None) -> set[str]:
    """Scene ids reachable from ``start`` (default: the story's start) in the static graph,
    conditions ignored; ``start`` itself included."""
    first = start or story.start
    seen = {first}
    queue = deque(seen)
    while queue:
        for target in story.scenes[queue.popleft()].targets():
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _behind_dead_ends(story: Story, live: set[str]) -> set[str]:
    """The unreachable scenes not worth a W301 of their own while a dead end is reported.

    A dead end the player can reach (E301) has lost its way on, and that way may have led
    anywhere: so while there is one, only the entries of the unreachable parts of the story
    are reported (an unreachable scene that no other unreachable scene leads to, or one
    scene of a loop that nothing else leads into); the scenes reached from those entries
    are unreachable only because the entries are, and are left out."""
    if not any(not story.scenes[s].ending and not story.scenes[s].targets() for s in live):
        return set()
    lost = [sid for sid in story.scenes if sid not in live]
    into: dict[str, set[str]] = {sid: set() for sid in lost}
    for sid in lost:
        for target in story.scenes[sid].targets():
            if target in into and target != sid:
                into[target].add(sid)
    covered: set[str] = set()
    entries: list[str] = []
    for sid in lost:  # an entry: nothing it cannot reach back leads into it
        if sid in covered:
            continue
        after = reachable(story, sid)
        if into[sid] - covered <= after:
            entries.append(sid)
            covered |= after
    return covered - set(entries)


class _Linter:
    def __init__(self, story: Story) -> None:
        assert story.sources is not None  # a loaded story always has them
        self.story = story
        self.sources: Sources = story.sources
        given: set[str] = set()
        for found in self.sources.expressions:
            given |= {w.split(":", 1)[1] for w in found.compiled.writes if w.startswith("item:")}
        self.given = given

    def at(self, scene: Scene, where: Path_, diagnostic: Diagnostic, message: str, hint: str = "",
           key: bool = False) -> Problem:
        doc, path = self.sources.locate(scene.id, where)
        return doc.problem(path, diagnostic, message, hint, key=key)

    def at_expression(self, found: Located, diagnostic: Diagnostic, message: str,
                      hint: str = "") -> Problem:
        return self.sources.files[found.file].problem(found.where, diagnostic, message, hint)

    def in_scenes(self) -> Iterator[tuple[Scene, Located]]:
        """Every compiled expression of a scene, with its scene."""
        for found in self.sources.expressions:
            if found.scene is not None:
                yield self.story.scenes[found.scene], found

    def run(self) -> Iterator[Problem]:
        story = self.story
        live = reachable(story)
        quiet = _behind_dead_ends(story, live)
        for scene in story.scenes.values():
            if scene.id not in live and scene.id not in quiet:
                what = "ending" if scene.ending else "scene"
                yield self.at(scene, ("id",), D.UNREACHABLE, f"{what} '{scene.id}' is unreachable",
                              "no choice or face rule leads here")
            if not scene.ending and not scene.targets():
                yield self.at(scene, ("id",), D.DEAD_END, f"scene '{scene.id}' has no way on",
                              "add a choice with 'go', or mark it as an ending")
        yield from self.variables()
        yield from self.reactions()
        yield from self.never_holds()
        yield from self.runaway()
        yield from facewords(story)

    def variables(self) -> Iterator[Problem]:
        story = self.story
        reads: set[str] = set()
        writes: set[str] = set()
        for found in self.sources.expressions:
            reads |= found.compiled.reads
            writes |= found.compiled.writes
        meta_doc = self.sources.files[self.sources.meta]
        for name, decl in story.variables.items():
            if name not in reads and not decl.label:
                yield meta_doc.problem(("variables", name), D.NEVER_READ,
                                       f"variable '{name}' is never read",
                                       "use it in a condition, or give it a label to show it",
                                       key=True)
            if name not in writes:
                yield meta_doc.problem(("variables", name), D.NEVER_WRITTEN,
                                       f"variable '{name}' is never written",
                                       "it keeps its default all game", key=True)

    def reactions(self) -> Iterator[Problem]:
        story = self.story
        for scene in story.scenes.values():
            if scene.ending:
                continue
            for i, presence in enumerate(scene.people):
                person = story.people[presence.id]
                missing = [f for f in scene.allowed if not person.reacts.get(f)]
                if missing:
                    yield self.at(scene, ("people", i), D.MISSING_REACTION,
                                  f"'{presence.id}' has no reaction to the "
                                  f"{', '.join(missing)} face",
                                  "add it under reacts in characters.yaml, or limit "
                                  "faces.allowed")
        doc = self.sources.files.get(self.sources.characters)
        for cid, person in story.people.items():
            for fid, variants in person.reacts.items():
                if doc is not None and variants and all(v.cond is not None for v in variants):
                    yield doc.problem((cid, "reacts", fid), D.REACTION_MAY_BE_EMPTY,
                                      f"'{cid}' may show no reaction to the {fid} face",
                                      "end the list with a variant without 'if'", key=True)

    def never_holds(self) -> Iterator[Problem]:
        story = self.story
        variables = story.variables
        for scene, found in self.in_scenes():
            comp = found.compiled
            if comp.mode != "condition":
                continue
            tree = comp.tree.body if isinstance(comp.tree, ast.Expression) else None
            if tree is not None and self._never(tree, set(scene.allowed), variables):
                yield self.at_expression(found, D.NEVER_HOLDS,
                                         f"condition '{comp.source}' can never hold")

    def runaway(self) -> Iterator[Problem]:
        """W308: an effect that can multiply an int variable without bounds (``x *= 2``,
        ``x = x * y``, ``x += x``): it grows geometrically and stops, silently, at the
        story's range."""
        free = {name for name, decl in self.story.variables.items()
                if decl.type == "int" and decl.low is None and decl.high is None}
        for _scene, found in self.in_scenes():
            comp = found.compiled
            if comp.mode != "effect" or not comp.writes & free:
                continue
            for stmt in getattr(comp.tree, "body", []):
                name = _grows(stmt)
                if name in free:
                    yield self.at_expression(found, D.UNBOUNDED_MULTIPLY,
                                  f"'{name}' has no min or max and this "
                                  f"effect multiplies it: it stops at {INT_LIMIT:,}",
                                  "give it a min and a max")
                    break

    def _never(self, node: ast.AST, faces: set[str], variables: Mapping[str, Variable]) -> bool:
        if isinstance(node, ast.BoolOp):
            parts = [self._never(v, faces, variables) for v in node.values]
            return any(parts) if isinstance(node.op, ast.And) else all(parts)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "has" and node.args:
                arg = node.args[0]
                return isinstance(arg, ast.Constant) and arg.value not in self.given
            return False
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1):
            return False
        left, op, right = node.left, node.ops[0], node.comparators[0]
        if isinstance(left, ast.Constant) and isinstance(right, ast.Name):
            left, right = right, left
            op = {ast.Lt: ast.Gt(), ast.Gt: ast.Lt(), ast.LtE: ast.GtE(),
                  ast.GtE: ast.LtE()}.get(type(op), op)
        if not (isinstance(left, ast.Name) and isinstance(right, ast.Constant)):
            if (isinstance(left, ast.Name) and left.id == "face"
                    and isinstance(op, ast.In) and isinstance(right, ast.Tuple | ast.List)):
                return not any(isinstance(e, ast.Constant) and e.value in faces
                               for e in right.elts)
            return False
        value = right.value
        if left.id == "face":
            return isinstance(op, ast.Eq) and value not in faces
        decl = variables.get(left.id)
        if (decl is None or decl.type != "int" or not isinstance(value, int)
                or isinstance(value, bool)):
            return False
        lo = decl.low if decl.low is not None else -INT_LIMIT
        hi = decl.high if decl.high is not None else INT_LIMIT
        return {ast.Gt: value >= hi, ast.GtE: value > hi, ast.Lt: value <= lo,
                ast.LtE: value < lo, ast.Eq: not lo <= value <= hi}.get(type(op), False)


def _grows(stmt: ast.stmt) -> str | None:
    """The variable a statement can grow geometrically (``x *= ...``, ``x += <x>``,
    ``x = <a product>`` or ``x = <x twice>``), or None."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
        name = stmt.target.id
        if isinstance(stmt.op, ast.Mult) or _reads(stmt.value, name):
            return name
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
            and isinstance(stmt.targets[0], ast.Name):
        name = stmt.targets[0].id
        products = any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mult)
                       for n in ast.walk(stmt.value))
        if products or _reads(stmt.value, name) > 1:
            return name
    return None


def _reads(node: ast.AST, name: str) -> int:
    """How many times ``node`` reads the variable ``name``."""
    return sum(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))
