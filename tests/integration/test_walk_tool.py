"""The random walker on the starter story: it reaches endings and reports dead ends."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.engine import actions, replay
from game.story import load_story
from game.tools.walk import random_walk, random_walks
from tests.paths import STARTER


def test_walks_reach_both_endings_and_replay_exactly():
    story = load_story(STARTER)
    cov = random_walks(story, 200)
    assert not cov.failures
    assert set(cov.endings) == {"end_corner", "end_patient"}
    assert cov.choices["k_office.accept_help"] > 0
    walk = random_walk(story, 7)
    assert replay(story, 7, walk.actions).scene == walk.ending


def test_enabled_actions_match_the_view():
    from game.engine import new_game, view

    story = load_story(STARTER)
    state = new_game(story)
    v = view(story, state)
    ids = [getattr(a, "choice", None) or a.face for a in actions(story, state)]
    assert ids == [c.id for c in v.choices if c.enabled] + [
        f.id for f in v.faces if f.enabled and not f.current]


def test_a_dead_end_is_reported_with_its_path(tmp_path: Path):
    shutil.copytree(STARTER, tmp_path / "s")
    act3 = tmp_path / "s" / "scenes" / "act3.yaml"
    # Once the toy is promised, no way out of the yard remains: only face changes.
    text = act3.read_text().replace("      if: toy_promised\n",
                                    "      if: toy_promised and not toy_promised\n")
    text = text.replace("      do: girl_trust -= 1\n      go: house_s\n",
                        "      if: not toy_promised\n      do: girl_trust -= 1\n"
                        "      go: house_s\n")
    act3.write_text(text)
    story = load_story(tmp_path / "s")
    cov = random_walks(story, 100, max_steps=100)
    assert cov.failures
    walk = cov.failures[0]
    assert "house_s_yard" in walk.error
    assert "promise_toy" in walk.path()
