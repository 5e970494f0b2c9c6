"""What happens on an unexpected error: save what can be saved, then one line on stderr.

The plain mode and the TUI call :func:`rescue` with the game in progress; the command line
prints :func:`describe` of the error (and exits 1), unless ``--debug`` lets the traceback
through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.text import one_line

if TYPE_CHECKING:
    from game.session import Playthrough

PROG = "face-of-another"
_SAVED = "face-of-another: the game in progress was saved to "
"""The start of the note :func:`rescue` adds to the error (read back by :func:`describe`)."""


def rescue(err: BaseException, game: Playthrough | None) -> str | None:
    """After ``err``, write ``game`` (if it has unsaved progress) to the next autosave slot;
    returns the slot's name, and notes it on ``err``. Never raises."""
    if game is None or game.store is None or not game.dirty:
        return None
    try:
        from game.saves.store import label

        slot = game.store.next_autosave()
        game.store.write(slot, game.snapshot())
        name = label(slot)
    except Exception:  # the state itself may be what broke: nothing more to save
        return None
    err.add_note(_SAVED + name)
    return name


def describe(err: BaseException) -> str:
    """The one line an unexpected error is reported with (in English: it must work before
    and whatever the language is set)."""
    saved = next((note.removeprefix(_SAVED) for note in getattr(err, "__notes__", ())
                  if isinstance(note, str) and note.startswith(_SAVED)), None)
    what = one_line(f"{type(err).__name__}: {err}" if str(err) else type(err).__name__)
    where = f"the game in progress was saved to {saved}; " if saved else ""
    return f"{PROG}: internal error: {what} ({where}run with --debug for the details)"
