"""The rules: start a game, take an action, undo, replay. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from game.engine.state import Action, ChangeFace, Choose, GameState
from game.i18n import N_
from game.story.expr import Compiled, Env
from game.story.model import Choice, FaceRule, Scene, Story


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


def make_env(state: GameState) -> Env:
    """A fresh evaluation environment for the state (its dicts are copies)."""
    return Env(face=state.face, vars=dict(state.vars), items=set(state.items),
               visits=dict(state.visits), taken=set(state.taken),
               base=f"{state.seed}:{state.turn}")


def holds(cond: Compiled | None, env: Env) -> bool:
    """Whether an optional condition holds (no condition always holds)."""
    return True if cond is None else bool(cond(env))


def new_game(story: Story, seed: int = 0) -> GameState:
    """The state at the start of the story."""
    meta = story.meta
    state = GameState(scene=meta.start, face=meta.start_face,
                      vars={k: v.default for k, v in meta.variables.items()},  # type: ignore[misc]
                      seed=seed)
    env = make_env(state)
    events = _enter(story, story.scenes[meta.start], env, [])
    return _commit(state, env, meta.start, events, None)


def visible_choices(story: Story, state: GameState, env: Env | None = None) -> list[Choice]:
    """The choices the player can see in the current scene, enabled or not."""
    env = env or make_env(state)
    scene = story.scenes[state.scene]
    return [c for c in scene.choices
            if holds(c._if, env) and not (c.once and f"{scene.id}.{c.id}" in state.taken)]


def face_block(story: Story, state: GameState, face: str, env: Env | None = None) -> str:
    """Why the hero cannot change to ``face`` now: a string key, or "" if he can."""
    scene = story.scenes[state.scene]
    if scene.ending is not None or face == state.face:
        return "-"
    if face not in scene.allowed_faces(story.faces):
        return "-"
    decl = story.meta.faces[face]
    if not holds(decl._requires, env or make_env(state)):
        return f"face.{face}.reason"
    return ""


def act(story: Story, state: GameState, action: Action) -> GameState:
    """The state after the player takes ``action``; raises :class:`ActionError` if impossible."""
    scene = story.scenes[state.scene]
    if scene.ending is not None:
        raise ActionError(N_("The story has ended here."))
    env = make_env(state)
    events: list[str] = []
    if isinstance(action, Choose):
        choice = next((c for c in visible_choices(story, state, env) if c.id == action.choice),
                      None)
        if choice is None:
            raise ActionError(N_("There is no choice '{choice}' here."), choice=action.choice)
        if not holds(choice._requires, env):
            raise ActionError(story.text(f"{choice.key}.reason")
                              or N_("That is not possible now."))
        if choice.text:
            events.append(f"{choice.key}.text")
        _run(choice._do, env)
        taken = f"{scene.id}.{choice.id}"
        if taken not in state.taken:
            state = state.model_copy(update={"taken": (*state.taken, taken)})
        target = choice.go
    elif isinstance(action, ChangeFace):
        if action.face not in story.meta.faces:
            raise ActionError(N_("There is no face '{face}'."), face=action.face)
        block = face_block(story, state, action.face, env)
        if block == "-":
            decl = story.meta.faces[action.face]
            if not holds(decl._requires, env):
                block = f"face.{action.face}.reason"
        if block:
            raise ActionError(story.text(block) if block != "-" else
                              N_("You cannot change to that face here."))
        rule = face_rule(scene, state.face, action.face, env, state.taken)
        env.face = action.face
        if rule is not None and rule.text:
            events.append(rule.key)
        elif story.meta.faces[action.face].change_text:
            events.append(f"face.{action.face}.change")
        target = None
        if rule is not None:
            _run(rule._do, env)
            target = rule.go
            if rule.once and rule.key not in state.taken:
                state = state.model_copy(update={"taken": (*state.taken, rule.key)})
    else:  # pragma: no cover - the Action union is closed
        raise ActionError(N_("Unknown action."))
    if target is not None:
        events = _enter(story, story.scenes[target], env, events)
    return _commit(state, env, target or state.scene, events, action)


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
    keep = max(len(state.log) - steps, 0)
    return replay(story, state.seed, state.log[:keep], base)


def face_rule(scene: Scene, old: str, new: str, env: Env,
               taken: tuple[str, ...]) -> FaceRule | None:
    """The face rule that applies when the face changes from ``old`` to ``new`` here, if any."""
    for rule in scene.faces.on_change:
        if rule.to not in (None, new) or rule.from_ not in (None, old):
            continue
        if rule.once and rule.key in taken:
            continue
        if holds(rule._if, env):
            return rule
    return None


def _run(effects: list[Compiled], env: Env) -> None:
    for effect in effects:
        effect(env)


def _enter(story: Story, scene: Scene, env: Env, events: list[str]) -> list[str]:
    visits = dict(env.visits)
    visits[scene.id] = visits.get(scene.id, 0) + 1
    env.visits = visits
    _run(scene._do, env)
    allowed = scene.allowed_faces(story.faces)
    if env.face not in allowed:
        # The scene does not allow the face the hero arrives with: he changes, quietly, to
        # the first face allowed there that he can have.
        fitting = [f for f in allowed if holds(story.meta.faces[f]._requires, env)]
        if fitting:
            env.face = fitting[0]
            if story.meta.faces[env.face].change_text:
                events = [*events, f"face.{env.face}.change"]
    return events


def _commit(state: GameState, env: Env, scene: str, events: list[str],
            action: Action | None) -> GameState:
    log = state.log if action is None else (*state.log, action)
    return state.model_copy(update={
        "scene": scene,
        "face": env.face,
        "vars": env.vars,
        "items": tuple(sorted(env.items)),
        "visits": dict(env.visits),
        "events": tuple(events),
        "log": log,
        "turn": state.turn + (action is not None),
    })
