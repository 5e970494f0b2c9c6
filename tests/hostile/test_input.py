"""Hostile input to the plain mode, through the real command: odd digits, huge numbers, huge
lines, NUL bytes, undecodable bytes, typed escapes; and stories and saves whose text holds
terminal control sequences, none of which may reach the terminal."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import STARTER

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never be printed: control characters (tab and line feed aside), C1, bidi
overrides."""
HOSTILE = ("\\e[2J\\e]52;c;aGVsbG8=\\a\\e]0;owned\\e\\\\\\x07\\x9b31m\\x85\\x90evil\\x9c"
           "\\u202Egnp.exe\\x00")
"""Control sequences as YAML double-quoted escapes: clear screen, OSC 52 (clipboard), OSC 0
(title), BEL, C1 CSI, NEL, DCS ... ST, a right-to-left override, NUL."""


def play(stdin: bytes, saves: Path, story: Path = STARTER,
         *extra: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--story", str(story),
         "--saves", str(saves), *extra],
        input=stdin, capture_output=True, timeout=60)


def assert_clean(result: subprocess.CompletedProcess[bytes]) -> str:
    """Exit 0, nothing on stderr, no traceback, no control character: the text printed."""
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stderr == b""
    assert "Traceback" not in out
    assert not RAW.search(out), repr(RAW.search(out))
    return out


@pytest.mark.parametrize("typed", ["²", "٣", "３", "¹²", "1²", "⑤", "𝟙", "00001", "-1", "+1",
                                   "1.0", "1e3", "0x1", "١٢"])
def test_numbers_that_are_not_choices(tmp_path: Path, typed: str) -> None:
    out = assert_clean(play(f"{typed}\nquit\n".encode(), tmp_path))
    assert "You leave the story here." in out


def test_a_choice_number_after_odd_digits_still_works(tmp_path: Path) -> None:
    out = assert_clean(play("²\n٣\n1\nquit\n".encode(), tmp_path))
    assert "There is no choice ²." in out and "== K.'s office ==" in out


@pytest.mark.parametrize("digits", [7, 20, 1000, 4090, 4301, 5000, 100_000])
def test_huge_numbers(tmp_path: Path, digits: int) -> None:
    line = "9" * digits
    out = assert_clean(play(f"{line}\nsave {line}\nload {line}\nface {line}\nquit\n".encode(),
                            tmp_path))
    # A line up to the limit is read: no such choice; a longer one is not read at all.
    assert "There is no choice 9999999" in out or "That line is too long" in out
    assert "9" * 60 not in out  # said back in a few characters, not thousands


def test_a_line_of_a_megabyte(tmp_path: Path) -> None:
    for line in ("x" * 1_000_000, "1 " * 500_000, "9" * 1_000_000, "\x00" * 1_000_000):
        out = assert_clean(play(f"{line}\n1\nquit\n".encode(), tmp_path))
        assert "That line is too long" in out
        assert "== K.'s office ==" in out  # the next line is read as usual


def test_a_megabyte_without_a_line_break(tmp_path: Path) -> None:
    out = assert_clean(play(b"y" * 1_000_000, tmp_path))
    assert "That line is too long" in out


def test_nul_bytes_and_undecodable_bytes(tmp_path: Path) -> None:
    stdin = (b"\x00\n1\x00\nsave \x00\nload \x00\x00\nface \x00bare\n\xff\xfe\xfd\n"
             b"\xc3\x28\nsave 1\xff\n\xed\xa0\x80\n1\nquit\n")
    out = assert_clean(play(stdin, tmp_path))
    assert "== K.'s office ==" in out


def test_typed_escapes_are_not_said_back(tmp_path: Path) -> None:
    stdin = ("\x1b[2J\n\x1b]52;c;aGk=\x07\nface \x1b[31mred\nsave \x9b2J\nload \x1b]0;x\x07\n"
             "\r\n\x08\x08\x08look\nface \x1b[1mbare\x1b[0m\n\u202equit\n").encode()
    out = assert_clean(play(stdin, tmp_path))
    # Control characters typed are dropped before the line is read as a command.
    assert "There is no face 'red'." in out
    assert out.count("== The lab accident ==") == 3  # the start, the load, look
    assert out.endswith("You leave the story here.\n")


def hostile_story(tmp_path: Path) -> Path:
    """The starter story with control sequences in a scene's title and text, a choice's
    label, a reaction and a face's name (as YAML escapes: the files themselves are clean)."""
    story = tmp_path / "story"
    shutil.copytree(STARTER, story)
    act1 = story / "scenes" / "act1.yaml"
    text = act1.read_text(encoding="utf-8")
    text = text.replace("title: The lab accident",
                        f'title: "The lab {HOSTILE} accident"', 1)
    text = text.replace("    - >-\n      The flask should have held.",
                        f'    - "Danger {HOSTILE} here."\n    - >-\n      The flask should '
                        'have held.', 1)
    act1.write_text(text, encoding="utf-8")
    assert HOSTILE in act1.read_text(encoding="utf-8")
    return story


def test_control_sequences_in_the_story_never_reach_the_terminal(tmp_path: Path) -> None:
    story = hostile_story(tmp_path)
    result = play(b"look\nstatus\nsaves\nsave 1\nsaves\nhelp\n1\nundo\nquit\n", tmp_path / "s",
                  story)
    if result.returncode == 0:  # the loader let the story in: the plain mode cleans it
        out = assert_clean(result)
        assert "The lab " in out and "accident" in out and "Danger" in out
    else:  # the loader refused it: its report is clean too
        assert not RAW.search(result.stderr.decode(errors="replace"))
    assert not RAW.search(result.stdout.decode(errors="replace"))


def test_control_sequences_in_a_save_never_reach_the_terminal(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    assert_clean(play(b"1\nsave 2\nquit\n", saves))
    data = json.loads((saves / "slot-2.json").read_text(encoding="utf-8")) \
        if (saves / "slot-2.json").exists() else None
    path = next(p for p in saves.iterdir() if "2" in p.name and p.suffix == ".json")
    data = json.loads(path.read_text(encoding="utf-8"))
    evil = json.loads(f'"{HOSTILE.replace(chr(92) + "e", chr(92) + "u001b")}"'
                      .replace("\\a", "\\u0007").replace("\\x", "\\u00"))
    data["story_id"] = "other" + evil
    data["summary"] = {"scene_title": evil, "face": evil, "day": 3}
    path.write_text(json.dumps(data), encoding="utf-8")
    (saves / path.name.replace("2", "3")).write_text(json.dumps({"format": evil}),
                                                     encoding="utf-8")
    out = assert_clean(play(b"saves\nload 2\nload 3\nquit\n", saves))
    assert "damaged" in out
