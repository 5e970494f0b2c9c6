"""The history: everything the player has read, as data (the shells draw it).

It reads as the story so far: each scene once, as entered, then the player's moves as moves
(``› Put Bach on the gramophone``, ``[you change your face: masked]``), each followed by what it
told and what it changed in the scene (:func:`changes`), never the whole scene again.

A move adds what it told (:func:`read_move`); after a load, a reload or a change of language
the history is told again by replaying the moves through the engine (:func:`replayed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from game.engine import Action, ActionError, Choose, GameState, View, act, new_game, view
from game.engine.view import Line, PersonView
from game.i18n import _
from game.story.runtime import Story

Kind = Literal["title", "text", "event", "person", "ending", "note", "move"]


@dataclass(frozen=True)
class Entry:
    """One thing the player has read, for the history screen."""

    kind: Kind
    text: str
    who: str = ""
    at: int | None = field(default=None, compare=False)
    """For a move still on the game's path: how many moves came before it (going back to
    just before it undoes the rest); None for anything else, and for moves taken back."""


@dataclass(frozen=True)
class Changes:
    """What a move inside a scene changed in it: all a shell shows after the move's events."""

    paragraphs: tuple[Line, ...] = ()
    """Paragraphs that appeared or changed, in the scene's order (not one already read in this
    visit of the scene: a face put back does not bring its paragraph round a second time)."""
    people: tuple[PersonView, ...] = ()
    """People whose reaction changed, or who came in, with their new reaction (not one already
    read in this visit)."""
    new_choices: frozenset[str] = frozenset()
    """The ids of the choices that were not offered before in this visit of the scene."""

    def __bool__(self) -> bool:
        return bool(self.paragraphs or self.people or self.new_choices)


def changes(before: View, after: View, read: frozenset[str] = frozenset(),
            offered: frozenset[str] = frozenset()) -> Changes:
    """What changed in the scene from ``before`` to ``after`` (the same scene): ``read`` is
    the text already read in this visit, ``offered`` the ids of the choices offered in it."""
    old_paragraphs = set(before.paragraphs)
    old_people = {p.id: p.reaction for p in before.people}
    old_choices = {c.id for c in before.choices} | offered
    return Changes(
        paragraphs=tuple(p for p in after.paragraphs
                         if p not in old_paragraphs and p.text not in read),
        people=tuple(p for p in after.people if p.reaction is not None
                     and (p.id not in old_people or old_people[p.id] != p.reaction)
                     and p.reaction.text not in read),
        new_choices=frozenset(c.id for c in after.choices if c.id not in old_choices))


def read_in_visit(history: list[Entry]) -> frozenset[str]:
    """The scene text and reactions read since the current scene was entered (its title)."""
    start = max((n for n, e in enumerate(history) if e.kind == "title"), default=0)
    return frozenset(e.text for e in history[start:] if e.kind in ("text", "person"))


def stays(prev: GameState, state: GameState, after: View) -> bool:
    """Whether the move from ``prev`` to ``state`` stayed in its scene (no scene entered,
    not even the same one again, and no ending reached)."""
    return state.scene == prev.scene and state.visits == prev.visits and not after.is_ending


def move_line(action: Action, before: View, after: View) -> str:
    """The player's move as the history tells it."""
    if isinstance(action, Choose):
        choice = next((c for c in before.choices if c.id == action.choice), None)
        label = choice.label.text if choice is not None else action.choice
        # TRANSLATORS: in the history, a choice the player took; {choice} is its label.
        return _("› {choice}").format(choice=label)
    # TRANSLATORS: in the history, the player changed face; {face} is the new face's name,
    # in lower case (bandaged, masked, bare).
    return _("[you change your face: {face}]").format(face=after.face.label.lower())


def read_move(history: list[Entry], action: Action, before: View, prev: GameState,
              after: View, state: GameState,
              offered: frozenset[str] = frozenset()) -> Changes | None:
    """Add the move and what it told to ``history``: the move, its events, then what it
    changed in the scene (returned), or the scene it entered (None). ``offered``: the ids of
    the choices offered so far in this visit of the scene."""
    read = read_in_visit(history)
    history.append(Entry("move", move_line(action, before, after), at=prev.moved))
    if not stays(prev, state, after):
        read_scene(history, after)
        return None
    read_events(history, after)
    changed = changes(before, after, read, offered)
    read_changes(history, changed)
    return changed


def taken_back(history: list[Entry], moved: int) -> None:
    """Mark the moves of ``history`` from the ``moved``-th on as taken back (undone)."""
    for n, entry in enumerate(history):
        if entry.at is not None and entry.at >= moved:
            history[n] = replace(entry, at=None)


def read_changes(history: list[Entry], changed: Changes) -> None:
    """Add what a move changed in a scene to ``history``."""
    history.extend(Entry("text", p.text) for p in changed.paragraphs)
    history.extend(_reaction(p) for p in changed.people if p.reaction is not None)


def _reaction(person: PersonView) -> Entry:
    """A person's reaction as the history keeps it: under their name, unless it is prose."""
    assert person.reaction is not None
    return Entry("person", person.reaction.text, "" if person.prose else person.name)


def read_scene(history: list[Entry], v: View) -> None:
    """Add a whole scene, as entered, to ``history``."""
    read_events(history, v)
    history.append(Entry("title", v.title.text))
    history.extend(Entry("text", p.text) for p in v.paragraphs)
    history.extend(_reaction(p) for p in v.people if p.reaction is not None)
    if v.ending is not None:
        history.append(Entry("ending", v.ending.text))


def read_events(history: list[Entry], v: View) -> None:
    """Add the events of ``v`` (what the last move told) to ``history``."""
    history.extend(Entry("event", e.text) for e in v.events if e.text)


def replayed(story: Story, state: GameState, base: GameState | None, seed: int) -> list[Entry]:
    """The history of ``state``, told again by replaying its moves from ``base`` (None: from
    the start) in ``story``."""
    history: list[Entry] = []
    try:
        current = base if base is not None else new_game(story, seed)
        shown = view(story, current)
        if base is not None:
            history.append(Entry("note", _("(Earlier pages were not kept in the save.)")))
        read_scene(history, shown)
        for action in state.log:
            after = act(story, current, action)
            after_view = view(story, after)
            read_move(history, action, shown, current, after_view, after)
            current, shown = after, after_view
    except ActionError:  # pragma: no cover - restore() already checked the replay
        history = []
        read_scene(history, view(story, state))
    return history
