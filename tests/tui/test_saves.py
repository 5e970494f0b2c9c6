"""Saving and loading in the TUI: the slot screens, quicksave and quickload, Continue on the
title, damaged files, undo across a load, and quitting only with unsaved progress."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from game.saves.store import SaveStore
from game.story.runtime import Story
from game.tui.app import FaceApp
from game.tui.commands import GameCommands
from game.tui.screens.dialogs import Confirm
from game.tui.screens.pages import HistoryScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.saves import LoadScreen, SaveScreen
from game.tui.screens.title import TitleScreen
from tests.tui.conftest import SAVED_AT, SIZE, notes, screen_text, wait_for, write_save
from tests.tui.test_title import menu_labels

DAMAGED = b'{"format": 1, "story_id": '


def palette(app: FaceApp) -> list[str]:
    """The titles of the game's commands the palette would offer now."""
    return [title for title, _, _ in GameCommands(app.screen)._commands()]


def scene_in(saves: Path, slot: str) -> str:
    return SaveStore(saves).read(slot).state.scene


async def test_save_to_a_slot_and_confirm_overwriting(app_factory: Callable[..., FaceApp],
                                                      saves: Path):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert "Slot 9" in screen_text(app) and "Quicksave" not in screen_text(app)
        await pilot.press("down", "enter")  # slot 2, empty: saved at once
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "Saved to slot 2." in notes(app)
        assert scene_in(saves, "2") == "k_office"
        assert app.session and not app.session.unsaved
        await pilot.press("1", "s", "down", "enter")  # slot 2 again: asks first
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Save over slot 2?" in screen_text(app) and "K.'s office" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert scene_in(saves, "2") == "k_office"
        await pilot.press("enter", "y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert scene_in(saves, "2") == "workshop"


async def test_delete_asks_first_and_the_title_follows(app_factory: Callable[..., FaceApp],
                                                       starter: Story, saves: Path):
    write_save(starter, saves, "1", "go_home")
    write_save(starter, saves, "2", "go_home", "buy_finger")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        assert menu_labels(app)[:3] == ["Continue", "New game", "Load"]
        assert "Load" in palette(app) and "Save" not in palette(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "Delete slot 1?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert (saves / "slot-1.json").exists()
        await pilot.press("d", "y")
        await pilot.pause()
        assert not (saves / "slot-1.json").exists()
        assert isinstance(app.screen, LoadScreen) and "Deleted slot 1." in notes(app)
        assert "Slot 1" not in screen_text(app) and "Slot 2" in screen_text(app)
        await pilot.press("d", "y")
        await pilot.pause()
        assert "There are no saves yet." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert menu_labels(app)[:2] == ["New game", "Endings"]
        assert "Load" not in palette(app)


async def test_a_save_that_cannot_be_deleted_says_so(app_factory: Callable[..., FaceApp],
                                                     starter: Story, saves: Path):
    (saves / "slot-1.json").mkdir(parents=True)  # a folder where a save should be
    (saves / "slot-1.json" / "keep").write_text("x")
    write_save(starter, saves, "2", "go_home")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("d", "y")
        await pilot.pause()
        assert (saves / "slot-1.json" / "keep").exists()
        assert "Deleted slot 1." not in notes(app)
        assert any(n.startswith("Slot 1: cannot be removed") for n in notes(app)), notes(app)
        assert "Slot 2" in screen_text(app)


async def test_load_from_the_load_screen_then_undo(app_factory: Callable[..., FaceApp],
                                                   starter: Story, saves: Path):
    write_save(starter, saves, "3", "go_home", "buy_finger")
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen) and "The workshop" in screen_text(app)
        assert app.screen.slots_listed() == ["auto-1", "3"]  # the newest autosave first
        await pilot.press("down", "enter")  # progress since the last save: asks first
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "since the last save will be lost" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.session
        assert app.session.state.scene == "workshop"
        assert "Loaded slot 3: The workshop." in notes(app)
        assert "An artificial finger" in screen_text(app)
        await pilot.press("h")  # what was read before the save can still be read
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "The flask should have held." in screen_text(app)
        await pilot.press("escape", "u")  # and undo goes back past the load
        await pilot.pause()
        assert app.session.state.scene == "k_office"
        assert [type(s) for s in app.screen_stack] == [TitleScreen, PlayScreen]


async def test_f5_quicksaves_and_f9_quickloads(app_factory: Callable[..., FaceApp],
                                               saves: Path):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        assert {"Save", "Quicksave"} <= set(palette(app)) and "Quickload" not in palette(app)
        await pilot.press("f9")
        await pilot.pause()
        assert "There is no quicksave yet." in notes(app)
        await pilot.press("1", "f5")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "Saved to quicksave." in notes(app)
        assert scene_in(saves, "quick") == "k_office"
        assert {"Load", "Quickload"} <= set(palette(app))
        await pilot.press("1", "f9")  # progress since the quicksave: asks first
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "Load quicksave?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.session and app.session.state.scene == "k_office"
        assert isinstance(app.screen, PlayScreen)


async def test_continue_loads_the_newest_save(app_factory: Callable[..., FaceApp],
                                              starter: Story, saves: Path):
    write_save(starter, saves, "1", "go_home", "buy_finger")
    write_save(starter, saves, "5", "go_home", saved_at=SAVED_AT.replace(hour=11))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        assert menu_labels(app) == ["Continue", "New game", "Load", "Endings", "Settings",
                                    "Help", "Quit"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.session
        assert app.session.state.scene == "k_office"
        assert "Loaded slot 5: K.'s office." in notes(app)


async def test_a_damaged_save_is_listed_never_loaded_nor_overwritten_silently(
        app_factory: Callable[..., FaceApp], saves: Path):
    (saves / "slot-1.json").write_bytes(DAMAGED)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        assert menu_labels(app)[:2] == ["New game", "Load"]  # nothing readable to continue
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        text = screen_text(app)
        assert "damaged" in text and "not valid JSON" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen) and app.session is None
        assert any("cannot be loaded" in n for n in notes(app))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("home", "enter", "s", "enter")  # new game; save to slot 1
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Replace the damaged file in slot 1?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
    assert (saves / "slot-1.json").read_bytes() == DAMAGED


async def test_load_errors_and_story_changes_are_told(app_factory: Callable[..., FaceApp],
                                                      starter: Story, saves: Path):
    save = write_save(starter, saves, "quick", "go_home")
    other = json.loads(save.model_dump_json())
    other["story_id"] = "another_story"
    (saves / "quick.json").write_text(json.dumps(other))
    changed = json.loads(save.model_dump_json())
    changed["content_hash"] = "an older version"
    changed["state"]["scene"] = "a_scene_cut_since"
    (saves / "slot-1.json").write_text(json.dumps(changed))
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and app.session is None
        assert any("another story" in n for n in notes(app))
        await pilot.press("enter")  # Continue: slot 1, whose scene is gone
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.session
        assert app.session.state.scene == "k_office"
        assert any("a_scene_cut_since" in n and "K.'s office" in n for n in notes(app))


async def test_a_failed_write_is_told_never_raised(app_factory: Callable[..., FaceApp],
                                                   saves: Path):
    for name in ("quick.json", "auto-1.json", "auto-2.json", "auto-3.json"):
        (saves / name).mkdir()  # nothing can be written there
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert any("every autosave file is damaged" in n for n in notes(app))
        await pilot.press("f5")
        await pilot.pause()
        assert any("Quicksave: cannot be written" in n for n in notes(app))
        assert isinstance(app.screen, PlayScreen) and app.session and app.session.unsaved


async def test_a_save_is_named_as_the_player_types(app_factory: Callable[..., FaceApp],
                                                    saves: Path):
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "s")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveScreen))
        field = app.screen.query_one("#save-name", Input)
        assert field.value == "K.'s office"  # the scene's title, to keep or type over
        await pilot.press("shift+tab")
        await wait_for(pilot, lambda: field.has_focus)
        await pilot.press(*"Before dinner", "enter")  # the name; Enter goes to the slots
        await wait_for(pilot, lambda: app.screen.query_one("#slot-list").has_focus)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert "Saved to slot 1." in notes(app)
        assert SaveStore(saves).read("1").summary.name == "Before dinner"
        await pilot.press("s")  # the default kept: no name
        await wait_for(pilot, lambda: isinstance(app.screen, SaveScreen))
        assert "Before dinner" in screen_text(app)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert SaveStore(saves).read("2").summary.name is None
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadScreen))
        text = screen_text(app)
        assert "Slot 1      Before dinner\n            K.'s office · Bandaged" in text, text


