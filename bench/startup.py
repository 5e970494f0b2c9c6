"""Start-up: how soon the game shows its title, and how soon New game shows the play screen.

Three figures, each against a bare Textual app (one Static) measured in the same run:

(a) **title**: process start to the first frame of the title screen, the game started as the
    command line starts it (``game.cli.main(["play", ...])``, headless). The story, the
    profile and the saves load after that frame, in a worker thread, while the player reads
    the title. Target: at most 1.15x the bare app.
(b) **new game**: in the same process, once the story is ready, the time from the New game
    action to the first frame of the play screen. Target: under 100 ms at the median.
(c) **play** (the old figure, for comparison): process start to the first frame of the play
    screen, the game opened straight on a new game (``make_app(..., start="play")``, which
    loads the story before the app starts). A fourth child, the "floor", is the bare app
    after importing the engine and loading the story.

Each round starts fresh processes, in alternating order. Each child notes
``time.monotonic()`` (one clock for every process on the machine) when its first frame has
been drawn and exits; the parent takes that minus the moment it spawned the child.

Measured on a 2-core machine, 9 rounds (medians): bare app 0.26 s; title 1.07x; new game
53 ms; play 2.07x; floor 1.80x.

Run: ``python bench/startup.py [--rounds N] [--story DIR]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE_TARGET = 1.15
NEW_GAME_TARGET = 0.100

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
        print(time.monotonic(), time.process_time(), flush=True)
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

PLAY = """
import sys, time
from game.tui.app import make_app
from game.tui.screens.play import PlayScreen

shown = PlayScreen.on_mount

async def on_mount(self):
    await shown(self)
    self.call_after_refresh(done, self)

def done(screen):
    print(time.monotonic(), time.process_time(), flush=True)
    screen.app.exit()

PlayScreen.on_mount = on_mount
make_app(sys.argv[1], sys.argv[2], start="play").run(headless=True, size=(80, 24))
"""
"""The old figure: straight into a new game, the story loaded before the app starts."""

TITLE = """
import sys, time
from game.tui.app import FaceApp
from game.tui.screens.title import TitleScreen

def on_mount(self):
    self.call_after_refresh(title_shown, self)

def title_shown(screen):
    print(time.monotonic(), time.process_time(), flush=True)
    screen.app.call_later(new_game, screen.app)

def new_game(app):
    if not app.ready:
        app.call_after_refresh(new_game, app)  # the loading worker has not finished yet
        return
    from game.tui.screens.play import PlayScreen

    shown = PlayScreen.on_mount

    async def on_mount(self):
        await shown(self)
        self.call_after_refresh(play_shown, self)

    def play_shown(screen):
        print(time.perf_counter() - began, time.process_time() - began_cpu, flush=True)
        screen.app.exit()

    PlayScreen.on_mount = on_mount
    began, began_cpu = time.perf_counter(), time.process_time()
    app.action_new_game()

run = FaceApp.run
FaceApp.run = lambda self, **kw: run(self, headless=True, size=(80, 24))
TitleScreen.on_mount = on_mount
from game.cli import main
main(["play", "--story", sys.argv[1], "--saves", sys.argv[2]])
"""
"""The game as the command line starts it: prints the monotonic time of the title's first
frame and the CPU time used by then, then the seconds (wall clock, CPU) from New game, once
the story is ready, to the play screen's first frame."""


ENV = dict(os.environ)
"""The children's environment: bytecode cached (in a folder of the parent's, see main), as
for an installed game; without it the game's modules, unlike Textual's (compiled when it was
installed), would be compiled again in every child."""
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def run(code: str, *args: str) -> list[float]:
    """The numbers ``python -c code`` prints: the moment of its first frame (made relative
    to its spawning), the CPU time it had used by then, and any others."""
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, env=ENV)
    if out.returncode != 0:
        raise SystemExit(f"child failed:\n{out.stderr}")
    numbers = [float(word) for word in out.stdout.split()]
    return [numbers[0] - start, *numbers[1:]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--story", type=Path, default=ROOT / "tests" / "fixtures" / "starter",
                        help="the story to open (default: the starter fixture)")
    ns = parser.parse_args()
    ratios: dict[str, list[float]] = {"title": [], "play": [], "floor": []}
    cpu: dict[str, list[float]] = {"title": [], "play": [], "floor": []}
    bare_times: list[float] = []
    new_game: list[float] = []
    new_game_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as saves, tempfile.TemporaryDirectory() as cache:
        ENV["PYTHONPYCACHEPREFIX"] = cache
        story = str(ns.story)
        run(BARE)  # warm the file cache (and write the bytecode) for all
        run(TITLE, story, saves)
        run(PLAY, story, saves)
        run(FLOOR, story)
        for i in range(ns.rounds):
            order = [("bare", BARE, ()), ("title", TITLE, (story, saves)),
                     ("play", PLAY, (story, saves)), ("floor", FLOOR, (story,))]
            if i % 2:
                order.reverse()
            got = {name: run(code, *args) for name, code, args in order}
            bare, bare_cpu = got["bare"][:2]
            bare_times.append(bare)
            new_game.append(got["title"][2])
            new_game_cpu.append(got["title"][3])
            for name in ratios:
                ratios[name].append(got[name][0] / bare)
                cpu[name].append(got[name][1] / bare_cpu)
            print(f"round {i + 1}: bare {bare * 1000:.0f} ms, "
                  f"title {ratios['title'][-1]:.2f}x (CPU {cpu['title'][-1]:.2f}x), "
                  f"new game {new_game[-1] * 1000:.0f} ms, "
                  f"play {ratios['play'][-1]:.2f}x, floor {ratios['floor'][-1]:.2f}x")
    median = {name: statistics.median(values) for name, values in ratios.items()}
    median_cpu = {name: statistics.median(values) for name, values in cpu.items()}
    print(f"bare Textual app to its first frame: {statistics.median(bare_times) * 1000:.0f} ms; "
          f"figures are medians of {ns.rounds} rounds, each a ratio to that round's bare app "
          "(wall clock; CPU: the CPU time the process had used by its first frame)")
    print(f"(a) start-up to the first frame of the title screen: {median['title']:.2f}x the "
          f"bare app, CPU {median_cpu['title']:.2f}x (target at most {TITLE_TARGET}x)")
    print(f"(b) New game to the first frame of the play screen, the story ready: "
          f"{statistics.median(new_game) * 1000:.0f} ms, CPU "
          f"{statistics.median(new_game_cpu) * 1000:.0f} ms "
          f"(target under {NEW_GAME_TARGET * 1000:.0f} ms)")
    print(f"old figure: start-up straight to the first frame of the play screen: "
          f"{median['play']:.2f}x, CPU {median_cpu['play']:.2f}x")
    print(f"floor: a bare app that first imports the engine and loads the story: "
          f"{median['floor']:.2f}x, CPU {median_cpu['floor']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
