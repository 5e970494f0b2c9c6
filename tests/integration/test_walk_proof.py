"""The exhaustive search as a proof: it finds the softlocks small stories hide behind a
combination, proves a story without any, proves the bundled story, and agrees with the plain
search (every state told apart by all it holds) on every story it can finish."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import act, actions, new_game, replay
from game.story import load_story
from game.story.runtime import Story
from game.tools.walk import describe, explore
from tests.paths import MINIMAL, STARTER

HEAD = """\
id: {id}
title: A test
version: "1"
start: {start}
start_face: plain
faces:
  plain: {{label: Plain}}
  hood: {{label: Hooded, requires: has("hood"), reason: You have no hood.}}
items:
  hood: {{name: A hood}}
"""

PARITY = ("parity", "room", """\
variables:
  a: {type: int, min: 0, max: 5}
  b: {type: int, min: 0, max: 6}
""", """\
- id: room
  title: A room with two dials
  text: Two dials, and a door that opens when they agree.
  choices:
    - {id: turn_a, label: Turn the first dial, if: a < 5, do: a += 1}
    - {id: turn_b, label: Turn the second dial twice, if: b < 6, do: b += 2}
    - {id: open, label: Open the door, requires: a == b, go: out}
- {id: out, title: Outside, text: Air., ending: Out}
""")
"""The door needs the dials equal; the second moves by two up to 6, the first only to 5:
three turns of the second and the door never opens."""

FACE = ("face", "hall", "", """\
- id: hall
  title: A hall
  text: A hook with a hood on it, and a gate.
  choices:
    - {id: take, label: Take the hood, once: true, do: give("hood")}
    - {id: gate, label: Go to the gate, go: gate}
- id: gate
  title: The gate
  faces: {allowed: [plain, hood]}
  text: The guard lets only the hooded through.
  choices:
    - {id: wait, label: Wait by the gate}
    - {id: pass, label: Pass, requires: face == "hood", go: out}
- {id: out, title: Outside, text: Air., ending: Out}
""")
"""The gate lets only a hooded face through, and the hood stays behind in the hall."""

COMPARED = ("compared", "hub", """\
variables:
  x: {type: int, min: 0, max: 3}
  y: {type: int, min: 0, max: 3}
""", """\
- id: hub
  title: A hub
  text: Two levers.
  choices:
    - {id: pull_x, label: Pull the left lever, requires: x < 3, do: x += 1}
    - {id: pull_y, label: Pull the right lever, requires: y < 3, do: y += 1}
    - {id: leave, label: Leave, requires: x > y, go: out}
