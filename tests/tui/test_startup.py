"""Start-up: the title screen is drawn before the story is read, and New game waits for it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList

from game.cli import main
from game.story.loader import load_story
from game.story.runtime import Story
from game.tui.app import FaceApp, make_app
from game.tui.screens.pages import HelpScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from tests.paths import ROOT, STARTER
from tests.tui.conftest import SIZE, screen_text, wait_for


class SlowStory:
    """A story reader that waits until the test lets it go."""

    def __init__(self, read: Callable[[], Story] = lambda: load_story(STARTER)) -> None:
        self.read = read
        self.asked = threading.Event()
        self.go = threading.Event()

    def __call__(self) -> Story:
        self.asked.set()
        assert self.go.wait(10), "the test never let the story load"
        return self.read()


def menu(app: FaceApp) -> list[str]:
    options = app.screen.query_one("#menu", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def slow_app(saves: Path, story: SlowStory) -> FaceApp:
    return make_app(saves_dir=saves, read_story=story, highlight_seconds=0)


async def test_the_title_is_drawn_before_the_story_is_read(saves: Path):
    story = SlowStory()
    app = slow_app(saves, story)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, story.asked.is_set, what="the story to be asked for")
        assert isinstance(app.screen, TitleScreen) and not app.ready
        assert menu(app) == ["New game (loading…)", "Endings", "Settings", "Help", "Quit"]
        await pilot.press("question_mark")  # help needs no story
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen), what="the title")
        top = app.screen.query_one("#menu").region.y
        story.go.set()
        await wait_for(pilot, lambda: menu(app)[0] == "New game", what="the story")
        assert app.ready and "F A C E   O F   A N O T H E R" in screen_text(app)
        await pilot.pause()
        assert app.screen.query_one("#menu").region.y == top  # room was kept for the face
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen), what="the game")
        assert app.session is not None and app.session.state.scene == "lab_accident"


async def test_new_game_chosen_early_starts_once_the_story_is_ready(saves: Path):
    story = SlowStory()
    app = slow_app(saves, story)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, story.asked.is_set, what="the story to be asked for")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and app.session is None
        story.go.set()
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen), what="the game")
        assert app.session is not None and app.session.state.scene == "lab_accident"


async def test_settings_chosen_early_open_once_ready_and_the_saves_show_up(saves: Path):
    from game.saves.store import SaveStore
    from game.session import Session
    from game.tui.screens.settings import SettingsScreen

    starter = load_story(STARTER)
    profile_app = make_app(story=starter, saves_dir=saves)
    Session(starter, profile_app.profile, 0, SaveStore(saves)).save("1")
    story = SlowStory()
    app = slow_app(saves, story)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, story.asked.is_set, what="the story to be asked for")
        assert "Continue" not in menu(app)  # the saves folder is not read yet
        await pilot.press("down", "down")  # on Settings
        story.go.set()
        await wait_for(pilot, lambda: app.ready, what="the story")
        await pilot.pause()
        assert menu(app)[:2] == ["Continue", "New game"]
        highlighted = app.screen.query_one("#menu", OptionList).highlighted
        assert highlighted is not None and menu(app)[highlighted] == "Settings"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen),
                       what="the settings")


async def test_the_theme_chosen_is_the_first_frame_s(saves: Path):
    (saves / "profile.json").write_text(json.dumps({"settings": {"theme": "light"}}))
    story = SlowStory()
    app = slow_app(saves, story)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, story.asked.is_set, what="the story to be asked for")
        light = app.theme
        assert not app.ready and not app.current_theme.dark
        story.go.set()
        await wait_for(pilot, lambda: app.ready, what="the story")
        assert app.theme == light


async def test_a_broken_story_ends_the_app_with_its_problems(saves: Path):
    from game.story.problems import StoryError

    story = SlowStory(lambda: load_story(ROOT / "tests" / "fixtures" / "broken" / "E101"))
    story.go.set()
    app = slow_app(saves, story)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.load_error is not None, what="the error")
    assert isinstance(app.load_error, StoryError) and app.load_error.problems
    assert app.return_code == 1 and not app.ready


def test_play_reports_a_broken_story_after_the_title(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path):
    story = tmp_path / "story"
    shutil.copytree(STARTER, story)
    act1 = story / "scenes" / "act1.yaml"
    act1.write_text(act1.read_text().replace("go: k_office", "go: k_ofice"))
    run = FaceApp.run
    monkeypatch.setattr(FaceApp, "run", lambda self, **kw: run(self, headless=True, size=SIZE))
    assert main(["play", "--story", str(story), "--saves", str(tmp_path / "saves")]) == 1
    err = capsys.readouterr().err
    assert "E201 unknown scene 'k_ofice'" in err
    assert "has errors; run 'face-of-another check'" in err


def test_play_refuses_a_language_the_story_lacks_after_the_title(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path):
    run = FaceApp.run
    monkeypatch.setattr(FaceApp, "run", lambda self, **kw: run(self, headless=True, size=SIZE))
    assert main(["play", "--story", str(STARTER), "--saves", str(tmp_path),
                 "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert "no language 'fr' for this story" in err and err.count("\n") == 1


def test_the_app_module_does_not_import_the_heavy_ones():
    code = ("import sys, game.cli, game.tui.app, game.tui.screens.title\n"
            "game.cli._parser(only_play=True)\n"
            "heavy = ('pydantic', 'yaml', 'game.story.loader', 'game.story.compiler',\n"
            "         'game.engine', 'game.session', 'game.profile', 'game.saves.store')\n"
            "print(' '.join(m for m in heavy if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, check=True)
    assert out.stdout.split() == []


async def test_watching_begins_once_the_story_is_read(saves: Path):
    story = SlowStory()
    app = make_app(saves_dir=saves, read_story=story, highlight_seconds=0, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, story.asked.is_set, what="the story to be asked for")
        assert app.watcher is None
        story.go.set()
        await wait_for(pilot, lambda: app.ready, what="the story")
        assert app.watcher is not None and app.watcher.root == STARTER
        assert app._watch_timer is not None
