"""What a save file holds, validated by pydantic on the way in and out."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from game.engine.state import GameState

FORMAT = 1
"""The save format's version; a newer one is refused with a message."""


class SaveSummary(BaseModel):
    """What the slot list shows without loading the game."""

    model_config = ConfigDict(extra="forbid")
    scene_title: str
    face: str
    day: int | None = None


class SaveFile(BaseModel):
    """One save: the story it belongs to, the state by stable ids, and the undo history."""

    model_config = ConfigDict(extra="forbid")

    format: int = FORMAT
    story_id: str
    story_version: str
    content_hash: str
    state: GameState
    """The current state; its ``log`` holds the actions since ``base`` (or the start)."""
    base: GameState | None = None
    """Where undo stops: the state the log starts from, when the history was trimmed."""
    trail: list[str] = Field(default_factory=list)
    """Scenes entered, most recent last (bounded): the fallback when a scene is removed."""
    play_time: float = 0.0
    """Seconds played."""
    saved_at: datetime
    summary: SaveSummary
