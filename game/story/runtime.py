"""The runtime story: what the engine, the shells and the tools read once a story is loaded.

The compiler (:mod:`game.story.compiler`) builds it from the validated files: plain frozen
objects with public fields, every condition and effect compiled once, every string key
computed once (by :mod:`game.story.keys`). Nothing here reads a file or validates anything.

A condition is a :class:`~game.story.expr.Compiled` (its ``run`` takes the engine's state);
an optional one is ``None`` when the story gives none (it always holds).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from game.story.expr import Compiled, Value

if TYPE_CHECKING:
    from game.story.yamlfile import Path_, YamlDoc

Effects = tuple[Compiled, ...]


@dataclass(frozen=True, slots=True)
class Face:
    """One of the hero's faces."""

    id: str
    art: str
    """The drawing the TUI shows: ``bandages``, ``mask``, ``scars`` or ``outline``."""
    requires: Compiled | None
    """What must hold to change to this face."""
    label: str
    """The key of the face's name."""
    reason: str
    """The key of why the face is not possible now ("" if the story gives no reason)."""
    change: str
    """The key of the line told on changing to this face ("" if none)."""
    words: tuple[str, ...] = ()
    """Words and phrases that assume this face is worn (only ``check`` reads them)."""


@dataclass(frozen=True, slots=True)
class Mask:
    """Which face the mask key puts on, and which faces taking it off prefers."""

    face: str
    back_to: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Variable:
    """A declared variable."""

    name: str
    index: int
    """Its position in the state's values."""
    type: Literal["bool", "int", "enum", "string"]
    default: Value
    low: int | None
    high: int | None
    values: tuple[str, ...]
    """An enum's values."""
    label: str
    """The key of its label, when it is shown to the player ("" when it is not)."""


@dataclass(frozen=True, slots=True)
class Variant:
    """A reaction's text, shown when its condition holds."""

    key: str
    cond: Compiled | None


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in the story, and how they react to each face."""

    id: str
    name: str
    """The key of the person's name."""
    reacts: Mapping[str, tuple[Variant, ...]]
    prose: bool = False
    """The reactions are sentences of the scene's prose, shown without the person's name."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of prose, with its condition and the key of its ``else`` text ("")."""

    key: str
    cond: Compiled | None
    otherwise: str


@dataclass(frozen=True, slots=True)
class Presence:
    """A person present in a scene, when the condition holds."""

    id: str
    cond: Compiled | None


@dataclass(frozen=True, slots=True)
class Choice:
    """Something the player can do in a scene."""

    id: str
    key: str
    """The choice across the story: ``scene.choice`` (what ``chose()`` and ``taken`` name)."""
    label: str
    reason: str
    """The key of why it is disabled ("" if the story gives no reason)."""
    text: str
    """The key of what is told when it is taken ("" if nothing)."""
    cond: Compiled | None
    """Hidden unless this holds."""
    requires: Compiled | None
    """Shown but disabled unless this holds."""
    effects: Effects
    go: str | None
    once: bool
    needs: tuple[tuple[Compiled, str], ...] = ()
    """With ``requires`` as a list: each condition with the key of its reason ("" if none),
    in order (``requires`` is then all of them together)."""

    def why(self, facts: object) -> str:
        """The key of why the choice is disabled in ``facts`` (a state): the reason of the
        first condition of :attr:`needs` that fails, else :attr:`reason` ("" if none)."""
        for cond, reason in self.needs:
            if not cond.run(facts):
                return reason
        return "" if self.needs else self.reason


@dataclass(frozen=True, slots=True)
class FaceRule:
    """What changing face does in a scene (the first rule that matches applies)."""

    key: str
    to: str | None
    from_: str | None
    cond: Compiled | None
    effects: Effects
    go: str | None
    once: bool
    text: str
    """The key of what the rule tells ("" if nothing)."""

    def matches(self, old: str, new: str) -> bool:
        """Whether the rule is about a change from ``old`` to ``new`` (conditions aside)."""
        return self.to in (None, new) and self.from_ in (None, old)


