"""The history: everything the player has read, as data (the shells draw it).

A move adds what it told (:func:`read_move`); after a load, a reload or a change of language
the history is told again by replaying the moves through the engine (:func:`replayed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine import Action, ActionError, ChangeFace, GameState, View, act, new_game, view
from game.i18n import _
from game.story.runtime import Story

Kind = Literal["title", "text", "event", "person", "ending", "note"]


@dataclass(frozen=True)
class Entry:
    """One thing the player has read, for the history screen."""

    kind: Kind
    text: str
    who: str = ""


def read_move(history: list[Entry], action: Action, before: View, prev: GameState,
              after: View, state: GameState) -> bool:
    """Add what a move told to ``history``; True if it changed the scene in place."""
    in_place = isinstance(action, ChangeFace) and state.scene == prev.scene \
        and state.visits == prev.visits
    if in_place:
        read_events(history, after)
        old = {p.id: p.reaction for p in before.people}
        for person in after.people:
            if person.reaction is not None and old.get(person.id) != person.reaction:
                history.append(Entry("person", person.reaction.text, person.name))
    else:
        read_scene(history, after)
    return in_place


def read_scene(history: list[Entry], v: View) -> None:
    """Add a whole scene, as entered, to ``history``."""
    read_events(history, v)
    history.append(Entry("title", v.title.text))
    history.extend(Entry("text", p.text) for p in v.paragraphs)
    history.extend(Entry("person", p.reaction.text, p.name)
                   for p in v.people if p.reaction is not None)
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
