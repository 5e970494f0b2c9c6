"""Dialogs answer to their letters in the player's language (Russian д, н, с; Portuguese s
for sim), shown in their answers, besides the English y, n and s; the help names the space
bar in the player's language."""

from __future__ import annotations

from collections.abc import Callable

from game.i18n import set_language
from game.tui.app import FaceApp
from game.tui.screens.dialogs import ConfirmRestart, ConfirmTitle
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import SIZE, screen_text, wait_for


async def test_russian_letters_answer_the_dialog_before_leaving(
        app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play", language="ru")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("1", "t")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmTitle))
            assert "(д)" in screen_text(app) and "(н)" in screen_text(app)
            assert "(y)" not in screen_text(app)
            shown = {app.get_key_display(b.binding) for b in app.screen.active_bindings.values()}
            assert {"д", "н", "с"} <= shown and not {"y", "n", "s"} & shown  # the footer's keys
            await pilot.press("н")
            await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
            await pilot.press("t")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmTitle))
            await pilot.press("с")
            await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
            assert app.saves.exists("quick")
    finally:
        set_language("en")


async def test_portuguese_s_says_yes(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play", language="pt")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("1")
            await pilot.pause()
            app.action_new_game()
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmRestart)
                           and "(s)" in screen_text(app))
            await pilot.press("s")
            await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
            assert app.session is not None and not app.session.unsaved
    finally:
        set_language("en")


async def test_the_space_bar_is_named_in_the_player_s_language(
        app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play", language="ru")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
            shown = {app.get_key_display(b.binding) for b in app.screen.active_bindings.values()}
            assert "пробел" in shown and "space" not in shown
    finally:
        set_language("en")
