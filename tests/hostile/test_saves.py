"""Hostile saves: special files, links, lying contents and unwritable folders.

Each case puts one bad thing at slot 3 of a folder that also holds two good saves (slots 1
and 2) and checks, in process and through the real ``play --plain`` command, that the bad
slot is reported (or mended with a note), never followed, never changed, and that the other
saves are still listed, loaded and autosaved around it.
"""

from __future__ import annotations

import errno
import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.engine import Choose, view
from game.saves.store import AUTOS, SaveError, SaveStore
from game.session.playthrough import Playthrough
from game.story.loader import load_story
from game.story.runtime import Story
from tests.paths import ROOT, STARTER

TIMEOUT = 30


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STARTER)


@pytest.fixture
def folder(story: Story, tmp_path: Path) -> Path:
    """A saves folder with good saves in slots 1 (K.'s office) and 2 (the workshop)."""
    saves = tmp_path / "saves"
    game = Playthrough(story, SaveStore(saves), autosave=False)
    game.act(Choose(choice="go_home"))
    game.save("1")
    game.act(Choose(choice="buy_finger"))
    game.save("2")
    return saves


def good(folder: Path) -> dict[str, Any]:
    """The JSON of the good save in slot 1 (with the story's real content hash)."""
    data: dict[str, Any] = json.loads((folder / "slot-1.json").read_text())
    return data


def snapshot(path: Path) -> tuple[str, object]:
    """What is at ``path``, without following a link: to check it is never changed."""
    if path.is_symlink():
        return "link", os.readlink(path)
    if path.is_dir():
        return "folder", sorted(p.name for p in path.iterdir())
    if path.is_file():
        return "file", path.read_bytes()
    return "other", path.lstat().st_mode


# --------------------------------------------------------------------------- the cases

Make = Callable[[Path, Path], None]
"""Puts the bad thing at ``slot`` (the path of slot 3) in ``folder``."""


def _text(text: str) -> Make:
    def make(folder: Path, slot: Path) -> None:
        slot.write_text(text, encoding="utf-8")
    return make


def _edit(change: Callable[[dict[str, Any]], None]) -> Make:
    """A copy of slot 1 with ``change`` made to its JSON (the content hash is kept)."""
    def make(folder: Path, slot: Path) -> None:
        data = good(folder)
        change(data)
        slot.write_text(json.dumps(data), encoding="utf-8")
    return make


def _raw(old: str, new: str) -> Make:
    """A copy of slot 1 with the first match of the pattern ``old`` replaced by ``new`` (for
    what ``json.dumps`` cannot write)."""
    def make(folder: Path, slot: Path) -> None:
        text, n = re.subn(old, lambda m: new, json.dumps(good(folder)), count=1)
        assert n == 1, old
        slot.write_text(text, encoding="utf-8")
    return make


def _set(*path_and_value: Any) -> Make:
    *keys, value = path_and_value

    def change(data: dict[str, Any]) -> None:
        target = data
        for key in keys[:-1]:
            target = target[key]
        if value is _DELETE:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
    return _edit(change)


_DELETE = object()


def _fifo(folder: Path, slot: Path) -> None:
    os.mkfifo(slot)


def _link(target: str | Callable[[Path], Path]) -> Make:
    def make(folder: Path, slot: Path) -> None:
        os.symlink(target(folder) if callable(target) else target, slot)
    return make


def _folder(folder: Path, slot: Path) -> None:
    slot.mkdir()
    (slot / "inside.json").write_text("{}")


def _socket(folder: Path, slot: Path) -> None:
    here = Path.cwd()
    os.chdir(folder)  # a socket's path is short: bind it by its name alone
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(slot.name)
        sock.close()
    finally:
        os.chdir(here)


def _huge(folder: Path, slot: Path) -> None:
    with slot.open("wb") as fh:
        fh.truncate(9 * 2**20)  # sparse: over the 8 MiB limit on paper, nothing on disk


def _self_loop(folder: Path, slot: Path) -> None:
    os.symlink(slot, slot)


PLAY_TIME = r'"play_time": [0-9.e+-]+'

SPECIAL: dict[str, Make] = {
    "fifo": _fifo,
    "socket": _socket,
    "folder": _folder,
    "huge sparse file": _huge,
    "link to /dev/zero": _link("/dev/zero"),
    "link to /dev/null": _link("/dev/null"),
    "link to a folder": _link(lambda f: f.parent),
    "dangling link": _link(lambda f: f / "nowhere.json"),
    "looping link": _self_loop,
    "link to a good save": _link(lambda f: f / "slot-1.json"),
    "link outside the folder": _link("/etc/hostname"),
}
"""What is refused as a slot error: anything at the slot's name but a regular file."""