- {id: out, title: Outside, text: Air., ending: Out}
""")
"""The way out needs the left lever ahead of the right; pull the right one to the end and
the left can never pass it."""

SAFE = ("safe", "hub", COMPARED[2], COMPARED[3].replace(
    "    - {id: leave, label: Leave, requires: x > y, go: out}\n",
    "    - {id: leave, label: Leave, requires: x > y, go: out}\n"
    "    - {id: give_up, label: Give up, go: out}\n"))
"""The same levers with a way out that is always open: nothing can trap the player."""

STORIES = {name: (start, variables, scenes) for name, start, variables, scenes
           in (PARITY, FACE, COMPARED, SAFE)}


def write(root: Path, name: str) -> Path:
    """Write the small story ``name`` into ``root``."""
    start, variables, scenes = STORIES[name]
    (root / "scenes").mkdir(parents=True)
    head = HEAD.format(id=name, start=start)
    (root / "story.yaml").write_text(head + variables, encoding="utf-8")
    (root / "scenes" / "main.yaml").write_text(scenes, encoding="utf-8")
    return root


@pytest.fixture(params=sorted(STORIES))
def small(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Story]:
    return request.param, load_story(write(tmp_path / request.param, request.param))


HIDDEN = {"parity": ("room", 3), "face": ("gate", 1), "compared": ("hub", 3)}
"""Where each small story hides its softlock, and the length of the shortest path there."""


def test_each_hidden_softlock_is_found_with_the_shortest_path(small):
    name, story = small
    result = explore(story)
    assert result.complete
    if name not in HIDDEN:
        assert result.ok and not result.softlocks
        return
    scene, steps = HIDDEN[name]
    assert not result.ok and result.softlock_scenes == {scene}
    first = result.softlocks[0]
    assert first.scene == scene and len(first.path) == steps, describe(first.path)
    trapped = replay(story, 0, first.path)
    assert explore_from(story, trapped) == set()


def explore_from(story: Story, state) -> set[str]:
    """The endings reachable from ``state`` (a plain search, to check a reported softlock)."""
    seen, todo, endings = set(), [state], set()
    while todo:
        now = todo.pop()
        mark = (now.scene, now.face, now.values, now.items, frozenset(now.visits.items()),
                now.taken)
        if mark in seen:
            continue
        seen.add(mark)
        if story.scenes[now.scene].ending:
            endings.add(now.scene)
            continue
        todo.extend(act(story, now, a) for a in actions(story, now))
    return endings


def _agree(story: Story) -> None:
    reduced = explore(story, max_states=300_000)
    plain = explore(story, max_states=300_000, reduce=False)
    assert reduced.complete and plain.complete
    assert reduced.endings == plain.endings
    assert {e: len(p) for e, p in reduced.witnesses.items()} == \
        {e: len(p) for e, p in plain.witnesses.items()}
    assert reduced.softlock_scenes == plain.softlock_scenes
    assert bool(reduced.softlock_count) == bool(plain.softlock_count)
    assert {f.scene for f in reduced.dead_ends} == {f.scene for f in plain.dead_ends}
    assert [len(f.path) for f in reduced.softlocks[:1]] == [len(f.path) for f in
                                                             plain.softlocks[:1]]
    assert reduced.states <= plain.states


def test_the_reduced_search_agrees_with_the_plain_one_on_the_small_stories(small):
    _agree(small[1])


@pytest.mark.parametrize("root", [STARTER, MINIMAL], ids=["starter", "minimal"])
def test_the_reduced_search_agrees_with_the_plain_one_on_the_fixtures(root):
    _agree(load_story(root))


def test_every_witness_replays_to_its_ending(starter):
    result = explore(starter)
    assert set(result.witnesses) == set(result.all_endings)
    for ending, path in result.witnesses.items():
        assert replay(starter, 0, path).scene == ending


def test_a_story_whose_actions_depend_on_chance_is_not_proven(tmp_path):
    root = write(tmp_path / "safe", "safe")
    scenes = root / "scenes" / "main.yaml"
    scenes.write_text(scenes.read_text(encoding="utf-8").replace(
        "{id: give_up, label: Give up, go: out}",
        "{id: give_up, label: Give up, if: chance(50), go: out}"), encoding="utf-8")
    result = explore(load_story(root))
    assert result.complete and result.chance and not result.ok
    assert "(proven)" not in result.summary()


@pytest.mark.slow
def test_the_bundled_story_is_proven_within_the_default_limit(bundled):
    result = explore(bundled)
    assert result.ok, result.summary()
    assert result.summary().endswith("7/7 endings, 0 softlocks, 2/2 always kept, 3/3 possible "
                                     "shown (proven)")
    for ending, path in result.witnesses.items():
        assert replay(bundled, 0, path).scene == ending
    assert new_game(bundled).scene == bundled.start


def _promise(tmp_path: Path, always: list[str], possible: list[str]) -> Story:
    root = write(tmp_path / "compared", "compared")
    meta = root / "story.yaml"
    lines = ["always:", *(f"  - {c}" for c in always), "possible:",
             *(f"  - {c}" for c in possible)]
    meta.write_text(meta.read_text(encoding="utf-8") + "\n".join(lines) + "\n",
                    encoding="utf-8")
    return load_story(root)


def test_a_broken_always_comes_with_the_shortest_counterexample(tmp_path):
    story = _promise(tmp_path, ["x + y < 4", "x <= 3"], ["x == 2 and y == 1", "x == 5"])
    result = explore(story)
    assert result.complete and not result.ok
    assert list(result.broken) == ["x + y < 4"]
    path = result.broken["x + y < 4"]
    assert len(path) == 4 and replay(story, 0, path).vars["x"] + \
        replay(story, 0, path).vars["y"] == 4
    assert len(result.shown["x == 2 and y == 1"]) == 3
    assert result.never == ["x == 5"]
    summary = result.summary()
    assert summary.endswith("1/2 always kept, 1/2 possible shown")


def test_kept_promises_are_part_of_the_proof(tmp_path):
    root = write(tmp_path / "safe", "safe")
    meta = root / "story.yaml"
    meta.write_text(meta.read_text(encoding="utf-8")
                    + "always:\n  - x <= 3\npossible:\n  - visited(\"out\") and x == 3\n",
                    encoding="utf-8")
    result = explore(load_story(root))
    assert result.ok
    assert result.summary().endswith("1/1 always kept, 1/1 possible shown (proven)")


def test_a_promise_that_names_nothing_known_is_a_located_error(tmp_path):
    from game.story.loader import read_story

    root = write(tmp_path / "safe", "safe")
    meta = root / "story.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "always:\n  - trsut > 1\n",
                    encoding="utf-8")
    story, problems = read_story(root)
    assert story is None
    assert [(p.code, p.line, p.col) for p in problems] == [("E203", 15, 5)]


def test_walk_prints_the_promises_and_fails_on_a_broken_one(tmp_path, capsys):
    from game.cli import main

    story = _promise(tmp_path, ["x + y < 4"], ["x == 2 and y == 1"])
    code = main(["walk", story.root, "--exhaustive"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert "always broken: x + y < 4" in out
    assert out[out.index("always broken: x + y < 4") + 1].startswith(
        "  shortest counterexample (4 steps): ")
    assert any(line.startswith("possible: x == 2 and y == 1 (3 steps): ") for line in out)
