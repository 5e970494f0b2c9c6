"""``play --watch`` in the TUI: an edited story is reloaded and the moves replayed; a broken
one shows its errors in a panel while the game goes on with the last good version."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.tui.app import WATCH_SECONDS, FaceApp, make_app
from game.tui.screens.pages import HistoryScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.problems import ProblemsPanel
from game.tui.widgets.scene import Prose
from tests.paths import STARTER
from tests.tui.conftest import SIZE, notes, wait_for


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    """A copy of the starter story to edit."""
    folder = tmp_path / "story"
    shutil.copytree(STARTER, folder)
    return folder


def build(story_dir: Path, tmp_path: Path, watch: bool = True) -> FaceApp:
    return make_app(story_dir=story_dir, saves_dir=tmp_path / "saves", start="play",
                    highlight_seconds=0, watch=watch, settle_seconds=0)


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new``, and move the file's time on, so the
    watcher sees the change even within one tick of the file system's clock."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


async def reload(app: FaceApp, pilot: Pilot) -> None:
    """Look at the files now (instead of waiting for the timer) and wait for the reload."""
    assert app.check_story_files(), "the watcher saw no change"
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def play(app: FaceApp) -> PlayScreen:
    assert isinstance(app.screen, PlayScreen), app.screen
    return app.screen


def paras(app: FaceApp) -> list[str]:
    return [w.full_text for w in play(app).query(".para").results(Prose)]


def panel(app: FaceApp) -> ProblemsPanel:
    return play(app).query_one(ProblemsPanel)


def first_workshop_para(story_dir: Path) -> str:
    """The first words of the workshop's first paragraph, as the scene file has them."""
    text = (story_dir / "scenes" / "act2.yaml").read_text(encoding="utf-8")
    after = text.split("- id: workshop", 1)[1].split("text:\n", 1)[1]
    return after.split(">-\n", 1)[1].strip().split("\n", 1)[0].strip()


