"""A session: one playthrough as every shell drives it.

The plain text mode and the TUI both hold a :class:`Session` and call the same methods:
moves, undo, restart, save and load, a change of language, a reload after an edit. No game
rule lives here: every move, undo, save and load goes through the
:class:`~game.session.playthrough.Playthrough` (and so through :func:`game.engine.act`, with an
autosave at every scene change), everything shown comes from :func:`game.engine.view`. The
session also remembers what the player has read (the history) and tells the profile which
choices and endings were reached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.engine import (
    Action,
    ActionError,
    ChangeFace,
    ChoiceView,
    Choose,
    GameState,
    View,
    view,
)
from game.i18n import _, ngettext
from game.profile import Profile
from game.saves.store import SaveStore, SlotInfo, label
from game.session import faces, facts, history, numbers
from game.session.history import Changes, Entry
from game.session.journal import JournalLine, journal
from game.session.language import in_language
from game.session.playthrough import Playthrough, Reloaded
from game.story import keys
from game.story.runtime import Story


@dataclass(frozen=True)
class Outcome:
    """What one move did, so a shell knows how to redraw."""

    before: View
    after: View
    changes: Changes | None
    """What the move changed in the scene it stayed in (a choice without ``go``, a face
    change in place): the shells show the move's events and these, not the whole scene.
    None: a scene was entered (or an ending reached), to be shown whole."""

    @property
    def in_place(self) -> bool:
        """The move stayed in its scene: show what it changed where the scene stands."""
        return self.changes is not None

    @property
    def gained(self) -> tuple[str, ...]:
        """The names of the items the move gave the hero, in the story's language."""
        had = {item.key for item in self.before.items}
        return tuple(item.text for item in self.after.items if item.key not in had)

    @property
    def lost(self) -> tuple[str, ...]:
        """The names of the items the move took from the hero, in the story's language."""
        has = {item.key for item in self.after.items}
        return tuple(item.text for item in self.before.items if item.key not in has)

    def item_notices(self) -> list[str]:
        """A line for each item gained or lost, for the shells to show after the move."""
        # TRANSLATORS: after a move, an item the hero now carries; {item} is its name as the
        # story has it, standing alone after the colon.
        notices = [_("You now have: {item}").format(item=item) for item in self.gained]
        # TRANSLATORS: after a move, an item the hero no longer carries; {item} is its name.
        notices.extend(_("You no longer have: {item}").format(item=item) for item in self.lost)
        return notices


