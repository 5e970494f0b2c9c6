"""Random playthroughs of a story, for tests and for authors: find dead ends and dead paths.

A walk plays from the start with a seeded random player who takes enabled choices and, now
and then, changes face. It stops at an ending, at a dead end (nothing at all can be done),
or after too many steps; it records the action path, so that any failure can be replayed.
"""

from __future__ import annotations

import ast
import random
from collections import Counter, deque
from dataclasses import dataclass, field

from game.engine import ActionError, ChangeFace, Choose, GameState, act, new_game
from game.engine.rules import face_block, holds, make_env, visible_choices
from game.engine.state import Action
from game.story.expr import Compiled
from game.story.model import Story


@dataclass
class Walk:
    """One random playthrough: where it went and how it ended."""

    seed: int
    actions: list[Action] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)
    """Choices taken, as ``scene.choice``."""
    scenes: list[str] = field(default_factory=list)
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
            keys = [f"{state.scene}.{c.choice}" for c in choices]  # type: ignore[union-attr]
            weights = [1.0 / (1 + novelty[k]) ** 2 for k in keys]
            action = rng.choices(choices, weights)[0]
        try:
            state = act(story, state, action)
        except ActionError as err:  # the view offered something the rules refuse
            walk.error = f"in scene '{state.scene}', {action!r} was offered but refused: {err}"
            return walk
        walk.actions.append(action)
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
    return cov


# --------------------------------------------------------------------------- exhaustive


@dataclass
class Exploration:
    """What a breadth-first search over distinct states found."""

    states: int = 0
    complete: bool = True
    """False when ``max_states`` stopped the search before every state was seen."""
    endings: set[str] = field(default_factory=set)
    softlocks: list[list[Action]] = field(default_factory=list)
    """For each state from which no ending can be reached: a path of actions to it."""
    dead_ends: list[list[Action]] = field(default_factory=list)
    """Paths to states where nothing at all can be done."""
    softlock_count: int = 0

    def summary(self, all_endings: int) -> str:
        """The closing line, e.g. ``exhaustive: 18,422 states, 6/6 endings, 0 softlocks``."""
        more = "" if self.complete else " (stopped at the state limit: not proven)"
        return (f"exhaustive: {self.states:,} states, {len(self.endings)}/{all_endings} endings, "
                f"{self.softlock_count:,} softlocks{more}")


class Liveness:
    """Which parts of a state can still matter, scene by scene.

    A variable, item, visit count or taken choice matters in a scene only if some expression
    in a scene still reachable from it (or a reaction of someone there, or a face's
    ``requires``) reads it. States that differ only in what no longer matters behave alike,
    so the search counts them once.
    """

    def __init__(self, story: Story) -> None:
        from game.tools.check import _Linter, targets  # the walkers over every expression

        reads: dict[str, set[str]] = {sid: set() for sid in story.scenes}
        global_reads: set[str] = set()
        cap = 1
        for scene, _where, comp in _Linter(story).expressions():
            if scene is None:
                continue
            reads[scene.id] |= comp.reads
        for face in story.meta.faces.values():
            if face._requires:
                global_reads |= face._requires.reads
        people_reads: dict[str, set[str]] = {}
        for cid, char in story.characters.items():
            people_reads[cid] = set().union(*(v._if.reads for vs in char.reacts.values()
                                              for v in vs if v._if is not None))
        for scene in story.scenes.values():
            for presence in scene.people:
                reads[scene.id] |= people_reads[presence.id]
        for comp in self._all(story):
            for node in ast.walk(comp.tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, int) \
                        and not isinstance(node.value, bool):
                    cap = max(cap, node.value + 1)
        self.cap = cap
        self.live: dict[str, frozenset[str]] = {}
        for sid in story.scenes:
            seen = {sid}
            todo = [sid]
            while todo:
                for nxt in targets(story.scenes[todo.pop()]):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            self.live[sid] = frozenset(global_reads.union(*(reads[t] for t in seen)))

    @staticmethod
    def _all(story: Story) -> list[Compiled]:
        from game.tools.check import _Linter

        return [comp for _s, _w, comp in _Linter(story).expressions()]

    def key(self, state: GameState) -> tuple:
        """The part of ``state`` that can change what happens from here on."""
        live = self.live[state.scene]
        here = f"{state.scene}."
        cap = self.cap
        return (state.scene, state.face,
                tuple(sorted((k, v) for k, v in state.vars.items() if k in live)),
                tuple(i for i in state.items if f"item:{i}" in live),
                tuple(sorted((s, min(n, cap)) for s, n in state.visits.items()
                             if f"scene:{s}" in live)),
                tuple(sorted(t for t in state.taken if f"choice:{t}" in live
                             or t.startswith(here))))


def explore(story: Story, max_states: int = 200_000, seed: int = 0,
            max_reports: int = 10) -> Exploration:
    """Breadth-first search over distinct states from the start.

    Proves every ending reachable (or not) and finds softlocks: states from which no ending
    can be reached. ``chance()`` is taken as drawn for the state's own turn.
    """
    live = Liveness(story)
    start = new_game(story, seed)
    keys = [live.key(start)]
    index = {keys[0]: 0}
    parent: list[tuple[int, Action | None]] = [(-1, None)]
    edges: list[list[int]] = [[]]
    ending_ids: list[int] = []
    result = Exploration()
    queue = deque([(0, start)])
    while queue:
        i, state = queue.popleft()
        if story.scenes[state.scene].ending is not None:
            ending_ids.append(i)
            result.endings.add(state.scene)
            continue
        actions = available_actions(story, state)
        if not actions and len(result.dead_ends) < max_reports:
            result.dead_ends.append(_path(parent, i))
        for action in actions:
            nxt = act(story, state, action)
            key = live.key(nxt)
            j = index.get(key)
            if j is None:
                if len(keys) >= max_states:
                    result.complete = False
                    continue
                j = len(keys)
                index[key] = j
                keys.append(key)
                parent.append((i, action))
                edges.append([])
                queue.append((j, nxt))
            edges[i].append(j)
    result.states = len(keys)
    if result.complete:
        reverse: list[list[int]] = [[] for _ in keys]
        for i, outs in enumerate(edges):
            for j in outs:
                reverse[j].append(i)
        good = set(ending_ids)
        todo = deque(ending_ids)
        while todo:
            for i in reverse[todo.popleft()]:
                if i not in good:
                    good.add(i)
                    todo.append(i)
        stuck = [i for i in range(len(keys)) if i not in good]
        result.softlock_count = len(stuck)
        result.softlocks = [_path(parent, i) for i in stuck[:max_reports]]
    return result


def _path(parent: list[tuple[int, Action | None]], i: int) -> list[Action]:
    path: list[Action] = []
    while i > 0:
        i, action = parent[i]
        assert action is not None
        path.append(action)
    return path[::-1]


def describe(actions: list[Action]) -> str:
    """An action path as plain-mode-like steps: ``go_home face:bare buy_finger``."""
    return " ".join(a.choice if isinstance(a, Choose) else f"face:{a.face}" for a in actions)
