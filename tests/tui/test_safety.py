"""The TUI's guards against keys that act on what the player has not seen: choice numbers
that stay put in a scene, a pause for number keys after the choices change, the first key
while text is typed out only finishing it; F9 asking like the load screen, Continue never
resuming an ending, and endings of plain mode reaching the Endings page."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from game.profile import Profile
from game.story.runtime import Story
from game.tui.app import FaceApp
from game.tui.screens.dialogs import Confirm
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.choices import ChoiceList
from game.tui.widgets.scene import Prose, ScenePane
from tests.tui.conftest import SIZE, notes, screen_text, wait_for, write_save
from tests.tui.test_title import menu_labels


def listed(app: FaceApp) -> list[str]:
    """The choice list's lines, as shown."""
    choices = app.screen.query_one(ChoiceList)
    prompts = (choices.get_option_at_index(i).prompt for i in range(choices.option_count))
    return [getattr(p, "plain", str(p)) for p in prompts]


async def test_a_choice_keeps_its_number_in_the_scene(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")  # home, then the finger: the workshop
        await pilot.pause()
        assert [line[:3] for line in listed(app)] == ["1. ", "2. ", "3. "]
        await pilot.press("1")  # a stranger's cast: choices 1 and 2 go, 3 stays 3
        await pilot.pause()
        assert listed(app)[0].startswith("3. Finish the mask")
        await pilot.press("1")  # no choice 1 any more: nothing is taken
        await pilot.pause()
        assert "There is no choice 1." in notes(app)
        assert app.session is not None and app.session.state.scene == "workshop"
        await pilot.press("3")
        await pilot.pause()
        assert app.session.state.scene == "house_s"


async def test_f9_asks_before_loading_over_unsaved_progress(
        app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "1")
        await pilot.pause()
        assert app.session is not None and app.session.unsaved
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "Load quicksave?" in screen_text(app)
        await pilot.press("n")  # keep playing: nothing loaded
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.session.state.scene == "k_office"
        await pilot.press("f9", "y")
        await pilot.pause()
        assert app.session is not None and app.session.state.scene == "lab_accident"
        assert "Loaded quicksave: The lab accident." in notes(app)
        await pilot.press("f9")  # nothing to lose now: loads at once
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_continue_resumes_the_newest_save_not_at_an_ending(
        app_factory: Callable[..., FaceApp], starter: Story, saves: Path):
    write_save(starter, saves, "1", "go_home")
    write_save(starter, saves, "2", "go_home", "accept_help",  # an ending, saved later
               saved_at=write_save(starter, saves, "3").saved_at.replace(hour=11))
    (saves / "slot-3.json").unlink()
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        assert menu_labels(app)[0] == "Continue"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.session is not None
        assert app.session.state.scene == "k_office" and not app.session.view.is_ending
    (saves / "slot-1.json").unlink()  # only the ending is left: nothing to continue
    app = app_factory()
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, TitleScreen)
        assert "Continue" not in menu_labels(app) and "Load" in menu_labels(app)


def test_an_ending_reached_in_plain_mode_is_on_the_endings_page(
        monkeypatch, capsys, saves: Path) -> None:
    from game.cli import main
    from game.story import load_story
    from tests.paths import STARTER

    monkeypatch.setattr("sys.stdin", io.StringIO("1\n2\n"))  # home, accept K.'s help
    assert main(["play", "--plain", "--story", str(STARTER), "--saves", str(saves)]) == 0
    assert "THE END" in capsys.readouterr().out
    profile = Profile.load(saves)
    assert list(profile.endings(load_story(STARTER).id).values()) == ["The patient"]


class Clock:
    """A stand-in for the play screen's ``time``: it moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr("game.tui.screens.play.time", fake)
    return fake


def scene_of(app: FaceApp) -> str:
    assert app.session is not None
    return app.session.state.scene


async def test_number_keys_and_enter_wait_after_the_choices_change(
        app_factory: Callable[..., FaceApp], clock: Clock):
    app = app_factory(start="play", settle_seconds=0.4)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter")  # the choices have just appeared: nothing happens
        await pilot.pause()
        assert scene_of(app) == "lab_accident" and notes(app) == []
        clock.now += 0.5
        await pilot.press("1", "1", "enter")  # the first is taken; the others were too soon
        await pilot.pause()
        assert scene_of(app) == "k_office"
        assert app.session is not None and len(app.session.state.log) == 1
        clock.now += 0.5
        await pilot.press("enter")
        await pilot.pause()
        assert scene_of(app) == "workshop"


async def test_the_first_key_while_text_is_typed_only_shows_it(
        app_factory: Callable[..., FaceApp], saves: Path, clock: Clock):
    profile = Profile.load(saves)
    profile.settings.reveal = "slow"
    profile.save()
    app = app_factory(start="play", settle_seconds=0.4)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen)
                       and any(app.screen.query_one(ScenePane).query(".para")))
        scene = app.screen.query_one(ScenePane)
        first = next(scene.query(".para").results(Prose))
        await wait_for(pilot, lambda: str(first.render()), what="the text to start appearing")
        clock.now += 0.5
        assert scene.revealing
        await pilot.press("1")  # shows the rest; takes nothing
        await pilot.pause()
        assert not scene.revealing and str(first.render()) == first.full_text
        assert scene_of(app) == "lab_accident"
        await pilot.press("1")  # the text was just shown whole: still too soon
        await pilot.pause()
        assert scene_of(app) == "lab_accident"
        clock.now += 0.5
        await pilot.press("1")
        await pilot.pause()
        assert scene_of(app) == "k_office"
        await wait_for(pilot, lambda: scene.revealing, what="the next scene to be typed out")
        await pilot.press("h")  # any key: only shows the rest
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert not app.screen.query_one(ScenePane).revealing
