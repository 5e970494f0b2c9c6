"""A playthrough: the engine's state, undo, play time, autosaves, save and load.

A :class:`~game.session.Session` keeps its game in a :class:`Playthrough`: moves go through
:func:`game.engine.act`, undo through :func:`game.engine.undo`, and every scene change is
autosaved (the last three kept). No game rule lives here.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from game.engine import Action, ActionError, GameState, act, new_game, undo, view
from game.i18n import _
from game.saves.migrate import SaveMismatch, restore
from game.saves.model import MAX_NAME, SavedState, SaveFile, SaveSummary
from game.saves.store import SaveError, SaveStore, SlotInfo
from game.session import facts
from game.story.runtime import Story

MAX_UNDO = 500
"""How many actions of undo history a save keeps."""
MAX_TRAIL = 50
"""How many recent scenes a save remembers, to fall back on if a scene is removed."""


@dataclass(frozen=True)
class Reloaded:
    """How a reload went: how many of the player's moves still fit the new story."""

    replayed: int
    total: int
    stopped: str = ""
    """Why the replay stopped early (the move that no longer fits), or "" (in the player's
    language)."""


class Playthrough:
    """One game in progress, with its saves folder (``store`` may be None: no saving)."""

    def __init__(self, story: Story, store: SaveStore | None = None, seed: int = 0,
                 autosave: bool = True) -> None:
        self.story = story
        self.store = store
        self.seed = seed
        self.autosave_enabled = autosave and store is not None
        self.autosave_error: str | None = None
        if store is not None and store.folder.is_dir():
            store.clean_temp()
        self.restart()

    # -- the game

    def restart(self) -> None:
        """A new game from the start."""
        self.state: GameState = new_game(self.story, self.seed)
        self.base: GameState | None = None
        self.trail: list[str] = [self.state.scene]
        self.played_before = 0.0
        self.started = time.monotonic()
        self.dirty = False
        """Progress since the last save or load."""
        self.undone: tuple[Action, ...] = ()
        """The moves undo took back, the next to redo first (a new move clears them)."""

    def act(self, action: Action) -> GameState:
        """Take an action (raises :class:`game.engine.ActionError`); autosaves on a new scene.

        The same move as the next one to redo keeps the rest to redo; another clears them."""
        before = self.state.scene
        self.state = act(self.story, self.state, action)
        self.undone = self.undone[1:] if self.undone[:1] == (action,) else ()
        self.dirty = True
        if self.state.scene != before:
            self.trail = [*self.trail, self.state.scene][-MAX_TRAIL:]
            if self.autosave_enabled:
                self.autosave()
        return self.state

    def play_opening(self, moves: Sequence[Action]) -> GameState:
        """Play ``moves`` from here to the point a game starts at (``play --at``): as moves
        of the game (undo takes them back) but without autosaves, and the game is not dirty
        after them. Raises :class:`game.engine.ActionError` if one is not possible."""
        state = self.state
        for action in moves:
            state = act(self.story, state, action)
            if state.scene != self.trail[-1]:
                self.trail = [*self.trail, state.scene][-MAX_TRAIL:]
        self.state = state
        return state

    def can_undo(self) -> bool:
        return bool(self.state.log)

    def can_redo(self) -> bool:
        return bool(self.undone)

    def undo(self, steps: int = 1) -> GameState:
        """Step back (at most to the start, or to where the saved history begins); the moves
        taken back can be redone."""
        log = self.state.log
        self.state = undo(self.story, self.state, steps, self.base)
        self.undone = (*log[self.state.moved:], *self.undone)
        if self.trail and self.trail[-1] != self.state.scene:
            self.trail = [*self.trail, self.state.scene][-MAX_TRAIL:]
        self.dirty = True
        return self.state

    def switch_language(self, story: Story) -> None:
        """Go on in ``story``: the same story in another language
        (:func:`game.story.i18n.translated`). The state, the undo history, the play time and
        the saves are untouched: they hold ids, never text."""
        if facts.content_hash(story) != facts.content_hash(self.story):
            raise ValueError("switch_language takes the same story in another language")
        self.story = story

    def reload(self, story: Story) -> Reloaded:
        """Switch to an edited ``story`` and replay the player's moves on it, as far as they
        still fit (the state stops at the last move that does)."""
        moves = self.state.log
        base = self.base if self.base is not None and self.base.scene in story.scenes else None
        state = base if base is not None else new_game(story, self.seed)
        if base is None and self.base is not None:
            moves = ()  # the history began at a point the edited story no longer has
        done = 0
        stopped = ""
        for action in moves:
            try:
                state = act(story, state, action)
            except (ActionError, KeyError) as err:
                # TRANSLATORS: why replaying the player's moves on an edited story stopped,
                # shown as "(stopped: a move no longer fits)".
                said = err.say(_) if isinstance(err, ActionError) else str(err).strip("'")
                stopped = said or _("a move no longer fits")
                break
            done += 1
        self.story = story
        self.state = state
        self.base = base
        self.undone = ()
        self.trail = [self.trail[0] if self.trail else state.scene]
        if state.scene != self.trail[-1]:
            self.trail.append(state.scene)
        return Reloaded(done, len(moves), stopped)

    @property
    def play_time(self) -> float:
        """Seconds played in this game, across saves and loads."""
        return self.played_before + (time.monotonic() - self.started)

    # -- saving

    def snapshot(self, name: str | None = None) -> SaveFile:
        """The game as a save file (the undo history trimmed to :data:`MAX_UNDO`), named
        ``name`` if the player gave one."""
        state, base = self.state, self.base
        if len(state.log) > MAX_UNDO:
            cut = len(state.log) - MAX_UNDO
            base = undo(self.story, state, MAX_UNDO, base).with_log(())
            state = state.with_log(state.log[cut:])
        v = view(self.story, state)
        day = next((int(s.value) for s in v.status
                    if s.id.endswith("day") and isinstance(s.value, int)), None)
        return SaveFile(story_id=facts.story_id(self.story),
                        story_version=facts.story_version(self.story),
                        content_hash=facts.content_hash(self.story),
                        state=SavedState.of(state),
                        base=None if base is None else SavedState.of(base),
                        trail=self.trail[-MAX_TRAIL:], play_time=round(self.play_time, 1),
                        saved_at=datetime.now(UTC),
                        summary=SaveSummary(scene_title=v.title.text, face=v.face.label, day=day,
                                            name=(name or "").strip()[:MAX_NAME] or None,
                                            art=v.face.art))

    def _store(self) -> SaveStore:
        if self.store is None:
            raise SaveError("-", _("saving is off in this game"))
        return self.store

    def save(self, slot: str, name: str | None = None) -> SlotInfo:
        """Save to ``slot`` (named ``name``, if given); raises :class:`SaveError`."""
        store = self._store()
        save = self.snapshot(name)
        path = store.write(slot, save)
        self.dirty = False
        return SlotInfo(slot, path, save, None)

    def autosave(self) -> None:
        """Write the next autosave; a failure is remembered, never raised."""
        store = self._store()
        try:
            store.write(store.next_autosave(), self.snapshot())
            self.autosave_error = None
        except SaveError as err:
            self.autosave_error = str(err)

    def load(self, slot: str) -> list[str]:
        """Load ``slot``; returns warnings about story changes. Raises :class:`SaveError`."""
        store = self._store()
        save = store.read(slot)
        try:
            restored = restore(self.story, save)
        except SaveMismatch as err:
            raise SaveError(slot, str(err)) from None
        self.state, self.base = restored.state, restored.base
        self.trail = restored.trail or [self.state.scene]
        self.played_before = restored.play_time
        self.started = time.monotonic()
        self.seed = self.state.seed
        self.dirty = False
        self.undone = ()
        return restored.warnings
