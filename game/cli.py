"""The ``face-of-another`` command: ``play`` (the default), ``serve`` and ``check``; and the
author tools ``walk``, ``graph``, ``schema``, ``new scene`` and those of
:mod:`game.tools.commands` (``new story``, ``export story``, ``test``, ``translate``,
``guide``)."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from game.i18n import _
from game.paths import default_saves_dir, default_story_dir
from game.story.limits import MAX_STATES

if TYPE_CHECKING:
    from game.engine.state import Action
    from game.profile import Profile
    from game.story.problems import StoryError
    from game.story.runtime import Story


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (and exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


DEBUG_HELP = "let an internal error's traceback through (for bug reports)"


def _parser(only_play: bool = False) -> argparse.ArgumentParser:
    """The command line's parser; with ``only_play``, with ``play`` as its one command (the
    game starts sooner without building, and importing, the others)."""
    parser = _Parser(
        prog="face-of-another",
        description="Face of Another: an interactive fiction game for the terminal.")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
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
    play.add_argument("--lang", type=_lang_code, default=None, metavar="CODE",
                      help="the language: en, ru, pt, or any the story has an i18n/CODE "
                           "folder for (default: from the settings, else the locale)")
    play.add_argument("--watch", action="store_true",
                      help="reload the story when its files change, replaying your moves "
                           "to the same point (for authors)")
    play.add_argument("--at", default=None, metavar="SCENE[#N]",
                      help="start in SCENE, in the N-th (default 1st) distinct state the "
                           "exhaustive search reaches there, by the shortest path it found "
                           "(for authors; undo takes the path back)")
    play.add_argument("--max-states", type=_count, default=MAX_STATES, metavar="N",
                      help=f"with --at: stop the search after N states (default {MAX_STATES:,})")
    if only_play:
        _debug_option(sub)
        return parser

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
    serve.add_argument("--max-sessions", type=int, default=8, metavar="N",
                       help="games running at once; one more browser is turned away (default 8)")
    serve.add_argument("--max-message", type=int, default=64 * 1024, metavar="BYTES",
                       help="the largest websocket message; a larger one ends its session "
                            "(default 65536)")
    serve.add_argument("--input-rate", type=int, default=16 * 1024, metavar="BYTES",
                       help="input a browser may send a second, in bursts of four seconds' "
                            "worth; more ends its session (default 16384)")
    serve.add_argument("--max-memory", type=int, default=512, metavar="MIB",
                       help="the memory of each game process, in MiB; 0: no limit (default 512)")
    serve.add_argument("--idle-timeout", type=float, default=1800, metavar="SECONDS",
                       help="end a session after this long without input; 0: never "
                            "(default 1800)")
    serve.add_argument("--session-timeout", type=float, default=6 * 3600, metavar="SECONDS",
                       help="end a session after this long in all; 0: never (default 21600)")
    serve.add_argument("--allow-origin", action="append", default=[], metavar="URL",
                       help="also accept pages from this origin, e.g. https://play.example.org "
                            "behind a proxy (repeatable; by default only the served address)")

    check = sub.add_parser(
        "check", help="validate and lint a story folder",
        description="Validate and lint a story folder. With --faces, also a table of how each "
                    "person present in each scene reacts to each face possible there: generic "
                    "(one text for the face everywhere), scene (a variant whose 'if' reads "
                    "this scene's visits), cond (variants for other conditions) or - (none); "
                    "and the face changes a scene does not answer: unanswered (only the "
                    "face's change_text is told) or silent (nothing is), each marked intended "
                    "when the scene's faces.quiet lists it. With --style, the phrases of five "
                    "or more words that occur in three or more strings of the story's English, "
                    "with their keys, and per scene how often each phrase of style.watch in "
                    "story.yaml occurs (neither fails --strict).")
    check.add_argument("dir", nargs="?", type=Path, default=None, metavar="DIR",
                       help="the story folder (default: the bundled story)")
    check.add_argument("--strict", action="store_true",
                       help="fail on warnings too (with --faces: on face changes that are "
                            "silent or unanswered and not in faces.quiet)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--faces", action="store_true",
                       help="report reactions per scene, person and face, and the face "
                            "changes no scene answers")
    check.add_argument("--style", action="store_true",
                       help="list phrases of 5+ words repeated in 3+ places, and count the "
                            "phrases of style.watch (story.yaml) per scene")
    _author_parsers(sub)
    _outside_parsers(sub)
    _debug_option(sub)
    return parser


def _lang_code(text: str) -> str:
    """A language code for ``play --lang``: two small letters (checked against the story's
    languages once it is loaded)."""
    if len(text) != 2 or not ("a" <= text[0] <= "z" and "a" <= text[1] <= "z"):
        raise argparse.ArgumentTypeError(f"'{text}' is not a language code (two small "
                                         "letters: en, ru, pt, de ...)")
    return text


def _debug_option(sub: argparse._SubParsersAction[_Parser]) -> None:
    """``--debug`` after a command's name too (and a subcommand's): it sets the global one."""
    for command in sub.choices.values():
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help=DEBUG_HELP)
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _debug_option(action)


def _count(text: str) -> int:
    """A whole number of at least 1, for the author tools' counts."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small: at least 1")
    return value


