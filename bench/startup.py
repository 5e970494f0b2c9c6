"""Start-up: process start to the first frame of the play screen, against a bare Textual app.

Each round starts fresh processes, in alternating order: a bare Textual app (one Static)
and the game opened straight on a new game (``make_app(..., start="play")``). Each child
notes ``time.monotonic()`` (one clock for every process on the machine) when its first frame
has been drawn and exits; the parent takes that minus the moment it spawned the child.

Figures are printed as ratios (game / bare), per round and as the median; the target is at
most 1.5. A third child, the "floor", is the bare app after importing the engine and loading
the story: the part of the start-up that belongs to the engine, not to the TUI.

Run: ``python bench/startup.py [--rounds N] [--story DIR]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5

BARE = """
import time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_mount(self):
        self.call_after_refresh(self.done)

    def done(self):
        print(time.monotonic(), flush=True)
        self.exit()

Bare().run(headless=True, size=(80, 24))
"""

FLOOR = """
import sys
import textual.app
from game.story.loader import load_story
from game.engine import new_game, view
story = load_story(sys.argv[1])
view(story, new_game(story))
""" + BARE
"""The bare app after importing the engine and loading the story: what no shell can avoid."""

GAME = """
import sys, time
from game.tui.app import make_app
from game.tui.screens.play import PlayScreen

shown = PlayScreen.on_mount

async def on_mount(self):
    await shown(self)
    self.call_after_refresh(done, self)

def done(screen):
    print(time.monotonic(), flush=True)
    screen.app.exit()

PlayScreen.on_mount = on_mount
make_app(sys.argv[1], sys.argv[2], start="play").run(headless=True, size=(80, 24))
"""


def first_frame(code: str, *args: str) -> float:
    """Seconds from spawning ``python -c code`` to the first frame it reports."""
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    if out.returncode != 0:
        raise SystemExit(f"child failed:\n{out.stderr}")
    return float(out.stdout.split()[-1]) - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--story", type=Path, default=ROOT / "tests" / "fixtures" / "starter",
                        help="the story to open (default: the starter fixture)")
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory() as saves:
        first_frame(BARE)  # warm the file cache for both
        first_frame(GAME, str(ns.story), saves)
        bare_times, game_times, floor_times = [], [], []
        for i in range(ns.rounds):
            order = [("bare", BARE, ()), ("game", GAME, (str(ns.story), saves)),
                     ("floor", FLOOR, (str(ns.story),))]
            if i % 2:
                order.reverse()
            got = {name: first_frame(code, *args) for name, code, args in order}
            bare_times.append(got["bare"])
            game_times.append(got["game"])
            floor_times.append(got["floor"])
            print(f"round {i + 1}: game {got['game'] / got['bare']:.2f}x, "
                  f"floor {got['floor'] / got['bare']:.2f}x")
    bare = statistics.median(bare_times)
    median = statistics.median(game_times) / bare
    floor = statistics.median(floor_times) / bare
    print(f"start-up to the first frame of the play screen: {median:.2f}x a bare Textual app "
          f"(median of {ns.rounds} rounds; target at most {TARGET}x)")
    print(f"floor: a bare app that first imports the engine and loads the story: {floor:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
