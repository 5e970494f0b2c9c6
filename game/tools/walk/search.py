"""The exhaustive search: a breadth-first walk over every distinct state, with the shortest
path to each ending, dead end and softlock."""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from game.engine import GameState, act, actions, new_game
from game.engine.state import Action
from game.story.expr import Compiled, Value
from game.story.limits import MAX_STATES
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
    witnesses: dict[str, list[Action]] = field(default_factory=dict)
    """For each ending reached, the shortest path to it."""
    chance: bool = False
    """An action's condition or effect calls ``chance()``: the search takes each draw as it
    falls for the state's own turn, so a complete search is not a proof."""
    broken: dict[str, list[Action]] = field(default_factory=dict)
    """Each ``always`` condition of the story that a reachable state breaks (by its source),
    with the shortest path to such a state."""
    shown: dict[str, list[Action]] = field(default_factory=dict)
    """Each ``possible`` condition some reachable state makes true, with the shortest path."""
    promises: tuple[int, int] = (0, 0)
    """How many ``always`` and ``possible`` conditions the story states."""
    never: list[str] = field(default_factory=list)
    """The ``possible`` conditions no state the search saw makes true (none can, when the
    search was complete)."""
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
        """Proven: every state seen, every ending reached, no softlock, no dead end, no
        assertion broken."""
        return (self.complete and not self.chance and not self.missing_endings
                and not self.softlock_count and not self.dead_end_count and not self.broken
                and not self.never)

    def summary(self, all_endings: int | None = None) -> str:
        """The closing line, e.g. ``exhaustive: 18,422 states, 6/6 endings, 0 softlocks``."""
        total = len(self.all_endings) if all_endings is None else all_endings
        soft = f"{self.softlock_count:,} softlock{'' if self.softlock_count == 1 else 's'}"
        always, possible = self.promises
        if always:
            soft += f", {always - len(self.broken)}/{always} always kept"
        if possible:
            soft += f", {len(self.shown)}/{possible} possible shown"
        if self.complete:
            verdict = " (proven)" if self.ok else ""
            return (f"exhaustive: {self.states:,} states, {len(self.endings)}/{total} endings, "
                    f"{soft}{verdict}")
        return (f"exhaustive: {self.states:,} states (stopped at --max-states), "
                f"{len(self.endings)}/{total} endings, {soft} found; not proven")


StateKey = tuple[str, str, tuple[Value, ...], frozenset[str], frozenset[tuple[str, int]],
                 frozenset[str], frozenset[str]]
"""A state as :meth:`Liveness.key` sees it: scene, face, then the live variables' values,
items, visit counts, choices taken and sights (``person:face``)."""


