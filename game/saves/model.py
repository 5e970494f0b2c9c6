"""What a save file holds, validated by pydantic on the way in and out."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from game.engine.state import GameState

if TYPE_CHECKING:
    from game.story.model import Story

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

    def summary_in(self, story: Story) -> SaveSummary:
        """The summary in ``story``'s language: the file keeps the words of the language it
        was saved in, but a save of this story is described by its ids, in the words the
        player reads now (the written summary when the scene or face is gone)."""
        if self.story_id != story.meta.id:
            return self.summary
        title = story.text(f"{self.state.scene}.title")
        face = story.text(f"face.{self.state.face}.label")
        if not title or not face:
            return self.summary
        return self.summary.model_copy(update={"scene_title": title, "face": face})
