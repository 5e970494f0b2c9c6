"""Random playthroughs of a story, for tests and for authors: find dead ends and dead paths.

A walk plays from the start with a seeded random player who takes enabled choices and, now
and then, changes face. It stops at an ending, at a dead end (nothing at all can be done),
or after too many steps; it records the action path, so that any failure can be replayed.
"""

from __future__ import annotations

import ast
import random
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from game.engine import ActionError, ChangeFace, Choose, GameState, act, new_game
from game.engine.rules import face_block, face_rule, holds, make_env, visible_choices
from game.engine.state import Action, Number
from game.story.model import Story


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


# --------------------------------------------------------------------------- exhaustive


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


StateKey = tuple[str, str, tuple[tuple[str, bool | Number | str], ...], tuple[str, ...],
                 tuple[tuple[str, int], ...], tuple[str, ...]]
"""A state as :meth:`Liveness.key` sees it: scene, face, then the live variables, items,
visit counts and choices taken."""


class Liveness:
    """Which parts of a state can still matter, scene by scene.

    A variable, item, visit count or taken choice matters in a scene only if some expression
    in a scene still reachable from it (or a reaction of someone there, or a face's
    ``requires``) reads it. States that differ only in what no longer matters behave alike,
    so the search counts them once.
    """

    def __init__(self, story: Story) -> None:
        from game.tools.check import expressions, reachable

        reads: dict[str, set[str]] = {sid: set() for sid in story.scenes}
        global_reads: set[str] = set()
        cap = 1
        for scene, _where, comp in expressions(story):
            for node in ast.walk(comp.tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, int) \
                        and not isinstance(node.value, bool):
                    cap = max(cap, node.value + 1)
            if scene is not None:
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
        self.cap = cap
        self.live: dict[str, frozenset[str]] = {
            sid: frozenset(global_reads.union(*(reads[t] for t in reachable(story, sid))))
            for sid in story.scenes}

    def key(self, state: GameState) -> StateKey:
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
        if story.scenes[state.scene].ending is not None:
            ending_ids.append(i)
            result.endings.add(state.scene)
            continue
        actions = available_actions(story, state)
        if not actions:
            dead_ids.add(i)
            result.dead_end_count += 1
            if state.scene not in dead_scenes and len(result.dead_ends) < max_reports:
                dead_scenes.add(state.scene)
                result.dead_ends.append(Finding(state.scene, state.face, _path(parent, i)))
        for action in actions:
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


def describe(actions: list[Action]) -> str:
    """An action path as plain-mode-like steps: ``go_home face:bare buy_finger``."""
    return " ".join(a.choice if isinstance(a, Choose) else f"face:{a.face}" for a in actions)


# --------------------------------------------------------------------------- reports

Replay = Callable[[int, list[Action]], str]
"""Builds the command that replays a path from a seed (for the reports)."""


def _count_lines(title: str, rows: list[tuple[int, str, str]]) -> list[str]:
    if not rows:
        return []
    width = max(len(name) for _n, name, _x in rows)
    out = [f"{title}:"]
    for n, name, extra in rows:
        out.append(f"  {n:>7,}  {name:<{width}}  {extra}".rstrip())
    return out


def _rule_text(rule_to: str | None, rule_from: str | None) -> str:
    parts = [f"to {rule_to}" if rule_to else "", f"from {rule_from}" if rule_from else ""]
    return " ".join(p for p in parts if p) or "any change"


