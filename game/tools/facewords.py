"""W309: text that assumes a face the hero may not be wearing when it is shown.

A face may declare ``words`` in story.yaml: words and phrases that make sense only with that
face worn (``gauze`` for the bandaged face, ``the beard`` for the mask, ``keloid`` for the bare
face). This lint finds each of them in the story's English and asks, from the conditions
around the text and the faces its scene allows, with which faces the text can be shown:

- a paragraph: the scene's faces, narrowed by its ``if`` (its ``else`` by the ``if`` failing);
- a choice's ``text`` (told once the choice is taken): narrowed by its ``if`` and ``requires``;
- a reaction: the face it answers, narrowed by the variant's ``if``;
- a face-change line (a scene's ``on_change``, the story's ``face_changes``, a face's
  ``change_text``): told between the old face and the new one, so it may name the words of
  both; a word is flagged when some change the line can be told on neither starts nor ends
  with its face.

Only ``face`` is decided: every other part of a condition (``visited(...)``, a variable) may
hold or not, so the text counts as possibly shown.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.story.expr import Compiled
from game.story.problems import D, Problem
from game.story.runtime import Story
from game.story.yamlfile import Path_, YamlDoc, find

Faces = frozenset[str]


def face_sets(tree: ast.AST | None, every: Faces) -> tuple[Faces, Faces]:
    """The faces with which a condition may hold, and those with which it must hold."""
    if tree is None:
        return every, every
    if isinstance(tree, ast.Expression):
        return face_sets(tree.body, every)
    if isinstance(tree, ast.BoolOp):
        parts = [face_sets(v, every) for v in tree.values]
        if isinstance(tree.op, ast.And):
            may, must = every, every
            for m, n in parts:
                may, must = may & m, must & n
            return may, must
        may, must = frozenset(), frozenset()
        for m, n in parts:
            may, must = may | m, must | n
        return may, must
    if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not):
        may, must = face_sets(tree.operand, every)
        return every - must, every - may
    if isinstance(tree, ast.Compare) and len(tree.ops) == 1:
        exact = _face_compare(tree, every)
        if exact is not None:
            return exact, exact
    if isinstance(tree, ast.Constant) and isinstance(tree.value, bool):
        return (every, every) if tree.value else (frozenset(), frozenset())
    return every, frozenset()


def _face_compare(node: ast.Compare, every: Faces) -> Faces | None:
    """The faces with which ``face == "x"``, ``face != "x"``, ``face in (...)`` or ``face not
    in (...)`` holds; None for any other comparison."""
    left, op, right = node.left, node.ops[0], node.comparators[0]
    if isinstance(right, ast.Name) and right.id == "face" and isinstance(op, ast.Eq | ast.NotEq):
        left, right = right, left
    if not (isinstance(left, ast.Name) and left.id == "face"):
        return None
    if isinstance(right, ast.Constant) and isinstance(right.value, str):
        named = frozenset({right.value})
    elif isinstance(right, ast.Tuple | ast.List | ast.Set) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in right.elts):
        named = frozenset(str(e.value) for e in right.elts if isinstance(e, ast.Constant))
    else:
        return None
    if isinstance(op, ast.Eq | ast.In):
        return every & named
    if isinstance(op, ast.NotEq | ast.NotIn):
        return every - named
    return None


def _tree(cond: Compiled | None) -> ast.AST | None:
    return None if cond is None else cond.tree


def _may(cond: Compiled | None, every: Faces) -> Faces:
    return face_sets(_tree(cond), every)[0]


@dataclass(frozen=True)
class Shown:
    """A text of the story, where it is, and with which faces it can be shown: ``faces`` for
    a text shown with one face; ``changes`` (old, new) for a face-change line."""

    doc: YamlDoc
    where: Path_
    what: str
    faces: Faces = frozenset()
    changes: frozenset[tuple[str, ...]] | None = None
    """For a text told across a change: each sequence of faces it may span (old, new, and
    any face the change's effects then set)."""


def _text_node(doc: YamlDoc, where: Path_, part: str = "text") -> tuple[Path_, Node | None]:
    """The scalar at ``where``, or, when ``where`` holds a mapping, at ``where + (part,)``."""
    node = find(doc.root, where)
    if isinstance(node, MappingNode):
        where = (*where, part)
        node = find(doc.root, where)
    return where, node


def _items(doc: YamlDoc, where: Path_) -> list[Path_]:
    """The paths of a list's items at ``where``; ``[where]`` when a short form gave one
    scalar there instead of a list."""
    node = find(doc.root, where)
    if isinstance(node, SequenceNode):
        return [(*where, i) for i in range(len(node.value))]
    return [where] if node is not None else []


def texts(story: Story) -> Iterator[Shown]:
    """Every text the lint reads, with the faces it can be shown with."""
    assert story.sources is not None
    sources = story.sources
    every = frozenset(story.faces)
    meta = sources.files[sources.meta]
    for fid, face in story.faces.items():
        if face.change:
            yield Shown(meta, ("faces", fid, "change_text"), "this face's change_text",
                        changes=frozenset((old, fid) for old in every if old != fid))
    for i, rule in enumerate(story.face_changes):
        if rule.text:
            yield Shown(meta, ("face_changes", i, "text"), "this face change",
                        changes=_pairs(rule.from_, rule.to, rule.cond, every, rule.effects))
    chars = sources.files.get(sources.characters)
    if chars is not None:
        for cid, person in story.people.items():
            for fid, variants in person.reacts.items():
                for where, variant in zip(_items(chars, (cid, "reacts", fid)), variants,
                                          strict=False):
                    yield Shown(chars, where, f"this reaction to the {fid} face",
                                _may(variant.cond, frozenset({fid}) & every))
    for scene in story.scenes.values():
        path, base = sources.scenes[scene.id]
        doc = sources.files[path]
        allowed = frozenset(scene.allowed)
        for where, para in zip(_items(doc, (*base, "text")), scene.paragraphs, strict=False):
            may, must = face_sets(_tree(para.cond), allowed)
            yield Shown(doc, where, "this paragraph", may)
            if para.otherwise:
                yield Shown(doc, (*where, "else"), "this paragraph's else", allowed - must)
        for i, choice in enumerate(scene.choices):
            if choice.text:
                may = _may(choice.cond, allowed) & _may(choice.requires, allowed)
                new = _assigned(choice.effects, every)
                yield Shown(doc, (*base, "choices", i, "text"), "this choice's text", may,
                            frozenset((o, n) for o in may for n in new) if new else None)
        for i, rule in enumerate(scene.rules):
            if rule.text:
                yield Shown(doc, (*base, "faces", "on_change", i, "text"), "this face change",
                            changes=_pairs(rule.from_, rule.to, rule.cond, allowed,
                                           rule.effects))


def _assigned(effects: Iterable[Compiled], every: Faces) -> Faces:
    """The faces effects may set (``face = "veil"``): a choice that changes the face
    tells its text across the change, like a face rule."""
    found: set[str] = set()
    for effect in effects:
        for node in ast.walk(effect.tree):
            if (isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "face" for t in node.targets)):
                if isinstance(node.value, ast.Constant) and node.value.value in every:
                    found.add(str(node.value.value))
                else:
                    found |= every
    return frozenset(found)


