"""The endings page: a hint (the act) for each ending still to find, and a found ending read
again."""

from __future__ import annotations

from collections.abc import Callable

from game.story.runtime import Story
from game.tui.app import FaceApp
from game.tui.screens.pages import EndingPage, EndingsScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import SIZE, screen_text, wait_for

# Home; walk out on K.; copy a dead man's skin; finish the mask; put it on; go out.
TO_THE_CORNER = ("1", "3", "2", "3", "m", "2")


async def test_missing_endings_say_their_act(app_factory: Callable[..., FaceApp],
                                             bundled: Story):
    app = app_factory(story=bundled)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        app.action_endings()
        await wait_for(pilot, lambda: isinstance(app.screen, EndingsScreen)
                       and "endings found" in screen_text(app))
        text = screen_text(app)
        assert "not yet found   (Act I)" in text and "not yet found   (Act V)" in text
        assert "Play to an end to see it here." in text
        await pilot.press("enter")  # nothing found: nothing to read
        await pilot.pause()
        assert isinstance(app.screen, EndingsScreen)


async def test_a_found_ending_can_be_read_again(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        for key in TO_THE_CORNER:
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await wait_for(pilot, lambda: app.session is not None and app.session.view.is_ending)
        app.action_endings()
        await wait_for(pilot, lambda: isinstance(app.screen, EndingsScreen)
                       and "endings found" in screen_text(app))
        text = screen_text(app)
        assert "1 of 2 endings found" in text and "Select an ending to read it again." in text
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EndingPage)
                       and "THE END" in screen_text(app))
        text = screen_text(app)
        assert "THE END · The corner, held open" in text
        assert "Under the mask you are sweating." in text  # what was read there
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, EndingsScreen))