class Liveness:
    """Which parts of a state can still matter, scene by scene.

    Only what decides which actions are possible and where they lead matters to the search
    (endings, softlocks, dead ends): the conditions and effects of choices and face rules,
    the scenes' entry effects, the faces' ``requires``; never the text's conditions. A
    variable, item, visit count or taken choice is *live* in a scene if some path from there
    reads it before writing it anew (``x = ...`` without reading ``x``, ``give``, ``take``):
    the usual backward data flow over the scene graph. A visit count is kept only up to one
    more than the largest number it is compared with. States that differ only in what is not
    live behave alike, so the search counts them once.

    Sights (``saw("p", "f")``, read as ``saw:p:f``) are never unset: a step only adds the
    sight of the people present, so a mark is live wherever a path from there reads it, and
    where a person's mark is read anywhere, what the conditions of that person's presence
    read is live in the scenes they may be present in (it decides whether they see).
    """

    def __init__(self, story: Story) -> None:
        promised = (*story.always, *story.possible)
        everywhere = [x for r in story.face_changes for x in (r.cond, *r.effects)
                      if x is not None]
        """The story's own face changes: what they read matters in every scene."""
        guards = set().union(*(f.requires.reads for f in story.faces.values()
                               if f.requires is not None), *(c.reads for c in promised),
                             *(x.reads for x in everywhere))
        uses: dict[str, set[str]] = {}
        edges: dict[str, list[tuple[frozenset[str], str]]] = {}
        entry: dict[str, tuple[set[str], frozenset[str]]] = {}
        compiled: list[Compiled] = [*promised, *everywhere]
        every = [x for sc in story.scenes.values()
                 for x in (*(c for ch in sc.choices for c in (ch.cond, ch.requires, *ch.effects)),
                           *(c for r in sc.rules for c in (r.cond, *r.effects)), *sc.effects)
                 if x is not None]
        watched = {m.split(":")[1] for x in (*every, *promised, *everywhere) for m in x.reads
                   if m.startswith("saw:")}
        """The people whose sights some action or promise reads."""
        for sid, scene in story.scenes.items():
            used = set(guards)
            for presence in scene.people:
                if presence.id in watched and presence.cond is not None:
                    used.update(presence.cond.reads)
            out: list[tuple[frozenset[str], str]] = []
            for c in scene.choices:
                parts = [x for x in (c.cond, c.requires, *c.effects) if x is not None]
                compiled += parts
                used.update(*(x.reads for x in parts))
                if c.once:
                    used.add(f"choice:{c.key}")
                if c.go is not None:
                    out.append((_kills(c.effects), c.go))
            for r in scene.rules:
                parts = [x for x in (r.cond, *r.effects) if x is not None]
                compiled += parts
                used.update(*(x.reads for x in parts))
                if r.once:
                    used.add(f"choice:{r.key}")
                if r.go is not None:
                    out.append((_kills(r.effects), r.go))
            compiled += scene.effects
            uses[sid], edges[sid] = used, out
            entry[sid] = (set().union(*(x.reads for x in scene.effects)), _kills(scene.effects))
        live = {sid: set(used) for sid, used in uses.items()}
        changed = True
        while changed:
            changed = False
            for sid, out in edges.items():
                now = live[sid]
                for killed, target in out:
                    read, reset = entry[target]
                    more = (read | (live[target] - reset)) - killed - now
                    if more:
                        now |= more
                        changed = True
        self.live: dict[str, frozenset[str]] = {sid: frozenset(v) for sid, v in live.items()}
        self.chance = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                          and n.func.id == "chance"
                          for comp in compiled for n in ast.walk(comp.tree))
        """Some action depends on ``chance()`` (see :attr:`Exploration.chance`)."""
        self.caps = _visit_caps(compiled)
        self.cap = 1 + max((n.value for comp in compiled for n in ast.walk(comp.tree)
                            if isinstance(n, ast.Constant) and isinstance(n.value, int)
                            and not isinstance(n.value, bool)), default=0)
        """One more than the largest number in an action's condition or effect."""
        """How far each visit count is kept (one more than the largest number it is
        compared with)."""
        self.parts: dict[str, tuple[tuple[int, ...], frozenset[str], dict[str, int],
                                    frozenset[str], frozenset[str]]] = {}
        """For each scene: the positions of the variables that matter there, and the items,
        the visited scenes (with their caps), the taken choices and the sights that do."""
        for sid, marks in self.live.items():
            kinds = {kind: frozenset(m.split(":", 1)[1] for m in marks
                                     if m.startswith(kind + ":"))
                     for kind in ("item", "scene", "choice", "saw")}
            self.parts[sid] = (tuple(v.index for v in story.variables.values()
                                     if v.name in marks),
                               kinds["item"], {t: self.caps[t] for t in kinds["scene"]},
                               kinds["choice"], kinds["saw"])
        self.sights = bool(watched)
        """Some action or promise reads a sight (``saw()``)."""

    def key(self, state: GameState) -> StateKey:
        """The part of ``state`` that can change what happens from here on."""
        values, items, scenes, taken, seen = self.parts[state.scene]
        now = state.values
        visits = state.visits
        return (state.scene, state.face, tuple([now[i] for i in values]),
                items & state.items,
                frozenset([(s, min(visits.get(s, 0), cap)) for s, cap in scenes.items()]),
                taken & state.taken, seen & state.seen if seen else seen)


def _kills(effects: tuple[Compiled, ...]) -> frozenset[str]:
    """What a list of effects sets anew, whatever it held: a variable assigned with ``=``
    (by an expression that does not read what the list reads), an item given or taken."""
    written: set[str] = set()
    for effect in effects:
        for stmt in getattr(effect.tree, "body", []):
            if isinstance(stmt, ast.Assign):
                written |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
            elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                written |= {w for w in effect.writes if w.startswith("item:")}
    read = set().union(*(e.reads for e in effects))
    return frozenset(written - read)


