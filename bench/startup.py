"""Start-up: how soon the game shows its title, and how soon New game shows the play screen.

Each figure is set against a bare Textual app (one Static) measured in the same round:

(a) **title**: process start to the first frame of the title screen, the game started as the
    command line starts it (``game.cli.main(["play", ...])``, headless). The story, the
    profile and the saves are read after that frame, in a worker thread, while the player
    reads the title. Target: at most 1.15x the bare app. Beside it, **widgets**: a plain
    Textual app with the title's widgets (a menu, a footer) and the game's style sheet, and
    no game code: what that first frame costs whatever the game does around it.
(b) **new game**: in the same process, once the story is ready, the time from the New game
    action to the first frame of the play screen. Target: under 100 ms at the median.
(c) **play** (the old figure, for comparison): process start to the first frame of the play
    screen, the game opened straight on a new game (``make_app(..., start="play")``, which
    reads the story before the app starts). The **floor** is the bare app after importing
    the engine and loading the story.

Each round starts fresh processes, in alternating order. Each child notes
``time.monotonic()`` (one clock for every process on the machine) and the CPU time it has
used when its first frame has been drawn, and exits; the parent takes the first minus the
moment it spawned the child. A figure is the median, over the rounds, of its ratio to that
round's bare app; the CPU ratio is steadier than the wall clock's on a busy machine.

Measured 2026-12 on a 2-core machine busy with other work (the bare app took 0.37 s instead
of its usual 0.19 s), 9 rounds: (a) title 1.20x (CPU 1.20x), its widgets and style sheet
alone 1.16x (CPU 1.14x); (b) new game 109 ms (CPU 60 ms); play 2.20x (CPU 2.33x); floor
1.56x (CPU 1.65x). A quieter run (5 rounds, bare app 0.21 s): title 1.15x (CPU 1.19x), new
game 70 ms, play 2.05x. Before the title was drawn first, it took 2.2x (the story, pydantic
and the engine were read before the app started). What is left above the target is mostly
the title's own widgets and the whole app's style sheet (the "widgets" line); the game's own
imports add about 7 ms of CPU.

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

WIDGETS = """
import sys, time
from textual.app import App
from textual.containers import Center, Vertical
from textual.widgets import Footer, OptionList, Static

class Widgets(App):
    CSS_PATH = sys.argv[1]

    def compose(self):
        with Vertical(id="title-box"):
            yield Static(chr(10) * 6, id="title-art")
            yield Static(" ", id="title-name")
            yield Static(" ", id="title-author")
            with Center():
                yield OptionList("New game", "Endings", "Settings", "Help", "Quit", id="menu")
        yield Footer(compact=True)

    def on_mount(self):
        self.call_after_refresh(self.done)

    def done(self):
        print(time.monotonic(), time.process_time(), flush=True)
        self.exit()

Widgets().run(headless=True, size=(80, 24))
"""
"""The title's widgets and the game's style sheet in a plain Textual app, without the game:
what the title's first frame costs whatever the game does around it."""

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
    ratios: dict[str, list[float]] = {"title": [], "widgets": [], "play": [], "floor": []}
    cpu: dict[str, list[float]] = {name: [] for name in ratios}
    bare_times: list[float] = []
    new_game: list[float] = []
    new_game_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as saves, tempfile.TemporaryDirectory() as cache:
        ENV["PYTHONPYCACHEPREFIX"] = cache
        story = str(ns.story)
        css = str(ROOT / "game" / "tui" / "app.tcss")
        run(BARE)  # warm the file cache (and write the bytecode) for all
        run(TITLE, story, saves)
        run(PLAY, story, saves)
        run(FLOOR, story)
        for i in range(ns.rounds):
            order = [("bare", BARE, ()), ("title", TITLE, (story, saves)),
                     ("widgets", WIDGETS, (css,)), ("play", PLAY, (story, saves)),
                     ("floor", FLOOR, (story,))]
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
                  f"widgets {ratios['widgets'][-1]:.2f}x, "
                  f"new game {new_game[-1] * 1000:.0f} ms, "
                  f"play {ratios['play'][-1]:.2f}x, floor {ratios['floor'][-1]:.2f}x")
    median = {name: statistics.median(values) for name, values in ratios.items()}
    median_cpu = {name: statistics.median(values) for name, values in cpu.items()}
    print(f"bare Textual app to its first frame: {statistics.median(bare_times) * 1000:.0f} ms; "
          f"figures are medians of {ns.rounds} rounds, each a ratio to that round's bare app "
          "(wall clock; CPU: the CPU time the process had used by its first frame)")
    print(f"(a) start-up to the first frame of the title screen: {median['title']:.2f}x the "
          f"bare app, CPU {median_cpu['title']:.2f}x (target at most {TITLE_TARGET}x)")
    print(f"    its widgets and style sheet alone, in a plain Textual app: "
          f"{median['widgets']:.2f}x, CPU {median_cpu['widgets']:.2f}x")
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
