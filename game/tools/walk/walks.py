"""Random playthroughs: a seeded random player from the start to an ending, a dead end or
too many steps, and what many of them reach (coverage)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from game.engine import ActionError, ChangeFace, Choose, GameState, act, new_game
from game.engine.rules import face_block, face_rule, holds, make_env, visible_choices
from game.engine.state import Action
from game.story.model import Story
from game.tools.walk.paths import describe


@dataclass
class Walk:
    """One random playthrough: where it went and how it ended."""

    seed: int
    actions: list[Action] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)
    """Choices taken, as ``scene.choice``."""
    scenes: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    """Face rules applied, by key (``scene.faceN``)."""
    ending: str | None = None
    error: str | None = None

    def path(self) -> str:
        """The action path, to replay by hand."""
        return describe(self.actions)


def available_actions(story: Story, state: GameState) -> list[Action]:
    """Everything the player can do in ``state``: enabled choices, then face changes.

    The same answer as the enabled choices and faces of :func:`game.engine.view`, computed
    without resolving any text.
    """
    env = make_env(state)
    actions: list[Action] = [Choose(choice=c.id) for c in visible_choices(story, state, env)
                             if holds(c._requires, env)]
    actions += [ChangeFace(face=f) for f in story.faces if not face_block(story, state, f, env)]
    return actions


def random_walk(story: Story, seed: int, max_steps: int = 400, face_chance: float = 0.15,
                novelty: Counter[str] | None = None) -> Walk:
    """Play once with a random player seeded by ``seed``.

    With ``novelty`` (how often each ``scene.choice`` was taken before), the player prefers
    choices taken less often, so that many walks spread over the whole story; the counter is
    updated as the walk goes.
    """
    rng = random.Random(seed)
    walk = Walk(seed)
    state = new_game(story, seed)
    walk.scenes.append(state.scene)
    for _ in range(max_steps):
        if story.scenes[state.scene].ending is not None:
            walk.ending = state.scene
            return walk
        actions = available_actions(story, state)
        if not actions:
            walk.error = f"dead end in scene '{state.scene}': nothing can be done"
            return walk
        choices = [a for a in actions if isinstance(a, Choose)]
        faces = [a for a in actions if isinstance(a, ChangeFace)]
        if faces and (not choices or rng.random() < face_chance):
            action: Action = rng.choice(faces)
        elif novelty is None:
            action = rng.choice(choices)
        else:
            keys = [f"{state.scene}.{c.choice}" for c in choices]
            weights = [1.0 / (1 + novelty[k]) ** 2 for k in keys]
            action = rng.choices(choices, weights)[0]
        rule = None
        if isinstance(action, ChangeFace):
            rule = face_rule(story.scenes[state.scene], state.face, action.face,
                              make_env(state), state.taken)
        try:
            state = act(story, state, action)
        except ActionError as err:  # the view offered something the rules refuse
            walk.error = f"in scene '{state.scene}', {action!r} was offered but refused: {err}"
            return walk
        walk.actions.append(action)
        if rule is not None:
            walk.rules.append(rule.key)
        if isinstance(action, Choose):
            key = f"{walk.scenes[-1]}.{action.choice}"
            walk.taken.append(key)
            if novelty is not None:
                novelty[key] += 1
        if state.scene != walk.scenes[-1]:
            walk.scenes.append(state.scene)
    walk.error = f"no ending after {max_steps} steps (last scene '{state.scene}')"
    return walk


@dataclass
class Coverage:
    """What many walks reached."""

    walks: int = 0
    scenes: Counter[str] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    choices: Counter[str] = field(default_factory=Counter)
    """Times each choice was taken, by ``scene.choice``."""
    rules: Counter[str] = field(default_factory=Counter)
    """Times each face rule applied, by key (``scene.faceN``)."""
    failures: list[Walk] = field(default_factory=list)


def random_walks(story: Story, count: int, seed: int = 0, max_steps: int = 400,
                 explore: bool = True) -> Coverage:
    """Run ``count`` walks with seeds ``seed``, ``seed + 1``, ...; collect what they hit.

    With ``explore``, later walks prefer the choices earlier walks took least.
    """
    cov = Coverage()
    novelty: Counter[str] | None = Counter() if explore else None
    for n in range(count):
        walk = random_walk(story, seed + n, max_steps, novelty=novelty)
        cov.walks += 1
        cov.scenes.update(set(walk.scenes))
        if walk.ending:
            cov.endings[walk.ending] += 1
        if walk.error:
            cov.failures.append(walk)
        cov.choices.update(walk.taken)
        cov.rules.update(walk.rules)
    return cov
