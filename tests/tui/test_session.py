"""The session (history, profile records) and the journal, without a screen."""

from __future__ import annotations

from pathlib import Path

from game.profile import Profile
from game.saves.store import SaveStore
from game.story.runtime import Story
from game.tui.journal import journal
from game.tui.session import Entry, Session


def test_history_keeps_what_was_read(starter: Story, saves: Path):
    session = Session(starter, Profile.load(saves))
    assert session.history[0].kind == "title"
    assert session.history[0].text == "The lab accident"
    session.choose("go_home")
    kinds = [e.kind for e in session.history]
    assert "event" in kinds
    assert session.history[-1].who == "K."
    session.change_face("bare")
    assert session.history[-2].kind == "event"
    assert session.history[-1].kind == "person" and "photograph" in session.history[-1].text


def test_choices_and_endings_reach_the_profile(starter: Story, saves: Path):
    session = Session(starter, Profile.load(saves))
    session.choose("go_home")
    session.choose("accept_help")
    again = Profile.load(saves)
    assert again.taken(starter.id) == {"lab_accident.go_home", "k_office.accept_help"}
    assert list(again.endings(starter.id).values()) == ["The patient"]
    assert not session.unsaved


def test_taken_before_reads_earlier_playthroughs(starter: Story, saves: Path):
    first = Session(starter, Profile.load(saves))
    first.choose("go_home")
    second = Session(starter, Profile.load(saves))
    (choice,) = second.view.choices
    assert not choice.taken and second.taken_before(choice)


def test_the_journal_speaks_in_the_first_person(starter: Story, saves: Path):
    session = Session(starter, Profile.load(saves))
    session.change_face("bare")
    session.choose("go_home")
    session.choose("buy_finger")
    session.choose("pay_stranger")
    session.choose("finish_mask")
    assert journal(starter, session.state) == [
        "It began with the lab accident.",
        "I went bare.",
        "I decided to go home, and learn to live behind the gauze.",
        "I went to K.'s office.",
        "I decided to refuse his help, buy the finger, and leave quickly.",
        "I went to the workshop.",
        "I decided to pay a stranger to let you take a cast of his face.",
        "I decided to finish the mask.",
        "I went to House S.",
    ]


def test_the_journal_tells_returns_and_endings(starter: Story, saves: Path):
    session = Session(starter, Profile.load(saves))
    for choice in ("go_home", "walk_out", "take_cast", "finish_mask", "yard", "brush_off"):
        session.choose(choice)
    lines = journal(starter, session.state)
    assert lines[-1] == "I went back to House S."
    session.change_face("masked")
    session.choose("walk_out")
    assert journal(starter, session.state)[-1] == "And so it ended: the corner, held open."


def test_undo_notes_it_in_the_history(starter: Story):
    session = Session(starter)
    assert session.undo() is None
    session.choose("go_home")
    assert session.undo() is not None
    assert session.state.scene == "lab_accident"
    assert any(e.kind == "note" for e in session.history)


def test_choice_labels_turn_to_the_first_person_where_it_is_safe():
    from game.tui.journal import _clause

    assert _clause("Accept K.'s offer, and let him make your face") == \
        "accept K.'s offer, and let him make my face"
    assert _clause("K. leaves.") == "K. leaves"


def test_the_session_plays_through_a_playthrough(starter: Story, saves: Path):
    store = SaveStore(saves)
    session = Session(starter, Profile.load(saves), store=store)
    assert not session.unsaved
    session.choose("go_home")  # a new scene: autosaved, but not saved
    assert session.unsaved and store.exists("auto-1")
    session.save("4")
    read = [e.text for e in session.history]
    assert not session.unsaved
    session.choose("buy_finger")
    again = Session(starter, store=store)
    assert again.load("4") == []
    assert again.state == session.game.undo() and not again.unsaved
    assert [e.text for e in again.history[:-1]] == read  # the history, replayed
    assert again.history[-1] == Entry("note", "Loaded from slot 4.")
    assert again.undo() is not None and again.state.scene == "lab_accident"
