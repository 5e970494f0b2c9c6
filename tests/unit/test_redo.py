"""Redo after undo, and going back to any move of the history, in the session layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import ActionError, Choose
from game.saves.store import SaveStore
from game.session import Session
from game.story.runtime import Story


def moves(session: Session) -> list[str]:
    return [e.text for e in session.history if e.kind == "move" and e.at is not None]


def test_redo_takes_again_what_undo_took_back(starter: Story):
    session = Session(starter)
    assert session.redo() is None and not session.can_redo
    session.choose("go_home")
    session.change_face("bare")
    there = session.state
    session.undo()
    session.undo()
    assert session.state.scene == "lab_accident" and session.can_redo
    outcome = session.redo()
    assert outcome is not None and session.state.scene == there.scene
    assert len(moves(session)) == 1  # the move is told again, on the game's path
    assert session.redo() is not None
    assert session.state.log == there.log and session.state.face == there.face
    assert not session.can_redo and session.redo() is None
    assert "You take it again." in [e.text for e in session.history]


def test_a_new_move_clears_what_could_be_redone(starter: Story):
    session = Session(starter)
    session.choose("go_home")
    session.change_face("bare")
    session.undo(2)
    session.choose("go_home")  # the same move as the next to redo: the rest stays
    assert session.can_redo
    session.undo()
    session.change_face(next(f.id for f in session.view.faces
                             if f.enabled and not f.current))
    assert not session.can_redo


def test_back_to_a_move_of_the_history_undoes_it_and_what_followed(starter: Story):
    session = Session(starter)
    session.choose("go_home")
    session.change_face("bare")
    first = next(e for e in session.history if e.kind == "move")
    assert first.at == 0 and len(moves(session)) == 2
    assert session.back_to(session.history[0]) is None  # a title, not a move
    back = session.back_to(first)
    assert back is not None and session.state.log == () and session.view.scene == "lab_accident"
    assert moves(session) == []  # the moves taken back can no longer be gone back to
    assert session.back_to(first) is None
    assert "You take back 2 moves." in [e.text for e in session.history]
    session.redo()
    session.redo()
    assert len(moves(session)) == 2 and session.state.moved == 2


def test_load_and_restart_forget_what_could_be_redone(starter: Story, tmp_path: Path):
    session = Session(starter, store=SaveStore(tmp_path))
    session.choose("go_home")
    session.save("1")
    session.undo()
    assert session.can_redo
    session.load("1")
    assert not session.can_redo
    assert moves(session) and session.history[-1].kind == "note"
    session.undo()
    session.restart()
    assert not session.can_redo


def test_an_undone_move_is_redone_as_the_same_action(starter: Story):
    session = Session(starter)
    session.choose("go_home")
    session.undo()
    assert session.game.undone == (Choose(choice="go_home"),)


def test_a_redo_that_no_longer_fits_leaves_the_history_as_it_was(starter: Story):
    session = Session(starter)
    session.game.undone = (Choose(choice="no_such_choice"),)
    before = list(session.history)
    with pytest.raises(ActionError):
        session.redo()
    assert session.history == before and session.state.log == ()