def _story_dir(parser: argparse.ArgumentParser) -> None:
    """The optional story folder, as the author tools take it."""
    parser.add_argument("dir", nargs="?", type=Path, default=None, metavar="DIR",
                        help="the story folder (default: the bundled story)")


def _author_parsers(sub: argparse._SubParsersAction[_Parser]) -> None:
    """The author tools: walk, graph, schema, new."""
    walk = sub.add_parser(
        "walk", help="play a story by machine: random walks, or every state",
        description="Random playthroughs (--random, the default) and a breadth-first search "
                    "over every distinct state (--exhaustive). Exits 1 on a failed walk, a "
                    "dead end, a softlock, an ending no path reaches, or an exhaustive search "
                    "stopped by --max-states (not proven).")
    _story_dir(walk)
    walk.add_argument("--random", type=_count, default=None, metavar="N",
                      help="play N seeded random walks and report what they hit "
                           "(default: 200 when neither --random nor --exhaustive is given)")
    walk.add_argument("--seed", type=int, default=0, metavar="S",
                      help="walk n uses seed S+n; --exhaustive and --replay use seed S "
                           "(default 0)")
    walk.add_argument("--max-steps", type=_count, default=400, metavar="N",
                      help="a random walk with no ending after N actions fails (default 400)")
    walk.add_argument("--exhaustive", action="store_true",
                      help="visit every distinct state: prove every ending reachable and "
                           "find softlocks")
    walk.add_argument("--max-states", type=_count, default=MAX_STATES, metavar="N",
                      help=f"stop the exhaustive search after N states (default {MAX_STATES:,}); "
                           "it is then not proven, and the exit code is 1")
    walk.add_argument("--show", type=_count, default=5, metavar="N",
                      help="list at most N failures, dead ends and softlocks (default 5)")
    walk.add_argument("--replay", metavar="PATH", default=None,
                      help="play an action path from a report ('open_door face:veil ...') "
                           "in plain mode, with --seed")

    graph = sub.add_parser(
        "graph", help="the story as a graph: Graphviz dot or Mermaid",
        description="Scenes, endings, choices and face rules that lead somewhere, with their "
                    "conditions; optionally coloured by random walks.")
    _story_dir(graph)
    graph.add_argument("--format", choices=("dot", "mermaid"), default="dot",
                       help="dot for Graphviz (the default), mermaid for Markdown")
    graph.add_argument("--coverage", action="store_true",
                       help="colour scenes and edges by how often random walks hit them")
    graph.add_argument("--walks", type=_count, default=200, metavar="N",
                       help="how many random walks --coverage plays (default 200)")
    graph.add_argument("--seed", type=int, default=0, metavar="S",
                       help="the first seed of the --coverage walks (default 0)")
    graph.add_argument("--stays", action="store_true",
                       help="also draw the choices that stay in their scene, as loops")
    graph.add_argument("--out", "-o", type=Path, default=None, metavar="FILE",
                       help="write to FILE instead of standard output")

    schema = sub.add_parser(
        "schema", help="JSON Schemas of the story files, for editors",
        description="Print the JSON Schema of one kind of story file, or write all three "
                    "(story.schema.json, characters.schema.json, scenes.schema.json) with "
                    "--out.")
    schema.add_argument("kind", nargs="?", choices=("story", "characters", "scenes"), default=None,
                        help="the schema to print (with --out: the only one to write)")
    schema.add_argument("--out", type=Path, default=None, metavar="DIR",
                        help="write the schema files into DIR")
    schema.add_argument("--story", type=Path, default=None, metavar="DIR",
                        help="also list the ids of the story in DIR (scenes, faces, people), "
                             "so that an editor completes them")

    new = sub.add_parser("new", help="write a skeleton: new scene ID")
    kinds = new.add_subparsers(dest="what", metavar="WHAT", required=True)
    scene = kinds.add_parser(
        "scene", help="a scene skeleton that loads",
        description="Append a scene skeleton to scenes/actN.yaml (--act N) or to --file, or "
                    "write it to a new file scenes/ID.yaml; it loads as it is.")
    scene.add_argument("id", metavar="ID", help="the new scene's id")
    scene.add_argument("--act", type=int, default=None, metavar="N",
                       help="the scene's act; without --file, append to scenes/actN.yaml")
    scene.add_argument("--file", default=None, metavar="PATH",
                       help="the scene file to append to or create (inside scenes/)")
    scene.add_argument("--story", type=Path, default=None, metavar="DIR",
                       help="the story folder (default: the bundled story)")
    scene.add_argument("--to", default=None, metavar="SCENE",
                       help="where the skeleton's placeholder choice goes (default: the first "
                            "scene of the next act, else the first ending)")
    from game.tools.commands import add_new_story

    add_new_story(kinds)


