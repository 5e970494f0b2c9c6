"""The commands for authors who work outside the repository: ``new story``, ``export
story``, ``test``, ``translate`` and ``guide`` (their parsers and what they do), and the
check that ``new scene`` writes only into a story of the author's.

Their messages are for authors, in English, like those of ``check`` and ``walk``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.paths import PACKAGE, PROJECT

GUIDE = "authoring.md"


def add_new_story(kinds: argparse._SubParsersAction[Any]) -> None:
    """``new story DIR``, beside ``new scene``."""
    story = kinds.add_parser(
        "story", help="a small complete story to start from",
        description="Write a small story that passes check --strict and walk --exhaustive "
                    "into DIR (new or empty): three scenes, one person, a mask, two endings, "
                    "its JSON Schemas, a golden transcript and a README.")
    story.add_argument("dir", type=Path, metavar="DIR", help="the new story's folder")


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """``export``, ``test``, ``translate`` and ``guide``."""
    export = sub.add_parser("export", help="copy the bundled story: export story DIR")
    kinds = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    story = kinds.add_parser(
        "story", help="a copy of the bundled story, to change and play",
        description="Copy the bundled story (scenes, characters, translations) and the JSON "
                    "Schemas into DIR (new or empty); play it with play --story DIR.")
    story.add_argument("dir", type=Path, metavar="DIR", help="the folder to copy it into")

    test = sub.add_parser(
        "test", help="replay a story's golden transcripts",
        description="Replay each DIR/transcripts/*.txt in plain mode and compare it with what "
                    "the game prints now; a unified diff for each that changed, and exit 1.")
    test.add_argument("dir", nargs="?", type=Path, default=None, metavar="DIR",
                      help="the story folder (default: the current folder)")
    test.add_argument("--update", action="store_true",
                      help="write what the game prints now into the transcripts that changed")

    translate = sub.add_parser(
        "translate", help="write or update a story's translation files",
        description="Write DIR/i18n/LANG/*.yaml with every string of the story, the English "
                    "beside each; keep the translations there are, and mark the stale and the "
                    "removed ones.")
    translate.add_argument("dir", type=Path, metavar="DIR", help="the story folder")
    translate.add_argument("--lang", required=True, metavar="XX",
                           help="the language: a two-letter code, like de")
    translate.add_argument("--mark-reviewed", nargs="+", default=[], metavar="KEY",
                           help="also mark these current entries reviewed against the English "
                                "now: keys, or patterns in quotes ('hall.*'; '*' for all)")
    translate.add_argument("--unreviewed", action="store_true",
                           help="only list the current entries not reviewed against the "
                                "English now (path:line:col: key); write nothing")

    sub.add_parser("guide", help="the authoring guide",
                   description="Print the authoring guide (through a pager on a terminal).")


def _fail(message: str) -> int:
    print(f"face-of-another {message}", file=sys.stderr)
    return 1


def guarded(folder: Path, command: str) -> str | None:
    """None if ``command`` may write into the story at ``folder``, else why not."""
    from game.tools.stories import StoryFolderError, writable_story

    try:
        writable_story(folder, command)
    except StoryFolderError as err:
        return str(err)
    return None


def new_story(ns: argparse.Namespace) -> int:
    from game.tools.stories import StoryFolderError
    from game.tools.stories import new_story as write

    try:
        files = write(ns.dir)
    except StoryFolderError as err:
        return _fail(str(err))
    print(f"new story: wrote {len(files)} files into {ns.dir}")
    d = ns.dir
    print(f"""
Next:
  face-of-another check {d} --strict          # every problem, located
  face-of-another walk {d} --exhaustive       # every ending reachable, no softlock
  face-of-another play --story {d}            # play it (--plain: line by line)
  face-of-another test {d}                    # replay its golden transcripts
  face-of-another translate {d} --lang de     # start a translation
  face-of-another guide                       # every key, every command
Read {d / 'README.md'} first.""")
    return 0


def export_story(ns: argparse.Namespace) -> int:
    from game.tools.stories import StoryFolderError, export_story

    try:
        files = export_story(ns.dir)
    except StoryFolderError as err:
        return _fail(str(err))
    print(f"export story: copied the bundled story into {ns.dir} ({len(files)} files)")
    print(f"Change it, then: face-of-another check {ns.dir} --strict; "
          f"face-of-another play --story {ns.dir}")
    return 0


def test(ns: argparse.Namespace) -> int:
    from game.tools.transcripts import run, story_transcripts

    folder: Path = ns.dir if ns.dir is not None else Path.cwd()
    if not (folder / "story.yaml").is_file():
        return _fail(f"test: {folder} is not a story folder (it has no story.yaml); name one: "
                     "face-of-another test DIR")
    if ns.update:
        why = guarded(folder, "test --update")
        if why:
            return _fail(why)
    paths = story_transcripts(folder)
    if not paths:
        return _fail(f"test: {folder / 'transcripts'} holds no *.txt transcripts. Write one: "
                     "'# story: .' on its first line, then a '> ' line for each command; then "
                     f"run face-of-another test {folder} --update")
    return run(paths, folder, sys.stdout, update=ns.update)


def translate(ns: argparse.Namespace) -> int:
    from game.story import StoryError, load_story
    from game.tools.translate import TranslateError, unreviewed
    from game.tools.translate import translate as write

    why = guarded(ns.dir, "translate")
    if why and not ns.unreviewed:
        return _fail(why)
    try:
        story = load_story(ns.dir)
    except StoryError as err:
        for problem in err.problems:
            print(problem.format(), file=sys.stderr)
        return _fail(f"translate: the story in {ns.dir} has errors; fix them first "
                     f"(face-of-another check {ns.dir})")
    try:
        if ns.unreviewed:
            found = unreviewed(story, ns.dir, ns.lang)
            for line in found:
                print(line)
            print(f"{ns.lang}: {len(found)} unreviewed")
            return 0
        done = write(story, ns.dir, ns.lang, ns.mark_reviewed)
    except TranslateError as err:
        return _fail(f"translate: {err}")
    for path in done.files:
        print(f"wrote {path}")
    print(done.summary())
    print(f"Play it: face-of-another play --story {ns.dir} --lang {done.code}")
    return 0


def guide_path() -> Path:
    """The authoring guide: shipped in the package, or in a checkout's docs/."""
    installed = PACKAGE / "docs" / GUIDE
    return installed if installed.is_file() else PROJECT / "docs" / GUIDE


def guide(ns: argparse.Namespace) -> int:
    path = guide_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return _fail(f"guide: the guide is missing ({path}); the installation is incomplete")
    if sys.stdout.isatty():
        import pydoc

        pydoc.pager(text)
    else:
        sys.stdout.write(text)
    return 0


COMMANDS = {"export": export_story, "test": test, "translate": translate, "guide": guide}
