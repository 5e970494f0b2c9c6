"""The game's state and the actions that move it: small immutable objects the engine makes
one of per step. A save holds the same facts by name (see :mod:`game.saves.model`)."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from game.story.expr import Value


@dataclass(frozen=True, slots=True)
class Choose:
    """Take the choice with this id in the current scene."""

    choice: str
    kind: Literal["choose"] = "choose"
    __pydantic_config__ = ConfigDict(extra="forbid")  # read from a save: nothing more


@dataclass(frozen=True, slots=True)
class ChangeFace:
    """Change the hero's face (put the mask on, take it off, unwind the bandages)."""

    face: str
    kind: Literal["face"] = "face"
    __pydantic_config__ = ConfigDict(extra="forbid")


Action = Annotated[Choose | ChangeFace, Field(discriminator="kind")]
"""A move of the player (the annotation tells a save which of the two it reads)."""

_NO_VISITS: Mapping[str, int] = {}


@dataclass(frozen=True, slots=True)
class GameState:
    """Where the player is and everything the story remembers. Never changed in place: its
    mappings and sets are shared between states and must be treated as read-only."""

    scene: str
    face: str
    values: tuple[Value, ...] = ()
    """The variables' values, in the order the story declares them (see :attr:`vars`)."""
    items: frozenset[str] = frozenset()
    visits: Mapping[str, int] = field(default_factory=lambda: _NO_VISITS)
    taken: frozenset[str] = frozenset()
    """Choices taken in this playthrough, as ``scene.choice`` (and face rules marked ``once``
    that have applied, as ``scene.faceN``)."""
    log: tuple[Choose | ChangeFace, ...] = ()
    """Every action since the start (or since the save's base): replaying it from there
    rebuilds this state."""
    events: tuple[str, ...] = ()
    """Keys of the lines the last action told (a choice's outcome, a face change)."""
    turn: int = 0
    seed: int = 0
    names: tuple[str, ...] = field(default=(), compare=False, repr=False)
    """The variables' names, in the order of ``values`` (the story's)."""

    @property
    def vars(self) -> dict[str, Value]:
        """The variables by name (a new dict)."""
        return dict(zip(self.names, self.values, strict=True))

    def roll(self, site: str) -> float:
        """A number in [0, 1) fixed by the seed, the turn and the call site (``chance()``)."""
        return random.Random(f"{self.seed}:{self.turn}|{site}").random()
