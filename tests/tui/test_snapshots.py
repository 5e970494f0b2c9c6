"""SVG snapshots at 80x24 (the smallest supported size): title, play in each face, pages.

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable

from game.tui.app import FaceApp
from tests.tui.conftest import SIZE

TO_HOUSE_S = ["1", "1", "1", "1"]


def test_title(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(), terminal_size=SIZE)


def test_play_bandaged(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"), press=TO_HOUSE_S, terminal_size=SIZE)


def test_play_masked(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"), press=[*TO_HOUSE_S, "m"],
                        terminal_size=SIZE)


def test_play_bare(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"), press=[*TO_HOUSE_S, "f", "down", "enter"],
                        terminal_size=SIZE)


def test_history(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"), press=["1", "h"], terminal_size=SIZE)


def test_help(snap_compare, app_factory: Callable[..., FaceApp]):
    assert snap_compare(app_factory(start="play"), press=["question_mark"], terminal_size=SIZE)
