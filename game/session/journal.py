"""The hero's journal: the playthrough so far, retold in the first person.

Derived generically from the state's log: the game is replayed move by move through the
engine; each scene entered becomes a heading (its title, standing alone), each choice taken
and face changed a line under it, and an ending the last line. The story's titles and labels
are never built into sentences: each line is one whole translatable template in which they
stand alone (a heading, or after a colon, in quotes), so it reads right in every language.
Nothing here knows about any particular story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine import ChangeFace, GameState, act, new_game, view
from game.i18n import _
from game.story.runtime import Story

JournalKind = Literal["scene", "move", "ending"]


@dataclass(frozen=True)
class JournalLine:
    """One line of the journal: a scene's heading, a move, or the ending."""

    kind: JournalKind
    text: str


def _scene(title: str, again: bool) -> JournalLine:
    if again:
        # TRANSLATORS: a heading of the journal: a scene the hero came back to; {place} is
        # the scene's title, as the story has it.
        return JournalLine("scene", _("{place} (again)").format(place=title))
    return JournalLine("scene", title)


def journal(story: Story, state: GameState) -> list[JournalLine]:
    """The journal of ``state``'s playthrough, oldest first."""
    current = new_game(story, state.seed)
    shown = view(story, current)
    lines = [_scene(shown.title.text, False)]
    seen = {current.scene}
    for action in state.log:
        if isinstance(action, ChangeFace):
            face = next((f.label for f in shown.faces if f.id == action.face), action.face)
            # TRANSLATORS: a journal line: the hero changed face. {face} is the face's name as
            # the story has it, standing alone after the colon.
            lines.append(JournalLine("move", _("I changed my face: {face}").format(face=face)))
        else:
            label = next((c.label.text for c in shown.choices if c.id == action.choice),
                         action.choice)
            # TRANSLATORS: a journal line: the hero took a choice. {choice} is the choice's
            # label as the story has it, quoted (use your language's quotation marks).
            lines.append(JournalLine("move", _("I chose: “{choice}”").format(
                choice=label.strip())))
        after = act(story, current, action)
        shown = view(story, after)
        if after.scene != current.scene or after.visits != current.visits:
            if shown.ending is not None:
                # TRANSLATORS: the journal's last line; {ending} is the ending's title, as the
                # story has it, standing alone after the colon.
                lines.append(JournalLine("ending", _("The end: {ending}").format(
                    ending=shown.ending.text)))
            else:
                lines.append(_scene(shown.title.text, after.scene in seen))
            seen.add(after.scene)
        current = after
    return lines
