"""The play screen: choices by number and by arrows, faces, undo, the panels, quitting."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from game.profile import Profile
from game.story.loader import load_story
from game.tui.app import FaceApp
from game.tui.screens.dialogs import ConfirmQuit, ConfirmRestart, FacePicker
from game.tui.screens.pages import HistoryScreen, JournalScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.choices import ChoiceList
from game.tui.widgets.scene import PersonCard, Prose, ScenePane
from tests.paths import STARTER
from tests.tui.conftest import SIZE, notes, palette_hits, screen_text, wait_for

# From the start of the starter story: the moves to reach the mask (house S, bandaged).
TO_HOUSE_S = ["1", "1", "1", "3"]  # go home, buy the finger, pay a stranger, finish the mask
# (which keeps its number 3 when the two choices above it go)


def play(app: FaceApp) -> PlayScreen:
    assert isinstance(app.screen, PlayScreen), app.screen
    return app.screen


def scene_texts(app: FaceApp, cls: str) -> list[str]:
    return [w.full_text for w in play(app).query(f".{cls}").results(Prose)]


async def test_number_keys_take_choices(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert scene_texts(app, "scene-title") == ["The lab accident"]
        await pilot.press("1")
        await pilot.pause()
        assert app.session and app.session.state.scene == "k_office"
        # The choice's outcome is told above the new scene's prose.
        events = scene_texts(app, "event")
        assert events[0].startswith("Weeks pass.")
        scene = play(app).query_one(ScenePane)
        order = [w for w in scene.children if isinstance(w, Prose) and w.full_text]
        assert "event" in order[0].classes and "scene-title" in order[1].classes
        assert "K.'s office" in str(play(app).query_one("#topbar", Static).render())


async def test_arrows_and_enter_take_choices(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.focused is play(app).query_one(ChoiceList)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.session and app.session.state.scene == "workshop"
        assert app.session.state.vars["mask_hold"] == 2  # walked out


async def test_a_disabled_choice_is_greyed_and_says_why(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")  # to the workshop: "Finish the mask" needs skin first
        await pilot.pause()
        choices = play(app).query_one(ChoiceList)
        last = choices.get_option_at_index(choices.option_count - 1)
        assert last.disabled and "The mask has no skin yet." in str(last.prompt)
        await pilot.press("3")
        await pilot.pause()
        assert app.session and app.session.state.scene == "workshop"
        assert "The mask has no skin yet." in notes(app)


async def test_choices_taken_before_are_marked(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        choices = play(app).query_one(ChoiceList)
        assert "✓" not in str(choices.get_option_at_index(0).prompt)
        await pilot.press("1", "2")  # accept K.'s help: the patient
        await pilot.pause()
        await pilot.press("1")  # play again
        await pilot.pause()
        choices = play(app).query_one(ChoiceList)
        assert "✓" in str(choices.get_option_at_index(0).prompt)


async def test_m_puts_the_mask_on_and_takes_it_off(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play", highlight_seconds=30)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert "The mask is not possible here." in notes(app)
        await pilot.press("1", "1", "m")  # the workshop: the mask is allowed, not yet made
        await pilot.pause()
        assert "The mask does not exist yet." in notes(app)
        await pilot.press("1", "3")
        await pilot.pause()
        assert app.session and app.session.state.scene == "house_s"
        card = play(app).query_one("#person-manager", PersonCard)
        assert "odd tenant" in card.reaction.full_text
        await pilot.press("m")
        await pilot.pause()
        assert app.session.state.face == "masked"
        # The outcome, then only what changed: the reaction, highlighted, not the scene again;
        # the change is in the history.
        card = play(app).query_one("#person-manager", PersonCard)
        assert "younger" in card.reaction.full_text and card.has_class("-changed")
        assert "brother" in scene_texts(app, "face-event")[0]
        assert scene_texts(app, "scene-title") == []
        assert "art-mask" in play(app).query_one("#face-art").classes
        assert app.session.history[-1].who == "The manager"
        await pilot.press("m")
        await pilot.pause()
        assert app.session.state.face == "bandaged"


async def test_the_highlight_fades(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play", highlight_seconds=1.0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*TO_HOUSE_S, "m")
        card = play(app).query_one("#person-manager", PersonCard)
        assert card.has_class("-changed")
        await wait_for(pilot, lambda: not card.has_class("-changed"), timeout=4,
                       what="the highlight to fade")
        assert "younger" in str(card.reaction.render())


async def test_f_opens_the_face_picker(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FacePicker)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session and app.session.state.face == "bandaged"
        await pilot.press("f", "enter")  # the first possible face is highlighted
        await pilot.pause()
        assert app.session.state.face == "bare"
        assert "art-scars" in play(app).query_one("#face-art").classes
        assert scene_texts(app, "face-event")[0].startswith("In the washroom")


async def test_u_undoes(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await pilot.pause()
        assert "There is nothing to take back." in notes(app)
        await pilot.press("1", "u")
        await pilot.pause()
        assert app.session and app.session.state.scene == "lab_accident"
        assert scene_texts(app, "scene-title") == ["The lab accident"]


async def test_h_and_j_open_history_and_journal(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "The flask should have held." in text and "Weeks pass." in text
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert "K.'s office" in screen_text(app) and "I chose: “Go home" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_the_status_panel_shows_items(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        assert "nothing of note" in str(play(app).query_one("#status", Static).render())
        await pilot.press("1", "1")
        await pilot.pause()
        assert "An artificial finger" in str(play(app).query_one("#status", Static).render())


async def test_ctrl_q_asks_when_there_is_progress(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_q_after_saving_quits_at_once(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "ctrl+q")
        await pilot.pause()
        assert "Your progress since the last save will be lost." in screen_text(app)
        await pilot.press("n", "f5", "ctrl+q")  # saved: nothing to lose
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_q_without_progress_quits(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_the_palette_runs_play_actions(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"journal")
        await wait_for(pilot, lambda: any("Journal" in hit for hit in palette_hits(app)),
                       what="the palette to find Journal")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert "The lab accident" in screen_text(app)


async def test_new_game_mid_play_asks_first(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        app.action_new_game()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmRestart)
        await pilot.press("y")
        await pilot.pause()
        assert app.session and app.session.state.scene == "lab_accident"
        assert [type(s) for s in app.screen_stack] == [TitleScreen, PlayScreen]


async def test_brackets_in_story_text_survive(tmp_path: Path,
                                              app_factory: Callable[..., FaceApp]):
    story_dir = tmp_path / "story"
    shutil.copytree(STARTER, story_dir)
    act1 = story_dir / "scenes" / "act1.yaml"
    act1.write_text(act1.read_text().replace(
        "The flask should have held.", "The flask [should] have held [b]firmly[/b]."))
    app = app_factory(story=load_story(story_dir), start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        para = play(app).query(".para").results(Prose).__next__()
        assert "The flask [should] have held [b]firmly[/b]." in str(para.render())
        assert "[should]" in app.export_screenshot()


async def test_typewriter_reveal_and_skip(app_factory: Callable[..., FaceApp], saves: Path):
    profile = Profile.load(saves)
    profile.settings.reveal = "slow"
    profile.save()
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen)
                       and any(play(app).query_one(ScenePane).query(".para")))
        scene = play(app).query_one(ScenePane)
        first = next(scene.query(".para").results(Prose))
        await wait_for(pilot, lambda: str(first.render()), what="the text to start appearing")
        assert scene.revealing
        assert 0 < len(str(first.render())) < len(first.full_text)
        await pilot.press("space")
        await pilot.pause()
        assert not scene.revealing
        assert str(first.render()) == first.full_text


async def test_nothing_is_cut_off_at_80x24(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*TO_HOUSE_S, "1")  # the yard: two people, three choices
        await pilot.pause()
        screen = play(app)
        width, height = SIZE
        for selector in ("#topbar", "#scene", "#choices", "#face", "#status", "Footer",
                         "#face-art", "#face-label", "#face-options"):
            region = screen.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
            assert region.right <= width and region.bottom <= height, selector
        choices = screen.query_one(ChoiceList)
        assert choices.region.height >= choices.option_count + 2
        art = screen.query_one("#face-art").region
        assert art.height == 7 and art.width >= 15


async def test_resizing_never_crashes(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        for size in ((40, 12), (20, 6), (200, 60), (80, 24), (1, 1), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("1", "f")
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        await pilot.press("escape", "h")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert app.is_running


async def test_page_keys_scroll_the_story(app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")  # K.'s office: longer than the pane at 80x24
        await pilot.pause()
        scene = play(app).query_one(ScenePane)
        assert scene.max_scroll_y > 0 and scene.scroll_y == 0

        def on_top() -> object:
            """The widget the pane shows on its first line."""
            return app.get_widget_at(scene.region.x + 2, scene.region.y + 1)[0]

        top = on_top()
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: scene.scroll_y > 0 and not scene.is_scrolling
                       and on_top() is not top, what="the story to scroll down")
        await pilot.press("pageup")
        await wait_for(pilot, lambda: scene.scroll_y == 0 and on_top() is top,
                       what="the story to scroll back up")


def test_every_key_is_a_binding_with_an_id_and_a_tooltip():
    from textual.binding import Binding

    from game.tui.screens.dialogs import Confirm
    from game.tui.screens.pages import HelpScreen, Page
    from game.tui.screens.saves import SlotsScreen
    from game.tui.screens.settings import SettingsScreen

    for owner in (FaceApp, PlayScreen, Page, HistoryScreen, JournalScreen, HelpScreen, Confirm,
                  FacePicker, SettingsScreen, SlotsScreen, TitleScreen):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding), (owner, binding)
            if binding.system:
                continue
            assert binding.id and binding.tooltip, (owner, binding)
    ids = [b.id for b in PlayScreen.BINDINGS if isinstance(b, Binding)]
    assert {"face.mask", "face.pick", "game.undo", "game.history", "game.journal", "game.save",
            "game.load", "game.quicksave", "game.quickload"} <= set(ids)
    keys = {b.key for b in PlayScreen.BINDINGS if isinstance(b, Binding)}
    assert keys >= {*"mfuhjsl", "f5", "f9"}


async def test_a_choice_in_the_scene_shows_what_it_changed_and_r_the_whole_scene(
        app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")  # go home, buy the finger: the workshop
        await wait_for(pilot, lambda: scene_texts(app, "scene-title") != ["K.'s office"],
                       what="the workshop")
        whole = scene_texts(app, "para")
        await pilot.press("1")  # pay a stranger for a cast: stays in the workshop
        await wait_for(pilot, lambda: scene_texts(app, "face-event"), what="the outcome")
        assert app.session and app.session.state.scene == "workshop"
        text = screen_text(app)
        assert scene_texts(app, "face-event")[0].startswith("You find him")
        # Only the paragraph the choice added, none of those read before, and no title.
        added = scene_texts(app, "para")
        assert added and not set(added) & set(whole)
        assert scene_texts(app, "scene-title") == []
        assert "r: read the whole scene again" in text
        assert "Finish the mask" in text
        # The history holds the scene once, then the move and what it changed.
        kinds = [e.kind for e in app.session.history]
        assert kinds.count("title") == 3 and "› Pay a stranger" in \
            " ".join(e.text for e in app.session.history if e.kind == "move")
        await pilot.press("r")
        await wait_for(pilot, lambda: scene_texts(app, "scene-title"), what="the whole scene")
        assert scene_texts(app, "para") == [p.text for p in app.session.view.paragraphs]


async def test_what_a_move_changed_is_told_again_whole_in_another_language(
        app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1", "f", "enter")  # the workshop, bare: no scene title shown
        await wait_for(pilot, lambda: app.session and app.session.state.face == "bare",
                       what="the face change")
        assert scene_texts(app, "scene-title") == []
        await play(app).redraw(retold=True)
        assert scene_texts(app, "scene-title") == ["The workshop"]
