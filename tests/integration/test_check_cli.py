"""``face-of-another check``: the summary line, exit codes, --strict and --format json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.paths import default_story_dir
from tests.paths import STARTER


@pytest.fixture
def story_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "story"
    shutil.copytree(STARTER, dest)
    return dest


def test_bundled_story_is_clean_and_summarised(capsys):
    assert main(["check", str(default_story_dir()), "--strict"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 3
    assert out[0].startswith("translations: ")
    assert out[1].startswith("interface: ")
    summary = out[-1]
    assert summary.startswith("story: ") and summary.endswith("; 0 errors, 0 warnings")
    assert " scenes, " in summary and " endings, " in summary and " words;" in summary


def test_warnings_fail_only_with_strict(story_copy: Path, capsys):
    meta = story_copy / "story.yaml"
    meta.write_text(meta.read_text().replace("variables:\n", "variables:\n  spare: 0\n", 1))
    assert main(["check", str(story_copy)]) == 0
    assert main(["check", str(story_copy), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "W303 variable 'spare' is never read" in out
    assert out.strip().endswith("0 errors, 2 warnings")


def test_errors_exit_one_and_are_all_reported(story_copy: Path, capsys):
    act1 = story_copy / "scenes" / "act1.yaml"
    act1.write_text(act1.read_text().replace("go: k_office", "go: k_ofice")
                    .replace("people: [k]", "people: [kk]"))
    assert main(["check", str(story_copy)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert any("E201 unknown scene 'k_ofice' (did you mean 'k_office'?)" in ln for ln in lines)
    assert any("E202 unknown person 'kk'" in ln for ln in lines)
    assert all(ln.startswith(str(act1)) for ln in lines[:-1] if not ln.startswith("interface:"))
    assert lines[-1] == "story: not loaded; 2 errors, 0 warnings"


def test_json_format(story_copy: Path, capsys):
    act1 = story_copy / "scenes" / "act1.yaml"
    act1.write_text(act1.read_text().replace("go: k_office", "go: nowhere"))
    assert main(["check", str(story_copy), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["errors"] == 1 and data["summary"]["loaded"] is False
    (problem,) = data["problems"]
    assert problem["code"] == "E201" and problem["severity"] == "error"
    assert problem["path"] == str(act1) and problem["line"] > 1 and problem["col"] > 1


def test_missing_folder_is_a_message_not_a_traceback(tmp_path: Path, capsys):
    assert main(["check", str(tmp_path / "nope")]) == 1
    out = capsys.readouterr().out
    assert "E108 story.yaml not found (no such folder)" in out


def test_play_with_a_broken_story_reports_and_exits_one(story_copy: Path, capsys):
    (story_copy / "characters.yaml").write_text("k: [unclosed\n")
    assert main(["play", "--plain", "--story", str(story_copy)]) == 1
    err = capsys.readouterr().err
    assert "characters.yaml:" in err and "E100" in err
    assert "Traceback" not in err
