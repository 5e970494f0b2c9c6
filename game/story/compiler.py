"""The compiler: validated story files in, a runtime :class:`~game.story.runtime.Story` out.

It checks every name the files use (scenes, faces, people, variables, items, choices),
compiles every condition and effect once, gives every string its key (see
:mod:`game.story.keys`) and builds the string table. Problems are located in the files as
``path:line:col: CODE message``; a story with errors is not built.
"""

from __future__ import annotations

import keyword
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from game.story import keys
from game.story.expr import (
    FUNCTIONS,
    Compiled,
    ExprError,
    Scope,
    Type,
    all_of,
    compile_condition,
    compile_effect,
    conditional,
    suggest,
)
from game.story.model import Character, ConditionalEffect, Requirement, StoryMeta
from game.story.model import Scene as SceneDoc
from game.story.problems import D, Problem
from game.story.runtime import (
    Choice,
    Face,
    FaceRule,
    Located,
    Mask,
    Migrations,
    Paragraph,
    Person,
    Presence,
    Scene,
    Sources,
    Story,
    Variable,
    Variant,
)
from game.story.yamlfile import Path_, YamlDoc, locate, scalar_column_offset

RESERVED = {"face", "true", "false", *keyword.kwlist, *FUNCTIONS}
_KINDS = {"bool": "bool", "int": "int", "string": "str", "enum": "enum"}


class _Choices(Collection[str]):
    """The story's choices (``scene.choice``), for ``chose()``: a choice of a scene that
    failed to load counts as known, since its scene's error is reported already."""

    def __init__(self, known: frozenset[str], broken: frozenset[str]) -> None:
        self.known, self.broken = known, broken

    def __contains__(self, name: object) -> bool:
        return name in self.known or (isinstance(name, str)
                                      and name.split(".", 1)[0] in self.broken)

    def __iter__(self) -> Iterator[str]:
        return iter(self.known)

    def __len__(self) -> int:
        return len(self.known)


