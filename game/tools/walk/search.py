"""The exhaustive search: a breadth-first walk over every distinct state, with the shortest
path to each ending, dead end and softlock."""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass, field

from game.engine import GameState, act, actions, new_game
from game.engine.state import Action
from game.story.expr import Value
from game.story.runtime import Story
from game.tools.walk.paths import describe


@dataclass
class Finding:
    """A state the search found wanting, and the shortest path of actions to it."""

    scene: str
    face: str
    path: list[Action]

    def describe(self) -> str:
        return describe(self.path)


@dataclass
class Exploration:
    """What a breadth-first search over distinct states found."""

    states: int = 0
    complete: bool = True
    """False when ``max_states`` stopped the search before every state was seen."""
    max_states: int = 0
    endings: set[str] = field(default_factory=set)
    all_endings: list[str] = field(default_factory=list)
    softlocks: list[Finding] = field(default_factory=list)
    """Ways into states from which no ending can be reached: for each, the first such state
    on its path (one per scene, choice and destination), with the path to it."""
    softlock_count: int = 0
    """How many states no ending can be reached from (dead ends included)."""
    softlock_scenes: set[str] = field(default_factory=set)
    dead_ends: list[Finding] = field(default_factory=list)
    """States where nothing at all can be done (one per scene)."""
    dead_end_count: int = 0
    firsts: dict[str, list[list[Action]]] = field(default_factory=dict)
    """For each scene reached, the shortest paths to the first distinct states found there
    (at most ``keep_paths`` each, in breadth-first order: the first is the shortest)."""

    def path_to(self, scene: str, n: int = 1) -> list[Action] | None:
        """The shortest path to the ``n``-th (from 1) distinct state found in ``scene``, or
        None if the search found fewer there."""
        found = self.firsts.get(scene, [])
        return found[n - 1] if 0 < n <= len(found) else None

    @property
    def missing_endings(self) -> list[str]:
        """The endings the search did not reach (proven unreachable if it was complete)."""
        return [e for e in self.all_endings if e not in self.endings]

    @property
    def ok(self) -> bool:
        """Proven: every state seen, every ending reached, no softlock."""
        return self.complete and not self.missing_endings and not self.softlock_count

    def summary(self, all_endings: int | None = None) -> str:
        """The closing line, e.g. ``exhaustive: 18,422 states, 6/6 endings, 0 softlocks``."""
        total = len(self.all_endings) if all_endings is None else all_endings
        soft = f"{self.softlock_count:,} softlock{'' if self.softlock_count == 1 else 's'}"
        if self.complete:
            return (f"exhaustive: {self.states:,} states, {len(self.endings)}/{total} endings, "
                    f"{soft}")
        return (f"exhaustive: {self.states:,} states (stopped at --max-states), "
                f"{len(self.endings)}/{total} endings, {soft} found; not proven")


StateKey = tuple[str, str, tuple[Value, ...], frozenset[str], frozenset[tuple[str, int]],
                 frozenset[str]]
"""A state as :meth:`Liveness.key` sees it: scene, face, then the live variables' values,
items, visit counts and choices taken."""


class Liveness:
    """Which parts of a state can still matter, scene by scene.

    A variable, item, visit count or taken choice matters in a scene only if some expression
    in a scene still reachable from it (or a reaction of someone there, or a face's
    ``requires``) reads it. States that differ only in what no longer matters behave alike,
    so the search counts them once.
    """

    def __init__(self, story: Story) -> None:
        from game.tools.check import reachable

        reads: dict[str, set[str]] = {sid: set() for sid in story.scenes}
        global_reads: set[str] = set()
        cap = 1
        assert story.sources is not None
        for found in story.sources.expressions:
            for node in ast.walk(found.compiled.tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, int) \
                        and not isinstance(node.value, bool):
                    cap = max(cap, node.value + 1)
            if found.scene is not None:
                reads[found.scene] |= found.compiled.reads
        for face in story.faces.values():
            if face.requires is not None:
                global_reads |= face.requires.reads
        people_reads: dict[str, set[str]] = {}
        for cid, person in story.people.items():
            people_reads[cid] = set().union(*(v.cond.reads for vs in person.reacts.values()
                                              for v in vs if v.cond is not None))
        for scene in story.scenes.values():
            for presence in scene.people:
                reads[scene.id] |= people_reads[presence.id]
        self.cap = cap
        self.live: dict[str, frozenset[str]] = {
            sid: frozenset(global_reads.union(*(reads[t] for t in reachable(story, sid))))
            for sid in story.scenes}
        self.parts: dict[str, tuple[tuple[int, ...], frozenset[str], frozenset[str],
                                    frozenset[str]]] = {}
        """For each scene: the positions of the variables that matter there, and the items,
        the visited scenes and the taken choices that do."""
        for sid, live in self.live.items():
            scene = story.scenes[sid]
            marks = {kind: frozenset(m.split(":", 1)[1] for m in live
                                     if m.startswith(kind + ":"))
                     for kind in ("item", "scene", "choice")}
            own = {c.key for c in scene.choices} | {r.key for r in scene.rules}
            self.parts[sid] = (tuple(v.index for v in story.variables.values()
                                     if v.name in live),
                               marks["item"], marks["scene"], marks["choice"] | own)

    def key(self, state: GameState) -> StateKey:
        """The part of ``state`` that can change what happens from here on."""
        values, items, scenes, taken = self.parts[state.scene]
        cap = self.cap
        now = state.values
        return (state.scene, state.face, tuple([now[i] for i in values]),
                items & state.items,
                frozenset([(s, min(n, cap)) for s, n in state.visits.items() if s in scenes]),
                taken & state.taken)


