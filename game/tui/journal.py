"""The hero's journal: the playthrough so far, retold in the first person.

Derived generically from the state's log: the game is replayed move by move through the
engine, and each scene entered, choice taken and face changed becomes one line. Nothing here
knows about any particular story.
"""

from __future__ import annotations

from game.engine import ChangeFace, GameState, act, new_game, view
from game.story.model import Story

_ARTICLES = ("The ", "A ", "An ")
_MINE = {"your": "my", "Your": "My", "yours": "mine", "yourself": "myself"}
"""Possessives are safe to turn to the first person; "you" is not (subject or object?)."""


def _place(title: str) -> str:
    """A scene title as it reads inside a sentence ("The workshop" -> "the workshop")."""
    for article in _ARTICLES:
        if title.startswith(article):
            return article.lower() + title[len(article):]
    return title


def _clause(label: str) -> str:
    """A choice label as it reads after "I decided to" (first word lower-cased if plain)."""
    label = label.strip().rstrip(".!")
    label = " ".join(_MINE.get(w, w) for w in label.split(" "))
    first, _, rest = label.partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}".strip()


def journal(story: Story, state: GameState) -> list[str]:
    """The journal of ``state``'s playthrough, one sentence a line, oldest first."""
    current = new_game(story, state.seed)
    shown = view(story, current)
    lines = [f"It began with {_place(shown.title.text)}."]
    seen = {current.scene}
    for action in state.log:
        if isinstance(action, ChangeFace):
            face = next((f.label for f in shown.faces if f.id == action.face), action.face)
            lines.append(f"I went {face.lower()}.")
        else:
            label = next((c.label.text for c in shown.choices if c.id == action.choice),
                         action.choice)
            lines.append(f"I decided to {_clause(label)}.")
        after = act(story, current, action)
        shown = view(story, after)
        if after.scene != current.scene or after.visits != current.visits:
            if shown.ending is not None:
                lines.append(f"And so it ended: {_place(shown.ending.text)}.")
            elif after.scene in seen:
                lines.append(f"I went back to {_place(shown.title.text)}.")
            else:
                lines.append(f"I went to {_place(shown.title.text)}.")
            seen.add(after.scene)
        current = after
    return lines