class Compiler:
    """Compiles one story; :attr:`problems` collects what is wrong, in any order."""

    def __init__(self, files: Mapping[str, YamlDoc], meta_path: str, meta: StoryMeta,
                 characters: Mapping[str, tuple[Character, str]],
                 scenes: Mapping[str, tuple[SceneDoc, str, Path_]],
                 broken: set[str]) -> None:
        self.files = files
        self.meta_doc = files[meta_path]
        self.meta_path = meta_path
        self.meta = meta
        self.characters = characters
        self.scenes = scenes
        self.broken = broken
        """Ids of scenes that failed to load: references to them are not reported again."""
        self.problems: list[Problem] = []
        self.strings: dict[str, str] = {}
        self.located: list[Located] = []
        self.scope = self._scope()

    # -- helpers

    def _scope(self) -> Scope:
        meta = self.meta
        variables: dict[str, Type] = {"face": Type("enum", tuple(meta.faces))}
        for name, decl in meta.variables.items():
            if name in RESERVED:
                self.problems.append(self.meta_doc.problem(
                    ("variables", name), D.DUPLICATE_ID, f"'{name}' is a reserved name",
                    key=True))
                continue
            variables[name] = Type(_KINDS[decl.type], tuple(decl.values or ()), decl.min,
                                   decl.max)
        choices = {keys.choice(sid, c.id) for sid, (s, _f, _w) in self.scenes.items()
                   for c in s.choices}
        return Scope(variables, set(self.scenes) | self.broken, set(meta.items),
                     _Choices(frozenset(choices), frozenset(self.broken)),
                     set(self.characters))

    def expr(self, path: str, where: Path_, source: str | None, scene: str | None = None,
             effect: bool = False) -> Compiled | None:
        """``source`` compiled (None if there is none, or if it is wrong: then reported)."""
        if not source:
            return None
        doc = self.files[path]
        try:
            compiled = (compile_effect if effect else compile_condition)(source, self.scope)
        except ExprError as err:
            extra = scalar_column_offset(doc.root, where) + err.col
            self.problems.append(doc.problem(where, err.diagnostic, err.message, err.hint,
                                             extra))
            return None
        self.located.append(Located(scene, path, where, compiled))
        return compiled

    def effects(self, path: str, where: Path_, sources: list[str | ConditionalEffect],
                scene: str | None) -> tuple[Compiled, ...]:
        """Each effect of a ``do`` list compiled (a wrong one is reported and left out)."""
        out: list[Compiled] = []
        for j, d in enumerate(sources):
            if isinstance(d, ConditionalEffect):
                cond = self.expr(path, (*where, j, "if"), d.if_, scene)
                then = self.effects(path, (*where, j, "do"), d.do, scene)
                otherwise = self.effects(path, (*where, j, "else"), d.else_, scene)
                if cond is not None:
                    out.append(conditional(cond, then, otherwise))
            elif (c := self.expr(path, (*where, j), d, scene, effect=True)) is not None:
                out.append(c)
        return tuple(out)

    def face_changes(self) -> tuple[FaceRule, ...]:
        """The story's own face changes (``face_changes`` in story.yaml)."""
        doc, out = self.meta_doc, []
        for i, change in enumerate(self.meta.face_changes):
            where = ("face_changes", i)
            self.face_ref(doc, (*where, "to"), change.to)
            self.face_ref(doc, (*where, "from"), change.from_)
            key = keys.face_change(i + 1)
            out.append(FaceRule(key, change.to, change.from_,
                                self.expr(self.meta_path, (*where, "if"), change.if_),
                                self.effects(self.meta_path, (*where, "do"), change.do, None),
                                None, False, self.string(key, change.text)))
        return tuple(out)

    def face_ref(self, doc: YamlDoc, where: Path_, face: str | None) -> None:
        if face is not None and face not in self.meta.faces:
            self.problems.append(doc.problem(where, D.UNKNOWN_FACE,
                                             D.UNKNOWN_FACE.message(name=face),
                                             suggest(face, self.meta.faces)))

    def scene_ref(self, doc: YamlDoc, where: Path_, target: str | None) -> None:
        if target is not None and target not in self.scenes and target not in self.broken:
            self.problems.append(doc.problem(where, D.UNKNOWN_SCENE,
                                             D.UNKNOWN_SCENE.message(name=target),
                                             suggest(target, self.scenes)))

    def string(self, key: str, text: str | None, always: bool = False) -> str:
        """Put ``text`` in the string table under ``key``; the key, or "" if there is no text
        (an ``always`` string is kept even when empty)."""
        if not text and not (always and text is not None):
            return ""
        self.strings[key] = text
        return key

    # -- the whole story

    def run(self, root: str, content_hash: str) -> Story | None:
        """The runtime story, or None if anything is wrong (see :attr:`problems`)."""
        meta = self.meta
        self.string(keys.STORY_TITLE, meta.title, always=True)
        self.string(keys.STORY_AUTHOR, meta.author)
        faces = self.faces()
        face_changes = self.face_changes()
        mask = self.mask()
        variables = self.variables()
        for iid, item in meta.items.items():
            self.string(keys.item(iid), item.name, always=True)
            self.string(keys.item(iid, "description"), item.description)
        for n, act_title in sorted(meta.acts.items()):
            self.string(keys.act(n), act_title)
        people = {cid: self.person(cid, char, path)
                  for cid, (char, path) in self.characters.items()}
        self.migrations()
        always = tuple(c for i, src in enumerate(meta.always)
                       if (c := self.expr(self.meta_path, ("always", i), src)))
        possible = tuple(c for i, src in enumerate(meta.possible)
                         if (c := self.expr(self.meta_path, ("possible", i), src)))
        scenes = {sid: self.scene(doc, path, base) for sid, (doc, path, base)
                  in self.scenes.items()}
        if any(p.severity == "error" for p in self.problems):
            return None
        characters = next((path for _c, path in self.characters.values()), "")
        sources = Sources(self.files, {sid: (path, base) for sid, (_s, path, base)
                                       in self.scenes.items()},
                          tuple(self.located), characters, self.meta_path)
        return Story(id=meta.id, version=meta.version, start=meta.start,
                     start_face=meta.start_face, faces=faces, mask=mask, variables=variables,
                     items=tuple(meta.items), people=people, scenes=scenes,
                     migrations=Migrations(dict(meta.migrations.scenes),
                                           dict(meta.migrations.variables)),
                     strings=self.strings, root=root, content_hash=content_hash,
                     table=self.strings, sources=sources, names=tuple(variables),
                     always=always, possible=possible, face_changes=face_changes,
                     watch=tuple(meta.style.watch), refrains=tuple(meta.style.refrains))

    def faces(self) -> dict[str, Face]:
        meta, doc = self.meta, self.meta_doc
        if meta.start not in self.scenes and meta.start not in self.broken:
            self.problems.append(doc.problem(("start",), D.UNKNOWN_SCENE,
                                             f"unknown start scene '{meta.start}'",
                                             suggest(meta.start, self.scenes)))
        self.face_ref(doc, ("start_face",), meta.start_face)
        faces: dict[str, Face] = {}
        for fid, face in meta.faces.items():
            faces[fid] = Face(
                id=fid, art=face.art,
                requires=self.expr(self.meta_path, ("faces", fid, "requires"), face.requires),
                label=self.string(keys.face(fid, "label"), face.label, always=True),
                reason=self.string(keys.face(fid, "reason"), face.reason),
                change=self.string(keys.face(fid, "change"), face.change_text),
                words=tuple(face.words))
            self.string(keys.face(fid, "description"), face.description)
            self.string(keys.face(fid, "aliases"), ", ".join(face.aliases))
        # The table lists each face's strings together, as translators read them.
        ordered: dict[str, str] = {}
        for fid in meta.faces:
            for part in ("label", "description", "change", "reason", "aliases"):
                key = keys.face(fid, part)
                if key in self.strings:
                    ordered[key] = self.strings.pop(key)
        self.strings.update(ordered)
        return faces

    def mask(self) -> Mask | None:
        mask, doc = self.meta.mask, self.meta_doc
        if mask is None:
            return None
        plain = isinstance(doc.data, dict) and isinstance(doc.data.get("mask"), str)
        self.face_ref(doc, ("mask",) if plain else ("mask", "face"), mask.face)
        for i, fid in enumerate(mask.back_to):
            self.face_ref(doc, ("mask", "back_to", i), fid)
        return Mask(mask.face, tuple(mask.back_to))

    def variables(self) -> dict[str, Variable]:
        out: dict[str, Variable] = {}
        for name, decl in self.meta.variables.items():
            if name in RESERVED:
                continue
            default: Any = decl.default
            out[name] = Variable(name, len(out), decl.type, default, decl.min, decl.max,
                                 tuple(decl.values or ()),
                                 self.string(keys.variable_label(name), decl.label))
        return out

    def migrations(self) -> None:
        meta, doc = self.meta, self.meta_doc
        for old, new in meta.migrations.scenes.items():
            self.scene_ref(doc, ("migrations", "scenes", old), new)
        for old, new in meta.migrations.variables.items():
            if new not in meta.variables:
                self.problems.append(doc.problem(
                    ("migrations", "variables", old), D.UNKNOWN_VARIABLE,
                    D.UNKNOWN_VARIABLE.message(name=new), suggest(new, meta.variables)))

    def person(self, cid: str, char: Character, path: str) -> Person:
        doc = self.files[path]
        name = self.string(keys.person(cid), char.name, always=True)
        self.string(keys.person(cid, "description"), char.description)
        reacts: dict[str, tuple[Variant, ...]] = {}
        for fid, variants in char.reacts.items():
            self.face_ref(doc, (cid, "reacts", fid), fid)
            reacts[fid] = tuple(
                Variant(self.string(keys.reaction(cid, fid, i + 1), v.text, always=True),
                        self.expr(path, (cid, "reacts", fid, i, "if"), v.if_))
                for i, v in enumerate(variants))
        prose = (char.reactions or self.meta.reactions) == "prose"
        return Person(cid, name, reacts, prose)

    # -- scenes

    def scene(self, scene: SceneDoc, path: str, base: Path_) -> Scene:
        doc, sid = self.files[path], scene.id
        title = self.string(keys.scene_title(sid), scene.title, always=True)
        ending = self.string(keys.ending(sid), scene.ending.title if scene.ending else None,
                             always=True)
        people = tuple(self.presence(scene, doc, path, base, i) for i in range(len(scene.people)))
        paragraphs = self.paragraphs(scene, doc, path, base)
        effects = self.effects(path, (*base, "do"), scene.do, sid)
        allowed = scene.faces.allowed
        for i, fid in enumerate(allowed or []):
            self.face_ref(doc, (*base, "faces", "allowed", i), fid)
        if allowed is None or (scene.ending is not None and scene.faces.allowed is None):
            possible = tuple(self.meta.faces)
        else:
            possible = tuple(f for f in self.meta.faces if f in allowed)
        rules = tuple(self.rule(scene, doc, path, (*base, "faces", "on_change", i), i)
                      for i in range(len(scene.faces.on_change)))
        quiet = []
        for i, change in enumerate(scene.faces.quiet):
            self.face_ref(doc, (*base, "faces", "quiet", i, "from"), change.from_)
            self.face_ref(doc, (*base, "faces", "quiet", i, "to"), change.to)
            quiet.append((change.from_, change.to))
        choices = self.choices(scene, doc, path, base)
        if scene.ending is not None and scene.choices:
            self.problems.append(doc.problem((*base, "choices"), D.WRONG_TYPE,
                                             "an ending has no choices", key=True))
        return Scene(sid, title, scene.act, people, paragraphs, effects, possible, rules,
                     choices, {c.id: c for c in choices}, ending, tuple(quiet),
                     scene.art or "")

    def presence(self, scene: SceneDoc, doc: YamlDoc, path: str, base: Path_,
                 i: int) -> Presence:
        person = scene.people[i]
        if person.id not in self.characters:
            self.problems.append(doc.problem((*base, "people", i), D.UNKNOWN_PERSON,
                                             D.UNKNOWN_PERSON.message(name=person.id),
                                             suggest(person.id, self.characters)))
        return Presence(person.id, self.expr(path, (*base, "people", i, "if"), person.if_,
                                             scene.id))

    def paragraphs(self, scene: SceneDoc, doc: YamlDoc, path: str,
                   base: Path_) -> tuple[Paragraph, ...]:
        out: list[Paragraph] = []
        seen: dict[str, int] = {}
        for i, para in enumerate(scene.text):
            key = keys.paragraph(scene.id, i + 1, para.key)
            if key in seen:
                line, _col = locate(doc.root, (*base, "text", seen[key]))
                self.problems.append(doc.problem((*base, "text", i), D.DUPLICATE_ID,
                                                 f"paragraph key '{key}' is used twice",
                                                 "give each paragraph its own key; the first "
                                                 f"is at line {line}"))
            seen.setdefault(key, i)
            if not para.if_ and para.else_ is not None:
                self.problems.append(doc.problem((*base, "text", i, "else"), D.WRONG_TYPE,
                                                 "'else' needs an 'if'"))
            cond = self.expr(path, (*base, "text", i, "if"), para.if_, scene.id)
            self.string(key, para.text, always=True)
            otherwise = self.string(keys.otherwise(key), para.else_, always=True)
            out.append(Paragraph(key, cond, otherwise))
        return tuple(out)

    def rule(self, scene: SceneDoc, doc: YamlDoc, path: str, where: Path_, i: int) -> FaceRule:
        rule = scene.faces.on_change[i]
        self.face_ref(doc, (*where, "to"), rule.to)
        self.face_ref(doc, (*where, "from"), rule.from_)
        self.scene_ref(doc, (*where, "go"), rule.go)
        key = keys.face_rule(scene.id, i + 1)
        return FaceRule(key, rule.to, rule.from_,
                        self.expr(path, (*where, "if"), rule.if_, scene.id),
                        self.effects(path, (*where, "do"), rule.do, scene.id),
                        rule.go, rule.once, self.string(key, rule.text))

    def needs(self, path: str, where: Path_, key: str, items: list[Requirement],
              scene: str) -> tuple[tuple[Compiled, str], ...]:
        """A ``requires`` list compiled: each condition with the key of its reason (a wrong
        condition is reported and left out)."""
        out: list[tuple[Compiled, str]] = []
        for n, item in enumerate(items, start=1):
            cond = self.expr(path, (*where, "requires", n - 1, "if"), item.if_, scene)
            reason = self.string(keys.choice_reason(key, n), item.reason)
            if cond is not None:
                out.append((cond, reason))
        return tuple(out)

    def choices(self, scene: SceneDoc, doc: YamlDoc, path: str,
                base: Path_) -> tuple[Choice, ...]:
        out: list[Choice] = []
        seen: dict[str, int] = {}
        for i, choice in enumerate(scene.choices):
            where = (*base, "choices", i)
            if choice.id in seen:
                line, col = locate(doc.root, (*base, "choices", seen[choice.id], "id"))
                self.problems.append(doc.problem((*where, "id"), D.DUPLICATE_ID,
                                                 f"choice '{choice.id}' appears twice in "
                                                 f"scene '{scene.id}'",
                                                 f"first at line {line}, column {col}"))
            seen.setdefault(choice.id, i)
            self.scene_ref(doc, (*where, "go"), choice.go)
            key = keys.choice(scene.id, choice.id)
            needs: tuple[tuple[Compiled, str], ...] = ()
            if isinstance(choice.requires, list):
                if choice.reason:
                    self.problems.append(doc.problem(
                        (*where, "reason"), D.WRONG_TYPE,
                        "with 'requires' as a list, each condition gives its own reason",
                        "move the reason into the list: - {if: ..., reason: ...}"))
                needs = self.needs(path, where, key, choice.requires, scene.id)
                requires = all_of([c for c, _r in needs]) if needs else None
                reason = needs[0][1] if needs else ""
            else:
                requires = self.expr(path, (*where, "requires"), choice.requires, scene.id)
                reason = self.string(keys.choice_part(key, "reason"), choice.reason)
            out.append(Choice(
                id=choice.id, key=key,
                label=self.string(keys.choice_part(key, "label"), choice.label, always=True),
                reason=reason,
                text=self.string(keys.choice_part(key, "text"), choice.text),
                cond=self.expr(path, (*where, "if"), choice.if_, scene.id),
                requires=requires,
                effects=self.effects(path, (*where, "do"), choice.do, scene.id),
                go=choice.go, once=choice.once, needs=needs))
        return tuple(out)
