"""The title screen and the app-wide keys: every menu entry, help, quit, the palette."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList

from game.tui.app import FaceApp
from game.tui.screens.pages import EndingsScreen, HelpScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.settings import SettingsScreen
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import SIZE, notes, palette_hits, screen_text, wait_for


def menu_labels(app: FaceApp) -> list[str]:
    menu = app.screen.query_one("#menu", OptionList)
    return [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]


async def test_the_title_offers_only_what_works(app_factory: Callable[..., FaceApp]):
    app = app_factory()
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, TitleScreen)
        assert menu_labels(app) == ["New game", "Endings", "Settings", "Help", "Quit"]
        assert "F A C E   O F   A N O T H E R" in screen_text(app)


async def test_new_game_from_the_title(app_factory: Callable[..., FaceApp]):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None and app.session.state.scene == "lab_accident"


async def test_endings_settings_and_help_from_the_menu(app_factory: Callable[..., FaceApp]):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        for steps, screen in ((1, EndingsScreen), (2, SettingsScreen), (3, HelpScreen)):
            await pilot.press(*["down"] * steps, "enter")
            await pilot.pause()
            assert isinstance(app.screen, screen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            await pilot.press("home")


async def test_quit_from_the_menu_does_not_ask(app_factory: Callable[..., FaceApp]):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "enter")
        await pilot.pause()
    assert app.return_code == 0


async def test_question_mark_opens_help_anywhere(app_factory: Callable[..., FaceApp]):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "choose what he does" in screen_text(app)
        assert "[app.quit]" in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_ctrl_q_on_the_title_quits_at_once(app_factory: Callable[..., FaceApp]):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_c_says_how_to_quit(app_factory: Callable[..., FaceApp]):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any("to quit" in n for n in notes(app))


async def test_the_palette_lists_the_game_commands(app_factory: Callable[..., FaceApp]):
    from textual.command import CommandPalette

    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"endings")
        await wait_for(pilot, lambda: any("Endings" in hit for hit in palette_hits(app)),
                       what="the palette to find Endings")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EndingsScreen))
        assert "0 of 2 endings found" in screen_text(app)


async def test_a_corrupt_profile_is_reported_at_start(app_factory: Callable[..., FaceApp],
                                                      saves):
    (saves / "profile.json").write_text("]]]")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("damaged" in n for n in notes(app))
        assert isinstance(app.screen, TitleScreen)
    assert (saves / "profile.json").read_text() == "]]]"
