"""The story's data model: what the YAML files may say, validated by pydantic.

Unknown keys are refused everywhere. Short forms keep the YAML close to a script: a paragraph
may be a plain string, a reaction may be a plain string, an effect list may be one string.

These models are the schema of the files (and of the JSON Schema editors read); the
compiler (:mod:`game.story.compiler`) turns a validated story into the runtime story the
engine plays (:mod:`game.story.runtime`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from game.story.limits import INT_LIMIT, MAX_ACT

Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=64)]
Expr = Annotated[str, StringConstraints(min_length=1, max_length=500)]
ActNumber = Annotated[int, Field(ge=1, le=MAX_ACT)]
Number = Annotated[int, Field(ge=-INT_LIMIT, le=INT_LIMIT)]
"""A whole number in a story: within ``-INT_LIMIT..INT_LIMIT`` (the YAML reader refuses a
larger one already; this also bounds what pydantic would convert from a float or text)."""


class Model(BaseModel):
    """Base of every story model: frozen, strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _effects(value: Any) -> Any:
    return [value] if isinstance(value, str | dict) else value


EFFECT_TAG = "an effect"
CONDITIONAL_TAG = "a conditional effect"
"""The tags of the two forms of an effect: pydantic names them in an error's location, where
the loader drops them (they contain a space, so no key of a story is one)."""


def _effect_form(value: Any) -> str:
    return CONDITIONAL_TAG if isinstance(value, dict) else EFFECT_TAG


class ConditionalEffect(Model):
    """Effects that run only when a condition holds; ``else`` runs otherwise.

    ``{if: 'face == "veil"', do: 'trust += 1'}``: the condition is read when the effect
    runs, after the effects before it in the same list."""

    if_: Expr = Field(alias="if")
    """The condition: the effects under ``do`` run only when it holds."""
    do: list[Effect] = Field(min_length=1)
    """The effects that run when the condition holds: one, or a list."""
    else_: list[Effect] = Field(default_factory=list, alias="else")
    """The effects that run when it does not hold."""

    @model_validator(mode="before")
    @classmethod
    def _lists(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for name in ("do", "else"):
                if name in data:
                    data[name] = _effects(data[name])
        return data


Effect = Annotated[Annotated[Expr, Tag(EFFECT_TAG)]
                   | Annotated[ConditionalEffect, Tag(CONDITIONAL_TAG)],
                   Discriminator(_effect_form)]
"""An effect: a line such as ``mask_hold += 1``, or effects under a condition
(:class:`ConditionalEffect`)."""

ConditionalEffect.model_rebuild()


def _texts(value: Any) -> Any:
    """A string, or a list of strings/mappings, becomes a list of mappings."""
    if isinstance(value, str):
        return [{"text": value}]
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


# --------------------------------------------------------------------------- story.yaml


class VarDecl(Model):
    """A declared variable. Short form: ``name: 0`` (int), ``name: false`` (bool)."""

    type: Literal["bool", "int", "enum", "string"]
    default: bool | Number | str | None = None
    min: Number | None = None
    max: Number | None = None
    values: list[Ident] | None = None
    doc: str = ""
    """What the variable means, for authors."""
    label: str = ""
    """If set, the variable is shown to the player under this label (the status panel)."""

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, bool):
            return {"type": "bool", "default": data}
        if isinstance(data, int):
            return {"type": "int", "default": data}
        if isinstance(data, str):
            return {"type": "string", "default": data}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> VarDecl:
        d = self.default
        if self.type == "enum":
            if not self.values:
                raise ValueError("an enum needs 'values'")
            if d is None:
                object.__setattr__(self, "default", self.values[0])
            elif d not in self.values:
                raise ValueError(f"default {d!r} is not one of the values")
        elif self.values is not None:
            raise ValueError("only an enum has 'values'")
        if self.type != "int" and (self.min is not None or self.max is not None):
            raise ValueError("only an int has 'min' and 'max'")
        if self.type == "int":
            if d is None:
                object.__setattr__(self, "default", self.min if self.min is not None else 0)
            elif isinstance(d, bool) or not isinstance(d, int):
                raise ValueError("the default of an int must be a whole number")
            lo, hi = self.min, self.max
            if lo is not None and hi is not None and lo > hi:
                raise ValueError("min is greater than max")
            d = self.default
            assert isinstance(d, int)
            if (lo is not None and d < lo) or (hi is not None and d > hi):
                raise ValueError("the default is outside min..max")
        if self.type == "bool":
            if d is None:
                object.__setattr__(self, "default", False)
            elif not isinstance(d, bool):
                raise ValueError("the default of a bool must be true or false")
        if self.type == "string":
            if d is None:
                object.__setattr__(self, "default", "")
            elif not isinstance(d, str):
                raise ValueError("the default of a string must be text")
        return self


Art = Literal["bandages", "mask", "scars", "outline"]
"""The built-in drawings of a face (the TUI shows them; ``outline`` is a plain outline)."""