def _outside_parsers(sub: argparse._SubParsersAction[_Parser]) -> None:
    """The commands for authors outside the repository (game/tools/commands.py)."""
    from game.tools.commands import add_parsers

    add_parsers(sub)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    An unexpected error is one line on stderr and exit code 1 (with ``--debug``, its
    traceback); an interrupt is 130; a closed pipe ends quietly.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    lead = 0
    while lead < len(args) and args[lead] == "--debug":
        lead += 1
    if lead == len(args) or args[lead].startswith("-") and args[lead] not in ("-h", "--help"):
        args.insert(lead, "play")
    ns = _parser(only_play=args[lead] == "play").parse_args(args)
    try:
        if ns.command == "check":
            return _check(ns)
        if ns.command == "serve":
            return _serve(ns)
        if ns.command in _AUTHOR:
            return _AUTHOR[ns.command](ns)
        from game.tools.commands import COMMANDS

        if ns.command in COMMANDS:
            return COMMANDS[ns.command](ns)
        return _play(ns)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if ns.debug:
            raise
        from game.crash import describe

        print(describe(err), file=sys.stderr)
        return 1


def _check(ns: argparse.Namespace) -> int:
    from game.tools.check import check_story

    report = check_story(ns.dir or default_story_dir(), interface=True, faces=ns.faces,
                         with_style=ns.style)
    if ns.format == "json":
        print(report.to_json())
    else:
        for problem in report.problems:
            print(problem.format())
        if report.faces is not None:
            if report.problems:
                print()
            for line in report.faces.lines():
                print(line)
            print()
        if report.style is not None:
            for line in report.style.lines():
                print(line)
            print()
        if report.translations():
            print(report.translations())
        print(report.summary())
    gaps = report.faces is not None and bool(report.faces.gaps)
    if report.errors or (ns.strict and (report.warnings or gaps)):
        return 1
    return 0


def _language(requested: str | None, profile: Profile) -> str:
    """The language to play in: ``--lang``, else the one chosen in the settings (kept in the
    profile), else the locale's."""
    from game.story.i18n import choose_language

    if requested:
        return requested
    return choose_language(profile.settings.language, dict(os.environ))


def _play(ns: argparse.Namespace) -> int:
    from game.i18n import set_language

    saves = ns.saves or default_saves_dir()
    story_dir = ns.story or default_story_dir()
    if not ns.plain and ns.at is None:
        return _play_tui(ns, Path(saves), story_dir)
    from game.profile import Profile
    from game.story import StoryError, load_story

    profile = Profile.load(Path(saves))
    language = _language(ns.lang, profile)
    set_language(language)
    try:
        story = load_story(story_dir)
    except StoryError as err:
        _story_errors(err, story_dir)
        return 1
    if not _story_language(story, language, ns.lang is not None):
        return 1
    from game.story.i18n import translated

    story = translated(story, language)
    opening: list[Action] = []
    if ns.at is not None:
        from game.tools.start_at import StartError, opening_at

        try:
            opening = opening_at(story, ns.at, max_states=ns.max_states, seed=ns.seed)
        except StartError as err:
            print(f"face-of-another play: {err}", file=sys.stderr)
            return 1
    if not ns.plain:
        from game.tui.app import make_app

        app = make_app(saves_dir=saves, seed=ns.seed, story=story, watch=ns.watch,
                       language=language, debug=ns.debug, opening=opening,
                       start="play")
        app.run()
        if app.crash is not None:
            if ns.debug:  # Textual has printed the traceback
                return 1
            raise app.crash  # reported in one line by main() (the game was saved first)
        return app.return_code or 0
    from game.plain import run_plain
    from game.text import clean

    _tolerant(sys.stdin, sys.stdout)
    if profile.error:  # the TUI tells it in a notification; the plain mode as its first line
        print(clean(_("Note: {note}.").format(note=profile.error)), flush=True)
    return run_plain(story, sys.stdin, sys.stdout, seed=ns.seed, saves=saves, watch=ns.watch,
                     opening=opening, profile=profile)


