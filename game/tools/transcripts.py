"""Golden transcripts: plain-mode sessions kept as text, replayed and compared.

A transcript is a ``.txt`` file. It starts with header lines beginning with ``#``: the story
folder (``# story: story``, relative to a base folder: the project's for the project's own
transcripts in tests/transcripts, the story's for a story's own in its ``transcripts/``
folder, which say ``# story: .``), the seed (``# seed: 0``, default 0) and any comments.
Then comes the session as the player sees it: lines starting with ``> `` are the commands
typed, everything else is what plain mode printed.

Replaying feeds the commands to plain mode (saves off, no wrapping, no colour) and writes
the same file again; if it differs, the path changed. To make a transcript, write the header
and the ``> `` lines only, then regenerate it (``face-of-another test DIR --update``; for the
project's own, see tests/integration/test_transcripts.py) and read it. :func:`run` is what
``face-of-another test`` does, and what the project's transcript test calls.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.story.runtime import Story

PROMPT = "> "


@dataclass
class Transcript:
    """A transcript file, split into its parts."""

    story: str
    seed: int = 0
    header: list[str] = field(default_factory=list)
    commands: list[str] = field(default_factory=list)
    body: str = ""


class TranscriptError(Exception):
    """A transcript file that cannot be read."""


def parse(text: str, name: str = "transcript") -> Transcript:
    """Split a transcript's text into header, commands and body."""
    lines = text.splitlines(keepends=True)
    header: list[str] = []
    while lines and lines[0].startswith("#"):
        header.append(lines.pop(0).rstrip("\n"))
    settings: dict[str, str] = {}
    for line in header:
        key, sep, value = line.lstrip("#").strip().partition(":")
        if sep and key.strip() in ("story", "seed"):
            settings[key.strip()] = value.strip()
    if "story" not in settings:
        raise TranscriptError(f"{name}: the header needs a '# story: FOLDER' line")
    try:
        seed = int(settings.get("seed", "0"))
    except ValueError:
        raise TranscriptError(f"{name}: '# seed:' must be a whole number") from None
    body = "".join(lines)
    commands = [line[len(PROMPT):].rstrip("\n") for line in lines if line.startswith(PROMPT)]
    return Transcript(settings["story"], seed, header, commands, body)


def play(story: Story, commands: list[str], seed: int = 0) -> str:
    """The body of a transcript: plain mode's output with each command echoed as ``> cmd``.

    Saving is off (``save`` answers that it is), so nothing is written anywhere."""
    from game.plain import PlainGame

    out = io.StringIO()
    game = PlainGame(story, out, seed=seed, saves=None)
    game.start()
    for command in commands:
        out.write(f"{PROMPT}{command}\n")
        if not game.handle(command):
            break
    return out.getvalue()


def render(transcript: Transcript, body: str) -> str:
    """The whole file: header, then body."""
    return "".join(f"{line}\n" for line in transcript.header) + body


def replay(path: Path, base: Path) -> tuple[str, str]:
    """Read the transcript at ``path`` and play it again (its story relative to ``base``);
    returns the file's text and the text it should have now."""
    from game.story import load_story

    text = path.read_text(encoding="utf-8")
    transcript = parse(text, str(path))
    story = load_story(base / transcript.story)
    return text, render(transcript, play(story, transcript.commands, transcript.seed))


def diff(expected: str, actual: str, name: str) -> str:
    """A unified diff from the file's text to what the game prints now."""
    return "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                        actual.splitlines(keepends=True),
                                        f"{name} (expected)", f"{name} (played now)"))


def record(path: Path, base: Path) -> bool:
    """Play the transcript at ``path`` again and write what the game prints now into it;
    True if the file changed."""
    expected, actual = replay(path, base)
    if actual == expected:
        return False
    path.write_text(actual, encoding="utf-8")
    return True


def story_transcripts(story_dir: Path) -> list[Path]:
    """A story's own transcripts: ``transcripts/*.txt`` in its folder, sorted."""
    return sorted((story_dir / "transcripts").glob("*.txt"))


def run(paths: list[Path], base: Path, out: TextIO, update: bool = False) -> int:
    """Replay each transcript (its story relative to ``base``) and report on ``out``: a line
    per transcript, a unified diff for each that no longer plays the same, then a summary.
    With ``update``, a changed transcript is written anew instead. Returns the exit code:
    1 if any transcript failed (or could not be read), else 0."""
    from game.story import StoryError

    failed = updated = 0
    for path in paths:
        try:
            expected, actual = replay(path, base)
        except TranscriptError as err:
            out.write(f"ERROR {path.name}: {err}\n")
            failed += 1
            continue
        except StoryError as err:
            out.write(f"ERROR {path.name}: the story does not load "
                      f"({len(err.problems)} problems; run 'face-of-another check')\n")
            failed += 1
            continue
        except OSError as err:
            out.write(f"ERROR {path.name}: {err.strerror or err}\n")
            failed += 1
            continue
        if actual == expected:
            out.write(f"ok      {path.name}\n")
        elif update:
            path.write_text(actual, encoding="utf-8")
            out.write(f"updated {path.name}\n")
            updated += 1
        else:
            out.write(f"FAILED  {path.name}: it no longer plays the same\n")
            out.write(diff(expected, actual, path.name))
            failed += 1
    passed = len(paths) - failed - updated
    tail = f", {updated} updated" if update else ""
    hint = " (if the change is intended: --update, then read the diff)" if failed else ""
    out.write(f"transcripts: {len(paths)}, {passed} passed, {failed} failed{tail}{hint}\n")
    return 1 if failed else 0
