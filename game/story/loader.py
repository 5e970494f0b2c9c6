"""Load a story folder into a :class:`Story`, reporting every problem in every file at once.

A story folder holds ``story.yaml``, ``characters.yaml`` and ``scenes/**/*.yaml``. Loading
reads each file (see :mod:`game.story.yamlfile`), validates each part on its own so that one
broken scene does not hide the problems of the next, then checks every name and compiles
every expression. Problems come back located as ``path:line:col: CODE message``.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from yaml.nodes import ScalarNode

from game.files import FileRefused, read_limited
from game.story.compiler import Compiler
from game.story.expr import suggest
from game.story.limits import MAX_ACT, MAX_FILE_BYTES, MAX_SCENE_ENTRIES
from game.story.model import (
    CONDITIONAL_TAG,
    EFFECT_TAG,
    Character,
    Choice,
    ConditionalEffect,
    FaceChange,
    FaceDecl,
    FaceRule,
    MaskDecl,
    Paragraph,
    Scene,
    StoryMeta,
    VarDecl,
)
from game.story.problems import D, Problem, StoryError
from game.story.runtime import Story
from game.story.yamlfile import Budget, Path_, YamlDoc, find, locate, read_yaml

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _all_field_names() -> set[str]:
    names: set[str] = set()
    for model in (StoryMeta, VarDecl, FaceDecl, MaskDecl, Character, Scene, Choice, FaceRule,
                  Paragraph, ConditionalEffect, FaceChange):
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
    return names | {"allowed", "on_change", "title", "label", "requires", "reason", "change_text"}


_FIELDS = _all_field_names()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Loading builds many small, long-lived objects and no cycles: the cyclic collector would
    only walk them over and over. It is paused during the load, and what the load built is
    then frozen (moved out of the collector's sight) so that later collections skip it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def load_story(root: str | Path) -> Story:
    """Load and check a story folder; raises :class:`StoryError` with every problem found."""
    story, problems = read_story(root)
    errors = [p for p in problems if p.severity == "error"]
    if story is None or errors:
        raise StoryError(errors or problems)
    return story


def read_story(root: str | Path) -> tuple[Story | None, list[Problem]]:
    """Load a story folder; returns the story (None if it has errors) and all problems, sorted."""
    with _gc_paused():
        story, problems = _Loader(Path(root)).run()
    return story, sorted(problems)


def story_files(root: Path) -> list[Path]:
    """The YAML files that make up a story, in load order."""
    files = [root / "story.yaml"]
    if os.path.lexists(root / "characters.yaml"):
        files.append(root / "characters.yaml")
    files.extend(_scene_files(root / "scenes"))
    return files


def _scene_files(folder: Path) -> list[Path]:
    """Every entry named ``*.yaml`` or ``*.yml`` under ``folder``, sorted (see :func:`_walk`)."""
    return _walk(folder)[0]


def _walk(folder: Path) -> tuple[list[Path], bool]:
    """Every entry named ``*.yaml`` or ``*.yml`` under ``folder``, sorted, whatever it is:
    reading refuses (and so reports) a FIFO, a device or a folder with such a name, where
    skipping it would hide it. Nothing is opened here, links to folders are not followed (a
    link loop cannot trap the walk), and the walk stops after ``MAX_SCENE_ENTRIES`` entries:
    the flag says it stopped early."""
    if not folder.is_dir():
        return [], False
    found: list[Path] = []
    pending = [folder]
    seen = 0
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    seen += 1
                    if seen > MAX_SCENE_ENTRIES:
                        return sorted(found), True
                    path = current / entry.name
                    if path.suffix in (".yaml", ".yml"):
                        found.append(path)
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(path)
        except OSError:
            continue
    return sorted(found), False


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.docs: dict[str, YamlDoc] = {}
        self.broken: set[str] = set()
        """Ids of scenes that failed to load: references to them are not reported again."""
        self.digest = hashlib.sha256()
        self.budget = Budget()
        """What the story's files may still hold together."""

    # -- reading

    def read(self, path: Path) -> YamlDoc:
        doc = read_yaml(path, str(path), self.digest, self.budget)
        self.docs[doc.path] = doc
        self.problems.extend(doc.problems)
        return doc

    def validate(self, doc: YamlDoc, model: type[BaseModel], data: Any, prefix: Path_) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as err:
            self.problems.extend(_validation_problems(doc, prefix, err))
            return None

    # -- the whole load

    def run(self) -> tuple[Story | None, list[Problem]]:
        root = self.root
        if not os.path.lexists(root / "story.yaml"):
            where = str(root / "story.yaml")
            hint = "is this a story folder?" if root.is_dir() else "no such folder"
            return None, [D.MISSING_FILE.at(where, 1, 1, "story.yaml not found", hint)]
        meta_doc = self.read(root / "story.yaml")
        meta = None
        if meta_doc.ok:
            if isinstance(meta_doc.data, dict):
                meta = self.validate(meta_doc, StoryMeta, meta_doc.data, ())
            else:
                self.problems.append(meta_doc.problem((), D.WRONG_TYPE,
                                                      "story.yaml must be a mapping"))
        characters = self.read_characters(root / "characters.yaml")
        scenes = self.read_scenes(root / "scenes")
        if meta is None:
            return None, self.problems
        compiler = Compiler(self.docs, meta_doc.path, meta, characters, scenes, self.broken)
        story = compiler.run(str(root), self.digest.hexdigest()[:16])
        self.problems.extend(compiler.problems)
        if any(p.severity == "error" for p in self.problems):
            return None, self.problems
        return story, self.problems

    def read_characters(self, path: Path) -> dict[str, tuple[Character, str]]:
        """The people of ``characters.yaml``, each with the file's path."""
        chars: dict[str, tuple[Character, str]] = {}
        if not os.path.lexists(path):
            return chars
        doc = self.read(path)
        if not doc.ok or doc.data is None:
            return chars
        if not isinstance(doc.data, dict):
            self.problems.append(doc.problem((), D.WRONG_TYPE,
                                             "characters.yaml must map ids to people"))
            return chars
        for cid, data in doc.data.items():
            if not isinstance(cid, str) or not _IDENT.match(cid):
                self.problems.append(doc.problem((cid,), D.WRONG_TYPE, f"'{cid}' is not a valid id",
                                                 "letters, digits and _", key=True))
                continue
            char = self.validate(doc, Character, data, (cid,))
            if char is not None:
                chars[cid] = (char, doc.path)
        return chars

    def read_scenes(self, folder: Path) -> dict[str, tuple[Scene, str, Path_]]:
        """The scenes under ``folder``, each with its file's path and its place there."""
        scenes: dict[str, tuple[Scene, str, Path_]] = {}
        files, cut = _walk(folder)
        if cut:
            self.problems.append(D.TOO_LARGE.at(
                str(folder), 1, 1,
                f"the scenes folder holds more than {MAX_SCENE_ENTRIES:,} files and folders",
                "is it a link to a larger folder?"))
            return scenes
        if not files:
            self.problems.append(D.MISSING_FILE.at(str(folder), 1, 1, "no scene files found",
                                                   "put scenes in scenes/*.yaml"))
        for path in files:
            doc = self.read(path)
            if not doc.ok or doc.data is None:
                self.broken |= _ids_in(path)
                continue
            items = doc.data if isinstance(doc.data, list) else [doc.data]
            prefix_of = (lambda i: (i,)) if isinstance(doc.data, list) else (lambda i: ())
            for i, data in enumerate(items):
                if not isinstance(data, dict):
                    self.problems.append(doc.problem(prefix_of(i), D.WRONG_TYPE,
                                                     "a scene must be a mapping"))
                    continue
                scene = self.validate(doc, Scene, data, prefix_of(i))
                if scene is None:
                    if isinstance(data.get("id"), str):
                        self.broken.add(data["id"])
                    continue
                if scene.id in scenes:
                    _s, first, base = scenes[scene.id]
                    line, col = locate(self.docs[first].root, (*base, "id"))
                    self.problems.append(doc.problem((*prefix_of(i), "id"), D.DUPLICATE_ID,
                                                     f"scene '{scene.id}' is defined twice",
                                                     f"first at {first}:{line}:{col}"))
                    continue
                scenes[scene.id] = (scene, doc.path, prefix_of(i))
        return scenes