REFUSED: dict[str, Make] = {
    "deeply nested json": _text("[" * 200_000 + "]" * 200_000),
    "nested json in a variable": _raw('"guilt": 0', '"guilt": ' + "[" * 500 + "]" * 500),
    "5000-digit int": _raw('"turn": 1', '"turn": 1' + "0" * 5000),
    "4000-digit int in a variable": _raw('"guilt": 0', '"guilt": 1' + "0" * 4000),
    "huge turn": _set("state", "turn", 10**30),
    "negative visits": _set("state", "visits", "k_office", -1),
    "huge seed": _set("state", "seed", 10**40),
    "huge day": _set("summary", "day", 10**40),
    "long scene id": _set("state", "scene", "x" * 100_000),
    "long string variable": _set("state", "vars", "skin_source", "x" * 1_000_000),
    "long log": _set("state", "log", [{"kind": "choose", "choice": "go_home"}] * 5_000),
    "long trail": _set("trail", ["k_office"] * 5_000),
    "nan in an int": _raw('"turn": 1', '"turn": NaN'),
    "escape in the story id": _set("story_id", "other\x1b[2J\x1b[31m"),
    "escape in a scene id": _set("state", "scene", "k_office\x1b[2J"),
    "escape in a variable": _set("state", "vars", "skin_source", "\x1b]0;owned\x07"),
    "lone surrogate": _raw('"k_office"', '"k_office\\ud800"'),
    "null state": _set("state", None),
}
"""What is refused: the file is read, but it cannot be a save of any story."""

MENDED: dict[str, Make] = {
    "nan play time": _raw(PLAY_TIME, '"play_time": NaN'),
    "infinite play time": _raw(PLAY_TIME, '"play_time": Infinity'),
    "minus infinite play time": _raw(PLAY_TIME, '"play_time": -Infinity'),
    "overflowing play time": _raw(PLAY_TIME, '"play_time": 1e400'),
    "huge int play time": _raw(PLAY_TIME, '"play_time": 1' + "0" * 400),
    "negative play time": _set("play_time", -5.0),
    "naive timestamp": _set("saved_at", "2026-01-01T10:00:00"),
    "year 1": _set("saved_at", "0001-01-01T00:00:00Z"),
    "year 1 west of utc": _set("saved_at", "0001-01-01T00:00:00-05:00"),
    "year 9999": _set("saved_at", "9999-12-31T23:59:59Z"),
    "year 9999 east of utc": _set("saved_at", "9999-12-31T23:59:59+14:00"),
    "naive year 1": _set("saved_at", "0001-01-01T00:00:00"),
    "not a timestamp": _set("saved_at", "yesterday"),
    "unknown scene": _set("state", "scene", "no_such_scene"),
    "unknown face": _set("state", "face", "no_such_face"),
    "unknown variable": _set("state", "vars", "no_such_var", 3),
    "missing variable": _set("state", "vars", "guilt", _DELETE),
    "text in an int": _set("state", "vars", "guilt", "many"),
    "int in a bool": _set("state", "vars", "toy_promised", 1),
    "bool in an int": _set("state", "vars", "guilt", True),
    "unknown enum value": _set("state", "vars", "skin_source", "stolen"),
    "int beyond max": _set("state", "vars", "guilt", 10**9),
    "unknown item": _set("state", "items", ["no_such_item"]),
    "unknown visit": _set("state", "visits", "no_such_scene", 2),
    "unknown choice taken": _set("state", "taken", ["k_office.no_such_choice"]),
    "unknown event": _set("state", "events", ["no_such.event"]),
    "a log that does not replay": _set("state", "log", [{"kind": "choose",
                                                          "choice": "no_such_choice"}]),
    "a log with an unknown face": _set("state", "log", [{"kind": "face", "face": "ghost"}]),
    "a log that replays elsewhere": _set("state", "log", [{"kind": "face", "face": "bare"}]),
    "a base in an unknown scene": _set("base", {"scene": "nowhere", "face": "bandaged"}),
    "unknown scenes in the trail": _set("trail", ["nowhere", "k_office"]),
    "turn that does not match": _set("state", "turn", 77),
    "escape in the summary": _edit(lambda d: (d["summary"].update(scene_title="\x1b[2JX"),
                                              d["state"].update(scene="gone"))),
}
"""What is mended: the save is loaded, with a note where the player could notice."""

