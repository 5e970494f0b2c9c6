"""A hostile profile.json: special files, links, huge or deeply nested JSON.

Whatever is at ``profile.json``, the game starts with a fresh profile in memory, says why,
and never writes over (nor through) what is there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.profile import MAX_DEPTH, PROFILE_NAME, Profile
from tests.hostile.test_saves import ALL, Make, folder, play_plain, snapshot, story

__all__ = ["folder", "story"]  # fixtures shared with the save tests


def _write(text: str | bytes) -> Make:
    def make(folder: Path, path: Path) -> None:
        path.write_bytes(text.encode() if isinstance(text, str) else text)
    return make


def _good_link(folder: Path, path: Path) -> None:
    real = folder / "elsewhere.json"
    real.write_text(json.dumps({"version": 1}))
    os.symlink(real, path)


CASES = {
    **{case: ALL[case] for case in ("fifo", "socket", "folder", "huge sparse file",
                                    "link to /dev/zero", "link to /dev/null",
                                    "link to a folder", "dangling link", "looping link")},
    "link to a good profile": _good_link,
    "deeply nested json": _write("[" * 200_000 + "]" * 200_000),
    "nested json in an unknown key": _write('{"later": ' + "[" * 900 + "]" * 900 + "}"),
    "nested just past the limit": _write('{"later": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH
                                         + "}"),
    "5000-digit int": _write('{"version": 1' + "0" * 5000 + "}"),
    "nan version": _write('{"version": NaN}'),
    "not utf-8": _write(b"\xff\xfe{}"),
    "a list": _write("[]"),
    "wrong type": _write('{"settings": {"theme": 3}}'),
    "escape in an ending": _write('{"stories": {"s": {"endings": {"e": "\\u001b[2J"}}}}'),
    "escape in a key": _write('{"settings": {"keys": {"\\u001b[2J": "x"}}}'),
    "lone surrogate": _write('{"settings": {"language": "\\ud800"}}'),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_profile_is_reported_never_written(tmp_path: Path, case: str) -> None:
    path = tmp_path / PROFILE_NAME
    CASES[case](tmp_path, path)
    before = snapshot(path)
    profile = Profile.load(tmp_path)
    assert profile.error and str(path) in profile.error
    assert not profile.writable
    profile.add_ending("s", "end.ending", "An end")
    assert profile.save() == profile.error
    assert snapshot(path) == before


def test_a_profile_nested_within_the_limit_is_kept(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 1
    (tmp_path / PROFILE_NAME).write_text('{"later": ' + "[" * depth + "]" * depth + "}")
    profile = Profile.load(tmp_path)
    assert profile.error is None
    assert profile.save() is None
    assert json.loads((tmp_path / PROFILE_NAME).read_text())["later"]


def test_a_profile_that_cannot_be_written_says_so(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr("game.saves.atomic.os.fsync", full)
    message = Profile.load(tmp_path).save()
    assert message and os.strerror(28) in message
    assert not (tmp_path / PROFILE_NAME).exists()


@pytest.mark.parametrize("case", ["fifo", "link to /dev/zero", "huge sparse file",
                                  "deeply nested json", "folder", "dangling link",
                                  "5000-digit int"])
def test_plain_mode_plays_on_with_a_bad_profile(folder: Path, case: str) -> None:
    profile = folder / PROFILE_NAME
    CASES[case](folder, profile)
    before = snapshot(profile)
    result = play_plain(folder, "1\nsave 4\nsaves\nquit\n")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "Traceback" not in out
    assert "Saved to slot 4." in result.stdout and "slot 1: K.'s office" in result.stdout
    first = result.stdout.splitlines()[0]
    assert first.startswith("Note: ") and str(profile) in first, "the player is told"
    assert "\x1b" not in result.stdout
    assert snapshot(profile) == before
