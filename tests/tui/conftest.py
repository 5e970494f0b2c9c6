"""Fixtures for the TUI tests: the stable starter story and a fresh saves folder each time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from game.engine import ChangeFace, Choose
from game.saves.model import SaveFile
from game.saves.store import SaveStore
from game.session.playthrough import Playthrough
from game.story.runtime import Story
from game.tui.app import FaceApp, make_app

if TYPE_CHECKING:
    from textual.pilot import Pilot

SIZE = (80, 24)


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    folder = tmp_path / "saves"
    folder.mkdir()
    return folder


@pytest.fixture
def app_factory(starter: Story, saves: Path) -> Callable[..., FaceApp]:
    """Build an app on the starter story with a fresh saves folder (no highlight timers, no
    act cards unless ``act_card_seconds`` is given, and choosing does not wait after the
    choices change: the tests type faster than a player)."""

    def build(**kwargs: Any) -> FaceApp:
        kwargs.setdefault("highlight_seconds", 0)
        kwargs.setdefault("settle_seconds", 0)
        kwargs.setdefault("saves_dir", saves)
        card = kwargs.pop("act_card_seconds", 0)
        app = make_app(story=kwargs.pop("story", starter), **kwargs)
        app.act_card_seconds = card
        app.timezone = UTC  # save dates read the same on every machine
        return app

    return build


def notes(app: FaceApp) -> list[str]:
    """The messages of the notifications shown so far."""
    return [n.message for n in app._notifications]


def screen_text(app: FaceApp) -> str:
    """All the plain text the current screen shows in its Static widgets and option lists."""
    from textual.widgets import OptionList, Static

    parts = []
    for widget in app.screen.query(Static):
        parts.append(str(widget.render()))
    for options in app.screen.query(OptionList):
        for i in range(options.option_count):
            prompt = options.get_option_at_index(i).prompt
            parts.append(getattr(prompt, "plain", str(prompt)))
    return "\n".join(parts)


async def wait_for(pilot: Pilot[None], holds: Callable[[], object], timeout: float = 5.0,
                   what: str = "") -> None:
    """Let the app run (``pilot.pause()`` in a loop) until ``holds()`` is true; fail after
    ``timeout`` seconds. For what takes time (timers, animations, workers, the palette's
    search), in place of a fixed pause."""
    deadline = time.monotonic() + timeout
    while not holds():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s in vain for {what or holds}")
        await pilot.pause()
        await asyncio.sleep(0.01)  # a fixed-delay timer needs real time to pass


def palette_hits(app: FaceApp) -> list[str]:
    """The plain text of the command palette's hits (none while it searches, or if closed)."""
    from textual.command import CommandList

    lists = list(app.screen.query(CommandList).results(CommandList))
    if not lists:
        return []
    options = lists[0]
    prompts = (options.get_option_at_index(i).prompt for i in range(options.option_count))
    return [getattr(p, "plain", str(p)) for p in prompts]


SAVED_AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
"""A fixed save time, so the slot lists (and their snapshots) never change."""


def write_save(story: Story, folder: Path, slot: str, *moves: str, play_time: float = 754.0,
               saved_at: datetime = SAVED_AT, name: str | None = None) -> SaveFile:
    """Play ``moves`` (choice ids, or ``face:NAME``) and write the game to ``slot``, with a
    fixed save time and play time."""
    game = Playthrough(story, SaveStore(folder), autosave=False)
    for move in moves:
        game.act(ChangeFace(face=move[5:]) if move.startswith("face:") else Choose(choice=move))
    save = game.snapshot(name).model_copy(update={"saved_at": saved_at,
                                                  "play_time": play_time})
    SaveStore(folder).write(slot, save)
    return save
