"""``face-of-another schema``: JSON Schemas of the story files, made from the pydantic models.

Three schemas, one for each kind of file: ``story.yaml`` (:class:`StoryMeta`),
``characters.yaml`` (a mapping of ids to :class:`Character`) and the scene files (a list of
:class:`Scene`, or one scene). An editor with a YAML language server reads them through the
first line of each file (``# yaml-language-server: $schema=...``) and then completes keys,
shows what each key means and marks unknown ones as you type.

Pydantic writes the schema of the long forms only; the short forms the models accept through
their ``before`` validators (a paragraph as a plain string, a reaction as one string or a
list of strings, ``do`` as one string, ``name: 0`` for a variable, ``ending: Title``,
``mask: <face>``, a whole number as ``version``) are added here. The output is stable (same
models, same bytes): the committed files in ``schema/`` are tested against it.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game.story import model as m

DRAFT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: the draft every YAML language server and editor plugin understands."""

IDENT = r"^[A-Za-z_][A-Za-z0-9_]*$"
KINDS = ("story", "characters", "scenes")
"""The three schemas, written as ``<kind>.schema.json``."""

_MODELS: list[type[BaseModel]] = [m.StoryMeta, m.VarDecl, m.FaceDecl, m.MaskDecl, m.ItemDecl,
                                  m.Migration, m.Character, m.Variant, m.Scene, m.Presence,
                                  m.Paragraph, m.Choice, m.FaceRule, m.FaceRules, m.QuietChange,
                                  m.Ending, m.ConditionalEffect, m.FaceChange, m.Requirement,
                                  m.StyleDecl]

_TITLES: dict[str, str] = {
    "StoryMeta": "story.yaml",
    "VarDecl": "A variable",
    "FaceDecl": "A face",
    "MaskDecl": "The mask",
    "ItemDecl": "An item",
    "StyleDecl": "What check --style watches",
    "Migration": "Renames since an older version",
    "Character": "A person",
    "Variant": "A reaction",
    "Scene": "A scene",
    "Presence": "A person present",
    "Paragraph": "A paragraph",
    "Choice": "A choice",
    "FaceRule": "A face rule of this scene",
    "FaceRules": "Faces in this scene",
    "QuietChange": "A face change this scene leaves untold, on purpose",
    "Ending": "An ending",
    "ConditionalEffect": "Effects under a condition",
    "FaceChange": "A face change anywhere in the story",
    "Requirement": "A condition a choice needs, with its reason",
}
"""The title an editor shows for each kind of mapping (never the model's own name)."""

