"""One playthrough as the TUI holds it: the engine's state, what was read, the profile.

No game rule lives here: every move goes through :func:`game.engine.act`, everything shown
comes from :func:`game.engine.view`. The session only remembers what the player has read
(the history) and tells the profile which choices and endings were reached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from game.engine import (
    Action,
    ChangeFace,
    ChoiceView,
    Choose,
    GameState,
    View,
    act,
    new_game,
    undo,
    view,
)
from game.profile import Profile
from game.story.model import Story

Kind = Literal["title", "text", "event", "person", "ending", "note"]


@dataclass(frozen=True)
class Entry:
    """One thing the player has read, for the history screen."""

    kind: Kind
    text: str
    who: str = ""


@dataclass(frozen=True)
class Outcome:
    """What one move did, so the play screen knows how to redraw."""

    before: View
    after: View
    in_place: bool
    """The face changed and the scene stayed: update the scene where it stands."""


class Session:
    """A playthrough: state, history, and the profile it reports to."""

    def __init__(self, story: Story, profile: Profile | None = None, seed: int = 0) -> None:
        self.story = story
        self.profile = profile
        self.seed = seed
        self.history: list[Entry] = []
        self.state: GameState = new_game(story, seed)
        self._view = view(story, self.state)
        self.save_error: str | None = None
        self._read_scene(self._view)

    @property
    def story_id(self) -> str:
        return self.story.meta.id

    @property
    def view(self) -> View:
        """What the player sees now."""
        return self._view

    @property
    def unsaved(self) -> bool:
        """Progress that would be lost by quitting (saves do not exist yet: any move counts)."""
        return bool(self.state.log) and not self._view.is_ending

    def taken_before(self, choice: ChoiceView) -> bool:
        """Taken in this playthrough, or in an earlier one (from the profile)."""
        if choice.taken:
            return True
        return self.profile is not None and \
            f"{self._view.scene}.{choice.id}" in self.profile.taken(self.story_id)

    # -- moves

    def choose(self, choice_id: str) -> Outcome:
        """Take a choice; raises :class:`game.engine.ActionError` if it is not possible."""
        return self._do(Choose(choice=choice_id))

    def change_face(self, face: str) -> Outcome:
        """Change face; raises :class:`game.engine.ActionError` if it is not possible."""
        return self._do(ChangeFace(face=face))

    def undo(self) -> View | None:
        """Take back the last move; None if there is nothing to take back."""
        if not self.state.log:
            return None
        self.state = undo(self.story, self.state)
        self._view = view(self.story, self.state)
        self.history.append(Entry("note", "You take it back."))
        self._read_scene(self._view)
        return self._view

    def _do(self, action: Action) -> Outcome:
        before, prev = self._view, self.state
        state = act(self.story, prev, action)
        self.state = state
        after = self._view = view(self.story, state)
        in_place = isinstance(action, ChangeFace) and state.scene == prev.scene \
            and state.visits == prev.visits
        if isinstance(action, Choose):
            taken = f"{before.scene}.{action.choice}"
            self._remember(lambda p: p.add_taken(self.story_id, taken))
        if in_place:
            self._read_events(after)
            old = {p.id: p.reaction for p in before.people}
            for person in after.people:
                if person.reaction is not None and old.get(person.id) != person.reaction:
                    self.history.append(Entry("person", person.reaction.text, person.name))
        else:
            self._read_scene(after)
        if after.ending is not None:
            ending = after.ending
            self._remember(lambda p: p.add_ending(self.story_id, ending.key, ending.text))
        return Outcome(before, after, in_place)

    # -- bookkeeping

    def _read_scene(self, v: View) -> None:
        self._read_events(v)
        self.history.append(Entry("title", v.title.text))
        self.history.extend(Entry("text", p.text) for p in v.paragraphs)
        self.history.extend(Entry("person", p.reaction.text, p.name)
                            for p in v.people if p.reaction is not None)
        if v.ending is not None:
            self.history.append(Entry("ending", v.ending.text))

    def _read_events(self, v: View) -> None:
        self.history.extend(Entry("event", e.text) for e in v.events if e.text)

    def _remember(self, change: Callable[[Profile], bool]) -> None:
        if self.profile is None:
            return
        if change(self.profile):
            self.save_error = self.profile.save()
