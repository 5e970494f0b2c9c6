"""Benchmark: loading and validating a story, as a ratio against a raw YAML parse.

For each story (the game's own ``story/``, a generated 5,000-scene story, and the same with
errors in it) this times ``read_story`` (parse, validate, compile expressions, locate any
problems) against ``yaml.load`` with the C loader over the same files, in the same run.
Target: at most 1.5x. Run: ``python bench/load.py``.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_story import generate  # noqa: E402

from game.story.loader import read_story, story_files  # noqa: E402

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def raw_parse(root: Path) -> list[object]:
    return [yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
            for path in story_files(root)]


def best_of(fn, root: Path, repeat: int, paused: bool = False) -> float:
    """The best of ``repeat`` runs; each starts after a full collection."""
    times = []
    for _ in range(repeat):
        gc.collect()
        if paused:
            gc.disable()
        start = time.perf_counter()
        result = fn(root)
        times.append(time.perf_counter() - start)
        gc.enable()
        del result  # freeing what was built is not part of either load
    return min(times)


def break_story(root: Path, every: int = 100) -> int:
    """Put an unknown scene target in every ``every``-th scene file; returns how many."""
    count = 0
    for path in sorted((root / "scenes").glob("part*.yaml")):
        text = path.read_text()
        path.write_text(text.replace("go: s", "go: nowhere_", 1))
        count += 1
    return count


def main() -> int:
    print(f"yaml loader: {Loader.__name__}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        big = generate(Path(tmp) / "big", 5000)
        broken = generate(Path(tmp) / "broken", 5000)
        nbroken = break_story(broken)
        cases = [("story/", Path(__file__).resolve().parent.parent / "story", 20),
                 ("generated 5,000 scenes", big, 5),
                 (f"generated, {nbroken} errors", broken, 5)]
        for name, root, repeat in cases:
            raw = best_of(raw_parse, root, repeat)
            raw_paused = best_of(raw_parse, root, repeat, paused=True)
            ours = best_of(read_story, root, repeat)
            _, problems = read_story(root)
            rows.append((name, raw, raw_paused, ours, len(problems)))
    print(f"{'story':<26}{'raw parse':>11}{'raw, no gc':>12}{'load':>10}"
          f"{'ratio':>8}{'ratio*':>8}{'problems':>10}")
    for name, raw, paused, ours, n in rows:
        print(f"{name:<26}{raw * 1000:>9.1f}ms{paused * 1000:>10.1f}ms{ours * 1000:>8.1f}ms"
              f"{ours / raw:>7.2f}x{ours / paused:>7.2f}x{n:>10}")
    print("ratio: load / raw parse; ratio*: load / raw parse with the garbage collector paused "
          "(the loader pauses it too). Target: at most 1.5x.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