# What a key means, where the model has no docstring for it (the author guide's tables).
_DOCS: dict[tuple[str, str], str] = {
    ("StoryMeta", "id"): "The story's id: letters, digits and _, not starting with a digit.",
    ("StoryMeta", "title"): "The story's title.",
    ("StoryMeta", "version"): 'The story\'s version, as text: quote it ("1.10").',
    ("StoryMeta", "start"): "The id of the first scene.",
    ("StoryMeta", "start_face"): "The face the hero starts with (a key of 'faces').",
    ("StoryMeta", "faces"): "The hero's faces, in order: the order decides which face a scene "
                            "switches to when the current one is not allowed there.",
    ("StoryMeta", "variables"): "Declared variables. Short forms: 'name: 0' (an int), "
                                "'name: false' (a bool), 'name: text' (a string).",
    ("StoryMeta", "items"): "Things the hero can carry: give(\"id\"), take(\"id\"), has(\"id\").",
    ("StoryMeta", "migrations"): "Renames since an older version, old name first, so that "
                                 "older saves still load.",
    ("VarDecl", "type"): "bool (default false), int (default min or 0), enum (default the first "
                         "value) or string (default \"\").",
    ("VarDecl", "default"): "The value at the start; must fit the type, values and min..max.",
    ("VarDecl", "min"): "int only: every assignment is clamped into min..max.",
    ("VarDecl", "max"): "int only: every assignment is clamped into min..max.",
    ("VarDecl", "values"): "enum only: the possible values (ids).",
    ("FaceDecl", "label"): "The face's name, as the player sees it.",
    ("FaceDecl", "description"): "What the face looks like.",
    ("ItemDecl", "name"): "The item's name, as the player sees it.",
    ("ItemDecl", "description"): "What the item is.",
    ("Migration", "scenes"): "Scene renames: old id to new id.",
    ("Migration", "variables"): "Variable renames: old name to new name.",
    ("Character", "name"): "The person's name, as the player sees it.",
    ("Character", "description"): "Who the person is.",
    ("Character", "reacts"): "A reaction to each face id: one text, or a list of variants whose "
                             "first matching 'if' wins (end it with a variant without 'if').",
    ("Variant", "if"): "A condition: the variant is shown only when it holds.",
    ("Variant", "text"): "The reaction's text.",
    ("Scene", "id"): "The scene's id, unique across the story.",
    ("Scene", "title"): "The scene's title.",
    ("Scene", "act"): "The act, a whole number; plain mode prints 'ACT N' when it changes. "
                      "0 (the default): no act heading.",
    ("Scene", "people"): "Person ids from characters.yaml, or {id, if} to be present only "
                         "when the condition holds.",
    ("Scene", "text"): "The paragraphs: one string, or a list of strings and {if, text, else, "
                       "key} mappings.",
    ("Scene", "faces"): "Which faces are possible here, and what changing face does.",
    ("Scene", "choices"): "What the player can do here.",
    ("Scene", "ending"): "Makes the scene an ending: its title, or {title}. An ending has no "
                         "choices.",
    ("Presence", "id"): "A person id from characters.yaml.",
    ("Presence", "if"): "A condition: the person is present only when it holds.",
    ("Paragraph", "if"): "A condition: the paragraph is shown only when it holds.",
    ("Paragraph", "text"): "The paragraph.",
    ("Paragraph", "else"): "Shown instead when 'if' does not hold.",
    ("Paragraph", "key"): "A stable name for the paragraph, so translations and saves keep "
                          "track of it when paragraphs move.",
    ("Choice", "id"): "The choice's id, unique in the scene.",
    ("Choice", "label"): "The line the player picks.",
    ("Choice", "reason"): "Shown next to the choice while 'requires' does not hold (with "
                          "'requires' as a list, each condition gives its own reason).",
    ("Choice", "go"): "The scene to enter; without it the hero stays where he is.",
    ("FaceRule", "to"): "The rule matches a change to this face only.",
    ("FaceRule", "from"): "The rule matches a change from this face only.",
    ("FaceRule", "if"): "The rule matches only when this holds ('face' is still the old face).",
    ("FaceRule", "text"): "Told when the rule applies (instead of the face's change_text).",
    ("FaceRule", "go"): "The scene to enter after the change.",
    ("QuietChange", "from"): "The change from this face (any face if not given).",
    ("QuietChange", "to"): "The change to this face (any face if not given).",
    ("ConditionalEffect", "if"): "A condition: the effects under 'do' run only when it holds.",
    ("Ending", "title"): "The ending's title.",
}
_DO_DOC = ("Effects, run in order: one string, or a list (e.g. trust += 1, give(\"lantern\")); "
           "an item may be {if, do, else}: effects run only when the condition holds.")
_EFFECTS_DOC = {"do": "The effects that run when the condition holds: one, or a list.",
                "else": "The effects that run when the condition does not hold: one, or a "
                        "list."}


