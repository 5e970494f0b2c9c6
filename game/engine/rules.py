"""The rules: start a game, list what can be done, take an action, undo, replay.

Pure functions over the runtime story (:mod:`game.story.runtime`), no I/O. Conditions run on
the state itself; effects run on a scratch copy (:class:`~game.story.expr.Env`) that the
step then freezes into the next state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from game.engine.state import Action, ChangeFace, Choose, GameState, Moves
from game.i18n import N_
from game.story import keys
from game.story.expr import Compiled, Env, sight
from game.story.runtime import Choice, FaceRule, Scene, Story


class ActionError(Exception):
    """An action that is not possible in this state; the message says why, for the player.

    The engine speaks English (or the story's own words, already in the story's language);
    a shell shows :meth:`say` with its translation function.
    """

    def __init__(self, message: str, **params: str) -> None:
        self.template = message
        """The message before its ``{placeholders}`` are filled in."""
        self.params = params
        """The values of the placeholders."""
        super().__init__(message.format(**params) if params else message)

    def say(self, translate: Callable[[str], str] = str) -> str:
        """The message, translated by ``translate`` (e.g. :func:`game.i18n._`)."""
        text = translate(self.template)
        return text.format(**self.params) if self.params else text


@dataclass(frozen=True, slots=True)
class Step:
    """What one action did: the next state, the face rule that applied, the scene entered."""

    state: GameState
    rule: FaceRule | None
    """The face rule that applied (a face change only), if any."""
    entered: str | None
    """The scene entered (a choice or face rule with ``go``), if any."""


BLOCKED = "-"
"""What :func:`face_block` says of a face that is not possible here at all."""


def holds(cond: Compiled | None, state: GameState | Env) -> bool:
    """Whether an optional condition holds (no condition always holds)."""
    return cond is None or bool(cond.run(state))


def new_game(story: Story, seed: int = 0) -> GameState:
    """The state at the start of the story."""
    env = Env(face=story.start_face, values=[v.default for v in story.variables.values()],
              items=set(), visits={}, taken=frozenset(), seed=seed, turn=0, names=story.names)
    events = _enter(story, story.scenes[story.start], env, ())
    return _freeze(env, story.start, frozenset(), None, events, 0, seed)


def sights(story: Story, state: GameState, face: str | None = None,
           seen: frozenset[str] | None = None) -> frozenset[str]:
    """What the people have seen once ``state`` has been shown: its marks (``state.seen``,
    or ``seen``) with the sight of each person present in it (their presence condition
    holding) of its face (or of ``face``). The next state holds these (see
    :attr:`GameState.seen`)."""
    seen = state.seen if seen is None else seen
    face = state.face if face is None else face
    new: list[str] | None = None
    for presence in story.scenes[state.scene].people:
        if presence.cond is None or presence.cond.run(state):
            mark = _mark(presence.id, face)
            if mark not in seen:
                new = [mark] if new is None else [*new, mark]
    return seen if new is None else seen.union(new)


def _seen_leaving(story: Story, state: GameState, face: str,
                  seen: frozenset[str]) -> frozenset[str]:
    """``seen`` with the sight, by each person present in ``state``, of ``face``: the face the
    hero leaves the scene with when a step both changes the face and moves on (a face rule
    with ``go``, a choice whose effects set the face): the change happens in front of them."""
    return seen if face == state.face else sights(story, state, face, seen)


@lru_cache(maxsize=4096)
def _mark(person: str, face: str) -> str:
    return sight(person, face)


def visible_choices(story: Story, state: GameState) -> list[Choice]:
    """The choices the player can see in the current scene, enabled or not."""
    taken = state.taken
    return [c for c in story.scenes[state.scene].choices
            if (c.cond is None or c.cond.run(state)) and not (c.once and c.key in taken)]


def face_block(story: Story, state: GameState, face: str) -> str:
    """Why the hero cannot change to ``face`` now: "" when he can, :data:`BLOCKED` when the
    face is not possible here at all, else the key of the face's reason (its condition does
    not hold)."""
    scene = story.scenes[state.scene]
    if scene.ending or face == state.face or face not in scene.allowed:
        return BLOCKED
    decl = story.faces[face]
    if decl.requires is not None and not decl.requires.run(state):
        return decl.reason or keys.face(face, "reason")
    return ""


def actions(story: Story, state: GameState) -> list[Action]:
    """Everything the player can do in ``state``: the enabled choices, then the face changes
    possible (the same as the enabled choices and faces of :func:`game.engine.view`, without
    resolving any text). Empty at an ending."""
    scene = story.scenes[state.scene]
    if scene.ending:
        return []
    taken = state.taken
    out: list[Action] = [_choose_action(c.id) for c in scene.choices
                         if (c.cond is None or c.cond.run(state))
                         and not (c.once and c.key in taken)
                         and (c.requires is None or c.requires.run(state))]
    faces = story.faces
    for fid in scene.allowed:
        if fid != state.face:
            requires = faces[fid].requires
            if requires is None or requires.run(state):
                out.append(_face_action(fid))
    return out


@lru_cache(maxsize=4096)
def _choose_action(choice: str) -> Choose:
    """The action of taking ``choice`` (actions are immutable: one of each is enough)."""
    return Choose(choice)


@lru_cache(maxsize=256)
def _face_action(face: str) -> ChangeFace:
    """The action of changing to ``face``."""
    return ChangeFace(face)


def act(story: Story, state: GameState, action: Action) -> GameState:
    """The state after the player takes ``action``; raises :class:`ActionError` if impossible."""
    scene = story.scenes[state.scene]
    if scene.ending:
        raise ActionError(N_("The story has ended here."))
    if type(action) is Choose:
        return _choose(story, state, scene, action)
    return step(story, state, action).state


def step(story: Story, state: GameState, action: Action) -> Step:
    """Take ``action``: the next state and what happened on the way (see :class:`Step`);
    raises :class:`ActionError` if the action is not possible."""
    scene = story.scenes[state.scene]
    if scene.ending:
        raise ActionError(N_("The story has ended here."))
    if isinstance(action, Choose):
        after = _choose(story, state, scene, action)
        go = scene.by_id[action.choice].go
        return Step(after, None, go)
    if isinstance(action, ChangeFace):
        after, rule = _change_face(story, state, scene, action)
        return Step(after, rule, rule.go if rule is not None else None)
    raise ActionError(N_("Unknown action."))  # pragma: no cover - the Action union is closed


def _choose(story: Story, state: GameState, scene: Scene, action: Choose) -> GameState:
    choice = scene.by_id.get(action.choice)
    taken = state.taken
    if choice is None or (choice.cond is not None and not choice.cond.run(state)) \
            or (choice.once and choice.key in taken):
        raise ActionError(N_("There is no choice '{choice}' here."), choice=action.choice)
    if choice.requires is not None and not choice.requires.run(state):
        raise ActionError(story.text(choice.why(state)) or N_("That is not possible now."))
    events: tuple[str, ...] = (choice.text,) if choice.text else ()
    if choice.key not in taken:
        taken = taken | {choice.key}
    target = choice.go
    seen = sights(story, state)
    if not choice.effects:
        if target is None:
            return _moved(state, state.scene, state.face, taken, events, action, seen)
        scene = story.scenes[target]
        if not scene.effects and state.face in scene.allowed:
            # Only the scene and its visit count change: no scratch copy needed.
            visits = dict(state.visits)
            visits[target] = visits.get(target, 0) + 1
            return GameState(target, state.face, state.values, state.items, visits, taken,
                             _after(state, action), events, state.turn + 1, state.seed,
                             state.names, seen)
    env = _scratch(state)
    for effect in choice.effects:
        effect.run(env)
    if target is not None:
        seen = _seen_leaving(story, state, env.face, seen)
        events = _enter(story, story.scenes[target], env, events)
    return _freeze(env, target or state.scene, taken, _after(state, action), events,
                   state.turn + 1, state.seed, seen)


def _change_face(story: Story, state: GameState, scene: Scene,
                 action: ChangeFace) -> tuple[GameState, FaceRule | None]:
    face = action.face
    decl = story.faces.get(face)
    if decl is None:
        raise ActionError(N_("There is no face '{face}'."), face=face)
    block = face_block(story, state, face)
    if block == BLOCKED and not holds(decl.requires, state):
        block = decl.reason or keys.face(face, "reason")
    if block:
        raise ActionError(story.text(block) if block != BLOCKED else
                          N_("You cannot change to that face here."))
    rule = face_rule(scene, state.face, face, state, story.face_changes)
    if rule is not None and rule.text:
        events: tuple[str, ...] = (rule.text,)
    else:
        events = (decl.change,) if decl.change else ()
    seen = sights(story, state)
    if rule is None:
        return _moved(state, state.scene, face, state.taken, events, action, seen), None
    taken = state.taken | {rule.key} if rule.once and rule.key not in state.taken \
        else state.taken
    env = _scratch(state)
    env.face = face
    for effect in rule.effects:
        effect.run(env)
    if rule.go is not None:
        seen = _seen_leaving(story, state, env.face, seen)
        events = _enter(story, story.scenes[rule.go], env, events)
    return _freeze(env, rule.go or state.scene, taken, _after(state, action), events,
                   state.turn + 1, state.seed, seen), rule


def face_rule(scene: Scene, old: str, new: str, state: GameState | Env,
              defaults: tuple[FaceRule, ...] = ()) -> FaceRule | None:
    """The face rule that applies when the face changes from ``old`` to ``new`` here, if any:
    the scene's first matching rule, else the first matching of ``defaults`` (the story's
    own face changes, :attr:`Story.face_changes`)."""
    taken = state.taken
    for rules in (scene.rules, defaults):
        for rule in rules:
            if rule.to not in (None, new) or rule.from_ not in (None, old):
                continue
            if rule.once and rule.key in taken:
                continue
            if rule.cond is None or rule.cond.run(state):
                return rule
    return None


def replay(story: Story, seed: int, actions: Iterable[Action],
           base: GameState | None = None) -> GameState:
    """Play ``actions`` from ``base`` (default: a new game); raises :class:`ActionError` if one
    no longer fits."""
    state = base if base is not None else new_game(story, seed)
    for action in actions:
        state = act(story, state, action)
    return state


def undo(story: Story, state: GameState, steps: int = 1,
         base: GameState | None = None) -> GameState:
    """The state ``steps`` actions ago, at most back to ``base`` (default: the start).

    With a ``base``, ``state.log`` holds the actions taken since that base.
    """
    keep = max(state.moved - steps, 0)
    return replay(story, state.seed, state.log[:keep], base)


def _scratch(state: GameState) -> Env:
    """A copy of the state that effects may change."""
    return Env(state.face, list(state.values), set(state.items), state.visits, state.taken,
               state.seed, state.turn, state.names, state.seen)


def _after(state: GameState, action: Action) -> Moves:
    """The state's history with ``action`` added."""
    before = state.moves
    return Moves(before, action, before.length + 1 if before is not None else 1)


