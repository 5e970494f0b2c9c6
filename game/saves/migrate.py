"""Check a save against the story and bring it up to date with the story as it is.

New variables take their defaults, removed ones are dropped, values that no longer fit are
reset or clamped, renamed scenes and variables follow the story's ``migrations``, and a scene
that no longer exists falls back to the most recent scene of the save's trail that does.
Each change that the player could notice comes back as a warning, in the player's language.

The same checks apply to a save that claims the story's own content hash: a save is never
trusted for what it says it was made with. Its scene, face, variables (declared, of the right
type, within bounds), items, visits and choices taken must be the story's, and its history
must replay to its state, or the history is dropped (undo then starts at the load). A restored
state is always one the engine can show and act on; :class:`SaveMismatch` otherwise.

Who has seen which face (``seen``, what ``saw()`` reads) is kept as the save holds it, less
the marks of people or faces the story no longer has. A save made before the game kept
these marks has no ``seen``: its marks are rebuilt by replaying its history, when the
history replays (from its base, when it has one: what was seen before the base is not
known); otherwise they start empty, as if no one had seen the hero yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.engine import ActionError, GameState, replay, view
from game.engine.state import Moves
from game.i18n import _
from game.saves.model import FORMAT, SavedState, SaveFile
from game.story import keys
from game.story.expr import Value
from game.story.runtime import Story, Variable


class SaveMismatch(Exception):
    """The save cannot be used with this story at all (the message is in the player's
    language)."""


@dataclass
class Restored:
    """A save made ready for the story: the state, where undo stops, and what changed."""

    state: GameState
    base: GameState | None
    trail: list[str]
    play_time: float
    warnings: list[str] = field(default_factory=list)


def restore(story: Story, save: SaveFile) -> Restored:
    """The save's state, checked against ``story`` and adapted to it; raises
    :class:`SaveMismatch` for another story, or for a save the game cannot use at all.

    Every save is checked, whatever story it says it was made with: a save that carries the
    story's own content hash but does not fit it (altered or damaged by hand) is mended like
    one of an older version, with a warning, and its history is kept only if it replays to
    its state.
    """
    if save.story_id != story.id:
        # TRANSLATORS: shown after a slot's name ("slot 3: this save belongs to ...");
        # {story} is the other story's id.
        raise SaveMismatch(_("this save belongs to another story ('{story}')").format(
            story=save.story_id))
    if save.format > FORMAT:
        raise SaveMismatch(_("this save was made by a newer version of the game"))
    same = save.content_hash == story.content_hash
    warnings: list[str] = list(save.notes)
    renames = story.migrations
    trail = [renames.scenes.get(s, s) for s in save.trail]
    trail = [s for s in trail if s in story.scenes]
    state = _adapt(story, save.state, trail, warnings)
    base = _adapt(story, save.base, trail, []) if save.base is not None else None
    if same and (_facts(state) != _facts(save.state)
                 or (base is not None and save.base is not None
                     and _facts(base) != _facts(save.base))):
        # TRANSLATORS: a note on loading a save, shown after "Note:" or as a sentence of its
        # own (the game capitalises it): begin in lower case, end without a full stop.
        warnings.append(_("parts of this save did not fit the story and were reset"))
    try:
        replayed = replay(story, state.seed, state.log, base)
        kept = _facts(replayed, strict=same) == _facts(state, strict=same)
    except (ActionError, KeyError, TypeError, ValueError, AssertionError, RecursionError):
        kept = False
    if "seen" not in save.state.model_fields_set and kept:
        state = state._replace(seen=replayed.seen)  # an older save: rebuilt from its history
    if not kept and state.log:
        if same:
            # TRANSLATORS: a note on loading a save, shown after "Note:" or as a sentence of
            # its own: begin in lower case, end without a full stop.
            warnings.append(_("the history in this save does not lead to where it was made; "
                              "undo starts from here"))
        else:
            # TRANSLATORS: a note on loading a save, shown after "Note:" or as a sentence of
            # its own (the game capitalises it): begin in lower case, end without a full stop.
            warnings.append(_("the story has changed too much to undo past this point"))
        state = state.with_log(())
        base = state
    elif not state.log and base is not None and _facts(base, strict=True) \
            != _facts(state, strict=True):
        base = state
    try:
        view(story, state)
        if base is not None:
            view(story, base)
    except Exception as err:  # noqa: BLE001 - any failure means the save cannot be shown
        # TRANSLATORS: shown after a slot's name ("slot 3: ..."): a save that the game cannot
        # show even after mending it.
        raise SaveMismatch(_("this save does not fit the story and cannot be used")) from err
    return Restored(state, base, trail, save.play_time, warnings)


def _facts(state: GameState | SavedState, strict: bool = True) -> tuple[object, ...]:
    """What a state must agree on with its replayed history (all of it when ``strict``; the
    scene, variables and items for a save of an older version of the story)."""
    items = tuple(sorted(state.items))
    if not strict:
        return state.scene, state.vars, items
    return (state.scene, state.face, state.vars, items, dict(state.visits),
            tuple(sorted(state.taken)), state.turn, state.seed)


def _adapt(story: Story, state: SavedState, trail: list[str],
           warnings: list[str]) -> GameState:
    renames = story.migrations
    scene = renames.scenes.get(state.scene, state.scene)
    if scene not in story.scenes:
        fallback = next((s for s in reversed(trail) if s != scene), story.start)
        # TRANSLATORS: a note on loading a save, shown after "Note:" or as a sentence of its
        # own: begin in lower case, end without a full stop. {scene} is the missing scene's
        # id; {title} is the title of the scene the player is taken back to.
        warnings.append(_("the scene '{scene}' is no longer in the story; you are back at "
                          "'{title}'").format(scene=state.scene,
                                              title=story.text(keys.scene_title(fallback))))
        scene = fallback
    face = state.face if state.face in story.faces else story.start_face
    old = {renames.variables.get(k, k): v for k, v in state.vars.items()}
    values = tuple(_fit(decl, old[name]) if name in old else decl.default
                   for name, decl in story.variables.items())
    visits = {renames.scenes.get(k, k): n for k, n in state.visits.items()}
    taken = frozenset(t for t in (_rename_choice(t, renames.scenes) for t in state.taken)
                      if _choice_exists(story, t))
    return GameState(scene=scene, face=face, values=values,
                     items=frozenset(i for i in state.items if i in story.items),
                     visits={k: n for k, n in visits.items() if k in story.scenes},
                     taken=taken, moves=Moves.of(state.log),
                     events=tuple(k for k in state.events if story.text(k)),
                     turn=state.turn, seed=state.seed, names=story.names,
                     seen=frozenset(m for m in state.seen if _sight_exists(story, m)))


def _fit(decl: Variable, value: object) -> Value:
    """The old value if it still fits the declaration, else clamped or the default."""
    if decl.type == "bool":
        return value if isinstance(value, bool) else decl.default
    if decl.type == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return decl.default
        if decl.low is not None:
            value = max(decl.low, value)
        if decl.high is not None:
            value = min(decl.high, value)
        return value
    if decl.type == "enum":
        return value if isinstance(value, str) and value in decl.values else decl.default
    return value if isinstance(value, str) else decl.default


def _sight_exists(story: Story, mark: str) -> bool:
    """Whether a ``person:face`` mark names a person and a face of the story."""
    person, _colon, face = mark.partition(":")
    return person in story.people and face in story.faces


def _rename_choice(taken: str, scenes: Mapping[str, str]) -> str:
    scene, _dot, choice = taken.partition(".")
    return keys.choice(scenes.get(scene, scene), choice)


def _choice_exists(story: Story, taken: str) -> bool:
    """Whether ``scene.choice`` (or a face rule's ``scene.faceN``) is in the story."""
    scene, _dot, choice = taken.partition(".")
    if scene not in story.scenes:
        return False
    found = story.scenes[scene]
    return choice in found.by_id or any(r.key == taken for r in found.rules)
