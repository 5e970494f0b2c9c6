"""Benchmark: the engine's step rate against bink (an ink runtime in Rust), in the same run.

A step is what a seeded random player does: list the enabled actions, pick one with
``random.Random(seed)``, take it. At an ending, at a dead end, or after ``MAX_WALK`` steps
the player starts again (the restart is timed too). Ours lists the actions with
:func:`game.engine.actions` (choices and face changes, no text resolved) and
takes one with :func:`game.engine.act`; bink continues to the next choices (the prose is
produced on the way: ink cannot reach its choices without it), counts them and chooses one.

The stories: the bundled ``story/``, a generated 5,000-scene story (bench/gen_story.py) and
bench/three_knots (three scenes in a ring), each translated to ink by bench/to_ink.py (its
docstring says what is and is not translated) and compiled to ink JSON with the compiler in
npm's ``inkjs`` (the npm project is bench/ink; ``npm ci`` runs there if it has no
node_modules yet). Each figure is the best of ``--repeat`` runs of ``--seconds`` each,
ours and bink's alternating. Without node and npm, or without bink (``pip install -e
'.[bench]'``), only ours is timed.

Run: ``python bench/engine.py`` (or ``make bench``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from gen_story import generate  # noqa: E402
from to_ink import to_ink  # noqa: E402

from game.engine import act, actions, new_game  # noqa: E402
from game.story import load_story  # noqa: E402
from game.story.runtime import Story  # noqa: E402
from game.tools.walk import explore  # noqa: E402

MAX_WALK = 400
"""Steps after which the random player starts again (as ``walk --random`` gives up)."""

INK = HERE / "ink"
COMPILER = INK / "node_modules" / "inkjs" / "bin" / "inkjs-compiler.js"
CACHE = INK / ".cache"


Rate = tuple[float, float]
"""Steps per second, and steps per walk (from a start to a restart)."""


def ours_steps(story: Story, seconds: float, seed: int = 0) -> Rate:
    """Steps per second (and per walk) of a seeded random player on our engine."""
    rng = random.Random(seed)
    scenes = story.scenes
    state, walked, steps, walks = new_game(story, seed), 0, 0, 1
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        now = time.perf_counter()
        if now >= deadline:
            return steps / (now - start), steps / walks
        possible = None if scenes[state.scene].ending or walked >= MAX_WALK \
            else actions(story, state)
        if not possible:
            state, walked, walks = new_game(story, seed), 0, walks + 1
            continue
        state = act(story, state, rng.choice(possible))
        steps += 1
        walked += 1


def bink_steps(story_json: str, seconds: float, seed: int = 0) -> Rate:
    """Steps per second (and per walk) of the same seeded random player on bink."""
    from bink.story import Story as InkStory

    rng = random.Random(seed)
    ink = InkStory(story_json)
    ink.continue_maximally()
    walked, steps, walks = 0, 0, 1
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        now = time.perf_counter()
        if now >= deadline:
            return steps / (now - start), steps / walks
        count = len(ink.get_current_choices()) if walked < MAX_WALK else 0
        if not count:
            ink.reset_state()
            ink.continue_maximally()
            walked, walks = 0, walks + 1
            continue
        ink.choose_choice_index(rng.randrange(count))
        ink.continue_maximally()
        steps += 1
        walked += 1


def ink_compiler() -> str | None:
    """Why ink cannot be compiled here, or None when the inkjs compiler is ready."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return "node and npm are not on PATH"
    if not COMPILER.exists():
        command = "ci" if (INK / "package-lock.json").exists() else "install"
        print(f"bench/ink: npm {command} (first run) ...", flush=True)
        done = subprocess.run([npm, command, "--no-audit", "--no-fund"], cwd=INK,
                              capture_output=True, text=True, check=False)
        if done.returncode != 0 or not COMPILER.exists():
            return f"npm {command} in bench/ink failed: {done.stderr.strip()[-300:]}"
    return None


def bink_missing() -> str | None:
    """Why bink cannot be used here, or None when it imports."""
    try:
        import bink.story  # noqa: F401
    except (ImportError, RuntimeError, OSError) as err:
        return f"bink is not installed ({err}); pip install -e '.[bench]'"
    return None