def _moved(state: GameState, scene: str, face: str, taken: frozenset[str],
           events: tuple[str, ...], action: Action, seen: frozenset[str]) -> GameState:
    """The next state when nothing but the face, the taken choices, the log and the sights
    change."""
    return GameState(scene, face, state.values, state.items, state.visits, taken,
                     _after(state, action), events, state.turn + 1, state.seed, state.names,
                     seen)


def _freeze(env: Env, scene: str, taken: frozenset[str], moves: Moves | None,
            events: tuple[str, ...], turn: int, seed: int,
            seen: frozenset[str] = frozenset()) -> GameState:
    return GameState(scene, env.face, tuple(env.values), frozenset(env.items), env.visits,
                     taken, moves, events, turn, seed, env.names, seen)


def _enter(story: Story, scene: Scene, env: Env, events: tuple[str, ...]) -> tuple[str, ...]:
    visits = dict(env.visits)
    visits[scene.id] = visits.get(scene.id, 0) + 1
    env.visits = visits
    for effect in scene.effects:
        effect.run(env)
    allowed = scene.allowed
    if env.face not in allowed:
        # The scene does not allow the face the hero arrives with: he changes, quietly, to
        # the first face allowed there that he can have.
        faces = story.faces
        fitting = [f for f in allowed if holds(faces[f].requires, env)]
        if fitting:
            env.face = fitting[0]
            change = faces[env.face].change
            if change:
                events = (*events, change)
    return events
