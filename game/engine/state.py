"""The game's state and the actions that move it: small immutable objects the engine makes
one of per step. A save holds the same facts by name (see :mod:`game.saves.model`)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Literal, NamedTuple

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


class Moves(NamedTuple):
    """The actions of a playthrough as a chain, newest first: a step adds one link instead
    of copying the whole history (see :attr:`GameState.log` for the history as a tuple)."""

    before: Moves | None
    action: Choose | ChangeFace
    length: int
    """How many actions the chain holds, this one included."""

    @staticmethod
    def of(actions: Iterable[Choose | ChangeFace]) -> Moves | None:
        """The chain of ``actions``, oldest first (None for no actions)."""
        chain: Moves | None = None
        for action in actions:
            chain = Moves(chain, action, chain.length + 1 if chain else 1)
        return chain

    def actions(self) -> tuple[Choose | ChangeFace, ...]:
        """The actions, oldest first."""
        out: list[Choose | ChangeFace] = []
        link: Moves | None = self
        while link is not None:
            out.append(link.action)
            link = link.before
        return tuple(reversed(out))

    def __eq__(self, other: object) -> bool:  # a loop, where tuples would recurse
        return isinstance(other, Moves) and self.actions() == other.actions()

    def __ne__(self, other: object) -> bool:
        return not self == other



class GameState(NamedTuple):
    """Where the player is and everything the story remembers. Never changed in place: its
    mappings and sets are shared between states and must be treated as read-only. Two states
    are equal when everything in them is (:attr:`names` aside).

    A named tuple, not a frozen dataclass: the engine makes one at every step, and a tuple is
    made several times faster."""

    scene: str
    face: str
    values: tuple[Value, ...] = ()
    """The variables' values, in the order the story declares them (see :attr:`vars`)."""
    items: frozenset[str] = frozenset()
    visits: Mapping[str, int] = _NO_VISITS
    taken: frozenset[str] = frozenset()
    """Choices taken in this playthrough, as ``scene.choice`` (and face rules marked ``once``
    that have applied, as ``scene.faceN``)."""
    moves: Moves | None = None
    """Every action since the start (or since the save's base), as a chain: see :attr:`log`."""
    events: tuple[str, ...] = ()
    """Keys of the lines the last action told (a choice's outcome, a face change)."""
    turn: int = 0
    seed: int = 0
    names: tuple[str, ...] = ()
    """The variables' names, in the order of ``values`` (the story's)."""
    seen: frozenset[str] = frozenset()
    """Who had seen which face before this state, as ``person:face`` marks (what ``saw()``
    reads): every person present in an earlier state of the playthrough, with that state's
    face. The sight of this state itself is added by the next step, so that conditions read
    here (a reaction, a paragraph, a choice) can tell a first sight from a later one."""

    @property
    def log(self) -> tuple[Choose | ChangeFace, ...]:
        """Every action since the start (or since the save's base), oldest first: replaying
        them from there rebuilds this state."""
        return () if self.moves is None else self.moves.actions()

    @property
    def moved(self) -> int:
        """How many actions :attr:`log` holds."""
        return 0 if self.moves is None else self.moves.length

    def with_log(self, actions: Iterable[Choose | ChangeFace]) -> GameState:
        """The same state with ``actions`` as its history."""
        return self._replace(moves=Moves.of(actions))

    def _facts(self) -> tuple[object, ...]:
        return (self.scene, self.face, self.values, self.items, dict(self.visits), self.taken,
                self.log, self.events, self.turn, self.seed, self.seen)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GameState) and self._facts() == other._facts()

    def __ne__(self, other: object) -> bool:
        return not self == other


    @property
    def vars(self) -> dict[str, Value]:
        """The variables by name (a new dict)."""
        return dict(zip(self.names, self.values, strict=True))

    def roll(self, site: str) -> float:
        """A number in [0, 1) fixed by the seed, the turn and the call site (``chance()``)."""
        return random.Random(f"{self.seed}:{self.turn}|{site}").random()
