"""The ``m`` key in stories whose faces are not the bundled story's: it puts on and takes
off the face the story's ``mask`` names, and a story without a mask is told so politely."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from game.story.loader import load_story
from game.tui.app import FaceApp
from game.tui.art import face_art
from game.tui.screens.play import PlayScreen
from tests.mask_stories import VEIL, write_story
from tests.tui.conftest import SIZE, notes


def face_of(app: FaceApp) -> str:
    assert app.session is not None
    return app.session.state.face


async def test_m_puts_on_and_takes_off_the_story_s_mask(app_factory: Callable[..., FaceApp],
                                                        tmp_path: Path) -> None:
    app = app_factory(story=load_story(write_story(tmp_path / "veil", VEIL)), start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert face_of(app) == "plain"
        assert "You have no veil." in notes(app)
        await pilot.press("1", "m")  # take the veil, put it on
        await pilot.pause()
        assert face_of(app) == "veil"
        assert isinstance(app.screen, PlayScreen)
        art = app.screen.query_one("#face-art", Static)
        assert "art-mask" in art.classes
        assert str(art.render()) == face_art("mask")
        await pilot.press("m")
        await pilot.pause()
        assert face_of(app) == "hood"  # the story's back_to
        assert "art-outline" in art.classes and "art-mask" not in art.classes
        await pilot.press("m", "2")  # the veil again, and to the market: no hood there
        await pilot.pause()
        assert app.session is not None and app.session.state.scene == "market"
        await pilot.press("m")
        await pilot.pause()
        assert face_of(app) == "plain"


async def test_m_in_a_story_without_a_mask_says_so(app_factory: Callable[..., FaceApp],
                                                   tmp_path: Path) -> None:
    app = app_factory(story=load_story(write_story(tmp_path / "plain", None)), start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "m")
        await pilot.pause()
        assert face_of(app) == "plain"
        assert "This story has no mask." in notes(app)


async def test_the_title_shows_the_start_face_s_drawing(app_factory: Callable[..., FaceApp],
                                                        tmp_path: Path) -> None:
    app = app_factory(story=load_story(write_story(tmp_path / "veil", VEIL)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        art = app.screen.query_one("#title-art", Static)
        assert str(art.render()) == face_art("scars")


async def test_m_in_a_new_story_follows_its_mask(app_factory: Callable[..., FaceApp],
                                                 tmp_path: Path) -> None:
    """The story 'new story' writes: the mask is refused with the face's reason until it is
    borrowed, then goes on and comes off."""
    from game.tools.stories import new_story

    new_story(tmp_path / "mine")
    app = app_factory(story=load_story(tmp_path / "mine"), start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert face_of(app) == "scarred"
        assert "You have no mask; the theatre still has all its faces." in notes(app)
        await pilot.press("1", "1", "m")  # knock, borrow the face, put it on
        await pilot.pause()
        assert face_of(app) == "masked"
        await pilot.press("m")
        await pilot.pause()
        assert face_of(app) == "scarred"
