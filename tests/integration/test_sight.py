"""People remember faces: ``saw("person", "face")`` through steps, in saves (and an older save
without the marks), in the compiler's errors, and in the exhaustive search, which must stay
exact when a softlock depends on who has seen what."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import ChangeFace, Choose, act, new_game, replay, view
from game.saves.model import FORMAT
from game.saves.store import SaveStore
from game.session.playthrough import Playthrough
from game.story import load_story, read_story
from game.story.runtime import Story
from game.tools.walk import explore

STORY = """\
id: sight
title: A test
version: "1"
start: hall
start_face: plain
faces:
  plain: {label: Plain}
  hood: {label: Hooded, requires: has("hood"), reason: You have no hood.}
items:
  hood: {name: A hood}
"""

PEOPLE = """\
porter:
  name: The porter
  reacts:
    plain: The porter nods.
    hood:
      - if: saw("porter", "hood")
        text: The porter has seen that hood before.
      - text: The porter stares at the hood.
"""

SCENES = """\
- id: hall
  title: A hall
  people: [porter]
  text:
    - A hook with a hood on it, and a porter by the door.
    - if: saw("porter", "hood")
      text: The porter keeps one eye on you.
  choices:
    - {id: take, label: Take the hood, once: true, do: give("hood")}
    - id: pass
      label: Walk past the porter
      requires: not saw("porter", "hood")
      reason: He has seen the hood.
      go: out
{extra}- {id: out, title: Outside, text: Air., ending: Out}
"""
"""The porter lets past only a man he has never seen hooded: let him see the hood once, and
the hall has no way out (unless ``extra`` adds one)."""


def write(root: Path, extra: str = "", people: str = PEOPLE) -> Path:
    (root / "scenes").mkdir(parents=True)
    (root / "story.yaml").write_text(STORY, encoding="utf-8")
    (root / "characters.yaml").write_text(people, encoding="utf-8")
    (root / "scenes" / "main.yaml").write_text(SCENES.replace("{extra}", extra), encoding="utf-8")
    return root


@pytest.fixture
def story(tmp_path: Path) -> Story:
    return load_story(write(tmp_path / "sight"))


def reaction(story: Story, state) -> str:
    (porter,) = view(story, state).people
    assert porter.reaction is not None
    return porter.reaction.text


def test_a_sight_counts_from_the_step_after_it(story):
    state = new_game(story)
    assert state.seen == frozenset()
    state = act(story, state, Choose("take"))
    assert state.seen == {"porter:plain"}
    state = act(story, state, ChangeFace("hood"))
    # He sees the hood now, for the first time: the reaction and the choice know it.
    assert "porter:hood" not in state.seen
    assert reaction(story, state) == "The porter stares at the hood."
    assert view(story, state).choice_by_number(1).enabled  # pass (take is gone, once)
    state = act(story, state, ChangeFace("plain"))
    assert state.seen == {"porter:plain", "porter:hood"}
    shown = view(story, state)
    assert shown.choice_by_number(1).enabled is False  # pass (take is gone, once)
    assert shown.choice_by_number(1).reason.text == "He has seen the hood."
    assert [p.text for p in shown.paragraphs][-1] == "The porter keeps one eye on you."
    state = act(story, state, ChangeFace("hood"))
    assert reaction(story, state) == "The porter has seen that hood before."


def test_a_person_absent_sees_nothing(tmp_path):
    root = write(tmp_path / "s")
    main = root / "scenes" / "main.yaml"
    main.write_text(main.read_text().replace("people: [porter]",
                                             "people: [{id: porter, if: face == hood}]").replace(
                                                 "face == hood", "face == \"hood\""))
    story = load_story(root)
    state = replay(story, 0, [Choose("take"), ChangeFace("hood"), ChangeFace("plain")])
    assert state.seen == {"porter:hood"}  # there only for the hood


def _saved(story: Story, tmp_path: Path) -> tuple[SaveStore, Playthrough, dict]:
    """The porter seen plain, then hooded, then plain again, saved to slot 1: the store, the
    game and the save file as read back."""
    store = SaveStore(tmp_path)
    game = Playthrough(story, store, 0, autosave=False)
    for action in (Choose("take"), ChangeFace("hood"), ChangeFace("plain")):
        game.act(action)
    game.save("1")
    return store, game, json.loads(store.path("1").read_text())


def test_sights_survive_a_save_and_a_load(story, tmp_path):
    store, game, data = _saved(story, tmp_path)
    assert data["state"]["seen"] == ["porter:hood", "porter:plain"]
    other = Playthrough(story, store, autosave=False)
    assert other.load("1") == []
    assert other.state == game.state and other.state.seen == game.state.seen


def test_an_older_save_without_sights_rebuilds_them_from_its_history(story, tmp_path):
    store, game, data = _saved(story, tmp_path)
    assert data["format"] == FORMAT
    del data["state"]["seen"]
    data["format"] = 1  # as the game wrote saves before it kept the sights
    store.path("1").write_text(json.dumps(data))
    other = Playthrough(story, store, autosave=False)
    assert other.load("1") == []
    assert other.state.seen == {"porter:hood", "porter:plain"}
    # A history that does not replay leaves them empty (and says so about the history).
    data["state"]["log"] = [{"kind": "choose", "choice": "nowhere"}]
    store.path("1").write_text(json.dumps(data))
    again = Playthrough(story, store, autosave=False)
    assert again.load("1")
    assert again.state.seen == frozenset()


def test_marks_of_people_or_faces_the_story_lacks_are_dropped(story, tmp_path):
    store = SaveStore(tmp_path)
    game = Playthrough(story, store, 0, autosave=False)
    game.act(Choose("take"))
    game.save("1")
    data = json.loads(store.path("1").read_text())
    data["state"]["seen"] = ["porter:plain", "ghost:plain", "porter:beard"]
    store.path("1").write_text(json.dumps(data))
    other = Playthrough(story, store, autosave=False)
    other.load("1")
    assert other.state.seen == {"porter:plain"}


@pytest.mark.parametrize(("source", "code", "col"), [
    ('saw("portr", "hood")', "E202", 4),
    ('saw("porter", "hod")', "E205", 14),
    ('saw("porter")', "E212", 0),
    ('saw("porter", face)', "E212", 14),
])
def test_saw_names_are_checked_where_they_stand(tmp_path, source, code, col):
    root = write(tmp_path / "s")
    main = root / "scenes" / "main.yaml"
    text = main.read_text().replace('requires: not saw("porter", "hood")',
                                    f"requires: {source}")
    main.write_text(text)
    story, problems = read_story(root)
    assert story is None
    (problem,) = [p for p in problems if p.severity == "error"]
    line = text.splitlines().index(f"      requires: {source}") + 1
    assert (problem.code, problem.line, problem.col) == (code, line, 17 + col)


def test_saw_is_read_as_a_sight():
    from game.story.expr import Scope, Type, compile_condition
    scope = Scope({"face": Type("enum", ("plain", "hood"))}, (), (), (), ("porter",))
    compiled = compile_condition('saw("porter", "hood") and face == "plain"', scope)
    assert "saw:porter:hood" in compiled.reads


def test_the_search_finds_the_softlock_of_a_sight_and_agrees_with_the_plain_one(story):
    reduced = explore(story)
    plain = explore(story, reduce=False)
    for result in (reduced, plain):
        assert result.complete and not result.ok
        assert result.softlock_scenes == {"hall"}
        assert [len(f.path) for f in result.softlocks[:1]] == [3]
    assert reduced.endings == plain.endings == {"out"}
    assert reduced.softlock_count <= plain.softlock_count
    assert reduced.states <= plain.states
    trapped = replay(story, 0, reduced.softlocks[0].path)
    assert "porter:hood" in trapped.seen


def test_with_another_way_out_the_sight_story_is_proven(tmp_path):
    extra = """\
    - {id: window, label: Climb out of the window, go: out}