def compile_ink(story: Story, work: Path, name: str) -> str:
    """The story translated to ink and compiled to ink JSON (the text of the JSON).

    The JSON is kept in bench/ink/.cache under a hash of the ink source: the compiler takes
    most of a minute on the 5,000-scene story.
    """
    ink = to_ink(story)
    cached = CACHE / f"{hashlib.sha256(ink.encode()).hexdigest()[:20]}.json"
    if cached.exists():
        return cached.read_text(encoding="utf-8-sig")
    source = work / f"{name}.ink"
    target = work / f"{name}.json"
    source.write_text(ink, encoding="utf-8")
    print(f"compiling {name}.ink ({len(ink) // 1024:,} KB) ...", flush=True)
    done = subprocess.run(["node", str(COMPILER), "-o", str(target), str(source)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0 or not target.exists():
        raise RuntimeError(f"the ink compiler refused {source}:\n{done.stderr[-2000:]}")
    text = target.read_text(encoding="utf-8-sig")
    json.loads(text)  # fail here, not inside the runtime, if it is not JSON
    CACHE.mkdir(exist_ok=True)
    cached.write_text(text, encoding="utf-8")
    return text


def main() -> int:
    """Time both engines on the three stories and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=2.5, help="length of one run (2.5)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (3)")
    ap.add_argument("--states", type=int, default=5_000,
                    help="state cap of the exhaustive-search figure (5,000; 0: skip it)")
    ap.add_argument("--seed", type=int, default=0)
    ns = ap.parse_args()

    why_not = bink_missing() or ink_compiler()
    if why_not:
        print(f"bink skipped: {why_not}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cases: list[tuple[str, Story, str | None]] = []
        for name, root in [("story/", ROOT / "story"),
                           ("generated 5,000 scenes", generate(work / "generated", 5000)),
                           ("three knots", HERE / "three_knots")]:
            story = load_story(root)
            compiled = None if why_not else compile_ink(story, work, root.name)
            cases.append((name, story, compiled))
    for name, story, compiled in cases:
        # Runs alternate, ours then bink's, so that a change in the machine's load falls on
        # both alike.
        ours: list[Rate] = []
        theirs: list[Rate] = []
        for _ in range(ns.repeat):
            ours.append(ours_steps(story, ns.seconds, ns.seed))
            if compiled is not None:
                theirs.append(bink_steps(compiled, ns.seconds, ns.seed))
        _print_row(name, len(story.scenes), max(ours), max(theirs) if theirs else None)
    print(f"steps/s: a seeded random player (list the enabled actions, pick one, act), "
          f"starting again at an ending, a dead end or after {MAX_WALK} steps; best of "
          f"{ns.repeat} x {ns.seconds:g}s. walk: steps per walk. ratio: ours / bink "
          "(the target is 10x).")
    if ns.states:
        _exhaustive(ns.states, ns.seed)
    return 0


def _print_row(name: str, scenes: int, ours: Rate, theirs: Rate | None) -> None:
    if not hasattr(_print_row, "done"):
        print(f"{'story':<24}{'scenes':>7}{'ours steps/s':>14}{'walk':>6}"
              f"{'bink steps/s':>14}{'walk':>6}{'ratio':>8}")
        _print_row.done = True  # type: ignore[attr-defined]
    bink = f"{theirs[0]:>14,.0f}{theirs[1]:>6.0f}" if theirs else f"{'-':>14}{'-':>6}"
    ratio = f"{ours[0] / theirs[0]:>7.2f}x" if theirs else f"{'-':>8}"
    print(f"{name:<24}{scenes:>7,}{ours[0]:>14,.0f}{ours[1]:>6.0f}{bink}{ratio}", flush=True)


def _exhaustive(cap: int, seed: int) -> None:
    story: Any = load_story(ROOT / "story")
    start = time.perf_counter()
    result = explore(story, max_states=cap, seed=seed)
    took = time.perf_counter() - start
    print(f"exhaustive search on story/ (walk --exhaustive, capped at {cap:,}): "
          f"{result.states:,} states in {took:.2f}s, {result.states / took:,.0f} states/s")


if __name__ == "__main__":
    raise SystemExit(main())
