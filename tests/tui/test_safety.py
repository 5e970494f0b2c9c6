"""The TUI's guards against keys that act on what the player has not seen: choice numbers
that stay put in a scene, a pause for number keys after the choices change, the first key
while text is typed out only finishing it; F9 asking like the load screen, Continue never
resuming an ending, and endings of plain mode reaching the Endings page."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from game.profile import Profile
from game.story.runtime import Story
from game.tui.app import FaceApp
from game.tui.screens.dialogs import Confirm
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.choices import ChoiceList
from tests.tui.conftest import SIZE, notes, screen_text, write_save
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