async def test_the_load_list_draws_the_face_of_the_highlighted_save(
        app_factory: Callable[..., FaceApp], starter: Story, saves: Path):
    from game.tui.art import face_art

    write_save(starter, saves, "1", "go_home")
    write_save(starter, saves, "2", "go_home", "face:bare")
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadScreen))
        art = app.screen.query_one("#slot-art", Static)
        assert art.display and str(art.render()) == face_art("bandages")
        await pilot.press("down")
        await wait_for(pilot, lambda: str(art.render()) == face_art("scars"))
        assert str(app.screen.query_one("#slot-face-label", Static).render()) == "Bare"
    narrow = app_factory()
    async with narrow.run_test(size=SIZE) as pilot:  # no room: the face is only named
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(narrow.screen, LoadScreen))
        assert not narrow.screen.query_one("#slot-face").display
        assert "Bandaged ·" in screen_text(narrow)


def test_the_newest_autosave_comes_first(starter: Story, saves: Path):
    from datetime import timedelta

    from game.tui.screens.saves import newest_autosave_first

    write_save(starter, saves, "1", "go_home")
    write_save(starter, saves, "auto-1", "go_home", saved_at=SAVED_AT)
    write_save(starter, saves, "auto-2", "go_home", saved_at=SAVED_AT + timedelta(hours=2))
    write_save(starter, saves, "auto-3", "go_home", saved_at=SAVED_AT + timedelta(hours=1))
    (saves / "quick.json").write_bytes(DAMAGED)
    infos = {info.slot: info for info in SaveStore(saves).slots()}
    assert newest_autosave_first(list(infos), infos) == ["auto-2", "1", "quick", "auto-3",
                                                         "auto-1"]
    del infos["auto-1"], infos["auto-2"], infos["auto-3"]
    assert newest_autosave_first(list(infos), infos) == ["1", "quick"]
