"""The ``face-of-another`` command: ``play`` (the default), ``serve`` and ``check``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game.paths import default_saves_dir, default_story_dir


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="face-of-another",
        description="Face of Another: an interactive fiction game for the terminal.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play the game (the default)")
    play.add_argument("--plain", action="store_true",
                      help="plain text mode: read commands from standard input, line by line")
    play.add_argument("--story", type=Path, default=None, metavar="DIR",
                      help="the story folder (default: the bundled story)")
    play.add_argument("--saves", type=Path, default=None, metavar="DIR",
                      help="the saves folder")
    play.add_argument("--seed", type=int, default=0, metavar="N",
                      help="the seed for the story's chances (default 0)")

    serve = sub.add_parser("serve", help="serve the game to a web browser (textual-serve)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument("--story", type=Path, default=None, metavar="DIR",
                       help="the story folder (default: the bundled story)")
    serve.add_argument("--saves", type=Path, default=None, metavar="DIR",
                       help="the saves folder")
    serve.add_argument("--seed", type=int, default=0, metavar="N",
                       help="the seed for the story's chances (default 0)")

    check = sub.add_parser("check", help="validate and lint a story folder")
    check.add_argument("dir", nargs="?", type=Path, default=None, metavar="DIR",
                       help="the story folder (default: the bundled story)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0].startswith("-") and args[0] not in ("-h", "--help"):
        args.insert(0, "play")
    ns = _parser().parse_args(args)
    try:
        if ns.command == "check":
            return _check(ns)
        if ns.command == "serve":
            return _serve(ns)
        return _play(ns)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


def _check(ns: argparse.Namespace) -> int:
    from game.tools.check import check_story

    report = check_story(ns.dir or default_story_dir())
    if ns.format == "json":
        print(report.to_json())
    else:
        for problem in report.problems:
            print(problem.format())
        print(report.summary())
    if report.errors or (ns.strict and report.warnings):
        return 1
    return 0


def _play(ns: argparse.Namespace) -> int:
    from game.story import StoryError, load_story

    story_dir = ns.story or default_story_dir()
    try:
        story = load_story(story_dir)
    except StoryError as err:
        for problem in err.problems:
            print(problem.format(), file=sys.stderr)
        print(f"face-of-another: the story in {story_dir} has errors; "
              "run 'face-of-another check' for details", file=sys.stderr)
        return 1
    saves = ns.saves or default_saves_dir()
    if not ns.plain:
        from game.tui.app import make_app

        make_app(saves_dir=saves, seed=ns.seed, story=story).run()
        return 0
    from game.plain import run_plain

    return run_plain(story, sys.stdin, sys.stdout, seed=ns.seed, saves=saves)


def _serve(ns: argparse.Namespace) -> int:
    """Serve the same app through textual-serve: each browser tab runs ``play`` in a process."""
    import shlex

    from textual_serve.server import Server

    command = [sys.executable, "-m", "game", "play"]
    if ns.story is not None:
        command += ["--story", str(ns.story.resolve())]
    if ns.saves is not None:
        command += ["--saves", str(ns.saves.resolve())]
    command += ["--seed", str(ns.seed)]
    Server(shlex.join(command), host=ns.host, port=ns.port, title="Face of Another").serve()
    return 0
