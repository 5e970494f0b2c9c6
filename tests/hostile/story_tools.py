"""Helpers for the hostile story tests: copies of the fixture stories, the real commands run
with a timeout (a hang fails the test instead of hanging CI), and the shape every problem
must have."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from game.story.problems import CODES, Problem
from tests.paths import MINIMAL, ROOT

TIMEOUT = 60
"""Seconds any one command may take; far above what a refused story needs (about 1 s)."""

LOCATED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[EW]\d{3}) \S")


def copy_story(tmp_path: Path, source: Path = MINIMAL, name: str = "story") -> Path:
    """A fresh copy of a fixture story under ``tmp_path``."""
    root = tmp_path / name
    shutil.copytree(source, root)
    return root


def run_game(*args: str | Path, stdin: str = "", timeout: float = TIMEOUT,
             cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m game ARGS`` with ``stdin``, in English, killed after ``timeout`` seconds
    (``subprocess.TimeoutExpired`` then fails the test)."""
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], input=stdin,
                          capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=cwd or ROOT, errors="replace")


def check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The real ``check`` command on ``root``."""
    return run_game("check", root, *extra)


def play(root: Path, saves: Path, stdin: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """The real ``play --plain`` on ``root``, fed ``stdin``."""
    return run_game("play", "--plain", "--story", root, "--saves", saves, *extra, stdin=stdin)


def located(output: str) -> list[tuple[str, int, int, str]]:
    """The ``(path, line, col, code)`` of every problem line in a command's output."""
    out = []
    for line in output.splitlines():
        m = LOCATED.match(line)
        if m:
            out.append((m["path"], int(m["line"]), int(m["col"]), m["code"]))
    return out


def assert_well_formed(problems: list[Problem], root: Path) -> None:
    """Every problem is located in a file of the story, with a known code and a message."""
    for p in problems:
        assert p.code in CODES, p
        assert p.line >= 1 and p.col >= 1, p
        assert p.message, p
        assert Path(p.path).is_relative_to(root), p
        assert LOCATED.match(p.format()), p


def assert_refused(root: Path, path: Path, code: str) -> None:
    """The story at ``root`` does not load, and ``path`` has a well-formed ``code`` problem."""
    from game.story.loader import read_story

    story, problems = read_story(root)
    assert story is None
    assert_well_formed(problems, root)
    assert code in [p.code for p in problems if p.path == str(path)], problems