@dataclass(frozen=True, slots=True)
class Scene:
    """A scene: its prose, people, choices and face rules; or an ending."""

    id: str
    title: str
    """The key of its title."""
    act: int
    people: tuple[Presence, ...]
    paragraphs: tuple[Paragraph, ...]
    effects: Effects
    """Run each time the scene is entered."""
    allowed: tuple[str, ...]
    """The faces possible here, in the story's order."""
    rules: tuple[FaceRule, ...]
    choices: tuple[Choice, ...]
    by_id: Mapping[str, Choice]
    """The choices by id."""
    ending: str
    """The key of the ending's title ("" if the scene is not an ending)."""
    quiet: tuple[tuple[str | None, str | None], ...] = ()
    """The face changes (from, to; None: any face) the story means to leave unanswered
    here (``faces.quiet``; only ``check --faces`` reads them)."""
    art: str = ""
    """The drawing shown for the hero's face here in place of the worn face's ("": the face's
    own)."""

    def targets(self) -> list[str]:
        """The scenes this scene leads to, through choices and face rules."""
        return [c.go for c in self.choices if c.go] + [r.go for r in self.rules if r.go]


@dataclass(frozen=True, slots=True)
class Migrations:
    """Renames between story versions, so that older saves still load."""

    scenes: Mapping[str, str]
    variables: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Located:
    """A compiled expression, and where the story's files give it."""

    scene: str | None
    """The scene it belongs to (None: a face or a reaction)."""
    file: str
    where: Path_
    compiled: Compiled


@dataclass(frozen=True, slots=True)
class Sources:
    """Where everything came from, for the tools that point at a line."""

    files: Mapping[str, YamlDoc]
    """The parsed files, by path."""
    scenes: Mapping[str, tuple[str, Path_]]
    """Each scene's file and its place in that file."""
    expressions: tuple[Located, ...]
    """Every compiled expression, in story order."""
    characters: str
    """The path of ``characters.yaml`` ("" if the story has none)."""
    meta: str
    """The path of ``story.yaml``."""

    def locate(self, scene: str, where: Path_) -> tuple[YamlDoc, Path_]:
        """The file of ``scene`` and the full path of ``where`` inside it."""
        path, base = self.scenes[scene]
        return self.files[path], (*base, *where)


@dataclass(frozen=True, slots=True, repr=False)
class Story:
    """A loaded story: every scene, person, face, variable and string, ready to play."""

    id: str
    version: str
    start: str
    start_face: str
    faces: Mapping[str, Face]
    """In the story's order."""
    mask: Mask | None
    variables: Mapping[str, Variable]
    """In the story's order (the order of the state's values)."""
    items: tuple[str, ...]
    people: Mapping[str, Person]
    scenes: Mapping[str, Scene]
    migrations: Migrations
    strings: Mapping[str, str]
    """The English text of every string, by key, in story order."""
    root: str = ""
    """The folder the story was loaded from."""
    content_hash: str = ""
    """A hash of the story's files, so that saves can tell which text they were made with."""
    language: str = "en"
    """The language of :meth:`text`."""
    table: Mapping[str, str] = field(default_factory=dict)
    """The strings in ``language`` (the English ones when it is English)."""
    sources: Sources | None = None
    names: tuple[str, ...] = ()
    """The variables' names, in order."""
    always: tuple[Compiled, ...] = ()
    """What must hold in every reachable state (checked by the exhaustive search)."""
    possible: tuple[Compiled, ...] = ()
    """What some playthrough must make true (checked by the exhaustive search)."""
    face_changes: tuple[FaceRule, ...] = ()
    """What changing face does anywhere, when the scene's own rules do not match (the first
    that matches applies); never ``once``, never with ``go``."""
    watch: tuple[str, ...] = ()
    """Phrases ``check --style`` counts per scene (``style.watch``)."""
    refrains: tuple[str, ...] = ()
    """Phrases repeated on purpose (``style.refrains``): ``check --style`` lists them apart."""

    def __repr__(self) -> str:
        return f"<Story {self.id!r}: {len(self.scenes)} scenes, {self.language}>"

    def text(self, key: str) -> str:
        """The player-visible string with this key, in the story's language ("" if none)."""
        return self.table.get(key, "")

    @property
    def endings(self) -> list[Scene]:
        return [s for s in self.scenes.values() if s.ending]

    def in_language(self, code: str, table: Mapping[str, str]) -> Story:
        """The same story, telling its text from ``table``."""
        return replace(self, language=code, table=table)
