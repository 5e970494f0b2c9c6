"""The session layer without a shell: moves, undo, saves, languages, reloads, the history,
the journal and the mask rule, as data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.engine import ActionError
from game.profile import Profile
from game.saves.store import SaveError, SaveStore
from game.session import Entry, Session
from game.session.faces import Refused
from game.session.journal import journal
from game.session.watch import StoryWatcher, read_edit
from game.story import load_story
from game.story.i18n import source_hash
from game.story.runtime import Story
from tests.edits import copy_starter, touch_edit


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    folder = tmp_path / "saves"
    folder.mkdir()
    return folder


def texts(session: Session) -> list[str]:
    return [e.text for e in session.history]


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


def journal_text(story: Story, session: Session) -> list[tuple[str, str]]:
    return [(line.kind, line.text) for line in journal(story, session.state)]


def test_the_journal_speaks_in_the_first_person(starter: Story, saves: Path):
    session = Session(starter, Profile.load(saves))
    session.change_face("bare")
    session.choose("go_home")
    session.choose("buy_finger")
    session.choose("pay_stranger")
    session.choose("finish_mask")
    assert journal_text(starter, session) == [
        ("scene", "The lab accident"),
        ("move", "I changed my face: Bare"),
        ("move", "I chose: “Go home, and learn to live behind the gauze”"),
        ("scene", "K.'s office"),
        ("move", "I chose: “Refuse his help, buy the finger, and leave quickly”"),
        ("scene", "The workshop"),
        ("move", "I chose: “Pay a stranger to let you take a cast of his face”"),
        ("move", "I chose: “Finish the mask”"),
        ("scene", "House S"),
    ]


def test_the_journal_tells_returns_and_endings(starter: Story, saves: Path):
    session = Session(starter, Profile.load(saves))
    for choice in ("go_home", "walk_out", "take_cast", "finish_mask", "yard", "brush_off"):
        session.choose(choice)
    assert journal_text(starter, session)[-1] == ("scene", "House S (again)")
    session.change_face("masked")
    session.choose("walk_out")
    assert journal_text(starter, session)[-1] == ("ending", "The end: The corner, held open")


def test_the_journal_builds_no_sentence_around_a_title_or_a_label(starter: Story,
                                                                  monkeypatch: pytest.MonkeyPatch):
    """Each line is one whole template: the story's words are put in it untouched (no
    article lowered, no word turned to the first person), so any language can translate it."""
    import game.session.journal as module

    templates: list[str] = []

    def record(message: str) -> str:
        templates.append(message)
        return message

    monkeypatch.setattr(module, "_", record)
    session = Session(starter)
    session.choose("go_home")
    session.choose("buy_finger")
    lines = journal(starter, session.state)
    assert templates == ["I chose: “{choice}”", "I chose: “{choice}”"]
    assert lines[0].text == "The lab accident" and lines[1].text.endswith("the gauze”")


def test_undo_notes_it_in_the_history(starter: Story):
    session = Session(starter)
    assert session.undo() is None
    session.choose("go_home")
    assert session.undo() is not None
    assert session.state.scene == "lab_accident"
    assert any(e.kind == "note" for e in session.history)


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


def test_a_move_says_how_it_changed_the_view(starter: Story):
    session = Session(starter)
    moved = session.choose("go_home")
    assert (moved.before.scene, moved.after.scene, moved.in_place) == \
        ("lab_accident", "k_office", False)
    assert session.view is moved.after
    changed = session.change_face("bare")
    assert changed.in_place and changed.after.face.id == "bare"
    assert session.game.dirty


def test_an_impossible_move_changes_nothing(starter: Story):
    session = Session(starter)
    before, read = session.view, texts(session)
    with pytest.raises(ActionError):
        session.choose("fly_away")
    with pytest.raises(ActionError):
        session.change_face("no_such_face")
    assert session.view is before and texts(session) == read and not session.game.dirty


def test_undo_and_restart_tell_the_history_again(starter: Story):
    session = Session(starter)
    first = texts(session)
    session.choose("go_home")
    back = session.undo()
    assert back is not None and back.scene == "lab_accident" and session.view is back
    assert texts(session)[-len(first) - 1] == "You take it back."
    session.choose("go_home")
    session.change_face("bare")
    assert session.restart().scene == "lab_accident"
    assert texts(session) == first and session.state.log == () and not session.game.dirty


def test_save_and_load_through_the_session(starter: Story, saves: Path):
    assert Session(starter).newest_slot() is None
    with pytest.raises(SaveError):
        Session(starter).save("1")  # no saves folder: saving is off
    session = Session(starter, store=SaveStore(saves))
    assert session.newest_slot() is None
    session.choose("go_home")
    assert session.newest_slot() == "auto-1"
    assert session.save("2").label == "slot 2"
    assert session.newest_slot() == "2"
    session.choose("buy_finger")
    with pytest.raises(SaveError):
        session.load("7")  # empty: the game goes on where it was
    assert session.view.scene == "workshop"
    assert session.load("2") == []
    assert session.view.scene == "k_office" and not session.unsaved
    assert session.history[-1] == Entry("note", "Loaded from slot 2.")
    assert session.history[0] == Entry("title", "The lab accident")


def translate(root: Path, key: str, text: str) -> None:
    """Give the story in ``root`` a Russian translation of one string."""
    english = load_story(root).text(key)
    (root / "i18n" / "ru").mkdir(parents=True, exist_ok=True)
    (root / "i18n" / "ru" / "a.yaml").write_text(yaml.safe_dump(
        {key: {"source": source_hash(english), "text": text}}, allow_unicode=True))


def test_a_change_of_language_retells_the_game_where_it_stands(tmp_path: Path):
    root = copy_starter(tmp_path)
    translate(root, "k_office.title", "Кабинет К.")
    session = Session(load_story(root))
    session.choose("go_home")
    state, english = session.state, texts(session)
    session.switch_language("ru")
    assert session.state == state and session.story.language == "ru"
    assert session.view.title.text == "Кабинет К."
    assert "K.'s office" in english
    assert texts(session) == ["Кабинет К." if t == "K.'s office" else t for t in english]
    assert session.undo() is not None and session.view.scene == "lab_accident"
    session.switch_language("en")
    assert session.story.language == "en" and session.choose("go_home").after.title.text == \
        "K.'s office"


def test_a_reload_after_an_edit_replays_the_moves(tmp_path: Path):
    root = copy_starter(tmp_path)
    session = Session(load_story(root))
    watcher = StoryWatcher(root)
    for move in ("go_home", "buy_finger"):
        session.choose(move)
    state = session.state
    assert not watcher.changed()
    touch_edit(root / "scenes" / "act1.yaml", "K.'s office smells", "K.'s office reeks")
    assert watcher.changed() and not watcher.changed()
    edited = read_edit(watcher.root, session.story.language)
    assert edited.playable is edited.story is not None
    result = session.reload(edited.story)
    assert (result.replayed, result.total, result.stopped) == (2, 2, "")
    assert session.state == state and session.story is edited.story
    assert any(t.startswith("K.'s office reeks") for t in texts(session))
    assert session.history[-1] == Entry(
        "note", "The story was reloaded: 2 of 2 moves replayed.")


def test_an_edit_with_errors_is_not_played(tmp_path: Path):
    root = copy_starter(tmp_path)
    touch_edit(root / "scenes" / "act1.yaml", "      go: workshop\n    - id: accept_help",
         "      go: nowhere\n    - id: accept_help")
    edited = read_edit(root, "en")
    assert edited.playable is None and edited.story is None
    assert [p.code for p in edited.errors] == ["E201"]
    missing = read_edit(tmp_path / "gone", "en")
    assert missing.playable is None and missing.errors


def test_a_reload_that_fails_leaves_the_session_as_it_was(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    from game.session import history

    root = copy_starter(tmp_path)
    session = Session(load_story(root))
    session.choose("go_home")
    story, view, read = session.story, session.view, texts(session)

    def broken(*args: object) -> list[Entry]:
        raise RuntimeError("replay broke")

    monkeypatch.setattr(history, "replayed", broken)
    with pytest.raises(RuntimeError):
        session.reload(load_story(root))
    assert (session.story, session.view, texts(session)) == (story, view, read)
    assert session.game.story is story


def test_the_mask_key_and_commands_follow_the_story(tmp_path: Path):
    from tests.mask_stories import VEIL, write_story

    session = Session(load_story(write_story(tmp_path / "veil", VEIL)))
    assert session.mask_on() == "veil"  # the engine judges whether it is possible
    assert session.mask_toggle() == Refused("not now", "You have no veil.")
    assert session.mask_off() == Refused("not wearing", "You are not wearing the mask.")
    session.choose("take")
    assert session.mask_toggle() == "veil"
    session.change_face("veil")
    assert session.mask_toggle() == session.mask_off() == "hood"  # back_to first

    bare = Session(load_story(write_story(tmp_path / "bare", None)))
    no_mask = Refused("no mask", "This story has no mask.")
    assert bare.mask_on() == bare.mask_off() == bare.mask_toggle() == no_mask


def test_a_typed_face_name_finds_the_face(starter: Story):
    session = Session(starter)
    assert session.face_named("Bare") == "bare"
    assert session.face_named("mask") == "masked"  # three letters or more of a name
    assert session.face_named("ba") is None and session.face_named("beard") is None


def test_the_journal_is_the_session_s(starter: Story):
    session = Session(starter)
    session.choose("go_home")
    assert session.journal() == journal(starter, session.state)
    assert session.journal()[-1].text == "K.'s office"


def test_the_endings_found_come_from_the_profile(starter: Story, saves: Path):
    from game.session.endings import endings

    none = endings(Profile.load(saves), starter)
    assert (none.found, none.total, len(none.every)) == ([], 2, 2)
    session = Session(starter, Profile.load(saves))
    session.choose("go_home")
    session.choose("accept_help")
    found = endings(Profile.load(saves), starter)
    assert (found.found, found.total, found.missing) == (["The patient"], 2, 1)


def test_a_loader_bug_or_a_vanished_folder_never_ends_the_game(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from game.session import watch

    root = copy_starter(tmp_path)
    watcher = StoryWatcher(root)

    def broken(root: object) -> None:
        raise RuntimeError("loader bug")

    monkeypatch.setattr(watch, "read_story", broken)
    edited = read_edit(root, "en")
    assert edited.playable is None and edited.story is None
    assert "the story could not be read: RuntimeError('loader bug')" in edited.errors[0].format()

    def unreadable(root: Path) -> list[Path]:
        raise PermissionError(root)

    monkeypatch.setattr(watch, "story_files", unreadable)
    assert not watcher.changed()  # looked at again at the next tick


def test_an_opening_starts_where_its_moves_lead(starter: Story, saves: Path):
    from game.engine import Choose

    moves = [Choose(starter.scenes[starter.start].choices[0].id)]
    session = Session(starter, store=SaveStore(saves), opening=moves)
    assert session.state.scene == starter.scenes[starter.start].choices[0].go
    assert session.state.log == tuple(moves)
    # The history tells the way there; the game is not unsaved, nothing was autosaved.
    titles = [e.text for e in session.history if e.kind == "title"]
    assert titles[0] == starter.text(starter.scenes[starter.start].title)
    assert titles[-1] == session.view.title.text
    assert not session.unsaved and not list(saves.glob("autosave*"))
    assert session.undo() is not None and session.state.scene == starter.start
    with pytest.raises(ActionError):
        Session(starter, opening=[Choose("no_such_choice")])


def test_a_choice_keeps_its_number_while_the_player_stays_in_the_scene(starter: Story):
    """Choices that go leave their numbers unused, new ones take fresh numbers; entering a
    scene numbers afresh; undo gives back the numbers shown before the move."""
    session = Session(starter)
    session.choose("go_home")
    session.choose("buy_finger")
    numbers = {c.id: c.number for c in session.view.choices}
    assert numbers == {"pay_stranger": 1, "take_cast": 2, "finish_mask": 3}
    outcome = session.choose("pay_stranger")  # stays in the workshop; two choices go
    assert [(c.number, c.id) for c in outcome.after.choices] == [(3, "finish_mask")]
    assert session.view.choice_by_number(3) is not None
    assert session.view.choice_by_number(1) is None
    assert session.undo() is not None
    assert {c.id: c.number for c in session.view.choices} == numbers
    session.choose("take_cast")
    session.choose("finish_mask")  # a new scene: numbered from 1
    assert [c.number for c in session.view.choices] == \
        list(range(1, len(session.view.choices) + 1))


def test_continue_skips_saves_at_an_ending(starter: Story, saves: Path):
    store = SaveStore(saves)
    session = Session(starter, store=store)
    session.choose("go_home")
    session.save("1")
    session.choose("accept_help")  # an ending, autosaved after slot 1
    assert session.view.is_ending
    ending = store.newest(starter.id)
    assert ending is not None and ending.slot not in ("1", "auto-1")
    assert session.newest_slot() == "1"
    for info in store.slots():
        if info.slot != ending.slot:
            store.delete(info.slot)
    assert session.newest_slot() is None  # only the ending is left


def test_choices_all_new_after_a_move_are_numbered_afresh(bundled: Story):
    """Going in at the institute gate stays in the scene but leaves none of the street's
    choices: nothing could shift, so the new ones are 1, 2, 3, not 3, 4, 5."""
    session = Session(bundled)
    session.choose("go_home")
    session.choose("not_at_all")
    outcome = session.choose("go_in")
    assert outcome.changes is not None  # the same scene
    assert [(c.number, c.id) for c in session.view.choices] == \
        [(1, "assistant"), (2, "telephone"), (3, "to_k")]