async def test_an_edited_paragraph_appears_in_place(story_dir: Path, tmp_path: Path):
    app = build(story_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")  # home, then buy the finger: the workshop
        await pilot.pause()
        assert app.session is not None
        state = app.session.state
        assert state.scene == "workshop"
        first = first_workshop_para(story_dir)
        assert paras(app)[0].startswith(first)
        edit(story_dir / "scenes" / "act2.yaml", first, "EDITED: " + first)
        await reload(app, pilot)
        assert paras(app)[0].startswith("EDITED: " + first)
        assert app.session.state.scene == "workshop"
        assert app.session.state.log == state.log
        assert app.story is app.session.story and app.story.scenes["workshop"]
        assert "Story reloaded: replayed 2 of 2 moves." in notes(app)
        assert not panel(app).display
        # The history was replayed on the edited story too.
        assert any(e.text.startswith("EDITED: ") for e in app.session.history)
        # And the game goes on.
        await pilot.press("1")
        await pilot.pause()
        assert len(app.session.state.log) == 3


async def test_a_broken_story_shows_its_errors_and_the_game_goes_on(story_dir: Path,
                                                                   tmp_path: Path):
    app = build(story_dir, tmp_path)
    act1 = story_dir / "scenes" / "act1.yaml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert app.session is not None and app.session.state.scene == "k_office"
        good = app.story
        edit(act1, "go: k_office", "go: nowhere")
        await reload(app, pilot)
        shown = panel(app)
        assert shown.display
        assert len(shown.lines) == 1
        line = shown.lines[0]
        assert line.startswith(f"{act1}:") and ": E201 unknown scene 'nowhere'" in line
        text = str(shown.query_one("#problems-text").render())
        assert "E201 unknown scene 'nowhere'" in text and f"{act1}:" in text
        assert "1 error" in str(shown.border_title)
        assert app.story is good and app.session.story is good
        assert not any("error" in n for n in notes(app))  # the panel says it
        # Still playable, on the last good story.
        await pilot.press("1")
        await pilot.pause()
        assert app.session.state.scene == "workshop"
        assert panel(app).display
        # Fixed: the panel goes away and the moves are replayed.
        edit(act1, "go: nowhere", "go: k_office")
        await reload(app, pilot)
        assert not panel(app).display and app.story_problems == []
        assert app.story is not good
        assert app.session.state.scene == "workshop"
        assert "Story reloaded: replayed 2 of 2 moves." in notes(app)


async def test_brackets_in_errors_survive(story_dir: Path, tmp_path: Path):
    app = build(story_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with (story_dir / "scenes" / "act1.yaml").open("a", encoding="utf-8") as f:
            f.write("- id: [broken\n")
        await reload(app, pilot)
        text = str(panel(app).query_one("#problems-text").render())
        assert "E100" in text and "','" in text and "']'" in text
        assert play(app).session.state.scene == "lab_accident"


async def test_a_removed_choice_stops_the_replay_there(story_dir: Path, tmp_path: Path):
    app = build(story_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1")  # go_home, buy_finger
        await pilot.pause()
        assert app.session is not None and app.session.state.scene == "workshop"
        act1 = story_dir / "scenes" / "act1.yaml"
        edit(act1, "id: buy_finger", "id: buy_a_finger")
        await reload(app, pilot)
        assert app.session.state.scene == "k_office"
        assert len(app.session.state.log) == 1
        note = next(n for n in notes(app) if n.startswith("Story reloaded"))
        assert note.startswith("Story reloaded: replayed 1 of 2 moves.")
        assert "Stopped: There is no choice 'buy_finger' here." in note
        assert play(app).query_one("#scene-title", Prose).full_text == "K.'s office"


async def test_a_reload_under_the_history_page(story_dir: Path, tmp_path: Path):
    app = build(story_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        edit(story_dir / "scenes" / "act1.yaml", "K.'s office smells", "K.'s office reeks")
        await reload(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert any(t.startswith("K.'s office reeks") for t in paras(app))
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert any(e.text.startswith("K.'s office reeks") for e in app.screen.entries)


async def test_the_timer_looks_at_the_files(story_dir: Path, tmp_path: Path):
    app = build(story_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        edit(story_dir / "scenes" / "act1.yaml", "The flask should have held.",
             "The flask held, until it did not.")
        await wait_for(pilot, lambda: "Story reloaded: replayed 0 of 0 moves." in notes(app),
                       timeout=10 * WATCH_SECONDS, what="the timer to reload the story")
        await wait_for(pilot, lambda: any(p.startswith("The flask held") for p in paras(app)[:1]))


async def test_without_watch_nothing_looks(story_dir: Path, tmp_path: Path):
    app = build(story_dir, tmp_path, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.watcher is None and app._watch_timer is None
        edit(story_dir / "scenes" / "act1.yaml", "The flask should have held.", "Changed.")
        assert not app.check_story_files()
        assert not panel(app).display


async def test_a_screen_over_the_game_gets_the_new_scene_on_return(story_dir: Path,
                                                                    tmp_path: Path):
    from textual.screen import Screen

    app = build(story_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        game = play(app)
        await app.push_screen(Screen())  # covers the game entirely
        edit(story_dir / "scenes" / "act1.yaml", "The flask should have held.",
             "The flask held, until it did not.")
        await reload(app, pilot)
        assert game._stale
        app.pop_screen()
        await pilot.pause()
        assert paras(app)[0].startswith("The flask held")


async def test_on_the_title_screen_the_next_game_uses_the_edit(story_dir: Path,
                                                                tmp_path: Path):
    app = make_app(story_dir=story_dir, saves_dir=tmp_path / "saves", highlight_seconds=0,
                   watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        act1 = story_dir / "scenes" / "act1.yaml"
        edit(act1, "go: k_office", "go: nowhere")
        await reload(app, pilot)
        assert len(app.story_problems) == 1
        assert any("it has 1 error; playing on with the last good version" in n
                   for n in notes(app))
        app.action_new_game()  # a game begun while the story is broken shows the panel
        await pilot.pause()
        assert panel(app).display and "E201" in panel(app).lines[0]
        app.action_to_title()
        await pilot.pause()
        edit(act1, "The flask should have held.", "The flask held, until it did not.")
        edit(act1, "go: nowhere", "go: k_office")
        await reload(app, pilot)
        assert "Story reloaded." in notes(app) and app.story_problems == []
        app.action_new_game()
        await pilot.pause()
        assert paras(app)[0].startswith("The flask held") and not panel(app).display


async def test_a_face_picker_open_over_a_reload(story_dir: Path, tmp_path: Path):
    app = build(story_dir, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        edit(story_dir / "scenes" / "act1.yaml", "The flask should have held.",
             "The flask held, until it did not.")
        await reload(app, pilot)
        await pilot.press("enter")  # the picker's first face, chosen on the edited story
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not None and app.session.state.face == "bare"


async def test_focus_goes_back_to_the_choices_when_the_panel_goes(story_dir: Path,
                                                                  tmp_path: Path):
    from game.tui.widgets.choices import ChoiceList

    app = build(story_dir, tmp_path)
    act1 = story_dir / "scenes" / "act1.yaml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        edit(act1, "go: k_office", "go: nowhere")
        await reload(app, pilot)
        await pilot.press("tab")  # to the panel, to scroll it
        assert app.screen.focused is panel(app)
        edit(act1, "go: nowhere", "go: k_office")
        await reload(app, pilot)
        assert not panel(app).display
        assert app.screen.focused is play(app).query_one(ChoiceList)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.state.scene == "k_office"
