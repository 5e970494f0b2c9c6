"""The ``reviewed`` mark of a translation entry: counted by check, kept and set by translate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from game.cli import main
from game.story import load_story
from game.story.i18n import read_language, source_hash
from game.tools.check import check_story
from tests.paths import STARTER


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def story_with(tmp_path: Path, entries: dict) -> tuple[Path, Path]:
    root = tmp_path / "story"
    shutil.copytree(STARTER, root)
    path = root / "i18n" / "ru" / "part.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return root, path


def now(key: str) -> str:
    return source_hash(load_story(STARTER).strings[key])


def entries() -> dict:
    """Four entries: reviewed now, never reviewed, reviewed against older English, stale."""
    return {
        "k_office.title": {"source": now("k_office.title"), "reviewed": now("k_office.title"),
                           "text": "Кабинет К."},
        "lab_accident.title": {"source": now("lab_accident.title"), "text": "Авария"},
        "story.title": {"source": now("story.title"), "reviewed": "0123456789",
                        "text": "Чужое лицо"},
        "story.author": {"source": "0000000000", "reviewed": "0000000000", "text": "Автор"},
    }


def test_check_counts_the_unreviewed_apart_and_not_as_problems(tmp_path):
    root, _ = story_with(tmp_path, entries())
    report = check_story(root)
    cov = report.languages["ru"]
    assert cov.unreviewed == ["lab_accident.title", "story.title"]
    assert cov.stale == ["story.author"]
    assert sorted({p.code for p in report.problems}) == ["W401", "W402"]
    assert "ru 4/109 translated, 1 stale, 2 unreviewed" in report.translations()
    summary = json.loads(report.to_json())["summary"]["languages"]["ru"]
    assert summary["unreviewed"] == 2 and summary["stale"] == 1


def test_a_reviewed_that_is_not_text_is_a_located_error(tmp_path):
    root, path = story_with(tmp_path, {})
    path.write_text(f"k_office.title:\n  source: '{now('k_office.title')}'\n"
                    "  reviewed: 123456789\n  text: Кабинет К.\n", encoding="utf-8")
    lang = read_language(root, "ru")
    [problem] = lang.problems
    assert problem.code == "E103" and (problem.line, problem.col) == (3, 13)
    assert "quotes" in problem.hint
    assert "k_office.title" in lang.entries and "k_office.title" not in lang.reviewed


def test_translate_keeps_the_mark_quoted(tmp_path, capsys):
    root, path = story_with(tmp_path, entries())
    code, out, _ = run(capsys, "translate", root, "--lang", "ru")
    assert code == 0 and "; 2 unreviewed" in out
    text = path.read_text(encoding="utf-8")
    hash_ = now("k_office.title")
    assert f"k_office.title:\n  source: '{hash_}'\n  reviewed: '{hash_}'\n" in text
    assert "  reviewed: '0123456789'\n" in text  # would be a number unquoted
    lang = read_language(root, "ru")
    assert lang.reviewed == {"k_office.title": hash_, "story.title": "0123456789",
                             "story.author": "0000000000"}


def test_mark_reviewed_by_key_and_pattern(tmp_path, capsys):
    root, _ = story_with(tmp_path, entries())
    code, out, _ = run(capsys, "translate", root, "--lang", "ru", "--unreviewed")
    assert code == 0 and out.endswith("ru: 2 unreviewed\n")
    first = out.splitlines()[0]
    assert first.endswith("part.yaml:5:1: lab_accident.title")
    code, out, _ = run(capsys, "translate", root, "--lang", "ru", "--mark-reviewed", "lab_*")
    assert code == 0 and "1 unreviewed (1 marked reviewed now)" in out
    assert read_language(root, "ru").reviewed["lab_accident.title"] == now("lab_accident.title")
    code, out, _ = run(capsys, "translate", root, "--lang", "ru", "--mark-reviewed", "*")
    assert code == 0 and "; 0 unreviewed" in out
    assert check_story(root).languages["ru"].unreviewed == []


def test_mark_reviewed_refuses_what_is_not_a_current_entry(tmp_path, capsys):
    root, path = story_with(tmp_path, entries())
    before = path.read_text(encoding="utf-8")
    for key, why in (("story.author", "stale"), ("landing.x", "no such string"),
                     ("k_office.p1", "not translated"), ("nothing.*", "matches no current")):
        code, _, err = run(capsys, "translate", root, "--lang", "ru", "--mark-reviewed", key)
        assert code == 1 and why in err
    assert path.read_text(encoding="utf-8") == before