def _pairs(old: str | None, new: str | None, cond: Compiled | None, allowed: Faces,
           effects: Iterable[Compiled] = ()) -> frozenset[tuple[str, ...]]:
    """The changes (old face, new face[, the face its effects set]) a face rule can be told
    on; its condition is read with the old face."""
    olds = _may(cond, allowed if old is None else allowed & {old})
    news = allowed if new is None else allowed & {new}
    pairs = [(o, n) for o in olds for n in news if o != n]
    then = _assigned(effects, allowed)
    if then:
        return frozenset((*p, a) for p in pairs for a in then)
    return frozenset(pairs)


def _pattern(phrase: str) -> re.Pattern[str]:
    """A word or phrase, whole words only, any case, any run of blanks (a line break inside
    a folded scalar) between its words."""
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _position(source: str, index: int) -> tuple[int, int]:
    line = source.count("\n", 0, index) + 1
    return line, index - (source.rfind("\n", 0, index) + 1) + 1


def _found(doc: YamlDoc, where: Path_,
           patterns: Iterable[tuple[str, str, re.Pattern[str]]]
           ) -> Iterator[tuple[str, str, int, int]]:
    """Each (face, word, line, col) of ``patterns`` inside the scalar at ``where``."""
    where, node = _text_node(doc, where)
    if not isinstance(node, ScalarNode) or not doc.source:
        return
    start, end = node.start_mark.index, node.end_mark.index
    for fid, word, pattern in patterns:
        for match in pattern.finditer(doc.source, start, end):
            line, col = _position(doc.source, match.start())
            yield fid, word, line, col


def facewords(story: Story) -> list[Problem]:
    """W309 for each face word found in a text that can be shown with another face."""
    patterns = [(fid, word, _pattern(word)) for fid, face in story.faces.items()
                for word in face.words]
    if not patterns or story.sources is None:
        return []
    problems: list[Problem] = []
    for shown in texts(story):
        for fid, word, line, col in _found(shown.doc, shown.where, patterns):
            if shown.changes is None:
                wrong = sorted(shown.faces - {fid})
                if not wrong:
                    continue
                message = (f"'{word}' assumes the {fid} face, but {shown.what} may be shown "
                           f"with the {_or(wrong)} face")
                hint = f'put it under if: face == "{fid}", or word it for any face'
            else:
                bad = sorted(t for t in shown.changes if fid not in t)
                if not bad:
                    continue
                message = (f"'{word}' assumes the {fid} face, but {shown.what} may be told "
                           f"on a change from {bad[0][0]} to {bad[0][-1]}")
                hint = "a change line may name only the old and the new face; add 'from'"
            problems.append(D.FACE_WORD.at(shown.doc.path, line, col, message, hint))
    return problems


def _or(faces: list[str]) -> str:
    return faces[0] if len(faces) == 1 else ", ".join(faces[:-1]) + " or " + faces[-1]