"""
    root = write(tmp_path / "s")
    main = root / "scenes" / "main.yaml"
    main.write_text(main.read_text().replace("      go: out\n", "      go: out\n" + extra, 1))
    story = load_story(root)
    assert explore(story).ok and explore(story, reduce=False).ok


def test_a_change_of_face_that_leaves_the_scene_is_seen_by_those_left(tmp_path):
    """A face rule with ``go``, or a choice that sets the face and moves on, happens in front
    of the people there: they have seen the face the hero leaves with."""
    rule = ("    - id: unhood\n      label: Pull the hood up and run\n"
            "      do: face = \"hood\"\n      go: out\n")
    root = write(tmp_path / "s", extra="")
    main = root / "scenes" / "main.yaml"
    main.write_text(main.read_text().replace("      go: out\n", "      go: out\n" + rule, 1)
                    .replace("  people: [porter]\n", "  people: [porter]\n  faces:\n"
                             "    on_change:\n      - {to: hood, go: out, text: You run.}\n"),
                    encoding="utf-8")
    story = load_story(root)
    by_rule = replay(story, 0, [Choose("take"), ChangeFace("hood")])
    assert by_rule.scene == "out" and "porter:hood" in by_rule.seen
    by_choice = replay(story, 0, [Choose("take"), Choose("unhood")])
    assert by_choice.scene == "out" and "porter:hood" in by_choice.seen
    stays = replay(story, 0, [Choose("take"), Choose("pass")])
    assert stays.seen == {"porter:plain"}  # left with the same face: nothing new seen