def _play_tui(ns: argparse.Namespace, saves: Path, story_dir: Path) -> int:
    """The game in the terminal: the title screen is drawn at once, and the story read after
    its first frame, in the app; what goes wrong reading it is reported here once the app has
    ended (the engine, the story compiler and pydantic are not imported before that frame)."""
    from game.i18n import choose_language
    from game.tui.app import make_app
    from game.tui.loading import LoadRefused, peek_settings

    language = ns.lang or choose_language(peek_settings(saves).language, dict(os.environ))
    notes: list[str] = []

    def read_story() -> Story:
        from game.story import load_story

        story = load_story(story_dir)
        if not _story_language(story, language, ns.lang is not None, notes.append):
            raise LoadRefused(notes.pop())
        return story

    app = make_app(saves_dir=saves, seed=ns.seed, watch=ns.watch, language=language,
                   debug=ns.debug, read_story=read_story)
    app.run()
    for note in notes:
        print(note, file=sys.stderr)
    error = app.load_error
    if error is not None:
        from game.story import StoryError

        if isinstance(error, StoryError):
            _story_errors(error, story_dir)
        elif isinstance(error, LoadRefused):
            print(error, file=sys.stderr)
        else:
            raise error  # reported in one line by main()
        return 1
    if app.crash is not None:
        if ns.debug:  # Textual has printed the traceback
            return 1
        raise app.crash  # reported in one line by main() (the game was saved first)
    return app.return_code or 0


def _story_errors(err: StoryError, story_dir: Path) -> None:
    """Report on stderr why the story in ``story_dir`` cannot be played."""
    for problem in err.problems:  # they may quote the story's files
        print(problem.format(), file=sys.stderr)
    # TRANSLATORS: the game cannot start; {folder} is the story's folder. Keep the
    # command 'face-of-another check' as it is.
    print(_("face-of-another: the story in {folder} has errors; run 'face-of-another "
            "check' for details").format(folder=story_dir), file=sys.stderr)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def _story_language(story: Story, language: str, asked: bool,
                    say: Callable[[str], None] = _stderr) -> bool:
    """Refuse a ``--lang`` neither the game nor the story has; say once (on stderr) that the
    interface is in English when the game has no catalogue for the language."""
    from game.i18n import catalogue_path
    from game.session.language import languages_of

    known = languages_of(story)
    if language not in known:
        if asked:
            say(f"face-of-another play: no language '{language}' for this story; it has "
                f"{', '.join(known)} (a story's language is a folder i18n/{language}: "
                f"'face-of-another translate DIR --lang {language}' makes one)")
            return False
        return True
    if language != "en" and not catalogue_path(language).is_file():
        say(f"face-of-another: note: the game's menus and messages have no '{language}' "
            "translation and are in English; the story's text is in "
            f"'{language}' where it is translated")
    return True


def _tolerant(*streams: object) -> None:
    """Let undecodable input and unencodable output through as replacement characters,
    whatever the locale (the plain mode reads whatever it is given)."""
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _serve(ns: argparse.Namespace) -> int:
    """Serve the same app to browsers: each websocket runs ``play`` in a process, within the
    bounds of the options (see game/serve)."""
    from game.serve.limits import Limits
    from game.serve.server import serve

    play_args: list[str] = []
    if ns.story is not None:
        play_args += ["--story", str(ns.story.resolve())]
    if ns.saves is not None:
        play_args += ["--saves", str(ns.saves.resolve())]
    play_args += ["--seed", str(ns.seed)]
    limits = Limits(max_sessions=ns.max_sessions, max_message=ns.max_message,
                    input_rate=ns.input_rate, max_memory=ns.max_memory,
                    idle_timeout=ns.idle_timeout, session_timeout=ns.session_timeout)
    return serve(play_args, host=ns.host, port=ns.port, limits=limits,
                 allowed_origins=ns.allow_origin, story_dir=ns.story)


# --------------------------------------------------------------------------- author tools


