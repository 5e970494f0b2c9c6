"""Every failure exits non-zero with one line on stderr, never a traceback (unless
``--debug``): an internal error in any command, in the plain mode and in the TUI, where the
game in progress is autosaved first."""

from __future__ import annotations

import io
import os
import re
import select
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from game import cli
from game.tui.app import FaceApp
from tests.paths import ROOT, STARTER

LINE = re.compile(r"face-of-another: internal error: (\w+): (.*) \((.*)run with --debug for "
                  r"the details\)")


class Boom(RuntimeError):
    """The error the tests plant."""


def boom(*args: Any, **kwargs: Any) -> None:
    raise Boom("planted \x1b[2Jfailure")


def one_line(err: str) -> re.Match[str]:
    """stderr is exactly one internal-error line: its match."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    match = LINE.fullmatch(lines[0])
    assert match, lines[0]
    assert "\x1b" not in err
    return match


# --------------------------------------------------------------------------- any command


@pytest.mark.parametrize(("args", "target"), [
    (["check", str(STARTER)], "game.tools.check.check_story"),
    (["walk", str(STARTER), "--random", "2"], "game.tools.walk.random_walks"),
    (["graph", str(STARTER)], "game.tools.graph.FORMATS"),
    (["schema", "story"], "game.tools.schema.dumps"),
    (["play", "--plain", "--story", str(STARTER)], "game.plain.run_plain"),
    (["play", "--story", str(STARTER)], "game.tui.app.make_app"),
])
def test_an_internal_error_in_any_command_is_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        args: list[str], target: str) -> None:
    monkeypatch.setattr(target, boom if not target.endswith("FORMATS")
                        else {"dot": boom, "mermaid": boom})
    code = cli.main([*args, "--saves", str(tmp_path)] if args[0] == "play" else args)
    assert code == 1
    match = one_line(capsys.readouterr().err)
    assert match.group(1) == "Boom" and match.group(2) == "planted failure"


def test_debug_lets_the_traceback_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("game.tools.check.check_story", boom)
    for args in (["--debug", "check"], ["check", "--debug"]):
        with pytest.raises(Boom):
            cli.main(args)


def test_an_interrupt_is_130_and_a_closed_pipe_is_quiet(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("game.tools.check.check_story", interrupt)
    assert cli.main(["check"]) == 130
    assert capsys.readouterr().err == ""


def test_a_usage_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["play", "--seed", "x"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error: argument --seed" in err


# --------------------------------------------------------------------------- plain mode


def test_a_plain_game_is_saved_before_an_internal_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    monkeypatch.setattr("game.plain.PlainGame.show_status", boom)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\nstatus\n"))
    code = cli.main(["play", "--plain", "--story", str(STARTER), "--saves", str(tmp_path)])
    assert code == 1
    match = one_line(capsys.readouterr().err)
    assert match.group(3) == "the game in progress was saved to autosave 2; "
    assert {p.name for p in tmp_path.glob("auto*")} == {"auto-1.json", "auto-2.json"}


def test_the_real_command_exits_1_with_one_line(tmp_path: Path) -> None:
    script = ("import sys\nfrom game.plain import PlainGame\n"
              "PlainGame.show_status = lambda *a: 1 / 0\n"
              "from game.cli import main\nsys.exit(main())\n")
    result = subprocess.run(
        [sys.executable, "-c", script, "play", "--plain", "--story", str(STARTER), "--saves",
         str(tmp_path)], input="status\n", capture_output=True, text=True, timeout=60,
        cwd=ROOT)
    assert result.returncode == 1
    match = one_line(result.stderr)
    assert match.group(1) == "ZeroDivisionError"
    assert match.group(3) == ""  # nothing played, nothing to save


# --------------------------------------------------------------------------- the TUI


def run_headless(monkeypatch: pytest.MonkeyPatch, keys: list[str]) -> None:
    """Make ``play`` run its app headless, pressing ``keys`` once the story is read (then
    quitting, if still up)."""
    from game.tui import app as app_module
    from tests.tui.conftest import wait_for

    make_app = app_module.make_app

    async def pilot(pilot: Any) -> None:
        await wait_for(pilot, lambda: pilot.app.ready, what="the story")
        await pilot.press(*keys)
        await pilot.pause()
        pilot.app.exit()

    def headless(*args: Any, **kwargs: Any) -> FaceApp:
        app = make_app(*args, **kwargs, settle_seconds=0)  # keys faster than a player's
        app.run = partial(app.run, headless=True, size=(80, 24),  # type: ignore[method-assign]
                          auto_pilot=pilot)
        return app

    monkeypatch.setattr(app_module, "make_app", headless)


@pytest.mark.parametrize("debug", [False, True])
def test_an_error_in_the_app_exits_1_after_saving(
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], tmp_path: Path,
        debug: bool) -> None:
    monkeypatch.setattr("game.tui.screens.play.PlayScreen.action_undo", boom)
    run_headless(monkeypatch, ["enter", "1", "u", "1", "2"])  # new game, a move, undo: boom
    args = ["play", "--story", str(STARTER), "--saves", str(tmp_path)]
    code = cli.main(["--debug", *args] if debug else args)
    assert code == 1
    err = capfd.readouterr().err
    if debug:  # Textual's traceback panel
        assert "Boom" in err and "planted" in err and len(err.splitlines()) > 5
    else:
        match = one_line(err)
        assert match.group(1) == "Boom"
        assert match.group(3) == "the game in progress was saved to autosave 2; "
    assert (tmp_path / "auto-2.json").exists()


def test_a_clean_exit_of_the_app_is_0(monkeypatch: pytest.MonkeyPatch,
                                      capfd: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    run_headless(monkeypatch, ["enter", "1", "f", "escape"])
    assert cli.main(["play", "--story", str(STARTER), "--saves", str(tmp_path)]) == 0
    assert capfd.readouterr().err == ""


def _read_until(fd: int, wanted: Callable[[bytes], bool], seconds: float = 30) -> bytes:
    """Read the terminal's output until ``wanted`` is true of it (or fail after ``seconds``)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while not wanted(seen):
        left = deadline - time.monotonic()
        assert left > 0, f"timed out; the screen said: {seen[-2000:]!r}"
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                break
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_real_command_in_a_terminal(tmp_path: Path) -> None:
    """The app in a real (pseudo-)terminal: an error inside it restores the terminal and
    leaves exit code 1 and one line after the app's screen (Textual draws on stderr)."""
    import fcntl
    import struct
    import termios

    script = ("import sys\nfrom game.tui.screens.play import PlayScreen\n"
              "def boom(self): raise RuntimeError('planted')\n"
              "PlayScreen.action_undo = boom\n"
              "import game.tui.app\ngame.tui.app.SETTLE_SECONDS = 0\n"
              "from game.cli import main\nsys.exit(main())\n")
    master, slave = os.openpty()
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    child = subprocess.Popen(
        [sys.executable, "-c", script, "play", "--story", str(STARTER), "--saves",
         str(tmp_path)], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
        start_new_session=True)
    os.close(slave)
    try:
        seen = _read_until(master, lambda seen: b"New game" in seen)
        os.write(master, b"\r")
        seen += _read_until(master, lambda seen: b"What do you do?" in seen)
        os.write(master, b"1")
        seen += _read_until(master, lambda seen: b"office" in seen)
        os.write(master, b"u")
        seen += _read_until(master, lambda seen: child.poll() is not None)
        code = child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
        os.close(master)
    assert code == 1
    assert b"\x1b[?1049l" in seen  # the alternate screen was left
    after = seen.rsplit(b"\x1b[?1049l", 1)[1].decode("utf-8", "replace")
    after = re.sub(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_=>])", "",
                   after).replace("\r", "")
    match = one_line(after.strip())
    assert match.group(1) == "RuntimeError"
    assert "autosave" in match.group(3)
