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


# --------------------------------------------------------------------------- schema --story


def test_a_story_s_schemas_list_its_ids_where_a_key_names_one(tmp_path: Path):
    from game.cli import main
    from game.tools.schema import story_names

    root = ROOT / "story"
    names = story_names(root)
    assert assert_ids(names)
    assert main(["schema", "--story", str(root), "--out", str(tmp_path)]) == 0
    scenes = jsonschema.Draft7Validator(
        __import__("json").loads((tmp_path / "scenes.schema.json").read_text()))
    start = names.scenes[0]
    good = parse_yaml(f"- id: s\n  title: S\n  people: [{names.people[0]}]\n  faces:\n"
                      f"    allowed: [{names.faces[0]}]\n  choices:\n"
                      f"    - {{id: a, label: A, go: {start}}}\n", "x").data
    assert list(scenes.iter_errors(good)) == []
    for wrong in ("go: nowhere_at_all", ):
        bad = parse_yaml(f"- id: s\n  title: S\n  choices:\n    - {{id: a, label: A, {wrong}}}\n",
                         "x").data
        assert list(scenes.iter_errors(bad)), wrong
    bad = parse_yaml("- id: s\n  title: S\n  faces: {allowed: [no_such_face]}\n", "x").data
    assert list(scenes.iter_errors(bad))
    # every file of the story still validates against its story's schemas
    story_schemas = schemas(names)
    for path in story_files(root):
        errors = list(jsonschema.Draft7Validator(story_schemas[_kind(path)])
                      .iter_errors(read_yaml(path).data))
        assert errors == [], path


def assert_ids(names) -> bool:
    return bool(names.scenes and names.faces and names.people and names.items
                and names.variables)


def test_a_broken_story_still_gives_the_ids_its_files_hold(tmp_path: Path):
    import shutil

    from game.tools.schema import story_names

    root = tmp_path / "story"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", root)
    (root / "scenes" / "broken.yaml").write_text("- id: attic\n  title: 'open\n")
    names = story_names(root)
    assert names.scenes == ("hall", "room", "street", "home")
    assert names.faces == ("bandaged", "masked", "bare") and names.people == ("neighbour",)


def test_schema_story_needs_a_story_folder(tmp_path: Path, capsys):
    from game.cli import main

    assert main(["schema", "scenes", "--story", str(tmp_path)]) == 2
    assert "no story.yaml" in capsys.readouterr().err


@pytest.mark.parametrize("kind", KINDS)
def test_hovers_read_as_an_author_s_documentation(kind: str):
    """No model names of the code in the titles and descriptions an editor shows."""
    from game.tools.schema import _MODELS

    # the names of two words (VarDecl, FaceRule ...): "Scene" alone may be a plain word
    code_names = {m.__name__ for m in _MODELS if re.search("[a-z][A-Z]", m.__name__)}
    code_names |= {"Ident", "Expr"}
    shown: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "description") and isinstance(value, str):
                    shown.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schemas()[kind])
    for text in shown:
        assert not any(re.search(rf"\b{name}\b", text) for name in code_names), text
        assert ":class:" not in text and "``" not in text, text
