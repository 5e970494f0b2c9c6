"""What a save file holds, validated by pydantic on the way in and out.

Validation here knows nothing of the story: it checks the file's shape and bounds every size
and number in it (strings, lists, whole numbers), so that nothing read from a save can make
the game slow, crash on a value out of range, show a date that cannot be drawn, or send a
control character (an escape sequence) to the terminal. Two
harmless fields are mended instead of refused: a play time that is not a finite number of
seconds starts again from zero, and a save time without a time zone is taken as UTC, one that
cannot be drawn (year 1, year 9999) is replaced by the file's own date. Each mend is noted in
:attr:`SaveFile.notes` when the reader asks for notes (see :meth:`SaveFile.read`).

Whether the state fits the story (its scene, face, variables, items, history) is checked
when the save is restored: :func:`game.saves.migrate.restore`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)

from game.engine.state import Action, ChangeFace, Choose, GameState
from game.i18n import _
from game.story import keys
from game.story.limits import INT_LIMIT
from game.text import UNSHOWABLE, UNSHOWABLE_IN_LINE

if TYPE_CHECKING:
    from game.story.runtime import Story

FORMAT = 3
"""The save format's version; a newer one is refused with a message. Format 2 added the
state's ``seen`` (who has seen which face); a format 1 save has none, and loading rebuilds
it (:func:`game.saves.migrate.restore`). Format 3 added the summary's ``name`` and ``art``,
which older saves are read without."""

MAX_ID = 200
"""The longest id (scene, face, variable, item, choice, story) a save may hold."""
MAX_TEXT = 10_000
"""The longest string value of a variable, or summary text."""
MAX_NAME = 80
"""The longest name a player may give a save."""
MAX_INT = 2**53
"""The largest whole number (either sign) a save may hold in a variable."""
MAX_COUNT = 10**9
"""The largest turn number or visit count."""
MAX_SEED = 2**64
"""The largest game seed (either sign)."""
MAX_LOG = 2_000
"""The most actions a save's history may hold (the game writes at most 500)."""
MAX_TRAIL = 200
"""The most scenes a save's trail may hold (the game writes at most 50)."""
MAX_ENTRIES = 10_000
"""The most variables, items, visits, choices taken or events a state may hold."""
MAX_PLAY_TIME = 100 * 365 * 24 * 3600.0
"""A play time beyond a century of seconds is not believed."""
EARLIEST = datetime(1970, 1, 2, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
"""Save times outside these are not believed (and could not be drawn in every time zone)."""



def _plain_id(value: str) -> str:
    if UNSHOWABLE_IN_LINE.search(value):
        raise ValueError("an id with control characters")
    return value


def _plain_text(value: str) -> str:
    """Summary text is only shown: control characters (and lone surrogates) become spaces."""
    return UNSHOWABLE_IN_LINE.sub(" ", value)


Id = Annotated[str, StringConstraints(max_length=MAX_ID), AfterValidator(_plain_id)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_plain_text)]
Name = Annotated[str, StringConstraints(max_length=MAX_NAME), AfterValidator(_plain_text)]


class SaveSummary(BaseModel):
    """What the slot list shows without loading the game."""

    model_config = ConfigDict(extra="forbid")
    scene_title: Text
    face: Text
    day: Annotated[int, Field(ge=-MAX_COUNT, le=MAX_COUNT)] | None = None
    name: Name | None = None
    """The name the player gave the save (None: none given; autosaves have none)."""
    art: Id | None = None
    """The drawing of the face worn (a face's ``art``), for the slot list."""


def _note(info: ValidationInfo, message: str) -> None:
    """Record a mend in the reader's notes (when the reader passed a ``notes`` list)."""
    notes = info.context.get("notes") if isinstance(info.context, dict) else None
    if isinstance(notes, list) and message not in notes:
        notes.append(message)


Number = Annotated[int, Field(ge=-INT_LIMIT, le=INT_LIMIT)]
"""The value of an int variable: the engine clamps every one into this range, and a save
holding anything larger is refused."""


class SavedState(BaseModel):
    """A game state as a save holds it: everything by name, so that it outlives changes to
    the story (the engine's :class:`~game.engine.GameState` holds values by position)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scene: str
    face: str
    vars: dict[str, bool | Number | str] = Field(default_factory=dict)
    items: tuple[str, ...] = ()
    visits: dict[str, int] = Field(default_factory=dict)
    taken: tuple[str, ...] = ()
    log: tuple[Action, ...] = ()
    events: tuple[str, ...] = ()
    turn: int = 0
    seed: int = 0
    seen: tuple[str, ...] = ()
    """Who had seen which face, as ``person:face`` marks (:attr:`GameState.seen`); a save
    made before the game kept them has none, and loading rebuilds them (see
    :func:`game.saves.migrate.restore`)."""

    @classmethod
    def of(cls, state: GameState) -> SavedState:
        """The engine's ``state``, by name."""
        return cls.model_construct(scene=state.scene, face=state.face, vars=state.vars,
                                   items=tuple(sorted(state.items)), visits=dict(state.visits),
                                   taken=tuple(sorted(state.taken)), log=state.log,
                                   events=state.events, turn=state.turn, seed=state.seed,
                                   seen=tuple(sorted(state.seen)))