_ID_LINE = re.compile(rb"^-?\s*id:\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def _ids_in(path: Path) -> set[str]:
    """Scene ids a file that failed to parse seems to define (to avoid cascading errors)."""
    try:
        return {m.decode() for m in _ID_LINE.findall(read_limited(path, MAX_FILE_BYTES))}
    except (OSError, ValueError, FileRefused):
        return set()


_TAGS = {EFFECT_TAG, CONDITIONAL_TAG}
"""The names pydantic gives the forms of a tagged union in a location (not keys)."""
_RANGE_ERRORS = {"less_than_equal", "greater_than_equal", "int_parsing_size"}
_RANGE_HINT = {"act": f"acts count from 1 to {MAX_ACT}; 0 means no act"}
_PATTERN_MSG = "must be an id: letters, digits and _, not starting with a digit"


_YES_HINT = "yes/no/on/off/true/false are read as true or false: put it in quotes"
_NUMBER_HINT = "YAML reads it as a number: put it in quotes"
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "too_short": "a list of at least {min_length}",
}
"""What a key expects, by pydantic's error type, in an author's words."""
_SHAPES = {
    "Paragraph": "a paragraph (text, or a mapping with 'text')",
    "Presence": "a person (an id, or a mapping with 'id')",
    "Variant": "a reaction (text, or a mapping with 'text')",
    "Ending": "the ending's title (text, or a mapping with 'title')",
    "MaskDecl": "the mask (a face id, or a mapping with 'face')",
    "VarDecl": "a variable (a mapping with 'type', or its default: 0, false or text)",
    "ConditionalEffect": "a conditional effect (a mapping with 'if' and 'do')",
}
"""What a mapping of the story expects, by model; the models that take text are those with a
short form as text."""
_TAKES_TEXT = {"string_type", "Paragraph", "Presence", "Variant", "Ending", "MaskDecl"}