class Session:
    """A playthrough in a shell: the game (with its saves), the history, the profile."""

    def __init__(self, story: Story, profile: Profile | None = None, seed: int = 0,
                 store: SaveStore | None = None, opening: Sequence[Action] = ()) -> None:
        """With ``opening``, the game starts where those moves lead (``play --at``): they are
        played from the start as the player's own (so undo can take them back, and the
        history tells them), without autosaves and without marking the game unsaved; raises
        :class:`game.engine.ActionError` if one is not possible."""
        self.story = story
        self.profile = profile
        self.game = Playthrough(story, store, seed)
        """The game itself: state, undo, play time, saves and autosaves."""
        self.history: list[Entry] = []
        self.save_error: str | None = None
        """A profile write that failed, for the screen to report once."""
        self._autosave_reported: str | None = None
        self._numbers = numbers.Numbers()
        """The choices' numbers in this visit of the scene (see :mod:`numbers`)."""
        self._earlier_numbers: list[numbers.Numbers] = []
        """The numbers before each move, for undo."""
        if opening:
            self.game.play_opening(opening)
            self._number_afresh()
            self.history = self._replayed_history()
        else:
            self._number_afresh()
            history.read_scene(self.history, self._view)

    @property
    def story_id(self) -> str:
        return facts.story_id(self.story)

    @property
    def state(self) -> GameState:
        return self.game.state

    @property
    def seed(self) -> int:
        return self.game.seed

    @property
    def store(self) -> SaveStore | None:
        """The saves folder (None: saving is off)."""
        return self.game.store

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
            keys.choice(self._view.scene, choice.id) in self.profile.taken(self.story_id)

    def act_title(self, act: int) -> str:
        """The title the story gives act ``act``, in its language ("" if none)."""
        return facts.act_title(self.story, act)

    def autosave_problem(self) -> str | None:
        """A new autosave failure to report (each failure once; None when all is well)."""
        error = self.game.autosave_error
        if error == self._autosave_reported:
            return None
        self._autosave_reported = error
        return error

    def journal(self) -> list[JournalLine]:
        """The playthrough retold in the hero's voice: scene headings, moves, the ending."""
        return journal(self.story, self.game.state)

    # -- moves

    def choose(self, choice_id: str) -> Outcome:
        """Take a choice; raises :class:`game.engine.ActionError` if it is not possible."""
        return self.act(Choose(choice=choice_id))

    def change_face(self, face: str) -> Outcome:
        """Change face; raises :class:`game.engine.ActionError` if it is not possible."""
        return self.act(ChangeFace(face=face))

    def mask_on(self) -> str | faces.Refused:
        """The face ``mask`` changes to, or why there is none."""
        return faces.mask_on(self.story)

    def mask_off(self) -> str | faces.Refused:
        """The face ``unmask`` changes to here, or why there is none."""
        return faces.mask_off(self.story, self._view)

    def mask_toggle(self) -> str | faces.Refused:
        """The face the mask key changes to here (off if worn, else on), or why there is none."""
        return faces.mask_toggle(self.story, self._view)

    def face_named(self, name: str) -> str | None:
        """The face the player means by a typed ``name`` (see :func:`faces.face_named`)."""
        return faces.face_named(self.story, name)

    def undo(self, steps: int = 1) -> View | None:
        """Take back the last ``steps`` moves (as many as there are); None if there is nothing
        to take back. The moves taken back can be redone (:meth:`redo`)."""
        if not self.game.can_undo() or steps < 1:
            return None
        before = self.game.state.moved
        self.game.undo(steps)
        gone = before - self.game.state.moved
        earlier: numbers.Numbers | None = None
        for _step in range(gone):  # the numbers shown before each move taken back
            earlier = self._earlier_numbers.pop() if self._earlier_numbers else None
        if earlier is not None:
            self._view, self._numbers = numbers.keep(earlier, view(self.story, self.game.state))
        else:
            self._number_afresh()
        history.taken_back(self.history, self.game.state.moved)
        # TRANSLATORS: a note in the history after the player undoes one move or more.
        note = _("You take it back.") if gone == 1 else ngettext(
            "You take back {n} move.", "You take back {n} moves.", gone).format(n=gone)
        self.history.append(Entry("note", note))
        history.read_scene(self.history, self._view)
        return self._view

    def back_to(self, entry: Entry) -> View | None:
        """Go back to just before the move ``entry`` of the history (undoing it and every move
        after it); None if it is not a move on the game's path."""
        if entry.kind != "move" or entry.at is None or entry.at >= self.game.state.moved:
            return None
        return self.undo(self.game.state.moved - entry.at)

    @property
    def can_redo(self) -> bool:
        """Whether there is a move taken back to take again."""
        return self.game.can_redo()

    def redo(self) -> Outcome | None:
        """Take again the last move taken back; None if there is none. Raises
        :class:`game.engine.ActionError` if it is no longer possible."""
        if not self.game.can_redo():
            return None
        kept = len(self.history)
        # TRANSLATORS: a note in the history before a move the player redoes.
        self.history.append(Entry("note", _("You take it again.")))
        try:
            return self.act(self.game.undone[0])
        except ActionError:
            del self.history[kept:]
            raise

    def restart(self) -> View:
        """A new game from the start (the saves stay)."""
        self.game.restart()
        self._number_afresh()
        self.history = []
        history.read_scene(self.history, self._view)
        return self._view

    def act(self, action: Action) -> Outcome:
        """Take ``action``; raises :class:`game.engine.ActionError` if it is not possible."""
        before, prev = self._view, self.game.state
        state = self.game.act(action)
        after = view(self.story, state)
        self._earlier_numbers.append(self._numbers)
        offered = frozenset(self._numbers.given)
        if history.stays(prev, state, after):
            after, self._numbers = numbers.keep(self._numbers, after)
        else:
            after, self._numbers = numbers.fresh(after)
        self._view = after
        if isinstance(action, Choose):
            taken = keys.choice(before.scene, action.choice)
            self._remember(lambda p: p.add_taken(self.story_id, taken))
        changed = history.read_move(self.history, action, before, prev, after, state, offered)
        if after.ending is not None:
            ending = after.ending
            page = [line.key for line in after.paragraphs]
            self._remember(lambda p: p.add_ending(self.story_id, ending.key, ending.text)
                           | p.set_ending_page(self.story_id, ending.key, page))
        return Outcome(before, after, changed)

    # -- saves

    def save(self, slot: str, name: str | None = None) -> SlotInfo:
        """Save to ``slot``, named ``name`` if given; raises :class:`game.saves.SaveError`."""
        return self.game.save(slot, name)

    def newest_slot(self) -> str | None:
        """The slot of this story's most recent readable save not at an ending (None: none,
        or saving off)."""
        return newest_slot(self.game.store, self.story)

    def load(self, slot: str) -> list[str]:
        """Load ``slot``; returns the story-change warnings. Raises :class:`SaveError`.

        The history is rebuilt by replaying the save's moves through the engine, so what was
        read before the save can still be read after the load.
        """
        warnings = self.game.load(slot)
        self._number_afresh()
        self.history = self._replayed_history()
        # TRANSLATORS: a note in the history; {slot} is a slot's name ("slot 3", "quicksave").
        self.history.append(Entry("note", _("Loaded from {slot}.").format(slot=label(slot))))
        return warnings

    # -- another language, another version of the story

    def switch_language(self, code: str) -> None:
        """Go on in language ``code`` (the interface and the story): the game is untouched,
        the view and the history are told again in the new language."""
        story = in_language(self.story, code)
        self.game.switch_language(story)
        self.story = story
        self._view, self._numbers = numbers.keep(self._numbers, view(story, self.game.state))
        self.history = self._replayed_history()

    def reload(self, story: Story) -> Reloaded:
        """Switch to an edited ``story`` (``play --watch``) and replay the player's moves on it,
        as far as they still fit; the history is rebuilt from the replay, as after a load.

        If anything fails on the way, the session is left as it was and the error raised.
        """
        game = self.game
        kept = (game.story, game.state, game.base, game.trail, game.undone, self.story,
                self._view, self.history, self._numbers, self._earlier_numbers)
        try:
            result = game.reload(story)
            self.story = story
            self._view, self._numbers = numbers.keep(self._numbers, view(story, game.state))
            self._earlier_numbers = []
            self.history = self._replayed_history()
        except Exception:
            (game.story, game.state, game.base, game.trail, game.undone, self.story,
             self._view, self.history, self._numbers, self._earlier_numbers) = kept
            raise
        # TRANSLATORS: a note in the history after the story's files were edited (play --watch).
        note = ngettext("The story was reloaded: {replayed} of {total} move replayed.",
                        "The story was reloaded: {replayed} of {total} moves replayed.",
                        result.total).format(replayed=result.replayed, total=result.total)
        self.history.append(Entry("note", note))
        return result

    def _number_afresh(self) -> None:
        """Show the game's state as a scene just entered (numbered afresh, no undo of it)."""
        self._view, self._numbers = numbers.fresh(view(self.story, self.game.state))
        self._earlier_numbers = []

    def _replayed_history(self) -> list[Entry]:
        game = self.game
        return history.replayed(self.story, game.state, game.base, game.seed)

    # -- bookkeeping

    def _remember(self, change: Callable[[Profile], bool]) -> None:
        if self.profile is None:
            return
        if change(self.profile):
            self.save_error = self.profile.save()


def newest_slot(store: SaveStore | None, story: Story) -> str | None:
    """The slot of ``story``'s most recent readable save in ``store`` that is not at an
    ending (what Continue resumes; None: there is none)."""
    if store is None:
        return None
    story_id = facts.story_id(story)
    playing = [info for info in store.slots() if info.save is not None
               and info.save.story_id == story_id
               and not facts.is_ending(story, info.save.state.scene)]
    newest = max(playing, key=lambda info: info.save.saved_at,  # type: ignore[union-attr]
                 default=None)
    return newest.slot if newest is not None else None
