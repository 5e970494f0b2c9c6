"""The card that opens an act: shown when a move enters a later act, with the story's title
for it; it fades by itself, Space or the next move takes it away, and play goes on under it."""

from __future__ import annotations

from collections.abc import Callable

from game.story.runtime import Story
from game.tui.app import FaceApp
from game.tui.screens.play import PlayScreen
from game.tui.widgets.act_card import ActCard
from tests.tui.conftest import SIZE, wait_for


def cards(app: FaceApp) -> list[ActCard]:
    return list(app.screen.query(ActCard))


def card_text(app: FaceApp) -> str:
    return " ".join(str(card.render()) for card in cards(app))


async def test_a_new_act_opens_with_its_card(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play", act_card_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen) and cards(app),
                       what="the first act's card at the start of a game")
        assert "ACT I" in card_text(app)
        await pilot.press("space")  # skips it
        await wait_for(pilot, lambda: not cards(app))
        await pilot.press("1")  # the next scene, the same act: no card
        await wait_for(pilot, lambda: app.session is not None and app.session.state.moved == 1)
        await pilot.pause()
        assert not cards(app)
        await pilot.press("1")  # act II: its card, and the keys still play under it
        await wait_for(pilot, lambda: "ACT II" in card_text(app))
        await pilot.press("u")  # back to act I: the card goes, none comes
        await wait_for(pilot, lambda: not cards(app))
        assert app.session is not None and app.session.view.act == 1


async def test_the_card_fades_by_itself_and_names_the_act(
        app_factory: Callable[..., FaceApp], bundled: Story):
    app = app_factory(story=bundled, start="play", act_card_seconds=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "The bandaged face" in card_text(app),
                       what="the first act's card, with the story's title for the act")
        await wait_for(pilot, lambda: not cards(app), what="the card to fade")


async def test_no_card_when_a_saved_game_resumes_mid_act(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play", act_card_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(cards(app)))
        await pilot.press("space", "1", "1")
        await wait_for(pilot, lambda: app.session is not None and app.session.view.act == 2)
        assert app.session is not None
        app.session.save("1")
        app.load_slot("1")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen) and not cards(app))
