"""Random playthroughs: a seeded random player from the start to an ending, a dead end or
too many steps, and what many of them reach (coverage)."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from game.engine import ActionError, ChangeFace, Choose, actions, new_game, step
from game.engine.state import Action
from game.story import keys
from game.story.runtime import Story
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
        if story.scenes[state.scene].ending:
            walk.ending = state.scene
            return walk
        possible = actions(story, state)
        if not possible:
            walk.error = f"dead end in scene '{state.scene}': nothing can be done"
            return walk
        choices = [a for a in possible if isinstance(a, Choose)]
        faces = [a for a in possible if isinstance(a, ChangeFace)]
        if faces and (not choices or rng.random() < face_chance):
            action: Action = rng.choice(faces)
        elif novelty is None:
            action = rng.choice(choices)
        else:
            scene = story.scenes[state.scene]
            weights = [1.0 / (1 + novelty[scene.by_id[c.choice].key]) ** 2 for c in choices]
            action = rng.choices(choices, weights)[0]
        try:
            done = step(story, state, action)
        except ActionError as err:  # the view offered something the rules refuse
            walk.error = f"in scene '{state.scene}', {action!r} was offered but refused: {err}"
            return walk
        state = done.state
        walk.actions.append(action)
        if done.rule is not None:
            walk.rules.append(done.rule.key)
        if isinstance(action, Choose):
            key = keys.choice(walk.scenes[-1], action.choice)
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
