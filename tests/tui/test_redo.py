"""Redo (U) on the play screen, and going back to a move from the history (b)."""

from __future__ import annotations

from collections.abc import Callable

from game.tui.app import FaceApp
from game.tui.screens.dialogs import Confirm
from game.tui.screens.moves import MovePicker
from game.tui.screens.pages import HistoryScreen
from game.tui.screens.play import PlayScreen
from tests.tui.conftest import SIZE, notes, screen_text, wait_for


async def test_shift_u_redoes_what_u_undid(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("U")
        await wait_for(pilot, lambda: "There is nothing to redo." in notes(app))
        await pilot.press("1")
        assert app.session is not None
        await wait_for(pilot, lambda: app.session is not None and app.session.state.moved == 1)
        await pilot.press("u")
        await wait_for(pilot, lambda: app.session is not None and app.session.state.moved == 0)
        await pilot.press("U")
        await wait_for(pilot, lambda: "You take it again." in notes(app))
        assert app.session.state.scene != "lab_accident" and app.session.state.moved == 1
        assert "K.'s office" in screen_text(app)


async def test_b_in_the_history_goes_back_to_a_move_after_asking(
        app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("b")  # not a key of the play screen: nothing happens
        await pilot.press("1", "1")
        await wait_for(pilot, lambda: app.session is not None and app.session.state.moved == 2)
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, MovePicker))
        assert "Go home" in screen_text(app)
        await pilot.press("up", "enter")  # the first move of the two
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        assert "2 moves" in screen_text(app)
        await pilot.press("n")  # stays: nothing undone, back on the history
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert app.session is not None and app.session.state.moved == 2
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, MovePicker))
        await pilot.press("up", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.session.state.moved == 0 and app.session.state.scene == "lab_accident"
        await wait_for(pilot, lambda: "The lab accident" in screen_text(app),
                       what="the play screen redrawn where the game went back to")
        await pilot.press("U", "U")
        await wait_for(pilot, lambda: app.session is not None and app.session.state.moved == 2)


async def test_b_with_no_move_to_go_back_to_says_so(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("h", "b")
        await wait_for(pilot, lambda: "There is nothing to take back." in notes(app))
        assert isinstance(app.screen, HistoryScreen)


async def test_an_item_gained_is_a_notice(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("1", "1")
        await wait_for(pilot, lambda: "You now have: An artificial finger" in notes(app))