SILENT = {"naive timestamp", "unknown event", "unknown scenes in the trail"}
"""Mended without a note: nothing the player could notice (a time without a zone is taken as
UTC, which is what the game writes; unknown events and trail scenes are only dropped)."""

ALL: dict[str, Make] = {**SPECIAL, **REFUSED, **MENDED}


def install(folder: Path, case: str) -> Path:
    slot = folder / "slot-3.json"
    ALL[case](folder, slot)
    return slot


def check_others(story: Story, store: SaveStore) -> None:
    """Slots 1 and 2 are listed and load; Continue and autosave work."""
    listed = {info.slot: info for info in store.slots()}
    assert listed["1"].save is not None and listed["2"].save is not None
    newest = store.newest(story.id)
    assert newest is not None and newest.slot in ("1", "2", "3")
    for slot in ("1", "2"):
        game = Playthrough(story, store)
        assert game.load(slot) == []
    game = Playthrough(story, store)
    game.load("1")
    game.act(Choose(choice="buy_finger"))  # a new scene: autosaves
    assert game.autosave_error is None
    assert store.read("auto-1").state.scene == "workshop"


def usable(story: Story, game: Playthrough) -> None:
    """The loaded game can be shown and played on."""
    shown = view(story, game.state)
    choice = next((c for c in shown.choices if c.enabled), None)
    if choice is not None:
        game.act(Choose(choice=choice.id))
    view(story, game.state)
    game.undo()
    view(story, game.state)


# --------------------------------------------------------------------------- in process


@pytest.mark.parametrize("case", [*SPECIAL, *REFUSED])
def test_a_bad_slot_is_reported_and_the_others_work(story: Story, folder: Path,
                                                    case: str) -> None:
    slot = install(folder, case)
    before = snapshot(slot)
    store = SaveStore(folder)
    listed = {info.slot: info for info in store.slots()}
    assert listed["3"].save is None and listed["3"].error
    with pytest.raises(SaveError) as err:
        Playthrough(story, store).load("3")
    assert str(err.value).startswith("slot 3: ")
    check_others(story, store)
    assert store.exists("3")
    assert snapshot(slot) == before


@pytest.mark.parametrize("case", MENDED)
def test_a_lying_save_is_mended_with_a_note(story: Story, folder: Path, case: str) -> None:
    slot = install(folder, case)
    before = snapshot(slot)
    store = SaveStore(folder)
    info = {i.slot: i for i in store.slots()}["3"]
    assert info.error is None and info.save is not None
    game = Playthrough(story, store, autosave=False)
    warnings = game.load("3")
    if case not in SILENT:
        assert warnings, "a mended save says what was mended"
    assert all(isinstance(w, str) and w for w in warnings)
    usable(story, game)
    assert 0 <= game.play_time < 10**6
    check_others(story, store)
    assert snapshot(slot) == before


def test_naive_and_aware_times_sort_together(story: Story, folder: Path) -> None:
    install(folder, "naive timestamp")
    newest = SaveStore(folder).newest(story.id)
    assert newest is not None and newest.slot in ("1", "2")


def test_an_unbelievable_time_shows_the_files_own_date(folder: Path) -> None:
    slot = install(folder, "year 9999")
    save = SaveStore(folder).read("3")
    assert abs(save.saved_at.timestamp() - slot.stat().st_mtime) < 5
    assert save.notes


@pytest.mark.parametrize("case", ["link to /dev/zero", "dangling link", "link to a folder",
                                  "fifo", "folder"])
def test_autosave_never_overwrites_or_follows_a_bad_autosave(story: Story, folder: Path,
                                                             case: str) -> None:
    bad = folder / "auto-2.json"
    ALL[case](folder, bad)
    before = snapshot(bad)
    store = SaveStore(folder)
    game = Playthrough(story, store)
    for choice in ("go_home", "buy_finger", "pay_stranger", "finish_mask", "yard"):
        game.act(Choose(choice=choice))
        assert game.autosave_error is None
    assert snapshot(bad) == before
    assert {i.slot for i in store.slots() if i.save is not None} >= {"auto-1", "auto-3"}


def test_with_every_autosave_bad_autosaving_reports_and_writes_nothing(story: Story,
                                                                       folder: Path) -> None:
    for slot in AUTOS:
        os.symlink("/dev/zero", folder / f"{slot}.json")
    game = Playthrough(story, SaveStore(folder))
    game.act(Choose(choice="go_home"))
    assert game.autosave_error and "autosave" in game.autosave_error
    assert all(os.readlink(folder / f"{s}.json") == "/dev/zero" for s in AUTOS)