class FaceDecl(Model):
    """One of the hero's faces."""

    label: str
    description: str = ""
    art: Art = "outline"
    """The drawing the TUI shows for this face: bandages, mask, scars or outline."""
    change_text: str = ""
    """Told when the hero changes to this face and the scene has nothing more specific."""
    requires: Expr | None = None
    """A condition that must hold to change to this face (the mask must exist)."""
    reason: str = ""
    """Shown when ``requires`` does not hold."""
    words: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(
        default_factory=list)
    """Words and phrases that assume this face is worn (``gauze``, ``the beard``): ``check``
    warns (W309) where one of them can be shown while another face is worn."""
    aliases: list[Annotated[str, StringConstraints(min_length=1, max_length=60,
                                                   pattern=r"^[^,]+$")]] = Field(
        default_factory=list)
    """Other names the player may type for this face (``face mask``) besides its id and label;
    the first is shown as the name to type. Translated as one text, the names separated by
    commas (key ``face.<id>.aliases``)."""


class StyleDecl(Model):
    """What ``check --style`` watches in the story's English."""

    watch: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(
        default_factory=list)
    """Phrases (similes such as ``as if``) counted per scene, to catch a tic."""
    refrains: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=list)
    """Phrases repeated on purpose: a repeated phrase that is part of one of these is listed
    apart, as kept, not among the repeats to reread."""


class WithEffects(Model):
    """A model with a ``do`` list of effects, which may be written as one string."""

    @model_validator(mode="before")
    @classmethod
    def _do_list(cls, data: Any) -> Any:
        if isinstance(data, dict) and "do" in data:
            return {**data, "do": _effects(data["do"])}
        return data


class FaceChange(WithEffects):
    """What changing from one face to another does anywhere in the story, unless the scene
    says otherwise: a scene's own matching ``faces.on_change`` rule wins; else the first
    matching entry here applies."""

    from_: Ident | None = Field(None, alias="from")
    """The face changed from (any face if not given)."""
    to: Ident | None = None
    """The face changed to (any face if not given)."""
    if_: Expr | None = Field(None, alias="if")
    """Applies only when this holds (``face`` is still the old face here)."""
    text: str = ""
    """Told on the change, instead of the new face's ``change_text``."""
    do: list[Effect] = Field(default_factory=list)
    """Effects run after the change (``face`` is the new face)."""


class MaskDecl(Model):
    """Which face is the mask: what the mask key (``m``; ``mask`` and ``unmask`` in plain mode)
    puts on, and what taking it off returns to. Short form: ``mask: <face>``."""

    face: Ident
    """The face the mask key puts on."""
    back_to: list[Ident] = Field(default_factory=list)
    """Taking the mask off changes to the first of these faces possible in the scene; if none
    is (or the list is empty), to the first face possible there, in the order of ``faces``."""

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, data: Any) -> Any:
        return {"face": data} if isinstance(data, str) else data


class ItemDecl(Model):
    """Something the hero can carry."""

    name: str
    description: str = ""


class Migration(Model):
    """A rename between story versions, so that older saves still load."""

    scenes: dict[str, str] = Field(default_factory=dict)
    variables: dict[str, str] = Field(default_factory=dict)


class StoryMeta(Model):
    """``story.yaml``: the story's identity, its start, faces, variables and items."""

    id: Ident
    title: str
    version: str
    start: Ident
    start_face: Ident
    author: str = ""
    description: str = ""
    faces: dict[Ident, FaceDecl]
    mask: MaskDecl | None = None
    """Which face is the mask, and which face taking it off returns to; without it the story
    has no mask (the mask key and the mask and unmask commands say so)."""
    face_changes: list[FaceChange] = Field(default_factory=list)
    """What changing face does anywhere in the story, unless the scene's own face rule
    matches: the first matching entry applies."""
    variables: dict[Ident, VarDecl] = Field(default_factory=dict)
    items: dict[Ident, ItemDecl] = Field(default_factory=dict)
    acts: dict[ActNumber, Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=dict)
    """The acts' titles by number (a scene's ``act``), shown on the card that opens each act:
    ``{1: The first day}``. Optional: an act without a title is shown by its number."""
    migrations: Migration = Field(default_factory=Migration)
    reactions: Literal["prose", "labelled"] = "labelled"
    """How people's reactions are shown: ``labelled``, a line under the person's name
    ("Your wife: She ..."), or ``prose``, a sentence of the scene's prose that names the
    person itself ("Your wife takes your coat ..."), with no label."""
    always: list[Expr] = Field(default_factory=list)
    """Conditions that must hold in every state a player can reach; ``walk --exhaustive``
    checks them and prints the shortest way to break one."""
    possible: list[Expr] = Field(default_factory=list)
    """Conditions that some playthrough must make true; ``walk --exhaustive`` prints the
    shortest way there, or proves there is none."""
    style: StyleDecl = Field(default_factory=StyleDecl)
    """What ``check --style`` watches: ``{watch: ["as if"]}``."""

    @model_validator(mode="before")
    @classmethod
    def _version_text(cls, data: Any) -> Any:
        version = data.get("version") if isinstance(data, dict) else None
        if isinstance(version, int) and not isinstance(version, bool):
            data = {**data, "version": str(version)}
        elif isinstance(version, float):
            raise ValueError(f'write the version in quotes ("{version}" may not be what you '
                             "wrote: YAML read it as a number)")
        return data


