"""The pure engine on the bundled story: view, act, faces, undo, determinism."""

from __future__ import annotations

import pytest

from game.engine import (
    ActionError,
    ChangeFace,
    Choose,
    act,
    new_game,
    replay,
    undo,
    view,
)
from game.saves.model import SavedState
from game.story import load_story
from tests.paths import STARTER


@pytest.fixture(scope="module")
def story():
    return load_story(STARTER)


def play(story, state, *moves):
    for move in moves:
        action = ChangeFace(face=move[5:]) if move.startswith("face:") else Choose(choice=move)
        state = act(story, state, action)
    return state


def test_new_game_starts_at_the_start_scene_bandaged(story):
    state = new_game(story)
    assert state.scene == story.start
    assert state.face == "bandaged"
    assert state.visits == {story.start: 1}
    v = view(story, state)
    assert v.title.text == "The lab accident"
    assert v.paragraphs and all(p.text for p in v.paragraphs)
    assert [c.id for c in v.choices] == ["go_home"]


def test_paragraph_variants_follow_the_face(story):
    state = new_game(story)
    bandaged = [p.key for p in view(story, state).paragraphs]
    bare = [p.key for p in view(story, play(story, state, "face:bare")).paragraphs]
    assert "lab_accident.p3.else" in bandaged
    assert "lab_accident.p3" in bare


def test_reactions_change_at_once_with_the_face(story):
    state = play(story, new_game(story), "go_home")
    k_bandaged = view(story, state).people[0]
    assert k_bandaged.name == "K."
    state = play(story, state, "face:bare")
    k_bare = view(story, state).people[0]
    assert k_bare.reaction.key != k_bandaged.reaction.key
    assert "photograph" in k_bare.reaction.text


def test_face_rule_tells_its_text_and_runs_its_effects(story):
    state = play(story, new_game(story), "go_home", "face:bare")
    assert state.events == ("k_office.face1",)
    assert "photographs" in view(story, state).events[0].text
    assert state.vars["mask_hold"] == 0  # clamped at its min


def test_the_mask_cannot_be_worn_before_it_exists(story):
    state = play(story, new_game(story), "go_home", "buy_finger")
    v = view(story, state)
    masked = next(f for f in v.faces if f.id == "masked")
    assert not masked.enabled and masked.reason == "The mask does not exist yet."
    with pytest.raises(ActionError, match="does not exist"):
        act(story, state, ChangeFace(face="masked"))


def test_faces_not_allowed_in_a_scene_are_not_offered(story):
    state = play(story, new_game(story), "go_home")
    assert {f.id for f in view(story, state).faces} == {"bandaged", "bare"}
    with pytest.raises(ActionError):
        act(story, state, ChangeFace(face="masked"))


def test_disabled_choice_has_a_reason_and_cannot_be_taken(story):
    state = play(story, new_game(story), "go_home", "buy_finger")
    v = view(story, state)
    finish = next(c for c in v.choices if c.id == "finish_mask")
    assert not finish.enabled and finish.reason.text == "The mask has no skin yet."
    with pytest.raises(ActionError, match="no skin"):
        act(story, state, Choose(choice="finish_mask"))


def test_hidden_choices_disappear_and_items_are_given(story):
    state = play(story, new_game(story), "go_home", "buy_finger", "pay_stranger")
    assert "finger" in state.items
    ids = [c.id for c in view(story, state).choices]
    assert ids == ["finish_mask"]
    state = play(story, state, "finish_mask")
    assert "mask" in state.items and state.scene == "house_s"
    assert state.vars["skin_source"] == "bought"


def test_face_change_in_front_of_the_manager(story):
    state = play(story, new_game(story), "go_home", "buy_finger", "pay_stranger", "finish_mask")
    state = play(story, state, "face:masked")
    v = view(story, state)
    assert "brother" in v.events[0].text
    assert "younger brother" in v.people[0].reaction.text
    assert next(c for c in v.choices if c.id == "walk_out").enabled


def test_the_girl_is_never_fooled(story):
    state = play(story, new_game(story), "go_home", "buy_finger", "pay_stranger",
                 "finish_mask", "yard", "face:masked")
    girl = next(p for p in view(story, state).people if p.id == "girl")
    assert "not fooled" in girl.reaction.text or "secrets" in girl.reaction.text


def test_once_choice_and_taken_marks(story):
    state = play(story, new_game(story), "go_home", "buy_finger", "pay_stranger",
                 "finish_mask", "yard", "brush_off")
    assert "house_s_yard.brush_off" in state.taken
    v = view(story, state)
    assert next(c for c in v.choices if c.id == "yard").taken


def test_ending(story):
    state = play(story, new_game(story), "go_home", "accept_help")
    v = view(story, state)
    assert v.is_ending and v.ending.text == "The patient"
    assert v.choices == () and v.faces == (v.face,)
    with pytest.raises(ActionError, match="ended"):
        act(story, state, Choose(choice="anything"))


def test_undo_and_replay_rebuild_the_same_state(story):
    moves = ("go_home", "buy_finger", "face:bare", "pay_stranger", "finish_mask")
    state = play(story, new_game(story, seed=3), *moves)
    back = undo(story, state)
    assert back == play(story, new_game(story, seed=3), *moves[:-1])
    assert undo(story, state, steps=99) == new_game(story, seed=3)
    assert replay(story, 3, state.log) == state


def test_state_is_immutable_and_round_trips_as_json(story):
    state = play(story, new_game(story), "go_home", "face:bare")
    with pytest.raises(AttributeError):  # immutable
        state.scene = "elsewhere"  # type: ignore[misc]
    saved = SavedState.of(state)
    assert SavedState.model_validate_json(saved.model_dump_json()) == saved


def test_unknown_choice_is_an_action_error(story):
    with pytest.raises(ActionError):
        act(story, new_game(story), Choose(choice="fly_away"))


def test_a_scene_can_draw_the_face_its_own_way(tmp_path):
    """A scene's ``art`` replaces the drawing of the worn face there (and only there)."""
    import shutil

    folder = tmp_path / "starter"
    shutil.copytree(STARTER, folder)
    scenes = folder / "scenes" / "act1.yaml"
    text = scenes.read_text(encoding="utf-8")
    scenes.write_text(text.replace("  title: The lab accident\n",
                                   "  title: The lab accident\n  art: outline\n", 1),
                      encoding="utf-8")
    story = load_story(folder)
    state = new_game(story)
    v = view(story, state)
    assert v.face.id == "bandaged" and v.face.art == "outline"
    assert {f.id: f.art for f in v.faces if not f.current} == {"bare": "scars"}
    v = view(story, play(story, state, "face:bare"))
    assert v.face.art == "outline"
    assert view(story, play(story, state, "go_home")).face.art == "bandages"
