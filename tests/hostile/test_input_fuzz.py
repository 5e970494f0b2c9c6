"""A seeded fuzzer for the plain mode: random lines of commands, numbers, unicode and control
characters. No line may crash the game or print a control character.

In CI a few hundred lines per seed run in-process (``run_plain`` on string streams), and a
couple of seeds through the real command; ``--hostile-cases N`` sets the lines per seed.
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.plain import run_plain
from game.story.runtime import Story
from game.text import MAX_LINE
from tests.paths import STARTER

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
COMMANDS = ["1", "2", "3", "4", "5", "look", "l", "status", "i", "undo", "restart", "saves",
            "save", "load", "help", "?", "mask", "unmask", "face", "face bare", "face masked",
            "face bandaged", "face ban", "language", "language ru", "language pt",
            "language en", "lang xx", "FACE BARE", "Look"]
SLOTS = ["1", "9", "0", "10", "quick", "auto-1", "auto-3", "auto-9", "../x", "/etc/passwd",
         "slot-1", "CON", "nul", ".", "..", "-1", "1.json", "1/2"]
ODD_DIGITS = "²³¹٠١٢٣٤٥٦٧٨٩۰۱۲０１２３４５６７８９①⑨𝟙𝟚߁१२३"
CONTROLS = ([chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xa0)]
            + ["\u202e", "\u2066", "\u200f", "\ufeff", "\x1b[2J", "\x1b]52;c;aGk=\x07",
               "\x1b[31m", "\x1bP+q\x1b\\", "\x9b6n", "\x1b[6n", "\r", "\x08"])


def random_line(rng: random.Random) -> str:
    """One line a hostile player might type."""
    kind = rng.randrange(9)
    if kind == 0:
        return rng.choice(COMMANDS)
    if kind == 1:
        return f"{rng.choice(['save', 'load'])} {rng.choice(SLOTS)}"
    if kind == 2:
        return str(rng.choice([0, -1, 10, 99, 2**31, 2**63, 10**rng.randrange(1, 200)]))
    if kind == 3:
        return "".join(rng.choice(ODD_DIGITS) for _ in range(rng.randrange(1, 8)))
    if kind == 4:
        return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 30)))
    if kind == 5:
        return "".join(rng.choice(CONTROLS) for _ in range(rng.randrange(1, 10)))
    if kind == 6:  # a command with control characters mixed in
        word = rng.choice(COMMANDS)
        at = rng.randrange(len(word) + 1)
        return word[:at] + rng.choice(CONTROLS) + word[at:]
    if kind == 7:
        return rng.choice(COMMANDS) + " " + "".join(
            chr(rng.randrange(0x1, 0x110000)) for _ in range(rng.randrange(1, 12)))
    return rng.choice(["x", "9", "face ", " "]) * rng.randrange(MAX_LINE - 5, MAX_LINE + 5)


def script(seed: int, count: int) -> str:
    rng = random.Random(seed)
    lines = [random_line(rng).replace("\n", " ") for _ in range(count)]
    # "quit" would end the run early: lines that hold it are left out.
    return "".join(f"{line}\n" for line in lines if "quit" not in line.lower())


@pytest.mark.parametrize("seed", range(6))
def test_random_lines_in_process(starter: Story, tmp_path: Path, seed: int,
                                 hostile_cases: int | None) -> None:
    out = io.StringIO()
    lines = script(seed, hostile_cases or 1000)
    code = run_plain(starter, io.StringIO(lines), out, seed=seed, saves=tmp_path)
    text = out.getvalue()
    assert code == 0
    assert not RAW.search(text), (seed, RAW.search(text))


@pytest.mark.parametrize("seed", [100, 101])
def test_random_lines_through_the_command(tmp_path: Path, seed: int,
                                          hostile_cases: int | None) -> None:
    data = script(seed, hostile_cases or 200).encode("utf-8", "surrogatepass")
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--story", str(STARTER), "--saves",
         str(tmp_path), "--seed", str(seed)], input=data, capture_output=True, timeout=120)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stderr == b"" and "Traceback" not in out
    assert not RAW.search(out), (seed, RAW.search(out))