def _check_state(state: SavedState) -> SavedState:
    """``state``, if every size and number in it is within the save's bounds."""

    def ids(values: Iterable[str], where: str) -> None:
        for value in values:
            if len(value) > MAX_ID:
                raise ValueError(f"{where}: an id longer than {MAX_ID} characters")
            if UNSHOWABLE_IN_LINE.search(value):
                raise ValueError(f"{where}: an id with control characters")

    ids((state.scene, state.face), "scene or face")
    for where, size in (("vars", len(state.vars)), ("items", len(state.items)),
                        ("visits", len(state.visits)), ("taken", len(state.taken)),
                        ("events", len(state.events)), ("seen", len(state.seen))):
        if size > MAX_ENTRIES:
            raise ValueError(f"{where}: more than {MAX_ENTRIES} entries")
    if len(state.log) > MAX_LOG:
        raise ValueError(f"log: more than {MAX_LOG} actions")
    ids(state.vars, "vars")
    ids(state.items, "items")
    ids(state.visits, "visits")
    ids(state.taken, "taken")
    ids(state.events, "events")
    ids(state.seen, "seen")
    ids((a.choice if isinstance(a, Choose) else a.face for a in state.log
         if isinstance(a, Choose | ChangeFace)), "log")
    for name, value in state.vars.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and not -MAX_INT <= value <= MAX_INT:
            raise ValueError(f"vars.{name}: a number beyond {MAX_INT}")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise ValueError(f"vars.{name}: text longer than {MAX_TEXT} characters")
        if isinstance(value, str) and UNSHOWABLE.search(value):
            raise ValueError(f"vars.{name}: text with control characters")
    if any(not 0 <= n <= MAX_COUNT for n in state.visits.values()):
        raise ValueError(f"visits: a count below 0 or beyond {MAX_COUNT}")
    if not 0 <= state.turn <= MAX_COUNT:
        raise ValueError(f"turn: below 0 or beyond {MAX_COUNT}")
    if not -MAX_SEED <= state.seed <= MAX_SEED:
        raise ValueError(f"seed: beyond {MAX_SEED}")
    return state


class SaveFile(BaseModel):
    """One save: the story it belongs to, the state by stable ids, and the undo history."""

    model_config = ConfigDict(extra="forbid")

    format: Annotated[int, Field(ge=0, le=MAX_COUNT)] = FORMAT
    story_id: Id
    story_version: Id
    content_hash: Id
    state: SavedState
    """The current state; its ``log`` holds the actions since ``base`` (or the start)."""
    base: SavedState | None = None
    """Where undo stops: the state the log starts from, when the history was trimmed."""
    trail: list[Id] = Field(default_factory=list, max_length=MAX_TRAIL)
    """Scenes entered, most recent last (bounded): the fallback when a scene is removed."""
    play_time: float = 0.0
    """Seconds played."""
    saved_at: datetime
    """When the save was made: always with a time zone, within :data:`EARLIEST` and
    :data:`LATEST`."""
    summary: SaveSummary

    _notes: list[str] = PrivateAttr(default_factory=list)

    @property
    def notes(self) -> list[str]:
        """What was mended when the file was read (in the player's language)."""
        return list(self._notes)

    @classmethod
    def read(cls, data: Any, file_time: datetime | None = None) -> SaveFile:
        """Validate ``data`` read from a file, mending what can be mended and noting it;
        ``file_time`` (the file's own date) stands in for a save time that is not believed.
        Raises :class:`pydantic.ValidationError`."""
        notes: list[str] = []
        save = cls.model_validate(data, context={"notes": notes, "file_time": file_time})
        save._notes = notes
        return save

    @field_validator("state", "base")
    @classmethod
    def _bounded(cls, state: SavedState | None) -> SavedState | None:
        return None if state is None else _check_state(state)

    @field_validator("play_time", mode="before")
    @classmethod
    def _play_time(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value  # refused by the float validator
        try:
            seconds = float(value)
        except OverflowError:
            seconds = math.inf
        if math.isfinite(seconds) and 0 <= seconds <= MAX_PLAY_TIME:
            return seconds
        # TRANSLATORS: a note on loading a save, shown after "Note:" or as a sentence of its
        # own (the game capitalises it): begin in lower case, end without a full stop.
        _note(info, _("the play time in this save was not valid; it starts again from zero"))
        return 0.0

    @field_validator("saved_at", mode="wrap")
    @classmethod
    def _saved_at(cls, value: Any, handler: ValidatorFunctionWrapHandler,
                  info: ValidationInfo) -> datetime:
        try:
            when: datetime = handler(value)
            if when.tzinfo is None or when.utcoffset() is None:
                when = when.replace(tzinfo=UTC)
            when = when.astimezone(UTC)
            if EARLIEST <= when <= LATEST:
                return when
        except (ValidationError, ValueError, OverflowError):
            pass
        fallback = info.context.get("file_time") if isinstance(info.context, dict) else None
        if not isinstance(fallback, datetime):
            raise ValueError("a date that cannot be believed (before 1970 or after 9000)")
        # TRANSLATORS: a note on loading a save, shown after "Note:" or as a sentence of its
        # own (the game capitalises it): begin in lower case, end without a full stop.
        _note(info, _("the date in this save was not valid; the file's own date is used"))
        return min(max(fallback.astimezone(UTC), EARLIEST), LATEST)

    def summary_in(self, story: Story) -> SaveSummary:
        """The summary in ``story``'s language: the file keeps the words of the language it
        was saved in, but a save of this story is described by its ids, in the words the
        player reads now (the written summary when the scene or face is gone)."""
        if self.story_id != story.id:
            return self.summary
        title = story.text(keys.scene_title(self.state.scene))
        face = story.text(keys.face(self.state.face, "label"))
        if not title or not face:
            return self.summary
        update: dict[str, object] = {"scene_title": title, "face": face}
        declared = story.faces.get(self.state.face)
        if declared is not None:
            update["art"] = declared.art
        return self.summary.model_copy(update=update)
