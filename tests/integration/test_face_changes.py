"""The story's own face changes (``face_changes`` in story.yaml) and conditional effects
(``{if: ..., do: ..., else: ...}`` under ``do``): what the engine does with them, where a
mistake in them is reported, and that the exhaustive search stays exact with them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.engine import ChangeFace, Choose, act, new_game, step
from game.story import StoryError, load_story
from game.story.runtime import Story
from game.tools.walk import explore
from game.tools.walk.search import _kills
from tests.integration.test_walk_proof import _agree

HEAD = """\
id: changes
title: Face changes
version: "1"
start: hall
start_face: plain
faces:
  plain: {label: Plain, change_text: You are yourself again.}
  hood: {label: Hooded, change_text: You pull the hood up.}
  veil: {label: Veiled}
variables:
  hold: {type: int, min: 0, max: 5}
  seen: {type: bool}
"""

DEFAULTS = """\
face_changes:
  - from: plain
    to: hood
    text: Anywhere, the hood goes up with a sigh.
    do:
      - hold += 1
      - if: hold >= 2
        do: seen = true
        else: [hold += 1]
  - to: veil
    do: {if: 'face == "veil"', do: hold = 5}
"""

SCENES = """\
- id: hall
  title: A hall
  text: A hall.
  faces:
    on_change:
      - to: hood
        from: plain
        text: In the hall the hood goes up quietly.
  choices:
    - {id: out, label: Out, go: yard}
- id: yard
  title: A yard
  text: A yard.
  choices:
    - id: rest
      label: Rest
      do:
        - if: face == "hood"
          do: [hold -= 1]
        - seen = false
    - {id: leave, label: Leave, go: end}
- {id: end, title: The end, text: Gone., ending: Gone}
"""


def write(root: Path, head: str = HEAD + DEFAULTS, scenes: str = SCENES) -> Path:
    (root / "scenes").mkdir(parents=True, exist_ok=True)
    (root / "story.yaml").write_text(head, encoding="utf-8")
    (root / "scenes" / "main.yaml").write_text(scenes, encoding="utf-8")
    return root


@pytest.fixture
def story(tmp_path: Path) -> Story:
    return load_story(write(tmp_path / "story"))


def values(story: Story, state) -> dict[str, object]:
    return dict(zip(story.names, state.values, strict=True))


def test_the_scene_s_own_rule_wins_over_the_story_s(story):
    done = step(story, new_game(story), ChangeFace("hood"))
    assert done.rule is not None and done.rule.key == "hall.face1"
    assert [story.text(k) for k in done.state.events] == ["In the hall the hood goes up quietly."]
    assert values(story, done.state)["hold"] == 0


def test_elsewhere_the_story_s_face_change_tells_its_text_and_runs_its_effects(story):
    state = act(story, new_game(story), Choose("out"))
    done = step(story, state, ChangeFace("hood"))
    assert done.rule is not None and done.rule.key == "story.face_change1"
    assert story.text("story.face_change1") == "Anywhere, the hood goes up with a sigh."
    assert [story.text(k) for k in done.state.events] == [
        "Anywhere, the hood goes up with a sigh."]
    # hold += 1 gives 1; the condition hold >= 2 does not hold, so the else runs: 2.
    assert values(story, done.state) == {"hold": 2, "seen": False}
    state = act(story, act(story, done.state, ChangeFace("plain")), ChangeFace("hood"))
    # 2 + 1 = 3 >= 2: seen becomes true, and the else does not run.
    assert values(story, state) == {"hold": 3, "seen": True}


def test_a_change_no_rule_matches_tells_the_face_s_own_text(story):
    state = act(story, act(story, new_game(story), Choose("out")), ChangeFace("hood"))
    done = step(story, state, ChangeFace("plain"))
    assert done.rule is None
    assert [story.text(k) for k in done.state.events] == ["You are yourself again."]


def test_a_conditional_effect_sees_the_new_face_in_a_face_change(story):
    state = act(story, new_game(story), Choose("out"))
    done = step(story, state, ChangeFace("veil"))
    assert done.rule is not None and done.rule.key == "story.face_change2"
    assert done.state.events == ()
    assert values(story, done.state)["hold"] == 5


def test_a_conditional_effect_in_a_choice_runs_only_when_its_condition_holds(story):
    state = act(story, new_game(story), Choose("out"))
    plain = act(story, state, Choose("rest"))
    assert values(story, plain)["hold"] == 0
    hooded = act(story, act(story, state, ChangeFace("hood")), Choose("rest"))
    assert values(story, hooded) == {"hold": 1, "seen": False}


def test_a_conditional_effect_reads_its_condition_and_writes_its_branches(story):
    rest = story.scenes["yard"].by_id["rest"].effects[0]
    assert rest.source == 'if face == "hood": hold -= 1'
    assert rest.reads == {"face"}  # hold -= 1 changes hold from what it is, it does not read it
    assert rest.writes == {"hold"}
    first = story.face_changes[0].effects[1]
    assert first.reads == {"hold"} and first.writes == {"seen", "hold"}


def test_a_conditional_assignment_does_not_set_a_variable_anew(story):
    scenes = SCENES.replace("do: [hold -= 1]", "do: [hold = 0]")
    story = load_story(write(Path(story.root).parent / "again", scenes=scenes))
    effects = story.scenes["yard"].by_id["rest"].effects
    assert isinstance(effects[0].tree, ast.Module)
    assert _kills(effects) == {"seen"}
    assert _kills(effects[:1]) == frozenset()


def test_plain_strings_still_work_under_do(story):
    assert story.scenes["yard"].by_id["rest"].effects[1].source == "seen = false"


# --------------------------------------------------------------------------- mistakes


def problems(tmp_path: Path, head: str, scenes: str = SCENES) -> list[str]:
    root = write(tmp_path / "broken", head, scenes)
    with pytest.raises(StoryError) as err:
        load_story(root)
    return [p.format().replace(str(root) + "/", "") for p in err.value.problems]


def test_mistakes_in_the_story_s_face_changes_are_located(tmp_path):
    head = HEAD + """\
