"""Benchmark: the author tools. Prints figures only; nothing here fails on a time.

- ``walk --exhaustive``: states per second on tests/fixtures/starter (the reduced search and
  the plain one that tells states apart by all they hold) and the proof of the bundled story;
- ``walk --random``: walks per second on the bundled story;
- ``check`` (load, validate and lint) on a generated 5,000-scene story, as a ratio against
  a raw YAML parse of the same files (the C loader, as in bench/load.py).

Run: ``python bench/tools.py`` (``--cap N`` sets the state cap on the bundled story).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from gen_story import generate  # noqa: E402
from load import Loader, best_of, raw_parse  # noqa: E402

from game.story import load_story  # noqa: E402
from game.tools.check import check_story  # noqa: E402
from game.tools.walk import explore, random_walks  # noqa: E402


def exhaustive(name: str, root: Path, cap: int, reduce: bool = True) -> None:
    story = load_story(root)
    start = time.perf_counter()
    result = explore(story, max_states=cap, reduce=reduce)
    took = time.perf_counter() - start
    verdict = ("proven" if result.ok else "complete, not proven") if result.complete \
        else f"capped at {cap:,}"
    print(f"  {name:<30}{result.states:>10,} states {took:>8.2f}s "
          f"{result.states / took:>10,.0f} states/s   {len(result.endings)}/"
          f"{len(result.all_endings)} endings, {verdict}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cap", type=int, default=2_000_000,
                    help="the state cap on the bundled story (default 2,000,000)")
    ns = ap.parse_args()

    print("walk --exhaustive (breadth-first over distinct states)")
    starter = ROOT / "tests" / "fixtures" / "starter"
    exhaustive("tests/fixtures/starter", starter, 1_000_000)
    exhaustive("  the same, plain search", starter, 1_000_000, reduce=False)
    exhaustive("story/ (the proof)", ROOT / "story", ns.cap)

    story = load_story(ROOT / "story")
    count = 1000
    start = time.perf_counter()
    cov = random_walks(story, count)
    took = time.perf_counter() - start
    print(f"walk --random {count:,} on story/: {took:.2f}s, {count / took:,.0f} walks/s, "
          f"{len(cov.endings)}/{len(story.endings)} endings, {len(cov.failures)} failures")

    print(f"check on a generated story (yaml loader: {Loader.__name__})")
    with tempfile.TemporaryDirectory() as tmp:
        big = generate(Path(tmp) / "big", 5000)
        raw = best_of(raw_parse, big, 5)
        raw_paused = best_of(raw_parse, big, 5, paused=True)
        checked = best_of(check_story, big, 5)
        report = check_story(big)
    print(f"  {'5,000 scenes':<22}raw parse {raw * 1000:.0f}ms (no gc {raw_paused * 1000:.0f}ms)"
          f", check {checked * 1000:.0f}ms: {checked / raw:.2f}x "
          f"({checked / raw_paused:.2f}x against the parse without gc)")
    print(f"  {report.summary()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