def _visit_caps(compiled: list[Compiled]) -> dict[str, int]:
    """For each scene whose visits an expression reads: one more than the largest number
    ``visits()`` of it is compared with (1 for ``visited()``); no cap where it is read in
    any other way."""
    caps: dict[str, int] = {}
    unbounded = 2**62
    for comp in compiled:
        compared: set[int] = set()
        for node in ast.walk(comp.tree):
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                numbers = [n.value for n in sides if isinstance(n, ast.Constant)
                           and isinstance(n.value, int) and not isinstance(n.value, bool)]
                for n in sides:
                    if _visits_of(n) is not None:
                        compared.add(id(n))
                        scene = _visits_of(n)
                        assert scene is not None
                        top = max(numbers) + 1 if numbers and len(sides) == 2 else unbounded
                        caps[scene] = max(caps.get(scene, 1), top)
        for node in ast.walk(comp.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.args and isinstance(node.args[0], ast.Constant):
                scene = str(node.args[0].value)
                if node.func.id == "visited":
                    caps[scene] = max(caps.get(scene, 1), 1)
                elif node.func.id == "visits" and id(node) not in compared:
                    caps[scene] = unbounded
    return caps


def _visits_of(node: ast.AST) -> str | None:
    """The scene of a ``visits("scene")`` call, or None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id == "visits" and node.args and isinstance(node.args[0], ast.Constant):
        return str(node.args[0].value)
    return None


def explore(story: Story, max_states: int = MAX_STATES, seed: int = 0,
            max_reports: int = 10, keep_paths: int = 0, reduce: bool = True) -> Exploration:
    """Breadth-first search over distinct states from the start.

    Proves every ending reachable (or not) and finds softlocks: states from which no ending
    can be reached. ``chance()`` is taken as drawn for the state's own turn. With
    ``keep_paths``, the shortest paths to the first ``keep_paths`` distinct states of each
    scene are kept (:meth:`Exploration.path_to`). Without ``reduce``, states are told apart
    by everything they hold (the plain search that the reduced one must agree with).

    With ``max_states`` reached, states past the limit are not visited, and the states that
    lead to them count as able to reach an ending: the softlocks found are still certain, but
    others may hide beyond the limit, and the result is not a proof (``complete`` is False).
    """
    live = Liveness(story)
    key = live.key if reduce else _whole(live.cap, live.sights)
    start = new_game(story, seed)
    keys = [key(start)]
    index = {keys[0]: 0}
    parent: list[tuple[int, Action | None]] = [(-1, None)]
    where: list[tuple[str, str]] = [(start.scene, start.face)]
    edges: list[list[int]] = [[]]
    ending_ids: list[int] = []
    open_ids: set[int] = set()
    """States with a move past the limit: they may lead to an ending."""
    result = Exploration(max_states=max_states, all_endings=[s.id for s in story.endings],
                         chance=live.chance,
                         promises=(len(story.always), len(story.possible)))
    dead_scenes: set[str] = set()
    dead_ids: set[int] = set()
    queue = deque([(0, start)])
    always = list(story.always)
    hoped = list(story.possible)
    while queue:
        i, state = queue.popleft()
        if always or hoped:
            for cond in [c for c in always if not c.run(state)]:
                result.broken[cond.source] = _path(parent, i)
                always.remove(cond)
            for cond in [c for c in hoped if c.run(state)]:
                result.shown[cond.source] = _path(parent, i)
                hoped.remove(cond)
        if keep_paths:
            kept = result.firsts.setdefault(state.scene, [])
            if len(kept) < keep_paths:
                kept.append(_path(parent, i))
        if story.scenes[state.scene].ending:
            ending_ids.append(i)
            result.endings.add(state.scene)
            if state.scene not in result.witnesses:
                result.witnesses[state.scene] = _path(parent, i)
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
            found = key(nxt)
            j = index.get(found)
            if j is None:
                if len(keys) >= max_states:
                    result.complete = False
                    open_ids.add(i)
                    continue
                j = len(keys)
                index[found] = j
                keys.append(found)
                parent.append((i, action))
                where.append((nxt.scene, nxt.face))
                edges.append([])
                queue.append((j, nxt))
            edges[i].append(j)
    result.states = len(keys)
    result.never = [c.source for c in hoped]
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


def _whole(cap: int, sights: bool) -> Callable[[GameState], tuple[object, ...]]:
    """A key of everything a state holds that the rules can read (its history and text
    aside), visit counts kept up to ``cap`` (one more than any number in the story); the
    sights only when an action reads one (``sights``), since otherwise nothing can."""

    def key(state: GameState) -> tuple[object, ...]:
        return (state.scene, state.face, state.values, state.items,
                frozenset((s, min(n, cap)) for s, n in state.visits.items()), state.taken,
                state.seen if sights else None)
    return key


def _path(parent: list[tuple[int, Action | None]], i: int) -> list[Action]:
    path: list[Action] = []
    while i > 0:
        i, action = parent[i]
        assert action is not None
        path.append(action)
    return path[::-1]