face_changes:
  - to: hod
    if: hold > "x"
    do:
      - if: seen
        do: [hold += true]
"""
    found = problems(tmp_path, head)
    assert found == [
        "story.yaml:14:9: E205 unknown face 'hod' (did you mean 'hood'?)",
        "story.yaml:15:16: E212 cannot compare a whole number with text",
        "story.yaml:18:22: E212 expected a whole number, got true/false",
    ]


def test_a_conditional_effect_without_do_or_with_an_unknown_key_is_located(tmp_path):
    scenes = SCENES.replace("          do: [hold -= 1]\n", "          then: [hold -= 1]\n")
    found = problems(tmp_path, HEAD, scenes)
    assert found == [
        "scenes/main.yaml:18:11: E102 missing key 'do'",
        "scenes/main.yaml:19:11: E101 unknown key 'then'",
    ]


def test_a_condition_under_do_where_an_effect_belongs_is_located(tmp_path):
    scenes = SCENES.replace("do: [hold -= 1]", "do: [hold > 1]")
    found = problems(tmp_path, HEAD, scenes)
    assert len(found) == 1 and found[0].startswith("scenes/main.yaml:19:16: E214 ")


# --------------------------------------------------------------------------- the search

SEARCHED = """\
id: searched
title: A search
version: "1"
start: hall
start_face: plain
faces:
  plain: {label: Plain}
  hood: {label: Hooded, requires: has("hood")}
items:
  hood: {name: A hood}
variables:
  x: {type: int, min: 0, max: 1}
  y: {type: bool}
  z: {type: int, min: 0, max: 1}
face_changes:
  - to: hood
    if: z == 1
    do: y = true
"""

SEARCHED_SCENES = """\
- id: hall
  title: A hall
  text: A hall.
  choices:
    - {id: take, label: Take the hood, once: true, do: give("hood")}
    - {id: arm, label: Arm, do: x = 1}
    - {id: prime, label: Prime, do: z = 1}
    - id: gate
      label: To the gate
      do:
        - if: face == "hood"
          do: x = 0
      go: gate
- id: gate
  title: The gate
  text: A gate.
  choices:
    - {id: pass, label: Pass, requires: x == 1, go: out}
    - {id: wish, label: Wish, requires: y, go: wished}
    - {id: back, label: Back, go: hall}
- {id: out, title: Out, text: Air., ending: Out}
- {id: wished, title: Wished, text: A wish., ending: Wished}
"""


def test_the_search_stays_exact_with_conditional_effects_and_the_story_s_face_changes(
        tmp_path):
    """``x = 0`` only under the hood does not set ``x`` anew on the way to the gate, and the
    story's face change reads ``z`` in every scene: a search that forgot either would lose the
    state where the gate opens, or the wish."""
    story = load_story(write(tmp_path / "searched", SEARCHED, SEARCHED_SCENES))
    result = explore(story)
    assert result.complete and result.ok
    assert set(result.endings) == {"out", "wished"}
    _agree(story)
