"""What a move inside a scene shows: its outcome and only what it changed, computed once in
the session layer (:class:`game.session.Changes`), the same in plain mode and the history."""

from __future__ import annotations

import io

import pytest

from game.plain import PlainGame
from game.session import Changes, Entry, Session
from game.story import load_story
from game.story.runtime import Story
from tests.paths import NARRATION, REVISIT


@pytest.fixture(scope="module")
def narration() -> Story:
    return load_story(NARRATION)


def test_a_choice_in_the_scene_says_what_it_changed(narration: Story):
    session = Session(narration)
    session.change_face("bare")
    outcome = session.choose("pour")
    assert outcome.in_place and outcome.changes is not None
    changes = outcome.changes
    assert [p.text for p in changes.paragraphs] == ["She has put out the good biscuits."]
    assert [(p.name, p.reaction and p.reaction.text) for p in changes.people] == \
        [("The neighbour", "She holds your gaze.")]
    assert changes.new_choices == {"ask"}
    nothing = session.choose("clock")
    assert nothing.changes == Changes() and not nothing.changes
    entered = session.choose("ask")
    assert entered.changes is None and not entered.in_place


def test_plain_mode_prints_a_changed_reaction_once_and_no_unchanged_one(narration: Story):
    out = io.StringIO()
    game = PlainGame(narration, out)
    game.start()
    game.handle("face bare")
    game.handle("1")  # pour: the reaction changes
    game.handle("2")  # wind the clock (its number kept): nothing changes
    text = out.getvalue()
    assert text.count("The neighbour: She holds your gaze.") == 1
    assert text.count("The neighbour: She looks away.") == 1
    assert text.count("== The parlour ==") == 1
    assert text.count("A lace cloth") == 1
    assert "4. Ask her to stay (new)" in text  # a number not used before in the scene
    after_clock = text.split("You wind it;")[1]
    assert "The neighbour" not in after_clock and "2. Wind the clock" in after_clock


def test_look_shows_the_whole_scene_again(narration: Story):
    out = io.StringIO()
    game = PlainGame(narration, out)
    game.start()
    game.handle("face bare")
    game.handle("1")
    start = out.tell()
    game.handle("look")
    again = out.getvalue()[start:]
    assert again.startswith("== The parlour ==")
    for line in ("A lace cloth", "She has put out the good biscuits.",
                 "The neighbour: She holds your gaze.", "2. Wind the clock", "4. Ask her to stay"):
        assert line in again
    assert "(new)" not in again


def test_the_history_keeps_the_scene_once_and_the_moves_as_moves(narration: Story):
    session = Session(narration)
    session.change_face("bare")
    session.choose("clock")
    session.choose("pour")
    session.choose("clock")
    history = session.history
    assert [e.kind for e in history].count("title") == 1
    texts = [e.text for e in history]
    assert texts.count("A lace cloth, two cups, a clock that is always slow.") == 1
    assert [e.text for e in history if e.kind == "move"] == \
        ["[you change your face: bare]", "› Wind the clock", "› Pour her tea",
         "› Wind the clock"]
    # The reaction that changed is told once, changed, after the move that changed it; a
    # move that changed nothing tells only its outcome.
    assert history[-8:] == [
        Entry("move", "› Wind the clock"),
        Entry("event", "You wind it; it goes on being slow."),
        Entry("move", "› Pour her tea"),
        Entry("event", "You pour. She watches the spout, not you."),
        Entry("text", "She has put out the good biscuits."),
        Entry("person", "She holds your gaze.", "The neighbour"),
        Entry("move", "› Wind the clock"),
        Entry("event", "You wind it; it goes on being slow."),
    ]
    assert texts.count("She holds your gaze.") == 1


def test_the_history_reads_the_same_after_a_replay(narration: Story):
    session = Session(narration)
    session.choose("pour")
    session.change_face("bare")
    session.choose("clock")
    read = list(session.history)
    session.switch_language("en")
    assert session.history == read


def test_a_face_put_back_brings_back_nothing_already_read_and_no_new_choice():
    story = load_story(REVISIT)
    out = io.StringIO()
    game = PlainGame(story, out)
    game.start()
    game.handle("face bare")
    first = out.getvalue()
    assert "The mirror shows you the scars." in first and "Touch the scars (new)" in first
    start = out.tell()
    game.handle("face bandaged")
    game.handle("face bare")
    again = out.getvalue()[start:]
    assert "The mirror shows you the scars." not in again
    assert "Touch the scars" in again and "(new)" not in again
    assert out.getvalue().count("The cat: It stares.") == 1
    session = game.session
    assert [e.text for e in session.history].count("The mirror shows you the scars.") == 1
