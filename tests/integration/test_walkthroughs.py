"""Scripted walkthroughs of the bundled story: one real path to each ending."""

from __future__ import annotations

import io

import pytest

from game.engine import ChangeFace, Choose, act, new_game, view
from game.plain import PlainGame

#: The plot's own path, from the laboratory to the final corner.
TO_ACT_III = (
    "go_home not_at_all go_in to_k buy_finger friend to_workshop cast_wrapped pay_stranger "
    "go_out side_door see_light wilful grow_beard face:masked smile face:masked walk_masked "
    "bold promise_toy buy_toy buy_pistol"
)
TO_TWO_MONTHS = f"{TO_ACT_III} knock speak hotel_stairs go_out call_lover walk_on give_toy go_up"
TO_LETTER = f"{TO_TWO_MONTHS} write write_first write_second write_third go_back tell_her go_now"
TO_CORNER = f"{TO_LETTER} open_letter go_out"

WALKTHROUGHS = {
    "end_patient": "go_home not_at_all go_in to_k accept go_through",
    "end_corner_open": f"{TO_CORNER} wait",
    "end_shot": f"{TO_CORNER} safety fire",
    "end_canal": f"{TO_CORNER} canal",
    "end_unmasked": f"{TO_CORNER} touch_letter unmask",
    "end_fire": f"{TO_TWO_MONTHS} burn",
    "end_confession": f"{TO_ACT_III} leave face:bare let_her_look",
}


@pytest.fixture(scope="module")
def story(bundled):
    """The bundled story (the root conftest loads it once)."""
    return bundled


def play(story, path: str, seed: int = 0):
    state = new_game(story, seed)
    for move in path.split():
        v = view(story, state)
        if move.startswith("face:"):
            face = move[5:]
            assert any(f.id == face and f.enabled for f in v.faces), (state.scene, move)
            state = act(story, state, ChangeFace(face=face))
        else:
            assert any(c.id == move and c.enabled for c in v.choices), (
                state.scene, move, [(c.id, c.enabled) for c in v.choices])
            state = act(story, state, Choose(choice=move))
    return state


@pytest.mark.parametrize("ending", sorted(WALKTHROUGHS))
def test_walkthrough_reaches_its_ending(story, ending):
    state = play(story, WALKTHROUGHS[ending])
    v = view(story, state)
    assert state.scene == ending and v.is_ending
    assert v.ending.text and len(" ".join(p.text for p in v.paragraphs).split()) >= 150


def test_every_ending_has_a_walkthrough(story):
    assert set(WALKTHROUGHS) == {s.id for s in story.endings}


def test_the_plot_path_carries_state_across_acts(story):
    state = play(story, TO_CORNER)
    assert state.scene == "final_corner" and state.face == "masked"
    assert {"air_pistol", "letter", "mask"} <= set(state.items)
    assert state.vars["triangle"] and state.vars["phoned"] and state.vars["notebooks"] == 3
    assert state.vars["face_type"] == "wilful" and state.vars["skin_source"] == "bought"
    assert state.vars["trip_day"] > 0 and state.vars["mask_hold"] >= 7


def test_taking_the_mask_off_at_the_bus_stop_is_a_revelation(story):
    state = play(story, f"{TO_ACT_III} leave")
    assert state.scene == "bus_stop" and state.face == "masked"
    after = act(story, state, ChangeFace(face="bare"))
    assert after.scene == "confession"
    assert after.events, "the change in front of her is told, not silent"


def test_the_girl_is_never_fooled_by_the_mask(story):
    state = play(story, TO_ACT_III.split(" walk_masked")[0])
    girl = next(p for p in view(story, state).people if p.id == "girl")
    assert state.face == "masked"
    assert "not fooled" in girl.reaction.text or "secrets" in girl.reaction.text


def test_the_wife_knows_her_letter_says_so(story):
    state = play(story, TO_LETTER)
    assert state.scene == "house_s_letter"
    state = play(story, f"{TO_LETTER} open_letter")
    text = " ".join(p.text for p in view(story, state).paragraphs)
    assert state.scene == "her_letter" and "I knew from the first minute" in text


def _reaction(story, state, person: str) -> str:
    found = [p for p in view(story, state).people if p.id == person]
    assert found and found[0].reaction is not None, (state.scene, person)
    return found[0].reaction.key


def test_the_wife_sees_the_scars_for_the_first_time_once(story):
    state = play(story, "go_home not_at_all go_in to_k buy_finger friend to_workshop "
                        "cast_wrapped pay_stranger go_out side_door see_light face:bare")
    assert state.scene == "films_wife"
    assert _reaction(story, state, "wife") == "person.wife.bare.8"  # her breath stops
    state = play(story, "go_home not_at_all go_in to_k buy_finger friend to_workshop "
                        "cast_wrapped pay_stranger go_out side_door see_light face:bare "
                        "face:bandaged face:bare")
    assert _reaction(story, state, "wife") == "person.wife.bare.6"  # a second reading


def test_k_sees_the_scars_for_the_first_time_once(story):
    state = play(story, "go_home not_at_all go_in to_k accept face:bare")
    assert state.scene == "k_clinic"
    assert _reaction(story, state, "k") == "person.k.bare.3"  # he does not flinch
    state = play(story, "go_home not_at_all go_in to_k accept face:bare face:bandaged "
                        "face:bare")
    assert _reaction(story, state, "k") == "person.k.bare.1"  # seen before: the lamp is ready


def _read_in_plain_mode(story, path: str) -> list[str]:
    """What a reader of plain mode reads along ``path``: one block of text per move."""
    out = io.StringIO()
    game = PlainGame(story, out)
    game.start()
    blocks = [out.getvalue()]
    for move in path.split():
        mark = out.tell()
        if move.startswith("face:"):
            game.handle(f"face {move[5:]}")
        else:
            number = next(c.number for c in game.session.view.choices if c.id == move)
            game.handle(str(number))
        blocks.append(out.getvalue()[mark:])
    return blocks


@pytest.mark.parametrize("ending", sorted(WALKTHROUGHS))
def test_a_reader_never_reads_the_same_reaction_twice(story, ending):
    """Along each scripted path no one's reaction is printed twice: a reaction is shown
    when the scene is entered or when it changes, and a later scene has its own words."""
    reactions = {key: " ".join(text.split()) for key, text in story.strings.items()
                 if key.startswith("person.") and key.count(".") == 3}
    shown: dict[str, int] = {}
    for i, block in enumerate(_read_in_plain_mode(story, WALKTHROUGHS[ending])):
        flat = " ".join(block.split())
        for key, text in reactions.items():
            if text and text in flat:
                assert key not in shown, (f"{key} read again at move {i} "
                                          f"(first at move {shown[key]})")
                shown[key] = i
    assert shown, "no reaction was read at all"


def test_the_status_shows_a_variable_once_it_is_no_longer_its_default(story):
    assert view(story, new_game(story)).status == ()  # no "Notebooks: 0" in the ward
    state = play(story, "go_home not_at_all go_in to_k buy_finger friend to_workshop "
                        "cast_wrapped pay_stranger go_out side_door see_light wilful grow_beard "
                        "face:masked smile")
    assert state.scene == "house_s_rent"
    shown = {s.id: s.value for s in view(story, state).status}
    assert shown == {"trip_day": 1}
