"""The on-disk profile: atomic writes, corrupt files reported and left untouched."""

from __future__ import annotations

import json
from pathlib import Path

from game.profile import PROFILE_NAME, Profile


def test_a_missing_profile_is_a_fresh_one(tmp_path: Path):
    profile = Profile.load(tmp_path / "nowhere")
    assert profile.error is None and profile.writable
    assert profile.settings.theme == "dark" and profile.settings.reveal == "instant"
    assert profile.taken("s") == set() and profile.endings("s") == {}


def test_round_trip_and_no_temporary_files_left(tmp_path: Path):
    profile = Profile.load(tmp_path)
    assert profile.add_taken("s", "a.b") and not profile.add_taken("s", "a.b")
    assert profile.add_ending("s", "end.ending", "The end")
    profile.settings.theme = "contrast"
    assert profile.save() is None
    assert [p.name for p in tmp_path.iterdir()] == [PROFILE_NAME]
    again = Profile.load(tmp_path)
    assert again.taken("s") == {"a.b"}
    assert again.endings("s") == {"end.ending": "The end"}
    assert again.settings.theme == "contrast"


def test_saving_creates_the_folder(tmp_path: Path):
    profile = Profile.load(tmp_path / "a" / "b")
    assert profile.save() is None
    assert (tmp_path / "a" / "b" / PROFILE_NAME).is_file()


def test_a_corrupt_profile_is_reported_and_never_overwritten(tmp_path: Path):
    path = tmp_path / PROFILE_NAME
    path.write_bytes(b"{not json at all")
    profile = Profile.load(tmp_path)
    assert profile.error and "damaged" in profile.error
    assert not profile.writable
    profile.add_ending("s", "x.ending", "X")
    assert profile.save() == profile.error
    assert path.read_bytes() == b"{not json at all"


def test_a_profile_of_the_wrong_shape_is_corrupt_too(tmp_path: Path):
    (tmp_path / PROFILE_NAME).write_text(json.dumps({"settings": {"theme": "purple"}}))
    profile = Profile.load(tmp_path)
    assert profile.error and not profile.writable


def test_unknown_keys_survive_a_rewrite(tmp_path: Path):
    (tmp_path / PROFILE_NAME).write_text(json.dumps({"version": 1, "future": [1, 2]}))
    profile = Profile.load(tmp_path)
    assert profile.save() is None
    assert json.loads((tmp_path / PROFILE_NAME).read_text())["future"] == [1, 2]


def test_a_write_failure_is_reported_not_raised(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    profile = Profile(blocker / "saves" / PROFILE_NAME)
    error = profile.save()
    assert error and "cannot write" in error
