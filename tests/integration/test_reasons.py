"""Reasons that know why: a choice's ``requires`` as a list of {if, reason} pairs is enabled
when all hold, and says the reason of the first that fails (in the view, in plain mode, when
taken anyway); the single ``requires`` + ``reason`` still works."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.engine import ActionError, Choose, act, new_game, view
from game.plain import run_plain
from game.story import load_story, read_story
from game.story.runtime import Story

STORY = """\
id: reasons
title: A test
version: "1"
start: door
start_face: plain
faces:
  plain: {label: Plain}
items:
  key: {name: A key}
  lamp: {name: A lamp}
"""

SCENES = """\
- id: door
  title: A door
  text: A locked door in the dark.
  choices:
    - {id: key, label: Pick up the key, once: true, do: give("key")}
    - {id: lamp, label: Light the lamp, once: true, do: give("lamp")}
    - id: open
      label: Open the door
      requires:
        - if: has("key")
          reason: The door is locked.
        - if: has("lamp")
          reason: You cannot find the keyhole in the dark.
      go: out
    - id: knock
      label: Knock
      requires: has("lamp")
      reason: Your knuckles find nothing in the dark.
      go: out
- {id: out, title: Outside, text: Air., ending: Out}
"""


def write(root: Path, scenes: str = SCENES) -> Path:
    (root / "scenes").mkdir(parents=True)
    (root / "story.yaml").write_text(STORY, encoding="utf-8")
    (root / "scenes" / "main.yaml").write_text(scenes, encoding="utf-8")
    return root


@pytest.fixture
def story(tmp_path: Path) -> Story:
    return load_story(write(tmp_path / "reasons"))


def choice(story: Story, state, cid: str):
    return next(c for c in view(story, state).choices if c.id == cid)


def test_the_first_failing_condition_gives_the_reason(story):
    state = new_game(story)
    shown = choice(story, state, "open")
    assert not shown.enabled
    assert (shown.reason.key, shown.reason.text) == ("door.open.reason", "The door is locked.")
    with pytest.raises(ActionError, match="The door is locked."):
        act(story, state, Choose("open"))
    state = act(story, state, Choose("key"))
    shown = choice(story, state, "open")
    assert not shown.enabled
    assert (shown.reason.key, shown.reason.text) == \
        ("door.open.reason2", "You cannot find the keyhole in the dark.")
    with pytest.raises(ActionError, match="keyhole"):
        act(story, state, Choose("open"))
    state = act(story, state, Choose("lamp"))
    shown = choice(story, state, "open")
    assert shown.enabled and shown.reason is None
    assert act(story, state, Choose("open")).scene == "out"


def test_the_lamp_alone_still_leaves_the_door_locked(story):
    state = act(story, new_game(story), Choose("lamp"))
    assert choice(story, state, "open").reason.text == "The door is locked."
    knock = choice(story, state, "knock")  # the single form, unchanged
    assert knock.enabled and knock.reason is None
    assert choice(story, new_game(story), "knock").reason.text == \
        "Your knuckles find nothing in the dark."


def test_the_reasons_are_strings_with_keys(story):
    assert story.strings["door.open.reason"] == "The door is locked."
    assert story.strings["door.open.reason2"] == "You cannot find the keyhole in the dark."
    assert story.scenes["door"].by_id["open"].requires.reads == {"item:key", "item:lamp"}


def test_plain_mode_says_the_reason_of_the_first_failing_condition(story):
    out = io.StringIO()
    run_plain(story, io.StringIO("3\n1\n3\n"), out)  # the door keeps its number 3
    text = out.getvalue()
    assert "3. Open the door (unavailable: The door is locked.)" in text
    assert "Not now: The door is locked." in text
    assert "(unavailable: You cannot find the keyhole in the dark.)" in text
    assert "Not now: You cannot find the keyhole in the dark." in text


def test_a_reason_beside_a_list_is_refused_and_a_wrong_condition_located(tmp_path):
    scenes = SCENES.replace("      go: out\n    - id: knock",
                            "      reason: Not yet.\n      go: out\n    - id: knock")
    scenes = scenes.replace('        - if: has("lamp")', '        - if: has("lmap")')
    _story, problems = read_story(write(tmp_path / "s", scenes))
    found = sorted((p.code, p.line) for p in problems if p.severity == "error")
    lines = scenes.splitlines()
    assert found == [("E103", lines.index("      reason: Not yet.") + 1),
                     ("E204", lines.index('        - if: has("lmap")') + 1)]
