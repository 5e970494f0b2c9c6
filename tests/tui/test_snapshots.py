"""SVG snapshots at 80x24 (the smallest supported size): title, play in each face, pages,
the save and load screens (with fixed save times; the load screen also at 100x30, with the
faces drawn); the reading column on a wide terminal.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.story.runtime import Story
from game.tui.app import FaceApp
from tests.tui.conftest import SIZE, write_save

if TYPE_CHECKING:
    from textual.pilot import Pilot

TO_HOUSE_S = ["1", "1", "1", "3"]


def played(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Before a snapshot: press ``keys``, then clear the notices they raised (the items
    gained on the way), which would cover the screen the snapshot is about."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run


def test_title(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(), terminal_size=SIZE)


def test_title_on_a_short_terminal(snap_compare, app_factory: Callable[..., FaceApp]):
    """At 80x18 the drawing gives way: the whole menu is in sight."""
    assert snap_compare(app_factory(), terminal_size=(80, 18))


def test_play_bandaged(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"), run_before=played(*TO_HOUSE_S),
                        terminal_size=SIZE)


def test_play_masked(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"), run_before=played(*TO_HOUSE_S, "m"),
                        terminal_size=SIZE)


def test_play_bare(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"),
                        run_before=played(*TO_HOUSE_S, "f", "down", "enter"), terminal_size=SIZE)


def test_play_after_a_choice_in_the_scene(snap_compare, app_factory: Callable[..., FaceApp]):
    """A choice that stays in its scene: its outcome and the paragraph it added, not the
    whole scene again; the key that shows the scene again."""
    assert snap_compare(app_factory(start="play"), run_before=played(*TO_HOUSE_S[:3]),
                        terminal_size=SIZE)


def test_item_notice(snap_compare, app_factory: Callable[..., FaceApp]):
    """The notice of an item gained, over the play screen."""
    assert snap_compare(app_factory(start="play"), press=TO_HOUSE_S[:2], terminal_size=SIZE)


def test_act_card(snap_compare, app_factory: Callable[..., FaceApp], bundled: Story):
    """The card that opens an act (the first, at the start of a game), with its title."""
    assert snap_compare(app_factory(story=bundled, start="play", act_card_seconds=600),
                        terminal_size=SIZE)


def test_play_wide(snap_compare, app_factory: Callable[..., FaceApp]):
    """At 160x50: the text in a centred column, the choices right under it, the side panel."""
    assert snap_compare(app_factory(start="play"), press=TO_HOUSE_S, terminal_size=(160, 50))


def test_history(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"), press=["1", "h"], terminal_size=SIZE)


def test_help(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"), press=["question_mark"], terminal_size=SIZE)


def some_saves(story: Story, saves: Path) -> None:
    """Two saves in slots (one named by the player), a damaged file, a quicksave and an
    autosave, all at fixed times."""
    write_save(story, saves, "1", "go_home", "buy_finger")
    write_save(story, saves, "2", "go_home", "walk_out", "take_cast", "finish_mask",
               play_time=3725.0, name="The night before")
    (saves / "slot-4.json").write_text('{"format": 1, "story_id": ')
    write_save(story, saves, "quick", "go_home", "face:bare", play_time=30.0)
    write_save(story, saves, "auto-1", "go_home", play_time=400.0)


def test_save_screen(snap_compare, app_factory: Callable[..., FaceApp], starter: Story,
                     saves: Path):
    some_saves(starter, saves)
    assert snap_compare(app_factory(start="play"), press=["s", "down"], terminal_size=SIZE)


def test_load_screen(snap_compare, app_factory: Callable[..., FaceApp], starter: Story,
                     saves: Path):
    some_saves(starter, saves)
    assert snap_compare(app_factory(), press=["l"], terminal_size=SIZE)


def test_load_screen_with_the_faces(snap_compare, app_factory: Callable[..., FaceApp],
                                    starter: Story, saves: Path):
    """Wide enough for the drawing of the highlighted save's face beside the list."""
    some_saves(starter, saves)
    assert snap_compare(app_factory(), press=["l", "down"], terminal_size=(100, 30))