def _attribute_docs(cls: type) -> dict[str, str]:
    """The docstrings written under fields (``x: int = 0`` then ``\"\"\"What x is.\"\"\"``)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # pragma: no cover - no source at hand
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for stmt, nxt in zip(body, body[1:], strict=False):
        if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                and isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)):
            docs[stmt.target.id] = _plain(nxt.value.value)
    return docs


def _plain(doc: str) -> str:
    """A docstring as one line of plain text (reST's ``code`` marks become quotes)."""
    return re.sub(r"``([^`]*)``", r"'\1'", " ".join(doc.split()))


def _tidy(node: Any) -> Any:
    """Drop pydantic's generated titles of properties; turn ``dict[Ident, X]`` into a mapping
    whose keys must be ids (``propertyNames``) and whose values are X."""
    if isinstance(node, list):
        return [_tidy(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _tidy(v) for k, v in node.items()}
    props = out.get("properties")
    if isinstance(props, dict):
        for prop in props.values():
            if isinstance(prop, dict):
                prop.pop("title", None)
    pattern_props = out.get("patternProperties")
    if isinstance(pattern_props, dict) and set(pattern_props) == {IDENT}:
        out.pop("patternProperties")
        out["propertyNames"] = {**out.get("propertyNames", {}), "pattern": IDENT}
        out["additionalProperties"] = pattern_props[IDENT]
    return out


def _one_or_list(item: dict[str, Any], list_schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [item, list_schema]}


def _defs() -> dict[str, Any]:
    """Every model's schema, tidied, with descriptions and short forms, keyed by model name."""
    defs: dict[str, Any] = {}
    for model in _MODELS:
        schema = model.model_json_schema(ref_template="#/definitions/{model}")
        nested = schema.pop("$defs", {})
        if "$ref" in schema:  # a recursive model: pydantic puts its own schema aside
            schema = nested[model.__name__]
        schema = _tidy(schema)
        name = model.__name__
        if "description" in schema:
            schema["description"] = _plain(schema["description"])
        attr_docs = _attribute_docs(model)
        for field, info in model.model_fields.items():
            key = info.alias or field
            prop = schema["properties"][key]
            doc = attr_docs.get(field) or _DOCS.get((name, key))
            if key == "do":
                doc = _DO_DOC if name != "ConditionalEffect" else _EFFECTS_DOC["do"]
            elif key == "else" and name == "ConditionalEffect":
                doc = _EFFECTS_DOC["else"]
            if doc:
                prop["description"] = doc
        schema["title"] = _TITLES[name]
        defs[name] = schema
    expr = {"type": "string", "minLength": 1, "maxLength": 500}

    # Short forms (see the ``before`` validators in game/story/model.py).
    effect = {"anyOf": [expr, {"$ref": "#/definitions/ConditionalEffect"}]}
    for name, key in (("Scene", "do"), ("Choice", "do"), ("FaceRule", "do"),
                      ("FaceChange", "do"), ("ConditionalEffect", "do"),
                      ("ConditionalEffect", "else")):
        do = defs[name]["properties"][key]
        do["items"] = effect
        defs[name]["properties"][key] = {"description": do.pop("description"),
                                         **_one_or_list(effect, do)}
    for name in ("Paragraph", "Presence"):
        full = defs[name]
        short = {"type": "string"} if name == "Paragraph" else {
            "type": "string", "pattern": IDENT, "maxLength": 64}
        defs[name] = {"description": full.pop("description"), "anyOf": [short, full]}
    scene = defs["Scene"]["properties"]
    text = scene["text"]
    scene["text"] = {"description": text.pop("description"),
                     **_one_or_list({"type": "string"}, text)}
    ending = scene["ending"]
    ending["anyOf"].insert(0, {"type": "string"})
    reacts = defs["Character"]["properties"]["reacts"]
    reacts["additionalProperties"] = _one_or_list(
        {"type": "string"},
        {"type": "array", "items": {"anyOf": [{"type": "string"},
                                              {"$ref": "#/definitions/Variant"}]}})
    version = defs["StoryMeta"]["properties"]["version"]
    version.pop("type")
    version["anyOf"] = [{"type": "string"}, {"type": "integer"}]
    mask = defs["MaskDecl"]
    defs["MaskDecl"] = {"description": mask.pop("description"),
                        "anyOf": [{"type": "string", "pattern": IDENT, "maxLength": 64}, mask]}
    var = defs["VarDecl"]
    defs["VarDecl"] = {"description": var.pop("description"),
                       "anyOf": [{"type": "boolean"}, {"type": "integer"}, {"type": "string"},
                                 var]}
    return defs


def _used(defs: dict[str, Any], roots: list[str]) -> dict[str, Any]:
    """The definitions reachable from ``roots``, in a stable order."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        text = json.dumps(defs[name])
        todo += [d for d in defs if f'"#/definitions/{d}"' in text]
    return {name: defs[name] for name in sorted(seen)}


@dataclass(frozen=True)
class Names:
    """A story's ids, for schemas that complete them (``schema --story DIR``)."""

    scenes: tuple[str, ...] = ()
    faces: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    variables: tuple[str, ...] = ()


def _ids(data: Any) -> tuple[str, ...]:
    """The keys of a mapping that are ids ("" or a list, say, give none)."""
    if not isinstance(data, dict):
        return ()
    return tuple(k for k in data if isinstance(k, str) and re.match(IDENT, k))


def story_names(root: Path) -> Names:
    """The ids a story's files declare, read as far as the files can be read: a file with a
    mistake gives what it can, so that an editor completes names while the story is broken."""
    from game.story.loader import story_files
    from game.story.yamlfile import read_yaml

    meta: Any = None
    people: tuple[str, ...] = ()
    scenes: list[str] = []
    for path in story_files(root):
        data = read_yaml(path).data
        if path.name == "story.yaml" and path.parent == root:
            meta = data if isinstance(data, dict) else {}
        elif path.name == "characters.yaml" and path.parent == root:
            people = _ids(data)
        else:
            for scene in data if isinstance(data, list) else [data]:
                sid = scene.get("id") if isinstance(scene, dict) else None
                if isinstance(sid, str) and re.match(IDENT, sid) and sid not in scenes:
                    scenes.append(sid)
    meta = meta or {}
    return Names(tuple(scenes), _ids(meta.get("faces")), people, _ids(meta.get("items")),
                 _ids(meta.get("variables")))


def _only(node: Any, values: tuple[str, ...]) -> None:
    """Let the id strings in ``node`` (a property's schema) be only ``values``: an editor
    then completes them and marks any other."""
    if not values or not isinstance(node, dict):
        return
    if node.get("type") == "string" and node.get("pattern") == IDENT:
        node["enum"] = list(values)
    for key in ("anyOf", "oneOf"):
        for option in node.get(key, []):
            _only(option, values)
    _only(node.get("items"), values)


def _named(defs: dict[str, Any], names: Names) -> None:
    """Give the properties that name a scene, face or person the story's ids; and tell, in
    each expression's description, the names an expression may use."""
    def prop(model: str, key: str) -> Any:
        return defs[model]["properties"][key]

    for model, key in (("StoryMeta", "start"), ("Choice", "go"), ("FaceRule", "go")):
        _only(prop(model, key), names.scenes)
    for model, key in (("StoryMeta", "start_face"), ("FaceRules", "allowed"), ("FaceRule", "to"),
                       ("FaceRule", "from"), ("FaceChange", "to"), ("FaceChange", "from")):
        _only(prop(model, key), names.faces)
    mask = defs["MaskDecl"]
    _only(mask["anyOf"][0], names.faces)
    for key in ("face", "back_to"):
        _only(mask["anyOf"][1]["properties"][key], names.faces)
    presence = defs["Presence"]
    _only(presence["anyOf"][0], names.people)
    _only(presence["anyOf"][1]["properties"]["id"], names.people)
    if names.faces:
        prop("Character", "reacts")["propertyNames"]["enum"] = list(names.faces)
    if names.scenes:
        prop("Migration", "scenes")["additionalProperties"]["enum"] = list(names.scenes)
    if names.variables:
        prop("Migration", "variables")["additionalProperties"]["enum"] = list(names.variables)
    told = [f"{what}: {', '.join(found)}" for what, found in
            (("variables", ("face", *names.variables)), ("items", names.items),
             ("scenes", names.scenes)) if found]
    if not told:
        return
    extra = " This story's " + "; ".join(told) + "."
    for model in defs.values():
        for key, value in model.get("properties", {}).items():
            if key in ("if", "requires", "do", "else") and "description" in value:
                value["description"] += extra
    for key in ("always", "possible"):
        prop("StoryMeta", key)["description"] += extra


def schemas(names: Names | None = None) -> dict[str, dict[str, Any]]:
    """The three schemas, keyed by kind: ``story``, ``characters`` and ``scenes``; with
    ``names``, they also list that story's ids where a key names one (see :func:`_named`)."""
    defs = _defs()
    if names is not None:
        _named(defs, names)
    ref = "#/definitions/"
    out: dict[str, dict[str, Any]] = {}
    out["story"] = {
        "$schema": DRAFT,
        "$id": "story.schema.json",
        "title": "Face of Another: story.yaml",
        "description": "The story's identity, its start, faces, variables, items and "
                       "migrations. See docs/authoring.md, section 2.",
        "allOf": [{"$ref": ref + "StoryMeta"}],
        "definitions": _used(defs, ["StoryMeta"]),
    }
    out["characters"] = {
        "$schema": DRAFT,
        "$id": "characters.schema.json",
        "title": "Face of Another: characters.yaml",
        "description": "Every person, by id, and how they react to each face. See "
                       "docs/authoring.md, section 3.",
        "type": ["object", "null"],
        "propertyNames": {"pattern": IDENT, "maxLength": 64},
        "additionalProperties": {"$ref": ref + "Character"},
        "definitions": _used(defs, ["Character"]),
    }
    out["scenes"] = {
        "$schema": DRAFT,
        "$id": "scenes.schema.json",
        "title": "Face of Another: a scene file (scenes/*.yaml)",
        "description": "A list of scenes (or one scene). See docs/authoring.md, section 4.",
        "anyOf": [{"type": "array", "items": {"$ref": ref + "Scene"}},
                  {"$ref": ref + "Scene"},
                  {"type": "null"}],
        "definitions": _used(defs, ["Scene"]),
    }
    return out


def dumps(schema: dict[str, Any]) -> str:
    """A schema as the text written to its file (two-space indents, a final newline)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def write(folder: Path, kinds: tuple[str, ...] = KINDS,
          names: Names | None = None) -> list[Path]:
    """Write the schemas of ``kinds`` into ``folder`` (created if needed); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    all_schemas = schemas(names)
    paths = []
    for kind in kinds:
        path = folder / file_name(kind)
        path.write_text(dumps(all_schemas[kind]), encoding="utf-8")
        paths.append(path)
    return paths
