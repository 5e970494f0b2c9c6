"""One playthrough as the TUI holds it: a :class:`~game.playthrough.Playthrough`, what was
read, and the profile.

No game rule lives here: every move, undo, save and load goes through the playthrough (and so
through :func:`game.engine.act`, with an autosave at every scene change), everything shown
comes from :func:`game.engine.view`. The session only remembers what the player has read (the
history) and tells the profile which choices and endings were reached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from game.engine import (
    Action,
    ActionError,
    ChangeFace,
    ChoiceView,
    Choose,
    GameState,
    View,
    act,
    new_game,
    view,
)
from game.i18n import _, ngettext
from game.playthrough import Playthrough, Reloaded
from game.profile import Profile
from game.saves.store import SaveStore, SlotInfo, label
from game.story.runtime import Story

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
    """A playthrough on screen: the game (with its saves), the history, the profile."""

    def __init__(self, story: Story, profile: Profile | None = None, seed: int = 0,
                 store: SaveStore | None = None) -> None:
        self.story = story
        self.profile = profile
        self.game = Playthrough(story, store, seed)
        """The game itself: state, undo, play time, saves and autosaves."""
        self.history: list[Entry] = []
        self._view = view(story, self.game.state)
        self.save_error: str | None = None
        """A profile write that failed, for the screen to report once."""
        self._autosave_reported: str | None = None
        self._read_scene(self._view)

    @property
    def story_id(self) -> str:
        return self.story.id

    @property
    def state(self) -> GameState:
        return self.game.state

    @property
    def seed(self) -> int:
        return self.game.seed

    @property
    def view(self) -> View:
        """What the player sees now."""
        return self._view

    @property
    def unsaved(self) -> bool:
        """Progress since the last save or load that quitting would lose (none at an ending)."""
        return self.game.dirty and not self._view.is_ending

    def taken_before(self, choice: ChoiceView) -> bool:
        """Taken in this playthrough, or in an earlier one (from the profile)."""
        if choice.taken:
            return True
        return self.profile is not None and \
            f"{self._view.scene}.{choice.id}" in self.profile.taken(self.story_id)

    def autosave_problem(self) -> str | None:
        """A new autosave failure to report (each failure once; None when all is well)."""
        error = self.game.autosave_error
        if error == self._autosave_reported:
            return None
        self._autosave_reported = error
        return error

    # -- moves

    def choose(self, choice_id: str) -> Outcome:
        """Take a choice; raises :class:`game.engine.ActionError` if it is not possible."""
        return self._do(Choose(choice=choice_id))

    def change_face(self, face: str) -> Outcome:
        """Change face; raises :class:`game.engine.ActionError` if it is not possible."""
        return self._do(ChangeFace(face=face))

    def undo(self) -> View | None:
        """Take back the last move; None if there is nothing to take back."""
        if not self.game.can_undo():
            return None
        self.game.undo()
        self._view = view(self.story, self.game.state)
        # TRANSLATORS: a note in the history after the player undoes a move.
        self.history.append(Entry("note", _("You take it back.")))
        self._read_scene(self._view)
        return self._view

    def _do(self, action: Action) -> Outcome:
        before, prev = self._view, self.game.state
        state = self.game.act(action)
        after = self._view = view(self.story, state)
        if isinstance(action, Choose):
            taken = f"{before.scene}.{action.choice}"
            self._remember(lambda p: p.add_taken(self.story_id, taken))
        in_place = self._read_move(action, before, prev, after, state)
        if after.ending is not None:
            ending = after.ending
            self._remember(lambda p: p.add_ending(self.story_id, ending.key, ending.text))
        return Outcome(before, after, in_place)

    # -- saves

    def save(self, slot: str) -> SlotInfo:
        """Save to ``slot``; raises :class:`game.saves.SaveError`."""
        return self.game.save(slot)

    def load(self, slot: str) -> list[str]:
        """Load ``slot``; returns the story-change warnings. Raises :class:`SaveError`.

        The history is rebuilt by replaying the save's moves through the engine, so what was
        read before the save can still be read after the load.
        """
        warnings = self.game.load(slot)
        self._view = view(self.story, self.game.state)
        self.history = self._replayed_history()
        # TRANSLATORS: a note in the history; {slot} is a slot's name ("slot 3", "quicksave").
        self.history.append(Entry("note", _("Loaded from {slot}.").format(slot=label(slot))))
        return warnings

    def switch_language(self, story: Story) -> None:
        """Go on in ``story``, the same story in another language: the game is untouched,
        the view and the history are told again in the new language."""
        self.game.switch_language(story)
        self.story = story
        self._view = view(story, self.game.state)
        self.history = self._replayed_history()

    def reload(self, story: Story) -> Reloaded:
        """Switch to an edited ``story`` (``play --watch``) and replay the player's moves on it,
        as far as they still fit; the history is rebuilt from the replay, as after a load.

        If anything fails on the way, the session is left as it was and the error raised.
        """
        game = self.game
        kept = (game.story, game.state, game.base, game.trail, self.story, self._view,
                self.history)
        try:
            result = game.reload(story)
            self.story = story
            self._view = view(story, game.state)
            self.history = self._replayed_history()
        except Exception:
            (game.story, game.state, game.base, game.trail, self.story, self._view,
             self.history) = kept
            raise
        # TRANSLATORS: a note in the history after the story's files were edited (play --watch).
        note = ngettext("The story was reloaded: {replayed} of {total} move replayed.",
                        "The story was reloaded: {replayed} of {total} moves replayed.",
                        result.total).format(replayed=result.replayed, total=result.total)
        self.history.append(Entry("note", note))
        return result

    def _replayed_history(self) -> list[Entry]:
        game = self.game
        keep, self.history = self.history, []
        try:
            current = game.base if game.base is not None else new_game(self.story, game.seed)
            shown = view(self.story, current)
            if game.base is not None:
                self.history.append(Entry("note",
                                          _("(Earlier pages were not kept in the save.)")))
            self._read_scene(shown)
            for action in game.state.log:
                after = act(self.story, current, action)
                after_view = view(self.story, after)
                self._read_move(action, shown, current, after_view, after)
                current, shown = after, after_view
        except ActionError:  # pragma: no cover - restore() already checked the replay
            self.history = []
            self._read_scene(self._view)
        history, self.history = self.history, keep
        return history

    # -- bookkeeping

    def _read_move(self, action: Action, before: View, prev: GameState, after: View,
                   state: GameState) -> bool:
        """Add what a move told to the history; True if it changed the scene in place."""
        in_place = isinstance(action, ChangeFace) and state.scene == prev.scene \
            and state.visits == prev.visits
        if in_place:
            self._read_events(after)
            old = {p.id: p.reaction for p in before.people}
            for person in after.people:
                if person.reaction is not None and old.get(person.id) != person.reaction:
                    self.history.append(Entry("person", person.reaction.text, person.name))
        else:
            self._read_scene(after)
        return in_place

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