@pytest.mark.parametrize("case", ["link to a good save", "link outside the folder",
                                  "dangling link", "link to /dev/null"])
def test_saving_over_a_link_replaces_the_link_and_never_writes_through_it(
        story: Story, folder: Path, tmp_path: Path, case: str) -> None:
    target = tmp_path / "target.json"
    target.write_text("keep me")
    os.symlink(target, folder / "slot-3.json")
    before = (folder / "slot-1.json").read_bytes()
    game = Playthrough(story, SaveStore(folder), autosave=False)
    game.save("3")
    assert not (folder / "slot-3.json").is_symlink()
    assert target.read_text() == "keep me"
    assert (folder / "slot-1.json").read_bytes() == before
    assert SaveStore(folder).read("3").state.scene == "lab_accident"


def test_deleting_a_link_removes_the_link_only(folder: Path) -> None:
    os.symlink(folder / "slot-1.json", folder / "slot-3.json")
    store = SaveStore(folder)
    assert store.delete("3") is None
    assert not store.exists("3") and store.read("1")


def test_a_folder_at_a_slot_cannot_be_deleted_and_says_so(folder: Path) -> None:
    install(folder, "folder")
    message = SaveStore(folder).delete("3")
    assert message and message.startswith("slot 3: ")


# --------------------------------------------------------------------------- unwritable


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EDQUOT])
def test_a_full_or_read_only_folder_gives_a_save_error(story: Story, folder: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       code: int) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("game.saves.atomic.os.fsync", refuse)
    game = Playthrough(story, SaveStore(folder))
    with pytest.raises(SaveError) as err:
        game.save("3")
    assert os.strerror(code) in str(err.value)
    game.act(Choose(choice="go_home"))  # autosave fails quietly, remembered
    assert game.autosave_error and os.strerror(code) in game.autosave_error
    assert sorted(p.name for p in folder.iterdir()) == ["slot-1.json", "slot-2.json"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_really_read_only_folder_gives_a_save_error(story: Story, folder: Path) -> None:
    folder.chmod(0o500)
    try:
        game = Playthrough(story, SaveStore(folder))
        with pytest.raises(SaveError, match="cannot be written"):
            game.save("3")
        assert game.load("1") == []
    finally:
        folder.chmod(0o700)


def test_a_file_in_place_of_the_saves_folder_gives_a_save_error(story: Story,
                                                                tmp_path: Path) -> None:
    blocker = tmp_path / "saves"
    blocker.write_text("not a folder")
    store = SaveStore(blocker)
    game = Playthrough(story, store)
    with pytest.raises(SaveError, match="cannot be written"):
        game.save("1")
    assert store.slots() == [] and store.newest() is None
    assert blocker.read_text() == "not a folder"


# --------------------------------------------------------------------------- plain mode


def play_plain(folder: Path, commands: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--story", str(STARTER),
         "--saves", str(folder)],
        input=commands, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": ""})


PLAIN_CASES = [*SPECIAL, "deeply nested json", "5000-digit int", "huge turn", "long log",
               "escape in the story id", "escape in the summary", "lone surrogate",
               "nan play time", "year 1 west of utc", "year 9999 east of utc",
               "naive timestamp", "unknown scene", "unknown face", "text in an int",
               "a log that does not replay", "a base in an unknown scene"]


@pytest.mark.parametrize("case", PLAIN_CASES)
def test_plain_mode_lists_loads_and_goes_on(folder: Path, case: str) -> None:
    slot = install(folder, case)
    before = snapshot(slot)
    result = play_plain(folder, "saves\nload 3\nload\nload 1\n1\nsaves\nquit\n")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "Traceback" not in out
    assert "\x1b" not in out  # nothing from a save reaches the terminal as a control
    assert "slot 1: K.'s office" in result.stdout
    assert "slot 2: The workshop" in result.stdout
    assert "slot 3: " in result.stdout
    assert "Loaded slot 1." in result.stdout
    assert "Loaded slot 2." in result.stdout or "Loaded slot 3." in result.stdout
    if case in SPECIAL:
        assert "Slot 3: " in result.stdout  # load 3 is refused, with the reason
    assert "autosave 1: The workshop" in result.stdout  # the move after "load 1" autosaved
    assert snapshot(slot) == before
