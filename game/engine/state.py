"""The game's state and the actions that move it. Immutable; saved and loaded as JSON."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from game.story.limits import INT_LIMIT

Number = Annotated[int, Field(ge=-INT_LIMIT, le=INT_LIMIT)]
"""The value of an int variable: the engine clamps every one into this range, and a state
read back (from a save) holding anything larger is refused."""


class Choose(BaseModel):
    """Take the choice with this id in the current scene."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["choose"] = "choose"
    choice: str


class ChangeFace(BaseModel):
    """Change the hero's face (put the mask on, take it off, unwind the bandages)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["face"] = "face"
    face: str


Action = Annotated[Choose | ChangeFace, Field(discriminator="kind")]


class GameState(BaseModel):
    """Where the player is and everything the story remembers. Never changed in place."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scene: str
    face: str
    vars: dict[str, bool | Number | str] = Field(default_factory=dict)
    items: tuple[str, ...] = ()
    visits: dict[str, int] = Field(default_factory=dict)
    taken: tuple[str, ...] = ()
    """Choices taken in this playthrough, as ``scene.choice``, first time each (and face rules
    marked ``once`` that have applied, as ``scene.faceN``)."""
    log: tuple[Action, ...] = ()
    """Every action since the start: replaying it from the seed rebuilds this state."""
    events: tuple[str, ...] = ()
    """Keys of the lines the last action told (a choice's outcome, a face change)."""
    turn: int = 0
    seed: int = 0