def _wrong_type(doc: YamlDoc, where: Path_, loc: tuple[Any, ...],
                e: Any) -> tuple[str, str]:
    """A value of the wrong type, said in an author's words: what was written, what is
    expected there, and the yes/no/number hint where text is expected."""
    kind, ctx, value = e["type"], e.get("ctx") or {}, e.get("input")
    shape = str(ctx.get("class_name", ""))
    if kind == "model_type":
        expected = _SHAPES.get(shape, "a mapping")
    elif kind == "literal_error":
        expected = f"one of {ctx.get('expected', '')}"
    else:
        expected = _EXPECTED[kind].format(**ctx)
        if kind == "too_short":
            expected += " item" if ctx.get("min_length") == 1 else " items"
    node = find(doc.root, where)
    written = node.value if isinstance(node, ScalarNode) else None
    if isinstance(value, bool):
        found = written or str(value).lower()
    elif isinstance(value, int | float):
        found = written or str(value)
    elif isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        found = f"'{shown}'" if shown else "empty text"
    elif isinstance(value, list):
        found = "an empty list" if not value else "a list"
    elif isinstance(value, dict):
        found = "a mapping"
    else:
        found = "nothing"
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if loc and isinstance(loc[-1], int) and field:
        label = f"item {loc[-1] + 1} of '{field}'"
    else:
        label = f"'{field}'" if field else "this"
    hint = ""
    if kind in _TAKES_TEXT or shape in _TAKES_TEXT:
        if isinstance(value, bool):
            hint = _YES_HINT
        elif isinstance(value, int | float):
            hint = _NUMBER_HINT
    return f"{label}: expected {expected}, found {found}", hint


def _validation_problems(doc: YamlDoc, prefix: Path_, err: ValidationError) -> list[Problem]:
    out: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for e in err.errors(include_url=False):
        loc = tuple(p for p in e["loc"] if p != "[key]" and p not in _TAGS)
        is_key = "[key]" in e["loc"]
        where = (*prefix, *loc)
        kind = e["type"]
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        if kind == "extra_forbidden":
            problem = doc.problem(where, D.UNKNOWN_KEY, D.UNKNOWN_KEY.message(name=loc[-1]),
                                  suggest(str(loc[-1]), _FIELDS - {loc[-1]}), key=True)
        elif kind == "missing":
            parent = where[:-1]
            problem = doc.problem(parent, D.MISSING_KEY, D.MISSING_KEY.message(name=loc[-1]))
        elif kind in _RANGE_ERRORS:
            problem = doc.problem(where, D.NUMBER_OUT_OF_RANGE, f"'{field}' {e['msg'][0].lower()}"
                                  f"{e['msg'][1:]}", _RANGE_HINT.get(field, ""), key=is_key)
        elif kind in _EXPECTED or kind in ("model_type", "literal_error"):
            message, hint = _wrong_type(doc, where, loc, e)
            problem = doc.problem(where, D.WRONG_TYPE, message, hint, key=is_key)
        else:
            msg = e["msg"].removeprefix("Value error, ")
            if kind == "string_pattern_mismatch":
                msg = _PATTERN_MSG
            label = f"'{field}' " if field else ""
            hint = ""
            if isinstance(e.get("input"), bool) and kind.startswith("string"):
                hint = _YES_HINT
            problem = doc.problem(where, D.WRONG_TYPE, f"{label}{msg[0].lower()}{msg[1:]}", hint,
                                  key=is_key)
        marker = (problem.line, problem.col, problem.code)
        if marker not in seen:
            seen.add(marker)
            out.append(problem)
    return out
