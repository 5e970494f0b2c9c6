"""The language: chosen in the settings, switched in mid-game without losing anything, kept in
the profile; --lang for one run; the play screen in Russian as a snapshot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList

from game.i18n import _, language
from game.profile import Profile
from game.story.runtime import Story
from game.tui.app import FaceApp
from game.tui.screens.play import PlayScreen
from game.tui.screens.settings import SettingsScreen
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import SIZE, screen_text


def footer_words(app: FaceApp) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values()
            if b.binding.show}


async def open_settings(app: FaceApp, pilot) -> None:
    app.action_settings()
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)


async def test_switching_language_mid_game_keeps_the_game(app_factory: Callable[..., FaceApp],
                                                          bundled: Story, saves: Path):
    app = app_factory(story=bundled, start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "4")  # the accident, then home
        await pilot.pause()
        session = app.session
        assert session is not None
        state = session.game.state
        title_en = session.view.title.text
        assert "Mask" in footer_words(app) or "Faces" in footer_words(app)
        await pilot.press("s")  # a save made in English
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert saves.joinpath("slot-1.json").exists()

        await open_settings(app, pilot)
        await pilot.press("right")  # Language: English -> Русский
        await pilot.pause()
        assert (app.language, language(), app.story.language) == ("ru", "ru", "ru")
        assert "Русский" in screen_text(app)
        assert _("Language") in screen_text(app) and _("Language") != "Language"
        behind = app.screen_stack[-2]  # the play screen, retold in place behind the dialog
        assert isinstance(behind, PlayScreen)
        assert behind.query_one("#scene-title").full_text == session.view.title.text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session is session and session.game.state == state
        assert not session.unsaved
        title_ru = session.view.title.text
        assert title_ru != title_en
        text = screen_text(app)
        assert title_ru in text and title_en not in text
        assert footer_words(app) and not footer_words(app) & {"Mask", "Faces", "Undo", "Save"}
        assert "Чужое лицо".upper() in text
        assert app.title == "Чужое лицо"
        # The history is told again in Russian; undo still works on the same moves.
        assert all(title_en not in entry.text for entry in session.history)
        await pilot.press("u")
        await pilot.pause()
        assert session.game.state.log == state.log[:-1]

        # The English save is listed in Russian, and loads into the Russian game.
        app.action_load()
        await pilot.pause()
        listed = screen_text(app)
        assert title_ru in listed and title_en not in listed
        await pilot.press("escape")
        await pilot.pause()
        app.load_slot("1")
        await pilot.pause()
        assert app.session.game.state == state
        assert app.session.view.title.text == title_ru

        await open_settings(app, pilot)
        await pilot.press("right", "right")  # Русский -> Português -> English
        await pilot.pause()
        assert app.language == "en"
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.view.title.text == title_en
        assert "Mask" in footer_words(app) or "Faces" in footer_words(app)
    assert Profile.load(saves).settings.language == "en"


async def test_the_chosen_language_is_kept_and_lang_overrides_it(
        app_factory: Callable[..., FaceApp], bundled: Story, saves: Path):
    app = app_factory(story=bundled)
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(app, pilot)
        await pilot.press("left")  # English -> Português
        await pilot.pause()
        title = app.screen_stack[-2]  # retold in place behind the dialog
        assert isinstance(title, TitleScreen)
        menu = title.query_one("#menu", OptionList)
        assert _("New game") in [str(menu.get_option_at_index(i).prompt)
                                 for i in range(menu.option_count)]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert _("New game") in screen_text(app) and _("New game") != "New game"
    assert Profile.load(saves).settings.language == "pt"

    again = app_factory(story=bundled, language=None)
    async with again.run_test(size=SIZE):
        assert again.language == "pt" and again.story.language == "pt"
        assert "O ROSTO DE OUTRO".replace(" ", "") in screen_text(again).replace(" ", "")

    forced = app_factory(story=bundled, language="ru")
    async with forced.run_test(size=SIZE):
        assert forced.language == "ru"


async def test_the_locale_decides_when_nothing_else_does(app_factory: Callable[..., FaceApp],
                                                         bundled: Story, monkeypatch):
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    app = app_factory(story=bundled, language=None)
    async with app.run_test(size=SIZE):
        assert app.language == "ru"


def test_play_screen_in_russian(snap_compare, app_factory: Callable[..., FaceApp],
                                bundled: Story):
    app = app_factory(story=bundled, start="play", language="ru")
    assert snap_compare(app, press=["3", "4"], terminal_size=SIZE)


async def test_pages_behind_the_settings_are_rewritten(app_factory: Callable[..., FaceApp],
                                                       bundled: Story):
    from textual.containers import Vertical

    from game.tui.screens.pages import HelpScreen, HistoryScreen

    app = app_factory(story=bundled, start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        for key, page in (("h", HistoryScreen), ("question_mark", HelpScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, page)
            before = str(app.screen.query_one("#page-text").render())
            await open_settings(app, pilot)
            await pilot.press("right")  # English -> Русский
            await pilot.pause()
            behind = app.screen_stack[-2]
            assert isinstance(behind, page)
            assert behind.query_one("#page", Vertical).border_title == _(page.TITLE_TEXT)
            after = str(behind.query_one("#page-text").render())
            wanted = _("Keys") if page is HelpScreen else app.session.view.title.text
            assert after != before and wanted in after
            await pilot.press("left")  # back to English
            await pilot.pause()
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert isinstance(app.screen, PlayScreen)
