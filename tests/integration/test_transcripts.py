"""Golden transcripts: each tests/transcripts/*.txt replayed in plain mode, text for text.

A transcript is a header (``# story: FOLDER``, relative to the project; ``# seed: N``;
comments), then the session: ``> `` lines are the commands typed, the rest is what plain
mode printed. To add one, write the header and the ``> `` lines, then regenerate:

    FACE_UPDATE_TRANSCRIPTS=1 .venv/bin/python -m pytest tests/integration/test_transcripts.py

and read the result (``git diff tests/transcripts``) before committing it. The same command
updates the transcripts after an intended change to the text. Saves are off in the replay.

Each is replayed by :func:`game.tools.transcripts.run`, as ``face-of-another test`` replays a
story's own ``transcripts/*.txt``. The project's stay here, not in story/transcripts, since
most of them play the test fixtures (``# story: tests/fixtures/starter``), which the game does
not ship.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from game.tools.transcripts import diff, parse, replay, run
from tests.paths import ROOT

FILES = sorted((ROOT / "tests" / "transcripts").glob("*.txt"))
UPDATE = os.environ.get("FACE_UPDATE_TRANSCRIPTS", "") not in ("", "0")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_transcript(path: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may be written beside the project
    monkeypatch.setenv("FACE_SAVES_DIR", str(tmp_path / "saves"))
    out = io.StringIO()
    if run([path], ROOT, out, update=UPDATE):
        pytest.fail(f"{path.name} no longer plays the same; if the change is intended, "
                    "regenerate with FACE_UPDATE_TRANSCRIPTS=1 (see this file's docstring)\n"
                    + out.getvalue(), pytrace=False)
    assert list(tmp_path.iterdir()) == [], "the replay wrote files"


def test_there_are_transcripts_and_each_has_commands():
    assert len(FILES) >= 3
    for path in FILES:
        transcript = parse(path.read_text(encoding="utf-8"), path.name)
        assert transcript.commands, path.name
        assert (ROOT / transcript.story / "story.yaml").is_file(), path.name


def test_a_changed_line_fails_with_a_diff(tmp_path: Path):
    text = next(t for t in (p.read_text(encoding="utf-8") for p in FILES)
                if "== K.'s office ==" in t)
    broken = tmp_path / "broken.txt"
    broken.write_text(text.replace("== K.'s office ==", "== K's office =="), encoding="utf-8")
    expected, actual = replay(broken, ROOT)
    assert expected != actual
    shown = diff(expected, actual, "broken.txt")
    assert "-== K's office ==" in shown and "+== K.'s office ==" in shown


def test_a_transcript_of_commands_only_is_filled_in(tmp_path: Path):
    bare = tmp_path / "new.txt"
    bare.write_text("# story: tests/fixtures/minimal\n> 2\n> 1\n", encoding="utf-8")
    _, actual = replay(bare, ROOT)
    assert actual.startswith("# story: tests/fixtures/minimal\n== The hall ==\n")
    assert "> 2\n== The street ==" in actual
    assert actual.rstrip().endswith("Type undo to step back, restart to play again, or quit.")
    assert parse(actual).commands == ["2", "1"]
