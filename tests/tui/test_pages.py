"""Settings, endings, and a whole playthrough to an ending through the TUI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.profile import Profile
from game.tui.app import FaceApp
from game.tui.screens.pages import EndingsScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.settings import SettingsScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.choices import ChoiceList
from tests.tui.conftest import SIZE, screen_text


async def test_settings_change_the_theme_and_persist(app_factory: Callable[..., FaceApp],
                                                     saves: Path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "face-ink"
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("down", "enter")  # theme: dark -> light
        await pilot.pause()
        assert app.theme == "face-paper"
        await pilot.press("right")  # light -> high contrast
        await pilot.pause()
        assert app.theme == "face-contrast"
        await pilot.press("down", "right")  # text: instant -> fast
        await pilot.pause()
        assert "Typewriter, fast" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
    settings = Profile.load(saves).settings
    assert (settings.theme, settings.reveal) == ("contrast", "fast")
    again = app_factory()
    async with again.run_test(size=SIZE):
        assert again.theme == "face-contrast"
        assert again.reveal_cps > 0


async def test_keys_can_be_remapped_from_the_profile(app_factory: Callable[..., FaceApp],
                                                     saves: Path):
    profile = Profile.load(saves)
    profile.settings.keys = {"game.history": "y"}
    profile.save()
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"


async def test_play_to_an_ending_and_see_it_among_the_endings(
        app_factory: Callable[..., FaceApp], saves: Path):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # New game
        await pilot.pause()
        # Home; walk out on K.; copy a dead man's skin; finish the mask; put it on; go out.
        for key in ("1", "3", "2", "3", "m", "2"):
            await pilot.press(key)
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen) and screen.is_ending
        assert "THE END · The corner, held open" in screen_text(app)
        assert "Under the mask you are sweating." in screen_text(app)  # mask_hold < 4
        choices = screen.query_one(ChoiceList)
        assert choices.border_title == "The end"
        await pilot.press("2")  # back to the title
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and app.session is None
        # The scenes were autosaved: the title now offers Continue and Load too.
        await pilot.press("down", "down", "down", "enter")  # Endings
        await pilot.pause()
        assert isinstance(app.screen, EndingsScreen)
        text = screen_text(app)
        assert "1 of 2 endings found" in text and "The corner, held open" in text
    assert Profile.load(saves).endings("face_of_another") == {
        "end_corner.ending": "The corner, held open"}


async def test_no_endings_yet(app_factory: Callable[..., FaceApp]):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "0 of 2 endings found" in text and "not yet found" in text