# --------------------------------------------------------------------------- characters


class Variant(Model):
    """A text shown when its condition holds (no condition: always)."""

    if_: Expr | None = Field(None, alias="if")
    text: str



class Character(Model):
    """A person: name, description, and a reaction to each face."""

    name: str
    description: str = ""
    reactions: Literal["prose", "labelled"] | None = None
    """How this person's reactions are shown; by default as the story's ``reactions`` says."""
    reacts: dict[Ident, list[Variant]] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _short_reactions(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("reacts"), dict):
            data = {**data, "reacts": {k: _texts(v) for k, v in data["reacts"].items()}}
        return data


# --------------------------------------------------------------------------- scenes


class Paragraph(Model):
    """A paragraph of prose, shown when ``if`` holds; ``else`` is shown otherwise."""

    if_: Expr | None = Field(None, alias="if")
    text: str
    else_: str | None = Field(None, alias="else")
    key: str = ""

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data


class Presence(Model):
    """A person present in a scene, perhaps only when a condition holds."""

    id: Ident
    if_: Expr | None = Field(None, alias="if")

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, data: Any) -> Any:
        return {"id": data} if isinstance(data, str) else data


class Requirement(Model):
    """One condition a choice needs, with the reason shown while it is the first that fails."""

    if_: Expr = Field(alias="if")
    """A condition the choice needs."""
    reason: str = ""
    """Shown next to the disabled choice while this is the first condition that fails."""


class Choice(WithEffects):
    """Something the player can do in a scene."""

    id: Ident
    label: str
    if_: Expr | None = Field(None, alias="if")
    """Hidden unless this holds."""
    requires: Expr | list[Requirement] | None = None
    """Shown but disabled, with ``reason``, unless this holds; or a list of {if, reason}:
    disabled unless all hold, with the reason of the first that fails."""
    reason: str = ""
    once: bool = False
    """Hidden after it has been taken once in this playthrough."""
    text: str = ""
    """Told after the choice is taken, before the next scene."""
    do: list[Effect] = Field(default_factory=list)
    go: Ident | None = None




class FaceRule(WithEffects):
    """What happens when the face changes here (first matching rule wins)."""

    to: Ident | None = None
    from_: Ident | None = Field(None, alias="from")
    if_: Expr | None = Field(None, alias="if")
    text: str = ""
    do: list[Effect] = Field(default_factory=list)
    go: Ident | None = None
    once: bool = False
    """Applies only the first time it matches in a playthrough (its effects cannot be farmed
    by changing face back and forth)."""




class QuietChange(Model):
    """A face change the scene means to leave unanswered (``check --faces`` lists it as
    intended, not as a gap): from ``from`` (any face if not given) to ``to`` (any face if not
    given)."""

    from_: Ident | None = Field(None, alias="from")
    to: Ident | None = None


class FaceRules(Model):
    """Which faces are possible in a scene, and what changing face there does."""

    allowed: list[Ident] | None = None
    """The faces the hero may have here; by default all of them."""
    on_change: list[FaceRule] = Field(default_factory=list)
    quiet: list[QuietChange] = Field(default_factory=list)
    """Face changes the scene tells nothing of its own about, on purpose (see ``check
    --faces``)."""


class Ending(Model):
    """Marks a scene as an ending of the game."""

    title: str



class Scene(Model):
    """A scene: prose, people, choices, face rules; or an ending."""

    id: Ident
    title: str
    act: Annotated[int, Field(ge=0, le=MAX_ACT)] = 0
    people: list[Presence] = Field(default_factory=list)
    text: list[Paragraph] = Field(default_factory=list)
    do: list[Effect] = Field(default_factory=list)
    """Effects run each time the scene is entered."""
    faces: FaceRules = Field(default_factory=FaceRules)
    choices: list[Choice] = Field(default_factory=list)
    ending: Ending | None = None
    art: Art | None = None
    """The drawing shown for the hero's face in this scene, in place of the worn face's own:
    for a scene whose text gives him a face that is none of the story's faces (an ending
    where another face is made for him, say)."""

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if isinstance(data.get("text"), str):
            data["text"] = [data["text"]]
        if "do" in data:
            data["do"] = _effects(data["do"])
        if isinstance(data.get("ending"), str):
            data["ending"] = {"title": data["ending"]}
        return data