def _load(story_dir: Path | None) -> Story | None:
    """Load a story for a tool; on errors print them (to stderr) and return None."""
    from game.story import StoryError, load_story

    folder = story_dir or default_story_dir()
    try:
        return load_story(folder)
    except StoryError as err:
        for problem in err.problems:
            print(problem.format(), file=sys.stderr)
        print(f"face-of-another: the story in {folder} has errors; "
              "run 'face-of-another check' for details", file=sys.stderr)
        return None


def _walk(ns: argparse.Namespace) -> int:
    import shlex

    from game.tools.walk import (
        describe,
        exhaustive_report,
        explore,
        parse_path,
        play_path,
        random_report,
        random_walks,
    )

    story = _load(ns.dir)
    if story is None:
        return 1
    where = f" {shlex.quote(str(ns.dir))}" if ns.dir is not None else ""

    def replay(seed: int, actions: list[Action]) -> str:
        return (f"face-of-another walk{where} --seed {seed} "
                f"--replay {shlex.quote(describe(actions))}")

    if ns.replay is not None:
        problem = play_path(story, ns.seed, parse_path(ns.replay), sys.stdout)
        if problem:
            print(f"replay: {problem}")
            return 1
        return 0
    status = 0
    if ns.random is None and not ns.exhaustive:
        ns.random = 200
    if ns.random is not None:
        cov = random_walks(story, ns.random, seed=ns.seed, max_steps=ns.max_steps)
        for line in random_report(story, cov, ns.seed, ns.max_steps, replay, ns.show):
            print(line)
        status |= bool(cov.failures)
    if ns.exhaustive:
        if ns.random is not None:
            print()
        result = explore(story, max_states=ns.max_states, seed=ns.seed,
                         max_reports=ns.show)
        for line in exhaustive_report(result, ns.seed, replay):
            print(line)
        status |= not result.ok or bool(result.dead_end_count)
    return int(status)


def _graph(ns: argparse.Namespace) -> int:
    from game.tools.graph import FORMATS
    from game.tools.walk import random_walks

    story = _load(ns.dir)
    if story is None:
        return 1
    cov = random_walks(story, ns.walks, seed=ns.seed) if ns.coverage else None
    text = FORMATS[ns.format](story, cov, stays=ns.stays)
    if ns.out is None:
        sys.stdout.write(text)
    else:
        ns.out.write_text(text, encoding="utf-8")
        print(f"wrote {ns.out}")
    return 0


def _schema(ns: argparse.Namespace) -> int:
    from game.tools.schema import KINDS, dumps, schemas, story_names, write

    names = None
    if ns.story is not None:
        if not (ns.story / "story.yaml").is_file():
            print(f"face-of-another schema: no story.yaml in {ns.story}", file=sys.stderr)
            return 2
        names = story_names(ns.story)
    if ns.out is not None:
        for path in write(ns.out, (ns.kind,) if ns.kind else KINDS, names):
            print(f"wrote {path}")
        return 0
    if ns.kind is None:
        print("face-of-another schema: name the schema to print (story, characters or "
              "scenes), or give --out DIR to write all three", file=sys.stderr)
        return 2
    sys.stdout.write(dumps(schemas(names)[ns.kind]))
    return 0


def _new(ns: argparse.Namespace) -> int:
    from game.tools import commands
    from game.tools.scaffold import ScaffoldError, new_scene

    if ns.what == "story":
        return commands.new_story(ns)
    folder = ns.story or default_story_dir()
    why = commands.guarded(folder, "new scene")
    if why:
        print(f"face-of-another {why}", file=sys.stderr)
        return 1
    try:
        made = new_scene(folder, ns.id, act=ns.act, file=ns.file, to=ns.to)
    except ScaffoldError as err:
        print(f"face-of-another new scene: {err}", file=sys.stderr)
        return 1
    how = "wrote a new file" if made.created else "appended to"
    act = f", act {made.act}" if made.act is not None else ""
    print(f"scene '{made.id}'{act}: {how} {made.path}, line {made.line}")
    print(f"""
Next:
  1. Write its title, text and choices: replace each TODO. Its one choice goes to
     '{made.target}' for now.
  2. Wire a choice to it from a scene that exists, for example:
       - id: to_{made.id}
         label: TODO what the player picks
         go: {made.id}
  3. Check the story (until step 2 is done it warns W301, unreachable):
       face-of-another check {folder} --strict
  4. Walk it: face-of-another walk {folder}""")
    return 0


_AUTHOR = {"walk": _walk, "graph": _graph, "schema": _schema, "new": _new}
