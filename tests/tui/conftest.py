"""Fixtures for the TUI tests: the stable starter story and a fresh saves folder each time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.story.loader import load_story
from game.story.model import Story
from game.tui.app import FaceApp, make_app

STARTER = Path(__file__).resolve().parent.parent / "fixtures" / "starter"
SIZE = (80, 24)


@pytest.fixture(scope="session")
def starter() -> Story:
    """The starter story, loaded once (stories are immutable)."""
    return load_story(STARTER)


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    folder = tmp_path / "saves"
    folder.mkdir()
    return folder


@pytest.fixture
def app_factory(starter: Story, saves: Path) -> Callable[..., FaceApp]:
    """Build an app on the starter story with a fresh saves folder (no highlight timers)."""

    def build(**kwargs: Any) -> FaceApp:
        kwargs.setdefault("highlight_seconds", 0)
        kwargs.setdefault("saves_dir", saves)
        return make_app(story=kwargs.pop("story", starter), **kwargs)

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
