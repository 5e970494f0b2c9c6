"""The JSON Schemas in schema/: current, valid, and in agreement with the loader.

Every story file (the bundled story and the starter and minimal fixtures) validates against
its schema; the short forms the models accept are accepted; what the models refuse for its
shape is refused; and the committed files equal what ``face-of-another schema`` makes now.
"""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from game.story.loader import story_files
from game.story.model import Character, Scene, StoryMeta
from game.story.yamlfile import parse_yaml, read_yaml
from game.tools.schema import KINDS, dumps, file_name, schemas
from tests.paths import ROOT

SCHEMA_DIR = ROOT / "schema"
STORIES = [ROOT / "story", ROOT / "tests" / "fixtures" / "starter",
           ROOT / "tests" / "fixtures" / "minimal"]


def _kind(path: Path) -> str:
    return {"story.yaml": "story", "characters.yaml": "characters"}.get(path.name, "scenes")


def _files() -> list[Path]:
    """The files the loader reads (translations under i18n/ have their own format)."""
    return [p for root in STORIES for p in story_files(root)]


@pytest.fixture(scope="module")
def validators() -> dict[str, jsonschema.Draft7Validator]:
    return {kind: jsonschema.Draft7Validator(schemas()[kind]) for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_what_the_command_makes_now(kind: str):
    committed = (SCHEMA_DIR / file_name(kind)).read_text(encoding="utf-8")
    assert committed == dumps(schemas()[kind]), (
        f"schema/{file_name(kind)} is out of date: run "
        "'.venv/bin/python -m game schema --out schema' and commit the result")


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_a_valid_draft_7_schema(kind: str):
    jsonschema.Draft7Validator.check_schema(schemas()[kind])


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_story_file_validates(path: Path, validators):
    doc = read_yaml(path)  # the same values the loader sees (yes/no are booleans, ...)
    assert doc.ok, doc.problems
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validators[_kind(path)].iter_errors(doc.data)]
    assert errors == []


@pytest.mark.parametrize("path", [p for p in _files() if p.is_relative_to(ROOT / "story")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_story_files_point_editors_at_their_schema(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name} does not start with the schema line"
    target = (path.parent / match.group(1)).resolve()
    assert target == SCHEMA_DIR / file_name(_kind(path))


# What the loader's models accept and refuse, side by side with the schema. Each case is
# (kind, YAML text, accepted by the models).
SCENE = "- id: s\n  title: S\n"
CASES = [
    # short forms
    ("scenes", SCENE + "  text: One paragraph as a plain string.\n", True),
    ("scenes", SCENE + "  text:\n    - A plain paragraph.\n    - if: face == 'bare'\n"
                       "      text: Bare.\n      else: Not bare.\n      key: p_bare\n", True),
    ("scenes", SCENE + "  do: n += 1\n", True),
    ("scenes", SCENE + "  do: [n += 1, give('x')]\n", True),
    ("scenes", SCENE + "  ending: The end\n", True),
    ("scenes", SCENE + "  ending: {title: The end}\n", True),
    ("scenes", SCENE + "  people: [a, {id: b, if: n > 1}]\n", True),
    ("scenes", SCENE + "  choices:\n    - {id: c, label: C, do: n += 1, go: s}\n", True),
    ("scenes", SCENE + "  faces:\n    allowed: [bare]\n    on_change:\n"
                       "      - {to: bare, from: masked, if: n > 0, do: n -= 1, once: true}\n",
     True),
    ("scenes", "id: s\ntitle: One scene as a mapping\n", True),
    ("characters", "k:\n  name: K.\n  reacts:\n    bare: One string.\n"
                   "    masked: [First., {if: n > 1, text: Second.}, Last.]\n", True),
    ("story", "id: x\ntitle: X\nversion: 2\nstart: s\nstart_face: bare\n"
              "faces: {bare: {label: Bare}}\n"
              "variables:\n  n: 0\n  flag: false\n  name: Mr. S\n"
              "  e: {type: enum, values: [a, b]}\n  m: {type: int, min: 0, max: 3}\n", True),
    ("story", "id: x\ntitle: X\nversion: '1'\nstart: s\nstart_face: plain\n"
              "faces: {plain: {label: Plain, art: scars}, veil: {label: Veil, art: mask}}\n"
              "mask: {face: veil, back_to: [plain]}\n", True),
    ("story", "id: x\ntitle: X\nversion: '1'\nstart: s\nstart_face: plain\n"
              "faces: {plain: {label: Plain}, veil: {label: Veil}}\nmask: veil\n", True),
    # refused for their shape
    ("scenes", SCENE + "  lable: Oops\n", False),
    ("scenes", SCENE + "  choices:\n    - {id: c}\n", False),
    ("scenes", SCENE + "  choices:\n    - {id: 3c, label: C}\n", False),
    ("scenes", SCENE + "  text: [{if: n > 1}]\n", False),
    ("scenes", SCENE + "  act: [1]\n", False),
    ("scenes", "- id: s\n", False),
    ("characters", "k:\n  reacts: {bare: Hm.}\n", False),
    ("characters", "k:\n  name: K.\n  reacts: {bare: [{if: n > 1}]}\n", False),
    ("story", "id: x\ntitle: X\nversion: '1'\nstart: s\nstart_face: bare\n"
              "faces: {bare: {label: Bare, colour: red}}\n", False),
    ("story", "id: x\ntitle: X\nversion: '1'\nstart: s\n", False),
    ("story", "id: x\ntitle: X\nversion: '1'\nstart: s\nstart_face: bare\n"
              "faces: {bare: {label: Bare, art: smile}}\n", False),
    ("story", "id: x\ntitle: X\nversion: '1'\nstart: s\nstart_face: bare\n"
              "faces: {bare: {label: Bare}}\nmask: {back_to: [bare]}\n", False),
    ("story", "id: x\ntitle: X\nversion: '1'\nstart: s\nstart_face: bare\n"
              "faces: {bare: {label: Bare}}\nvariables: {n: [1]}\n", False),
]


def _models_accept(kind: str, data: object) -> bool:
    try:
        if kind == "story":
            StoryMeta.model_validate(data)
        elif kind == "characters":
            for char in (data or {}).values():  # type: ignore[union-attr]
                Character.model_validate(char)
        else:
            for scene in data if isinstance(data, list) else [data]:
                Scene.model_validate(scene)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(("kind", "text", "accepted"), CASES)
def test_schema_agrees_with_the_models(kind: str, text: str, accepted: bool, validators):
    doc = parse_yaml(text, "case.yaml")
    assert doc.ok
    assert _models_accept(kind, doc.data) is accepted, "the case itself is wrong"
    errors = list(validators[kind].iter_errors(doc.data))
    assert (not errors) is accepted, [e.message for e in errors]
