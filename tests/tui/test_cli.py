"""The command line opens the TUI for ``play`` and serves it for ``serve``."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from game.cli import main
from game.tui.app import FaceApp
from tests.paths import STARTER


async def test_play_opens_the_tui(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from tests.tui.conftest import SIZE, wait_for

    ran: list[FaceApp] = []
    monkeypatch.setattr(FaceApp, "run", lambda self, *a, **k: ran.append(self))
    assert main(["play", "--story", str(STARTER), "--saves", str(tmp_path), "--seed", "3"]) == 0
    (app,) = ran
    assert app.seed == 3 and not app.ready  # the story is read once the title is drawn
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.ready, what="the story")
        assert app.story.start == "lab_accident"
        assert app.profile.path == tmp_path / "profile.json"


def test_no_command_means_play(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    ran: list[FaceApp] = []
    monkeypatch.setattr(FaceApp, "run", lambda self, *a, **k: ran.append(self))
    assert main(["--story", str(STARTER), "--saves", str(tmp_path)]) == 0
    assert len(ran) == 1


def test_serve_runs_play_in_textual_serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from textual_serve.server import Server

    served: list[Server] = []
    monkeypatch.setattr(Server, "serve", lambda self, *a, **k: served.append(self))
    assert main(["serve", "--story", str(STARTER), "--saves", str(tmp_path)]) == 0
    (server,) = served
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    words = shlex.split(server.command)
    assert words[1:4] == ["-m", "game", "play"] and "--plain" not in words
    assert words[words.index("--saves") + 1] == str(tmp_path.resolve())


async def test_play_at_opens_the_tui_in_that_scene(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path):
    from game.tui.screens.dialogs import ConfirmRestart
    from game.tui.screens.play import PlayScreen
    from tests.tui.conftest import SIZE, screen_text, wait_for

    ran: list[FaceApp] = []
    monkeypatch.setattr(FaceApp, "run", lambda self, *a, **k: ran.append(self))
    assert main(["play", "--story", str(STARTER), "--saves", str(tmp_path),
                 "--at", "house_s_yard"]) == 0
    (app,) = ran
    app.highlight_seconds = 0
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen), what="the game")
        assert app.session is not None and app.session.state.scene == "house_s_yard"
        assert "The yard of house S" in screen_text(app)
        # The path there is the game's own: undo takes its last move back.
        await pilot.press("u")
        await wait_for(pilot, lambda: app.session is not None
                       and app.session.state.scene != "house_s_yard", what="undo")
        # A new game starts at the beginning (after undo there is progress to confirm).
        app.action_new_game()
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmRestart), what="ask")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.session is not None
                       and app.session.state.scene == "lab_accident", what="a new game")
