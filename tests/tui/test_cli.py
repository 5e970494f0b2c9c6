"""The command line opens the TUI for ``play`` and serves it for ``serve``."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from game.cli import main
from game.tui.app import FaceApp
from tests.paths import STARTER


def test_play_opens_the_tui(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    ran: list[FaceApp] = []
    monkeypatch.setattr(FaceApp, "run", lambda self, *a, **k: ran.append(self))
    assert main(["play", "--story", str(STARTER), "--saves", str(tmp_path), "--seed", "3"]) == 0
    (app,) = ran
    assert app.seed == 3 and app.story.start == "lab_accident"
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