def explore(story: Story, max_states: int = 200_000, seed: int = 0,
            max_reports: int = 10, keep_paths: int = 0) -> Exploration:
    """Breadth-first search over distinct states from the start.

    Proves every ending reachable (or not) and finds softlocks: states from which no ending
    can be reached. ``chance()`` is taken as drawn for the state's own turn. With
    ``keep_paths``, the shortest paths to the first ``keep_paths`` distinct states of each
    scene are kept (:meth:`Exploration.path_to`).

    With ``max_states`` reached, states past the limit are not visited, and the states that
    lead to them count as able to reach an ending: the softlocks found are still certain, but
    others may hide beyond the limit, and the result is not a proof (``complete`` is False).
    """
    live = Liveness(story)
    start = new_game(story, seed)
    keys = [live.key(start)]
    index = {keys[0]: 0}
    parent: list[tuple[int, Action | None]] = [(-1, None)]
    where: list[tuple[str, str]] = [(start.scene, start.face)]
    edges: list[list[int]] = [[]]
    ending_ids: list[int] = []
    open_ids: set[int] = set()
    """States with a move past the limit: they may lead to an ending."""
    result = Exploration(max_states=max_states, all_endings=[s.id for s in story.endings])
    dead_scenes: set[str] = set()
    dead_ids: set[int] = set()
    queue = deque([(0, start)])
    while queue:
        i, state = queue.popleft()
        if keep_paths:
            kept = result.firsts.setdefault(state.scene, [])
            if len(kept) < keep_paths:
                kept.append(_path(parent, i))
        if story.scenes[state.scene].ending:
            ending_ids.append(i)
            result.endings.add(state.scene)
            continue
        possible = actions(story, state)
        if not possible:
            dead_ids.add(i)
            result.dead_end_count += 1
            if state.scene not in dead_scenes and len(result.dead_ends) < max_reports:
                dead_scenes.add(state.scene)
                result.dead_ends.append(Finding(state.scene, state.face, _path(parent, i)))
        for action in possible:
            nxt = act(story, state, action)
            key = live.key(nxt)
            j = index.get(key)
            if j is None:
                if len(keys) >= max_states:
                    result.complete = False
                    open_ids.add(i)
                    continue
                j = len(keys)
                index[key] = j
                keys.append(key)
                parent.append((i, action))
                where.append((nxt.scene, nxt.face))
                edges.append([])
                queue.append((j, nxt))
            edges[i].append(j)
    result.states = len(keys)
    reverse: list[list[int]] = [[] for _ in keys]
    for i, outs in enumerate(edges):
        for j in outs:
            reverse[j].append(i)
    good = set(ending_ids) | open_ids
    todo = deque(good)
    while todo:
        for i in reverse[todo.popleft()]:
            if i not in good:
                good.add(i)
                todo.append(i)
    stuck = [i for i in range(len(keys)) if i not in good]
    result.softlock_count = len(stuck)
    result.softlock_scenes = {where[i][0] for i in stuck}
    seen: set[tuple[str, str, str]] = set()
    for i in stuck:  # in breadth-first order: the shortest paths first
        before, step = parent[i]
        if (before in good or before < 0) and i not in dead_ids:  # the step into it
            mark = (where[before][0] if before >= 0 else "", describe([step] if step
                                                                    else []), where[i][0])
            if mark not in seen and len(result.softlocks) < max_reports:
                seen.add(mark)
                result.softlocks.append(Finding(*where[i], _path(parent, i)))
    return result


def _path(parent: list[tuple[int, Action | None]], i: int) -> list[Action]:
    path: list[Action] = []
    while i > 0:
        i, action = parent[i]
        assert action is not None
        path.append(action)
    return path[::-1]
