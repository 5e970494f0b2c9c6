"""Figures for two hostile stories: how long ``check`` takes on 190,000 aliases of a 5 KB
string, and how long and how much memory ``play --plain`` takes on a story whose effect
squares an int variable without bounds (``x = x * x``, N times, then save and load).

Run: ``python bench/hostile_stories.py [--steps N] [--timeout S] [--game DIR]``. Each command
runs in its own process, killed after the timeout; peak memory is that process's maximum
resident set. ``--game`` runs the game from another source tree, for a before/after figure
(``git archive COMMIT game | tar -x -C DIR``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile.story_tools import MINIMAL, copy_story  # noqa: E402
from tests.hostile.test_story_amplification import paragraphs  # noqa: E402
from tests.hostile.test_story_numbers import _growing  # noqa: E402


def measure(args: list[str], stdin: str, timeout: float,
            game: Path = ROOT) -> tuple[float, int, str]:
    """Wall seconds, peak resident KB and how it ended, for ``python -m game ARGS`` run from
    the source tree ``game``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "game", *args], cwd=game,
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    assert proc.stdin is not None
    try:
        proc.stdin.write(stdin.encode())
        proc.stdin.close()
    except BrokenPipeError:
        pass
    _pid, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    ended = "killed at the timeout" if code < 0 else f"exit {code}"
    return elapsed, usage.ru_maxrss, ended


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=28, help="squarings before saving")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per command")
    parser.add_argument("--game", type=Path, default=ROOT, help="the source tree to run")
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        alias = copy_story(base, MINIMAL, "alias")
        (alias / "scenes" / "big.yaml").write_text(paragraphs(190_000), encoding="utf-8")
        secs, peak, ended = measure(["check", str(alias)], "", ns.timeout, ns.game)
        print(f"check, 190,000 aliases of 5 KB: {secs:.2f} s, peak {peak / 1024:.0f} MB, "
              f"{ended}")
        grow = _growing(base / "grow", "x = x * x")
        moves = "1\n" * ns.steps + "save 1\nload 1\nstatus\nquit\n"
        secs, peak, ended = measure(["play", "--plain", "--story", str(grow), "--saves",
                                     str(base / "saves")], moves, ns.timeout, ns.game)
        saves = list((base / "saves").glob("*.json"))
        size = max((p.stat().st_size for p in saves), default=0)
        print(f"play, x = x * x {ns.steps} times, save, load: {secs:.2f} s, peak "
              f"{peak / 1024:.0f} MB, {ended}, largest save {size:,} bytes")


if __name__ == "__main__":
    main()