def random_report(story: Story, cov: Coverage, seed: int, max_steps: int,
                  replay: Replay, show: int = 5) -> list[str]:
    """What ``walk --random`` prints: hits, what was never hit, failures, a summary last."""
    scenes = [s for s in story.scenes.values() if s.ending is None]
    endings = story.endings
    choices = [(f"{s.id}.{c.id}", c.label) for s in scenes for c in s.choices]
    rules = [(r.key, _rule_text(r.to, r.from_)) for s in scenes for r in s.faces.on_change]
    last = seed + cov.walks - 1
    out = [f"random: {cov.walks:,} walk{'s' if cov.walks != 1 else ''}, seeds {seed} to {last}, "
           f"at most {max_steps:,} steps each", ""]
    out += _count_lines("endings (walks that reached each)",
                        [(cov.endings[e.id], e.id, e.ending.title if e.ending else "")
                         for e in endings])
    out += _count_lines("scenes (walks that entered each)",
                        [(cov.scenes[s.id], s.id, "") for s in scenes])
    out += _count_lines("choices (times taken)",
                        [(cov.choices[key], key, "") for key, _label in choices])
    out += _count_lines("face rules (times applied)",
                        [(cov.rules[key], key, what) for key, what in rules])
    never = [
        ("never reached", [e.id for e in endings if not cov.endings[e.id]]),
        ("never entered", [s.id for s in scenes if not cov.scenes[s.id]]),
        ("never taken", [key for key, _ in choices if not cov.choices[key]]),
        ("never applied", [key for key, _ in rules if not cov.rules[key]]),
    ]
    out.append("")
    if not any(names for _t, names in never):
        out.append("never hit: nothing (every ending, scene, choice and face rule was hit)")
    for title, names in never:
        if names:
            out.append(f"{title}: {', '.join(names)}")
    for walk in cov.failures[:show]:
        # Face changes after the last choice only turn the walk round in place: leave them out.
        last = max((i for i, a in enumerate(walk.actions) if isinstance(a, Choose)), default=-1)
        path, churn = walk.actions[:last + 1], len(walk.actions) - last - 1
        then = f" (then {churn:,} face changes)" if churn else ""
        out += ["", f"FAILED seed {walk.seed}: {walk.error}",
                f"  path: {describe(path)}{then}", f"  replay: {replay(walk.seed, path)}"]
    if len(cov.failures) > show:
        out.append(f"... and {len(cov.failures) - show:,} more failed walks (--show N)")
    hit = sum(1 for _k, _l in choices if cov.choices[_k])
    applied = sum(1 for key, _ in rules if cov.rules[key])
    entered = sum(1 for s in scenes if cov.scenes[s.id])
    failures = len(cov.failures)
    out += ["", f"random: {cov.walks:,} walks, {len(cov.endings)}/{len(endings)} endings, "
                f"{entered}/{len(scenes)} scenes, {hit}/{len(choices)} choices, "
                f"{applied}/{len(rules)} face rules; "
                f"{failures:,} failure{'' if failures == 1 else 's'}"]
    return out


def exhaustive_report(result: Exploration, seed: int, replay: Replay) -> list[str]:
    """What ``walk --exhaustive`` prints: dead ends, softlocks, endings, the summary last."""
    out: list[str] = []
    for found in result.dead_ends:
        out += [f"dead end: scene '{found.scene}' (face {found.face}): nothing at all can be "
                "done", f"  path: {found.describe()}", f"  replay: {replay(seed, found.path)}"]
    if result.dead_end_count > len(result.dead_ends):
        out.append(f"({result.dead_end_count:,} dead-end states in all)")
    for found in result.softlocks:
        out += [f"softlock: scene '{found.scene}' (face {found.face}): no ending can be "
                "reached from here", f"  path: {found.describe()}",
                f"  replay: {replay(seed, found.path)}"]
    if result.softlock_count:
        scenes = sorted(result.softlock_scenes)
        out.append(f"softlocks: {result.softlock_count:,} states, in scene"
                   f"{'s' if len(scenes) > 1 else ''} {', '.join(scenes)}")
    missing = result.missing_endings
    if result.complete:
        if missing:
            out.append(f"never reached: {', '.join(missing)} (no path from the start leads "
                       "there)")
    else:
        so_far = f"; endings not reached so far: {', '.join(missing)}" if missing else ""
        out.append(f"not proven: the search stopped at --max-states {result.max_states:,} "
                   f"before it had seen every state{so_far}. Raise --max-states to prove it.")
    out.append(result.summary())
    return out


def parse_path(text: str) -> list[Action]:
    """The actions of a path as :func:`describe` writes it (``go_home face:bare ...``)."""
    return [ChangeFace(face=word[5:]) if word.startswith("face:") else Choose(choice=word)
            for word in text.split()]


def play_path(story: Story, seed: int, actions: list[Action], out: TextIO) -> str | None:
    """Play ``actions`` in plain mode, writing what the player would read, each action
    echoed as ``> id``; returns why an action was not possible, or None if all were."""
    from game.plain import PlainGame

    game = PlainGame(story, out, seed=seed, saves=None)
    game.start()
    for n, action in enumerate(actions, 1):
        out.write(f"> {describe([action])}\n")
        if action not in available_actions(story, game.state):
            return (f"step {n}, '{describe([action])}', is not possible in scene "
                    f"'{game.state.scene}' (face {game.state.face})")
        game.step(action)
    state = game.state
    if story.scenes[state.scene].ending is not None:
        out.write(f"replay: reached the ending '{state.scene}'\n")
    else:
        now = describe(available_actions(story, state)) or "nothing: a dead end"
        out.write(f"replay: now in scene '{state.scene}' (face {state.face}); "
                  f"possible: {now}\n")
    return None
