"""What the walks found, as the ``walk`` command prints it, and a path replayed in plain mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from game.engine import Choose
from game.engine import actions as enabled
from game.engine.state import Action
from game.story.runtime import Story
from game.tools.walk.paths import describe
from game.tools.walk.search import Exploration
from game.tools.walk.walks import Coverage

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
    scenes = [s for s in story.scenes.values() if not s.ending]
    endings = story.endings
    choices = [(c.key, c.label) for s in scenes for c in s.choices]
    rules = [(r.key, _rule_text(r.to, r.from_)) for s in scenes for r in s.rules]
    last = seed + cov.walks - 1
    out = [f"random: {cov.walks:,} walk{'s' if cov.walks != 1 else ''}, seeds {seed} to {last}, "
           f"at most {max_steps:,} steps each", ""]
    out += _count_lines("endings (walks that reached each)",
                        [(cov.endings[e.id], e.id, story.text(e.ending))
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
    if result.witnesses:
        out.append("endings (the shortest path to each):")
        out += [f"  {ending} ({len(path):,} step{'s' if len(path) != 1 else ''}): "
                f"{describe(path)}" for ending, path in result.witnesses.items()]
    for source, path in result.broken.items():
        out += [f"always broken: {source}", f"  shortest counterexample "
                f"({len(path):,} steps): {describe(path)}", f"  replay: {replay(seed, path)}"]
    for source, path in result.shown.items():
        out.append(f"possible: {source} ({len(path):,} steps): {describe(path)}")
    for source in result.never:
        what = "no playthrough makes it true" if result.complete else "not seen so far"
        out.append(f"never possible: {source}: {what}")
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
    if result.complete and result.chance:
        out.append("not proven: chance() decides what can be done somewhere in this story; "
                   "the search took each draw as it falls for the state's turn")
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


def play_path(story: Story, seed: int, actions: list[Action], out: TextIO) -> str | None:
    """Play ``actions`` in plain mode, writing what the player would read, each action
    echoed as ``> id``; returns why an action was not possible, or None if all were."""
    from game.plain import PlainGame

    game = PlainGame(story, out, seed=seed, saves=None)
    game.start()
    for n, action in enumerate(actions, 1):
        out.write(f"> {describe([action])}\n")
        if action not in enabled(story, game.state):
            return (f"step {n}, '{describe([action])}', is not possible in scene "
                    f"'{game.state.scene}' (face {game.state.face})")
        game.step(action)
    state = game.state
    if story.scenes[state.scene].ending:
        out.write(f"replay: reached the ending '{state.scene}'\n")
    else:
        now = describe(enabled(story, state)) or "nothing: a dead end"
        out.write(f"replay: now in scene '{state.scene}' (face {state.face}); "
                  f"possible: {now}\n")
    return None
