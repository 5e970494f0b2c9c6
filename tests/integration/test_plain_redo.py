"""Plain mode's redo, back N and journal, and its item notices."""

from __future__ import annotations

import io

import pytest

from game.plain import run_plain
from game.story import load_story
from game.story.runtime import Story
from tests.paths import STARTER


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STARTER)


def transcript(story: Story, *lines: str) -> str:
    out = io.StringIO()
    run_plain(story, io.StringIO("".join(f"{line}\n" for line in lines)), out)
    return out.getvalue()


def test_redo_takes_again_what_undo_took_back(story: Story):
    out = transcript(story, "redo", "1", "undo", "redo", "redo", "quit")
    assert "There is nothing to redo." in out
    after_redo = out.split("You take it again.")[1]
    assert "== K.'s office ==" in after_redo
    assert out.count("There is nothing to redo.") == 2


def test_back_n_takes_back_several_moves_and_redo_retakes_them(story: Story):
    out = transcript(story, "1", "face bare", "back 2", "redo", "redo", "back", "back x",
                     "quit")
    assert "You take it back." in out
    assert out.count("You take it again.") == 2
    assert out.count("Type back and a number of moves, as in: back 3.") == 2


def test_help_lists_redo_and_back(story: Story):
    out = transcript(story, "help", "quit")
    assert "redo" in out and "take it again" in out
    assert "back N" in out and "take back your last N actions" in out


def test_an_item_gained_is_told_in_a_line_of_its_own(story: Story):
    out = transcript(story, "1", "1", "quit")
    assert "\nYou now have: An artificial finger\n" in out


def test_journal_heads_the_moves_with_the_scene_titles(story: Story):
    out = transcript(story, "face bare", "1", "journal", "quit")
    assert "The lab accident\n  I changed my face: Bare\n  I chose: “Go home, and learn to " \
        "live behind the gauze”\n\nK.'s office\n\nYou leave the story here." in out
    assert "journal" in transcript(story, "help", "quit")
