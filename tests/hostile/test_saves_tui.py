"""Hostile saves in the TUI: the title and load screens survive any bad file at a slot.

Bad things fill every slot but 1 and 2 at once (FIFOs, links, folders, deeply nested JSON,
saves that lie about their contents...), beside good saves in slots 1 and 2: the title
offers Continue and Load, the load screen lists every slot, each bad one is refused with its
reason or loaded mended, and the game goes on, never touching a bad file.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from game.engine import view
from game.saves.store import SLOTS, SaveStore
from game.story.runtime import Story
from game.tui.app import FaceApp, make_app
from game.tui.screens.play import PlayScreen
from game.tui.screens.saves import LoadScreen
from game.tui.screens.title import TitleScreen
from tests.hostile.test_saves import ALL, MENDED, REFUSED, SPECIAL, snapshot
from tests.tui.conftest import SAVED_AT, SIZE, notes, screen_text, write_save
from tests.tui.test_title import menu_labels

BAD_SLOTS = SLOTS[2:]
"""Slot 3 to 9, the quicksave and the autosaves: eleven places for bad things."""


def fill(starter: Story, folder: Path, cases: list[str]) -> dict[str, object]:
    """Good saves in slots 1 and 2 (the newest), one bad case in each following slot;
    returns what is at each bad slot, to check it is never changed."""
    folder.mkdir(exist_ok=True)
    write_save(starter, folder, "1", "go_home")
    store = SaveStore(folder)
    for slot, case in zip(BAD_SLOTS, cases, strict=False):
        ALL[case](folder, store.path(slot))
    write_save(starter, folder, "2", "go_home", "buy_finger",
               saved_at=SAVED_AT.replace(year=8999))
    return {slot: snapshot(store.path(slot)) for slot in BAD_SLOTS[:len(cases)]}


def build(folder: Path, starter: Story) -> FaceApp:
    app = make_app(story=starter, saves_dir=folder, highlight_seconds=0)
    app.timezone = UTC
    return app


async def choose(pilot: Pilot[None], app: FaceApp, index: int) -> None:
    """Highlight the ``index``-th slot of the load screen (from 0) and press Enter."""
    app.screen.query_one("#slot-list", OptionList).highlighted = index
    await pilot.press("enter")
    await pilot.pause()


def chunks(cases: list[str]) -> list[list[str]]:
    return [cases[i:i + len(BAD_SLOTS)] for i in range(0, len(cases), len(BAD_SLOTS))]


REFUSED_GROUPS = chunks([*SPECIAL, *REFUSED])
MENDED_GROUPS = [["nan play time", "naive timestamp", "year 1 west of utc",
                  "year 9999 east of utc", "naive year 1", "not a timestamp", "unknown scene",
                  "unknown face", "text in an int", "a log that does not replay",
                  "a base in an unknown scene"]]
"""The lying saves loaded in the TUI, one of each kind (tests/hostile/test_saves.py loads
every one in process)."""


@pytest.mark.parametrize("cases", REFUSED_GROUPS,
                         ids=[f"refused-{n}" for n in range(len(REFUSED_GROUPS))])
async def test_bad_slots_are_listed_refused_and_never_touched(starter: Story, tmp_path: Path,
                                                              cases: list[str]) -> None:
    folder = tmp_path / "saves"
    before = fill(starter, folder, cases)
    app = build(folder, starter)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TitleScreen)
        assert menu_labels(app)[:3] == ["Continue", "New game", "Load"]
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        assert screen_text(app).count("damaged") == len(cases)
        for index, (slot, case) in enumerate(zip(BAD_SLOTS, cases, strict=False), start=2):
            await choose(pilot, app, index)
            assert isinstance(app.screen, LoadScreen) and app.session is None, (slot, case)
            assert "cannot be loaded" in notes(app)[-1], (slot, case)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # Continue: the newest good save, slot 2
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.session is not None
        assert app.session.state.scene == "workshop"
        await pilot.press("2")  # a new scene: an autosave, if any autosave slot is free
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
    store = SaveStore(folder)
    assert {slot: snapshot(store.path(slot)) for slot in before} == before


@pytest.mark.parametrize("cases", MENDED_GROUPS,
                         ids=[f"mended-{n}" for n in range(len(MENDED_GROUPS))])
async def test_lying_saves_load_mended(starter: Story, tmp_path: Path,
                                       cases: list[str]) -> None:
    folder = tmp_path / "saves"
    before = fill(starter, folder, cases)
    app = build(folder, starter)
    async with app.run_test(size=SIZE) as pilot:
        assert menu_labels(app)[:3] == ["Continue", "New game", "Load"]
        for index, case in enumerate(cases, start=2):
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, LoadScreen)
            assert "damaged" not in screen_text(app)
            await choose(pilot, app, index)
            assert isinstance(app.screen, PlayScreen) and app.session is not None, case
            assert any(n.startswith("Loaded ") for n in notes(app)[-2:]), case
            view(starter, app.session.state)
            app.session.game.autosave_enabled = False  # keep the autosave slots as they are
    store = SaveStore(folder)
    assert {slot: snapshot(store.path(slot)) for slot in before} == before


@pytest.mark.parametrize("case", ["fifo", "link to /dev/zero", "deeply nested json",
                                  "year 9999 east of utc"])
async def test_only_a_bad_slot_leaves_the_title_working(starter: Story, tmp_path: Path,
                                                        case: str) -> None:
    folder = tmp_path / "saves"
    fill(starter, folder, [case])
    for good in ("slot-1.json", "slot-2.json"):
        (folder / good).unlink()
    before = snapshot(folder / "slot-3.json")
    app = build(folder, starter)
    async with app.run_test(size=SIZE) as pilot:
        labels = menu_labels(app)
        assert "Load" in labels and ("Continue" in labels) == (case in MENDED)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen) and "Slot 3" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
    assert snapshot(folder / "slot-3.json") == before


@pytest.mark.parametrize("case", ["fifo", "link to /dev/zero", "deeply nested json"])
async def test_a_bad_profile_is_told_and_the_title_works(starter: Story, tmp_path: Path,
                                                         case: str) -> None:
    folder = tmp_path / "saves"
    fill(starter, folder, [])
    profile = folder / "profile.json"
    ALL[case](folder, profile)
    before = snapshot(profile)
    app = build(folder, starter)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.profile.error and not app.profile.writable
        assert any("profile.json" in n for n in notes(app))
        await pilot.press("enter")  # Continue
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
    assert snapshot(profile) == before
