"""Leaving a game: back to the title (asking first when progress would be lost), quicksave
and quit, and the command palette's commands (theme, title; no screenshot, no maximize)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import OptionList

from game.tui.app import FaceApp
from game.tui.screens.dialogs import ConfirmQuit, ConfirmTitle
from game.tui.screens.play import PlayScreen
from game.tui.screens.settings import SettingsScreen
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import SIZE, notes, palette_hits, screen_text, wait_for


async def test_t_goes_back_to_the_title_at_once_with_nothing_to_lose(
        app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        assert app.session is None


async def test_t_asks_first_when_progress_would_be_lost(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "t")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmTitle))
        assert "Your progress since the last save will be lost." in screen_text(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.session is not None and app.session.unsaved
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmTitle))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        assert app.session is None


async def test_quicksave_and_go_to_the_title(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "t")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmTitle))
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        assert app.saves.exists("quick")
        assert "Saved to quicksave." in notes(app)


async def test_the_quit_dialog_offers_to_quicksave_and_quit(app_factory: Callable[..., FaceApp],
                                                            saves):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuit))
        assert "Quicksave and quit (s)" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
    assert app.return_code == 0
    assert (saves / "quick.json").is_file()


async def test_a_failed_save_and_quit_stays(app_factory: Callable[..., FaceApp], saves):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmQuit))
        (saves / "quick.json").mkdir()  # the quicksave cannot be written
        await pilot.press("s")
        await wait_for(pilot, lambda: any("Not saved" in n.title for n in app._notifications))
        assert isinstance(app.screen, PlayScreen)
        assert app.is_running


async def test_the_palette_goes_to_the_title(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "ctrl+p")
        await pilot.press(*"title screen")
        await wait_for(pilot, lambda: any("Title screen" in hit for hit in palette_hits(app)),
                       what="the palette to find the title screen")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmTitle))


async def test_searching_theme_finds_the_theme_setting(app_factory: Callable[..., FaceApp]):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await wait_for(pilot, lambda: any(hit.startswith("Theme") for hit in palette_hits(app)),
                       what="the palette to find the theme")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        options = app.screen.query_one(OptionList)
        assert options.highlighted_option is not None
        assert options.highlighted_option.id == "theme"
        await pilot.press("enter")  # and Enter changes it, as in the settings
        await wait_for(pilot, lambda: app.theme == "face-paper")


async def test_no_screenshot_nor_maximize_in_the_palette(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen)
                       and app.screen.focused is not None)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles == ["Keys"]


@pytest.mark.parametrize("keys", [
    ["t", "t", "s", "s", "enter", "enter", "enter"],
    ["t", "y", "y", "enter", "1", "t", "n", "t", "s"],
    ["ctrl+q", "ctrl+q", "n", "t", "t", "escape", "escape"],
    ["t", "ctrl+q", "escape", "escape", "t", "enter", "down", "enter"],
    ["s", "shift+tab", "x", "enter", "enter", "enter", "escape"],
], ids=lambda keys: "-".join(keys))
async def test_a_burst_of_leaving_keys(app_factory: Callable[..., FaceApp],
                                       keys: list[str]) -> None:
    from tests.hostile.test_tui_bursts import burst, sane, settle

    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # progress: leaving asks first
        await wait_for(pilot, lambda: app.session is not None and app.session.unsaved)
        burst(app, keys)
        await settle(pilot)
        sane(app)
        app.exit()
        await pilot.pause()
    assert app.return_code == 0 and app.crash is None
