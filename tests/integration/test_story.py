"""The bundled story: complete, clean, every ending reachable, every face met by everyone."""

from __future__ import annotations

import pytest

from game.engine import ChangeFace, Choose, act, new_game, view
from game.paths import default_story_dir
from game.tools.check import check_story
from game.tools.walk import random_walk, random_walks

ENDINGS = {"end_patient", "end_confession", "end_fire", "end_corner_open", "end_shot",
           "end_unmasked", "end_canal"}


@pytest.fixture(scope="module")
def story(bundled):
    """The bundled story (the root conftest loads it once)."""
    return bundled


def test_check_strict_is_clean_and_the_story_is_whole():
    report = check_story(default_story_dir())
    assert [p.format() for p in report.problems] == []
    assert report.scenes >= 22 and report.endings >= 6 and report.words >= 10_000


def test_all_planned_endings_exist(story):
    assert {s.id for s in story.endings} >= ENDINGS


def test_two_thousand_random_playthroughs_reach_every_ending_without_dead_ends(story):
    cov = random_walks(story, 2000, seed=1)
    failures = [f"seed {w.seed}: {w.error}; path: {w.path()}" for w in cov.failures[:5]]
    assert not failures, "\n".join(failures)
    assert set(cov.endings) == {s.id for s in story.endings}, cov.endings
    never = [s for s in story.scenes if s not in cov.scenes]
    assert not never, f"scenes no walk reached: {never}"


def test_every_person_reacts_to_every_face_possible_in_each_scene(story):
    for scene in story.scenes.values():
        if scene.ending:
            continue
        for presence in scene.people:
            char = story.people[presence.id]
            for face in scene.allowed:
                variants = char.reacts.get(face, ())
                assert variants and variants[-1].cond is None, (
                    f"{presence.id} in {scene.id} has no sure reaction to {face}")


def test_on_real_paths_everyone_present_shows_a_reaction_in_every_face(story):
    seen = 0
    for seed in range(60):
        walk = random_walk(story, seed)
        state = new_game(story, seed)
        for action in walk.actions:
            v = view(story, state)
            for person in v.people:
                assert person.reaction is not None and person.reaction.text, (
                    f"{person.id} silent in {v.scene} ({state.face})")
                seen += 1
            for face in v.faces:
                if face.enabled and not face.current:
                    other = view(story, act(story, state, ChangeFace(face=face.id)))
                    if other.scene == v.scene:
                        assert all(p.reaction for p in other.people)
            state = act(story, state, action)
    assert seen > 100


def test_the_mask_cannot_be_worn_before_it_is_made(story):
    state = new_game(story)
    for _ in range(200):
        v = view(story, state)
        if v.is_ending or state.scene == "mask_done":
            break
        masked = [f for f in v.faces if f.id == "masked"]
        assert not masked or not masked[0].enabled
        choice = next(c for c in v.choices if c.enabled)
        state = act(story, state, Choose(choice=choice.id))
