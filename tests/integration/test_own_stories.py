"""Stories of one's own, outside the repository: new story, export story, test, translate,
guide, and the rule that nothing writes into the installed game."""

from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.paths import PACKAGE
from game.story import load_story
from game.story.i18n import read_language, source_hash
from game.tools.stories import StoryFolderError, writable_story
from game.tools.walk import explore
from tests.paths import BUNDLED, ROOT

SCHEMA = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)")


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def mine(tmp_path: Path, capsys) -> Path:
    folder = tmp_path / "mine"
    code, out, _ = run(capsys, "new", "story", folder)
    assert code == 0 and "new story: wrote" in out
    return folder


def schema_targets(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        match = SCHEMA.match(path.read_text(encoding="utf-8").partition("\n")[0])
        if match:
            found.append((path.parent / match.group(1)).resolve())
    return found


def test_new_story_is_complete_checked_and_proven(mine: Path, capsys):
    names = {p.relative_to(mine).as_posix() for p in mine.rglob("*") if p.is_file()}
    assert {"story.yaml", "characters.yaml", "README.md", "transcripts/stranger.txt",
            "schema/story.schema.json", "schema/scenes.schema.json",
            "schema/characters.schema.json"} <= names
    targets = schema_targets(mine)
    assert len(targets) == 3 and all(t.is_file() for t in targets)
    code, out, _ = run(capsys, "check", mine, "--strict")
    assert code == 0, out
    assert "0 errors, 0 warnings" in out
    story = load_story(mine)
    assert story.mask is not None and set(story.faces) == {"scarred", "masked"}
    result = explore(story)
    assert result.ok and len(story.endings) == 2
    code, out, _ = run(capsys, "test", mine)
    assert code == 0 and "1 passed, 0 failed" in out


def test_new_story_prose_is_not_the_bundled_story_s(mine: Path):
    ours = load_story(BUNDLED)
    theirs = load_story(mine)
    assert not set(theirs.scenes) & set(ours.scenes)
    assert not set(theirs.strings.values()) & set(ours.strings.values()) - {"Masked"}


def test_new_and_export_refuse_a_folder_that_is_not_empty(tmp_path: Path, capsys):
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine\n")
    for command in (("new", "story"), ("export", "story")):
        code, _, err = run(capsys, *command, full)
        assert code == 1 and "exists and is not empty" in err
    assert [p.name for p in full.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(capsys, "new", "story", empty)[0] == 0


def test_export_story_copies_the_bundled_story_to_change(tmp_path: Path, capsys):
    ours = tmp_path / "ours"
    code, out, _ = run(capsys, "export", "story", ours)
    assert code == 0, out
    assert (ours / "scenes" / "act1.yaml").is_file() and (ours / "i18n" / "ru").is_dir()
    targets = schema_targets(ours)
    assert targets and all(t.is_file() and t.parent == (ours / "schema").resolve()
                           for t in targets)
    code, out, _ = run(capsys, "new", "scene", "extra", "--story", ours, "--act", "1")
    assert code == 0, out
    assert "id: extra" in (ours / "scenes" / "act1.yaml").read_text()
    assert "id: extra" not in (BUNDLED / "scenes" / "act1.yaml").read_text()


def test_new_scene_writes_only_into_a_story_of_one_s_own(tmp_path: Path, capsys):
    with pytest.raises(StoryFolderError, match="new story DIR.*export story DIR"):
        writable_story(PACKAGE / "_story", "new scene")
    with pytest.raises(StoryFolderError, match="inside the installed game"):
        writable_story(PACKAGE / "tools", "new scene")
    writable_story(BUNDLED, "new scene")  # the checkout's own story stays writable
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    code, _, err = run(capsys, "new", "scene", "x", "--story", nowhere)
    assert code == 1 and "has no story.yaml" in err and "new story DIR" in err
    assert list(nowhere.iterdir()) == []
    code, _, err = run(capsys, "translate", nowhere, "--lang", "de")
    assert code == 1 and "has no story.yaml" in err


def test_test_fails_with_a_diff_after_an_edit_and_update_records(mine: Path, capsys):
    scenes = mine / "scenes" / "story.yaml"
    scenes.write_text(scenes.read_text().replace("a moon.", "a moon, a fox."))
    code, out, _ = run(capsys, "test", mine)
    assert code == 1
    assert "FAILED  stranger.txt" in out
    assert "+Tonight the door across it is open. Behind it hang rows of faces on hooks: " \
           "kings, drunkards, brides, a moon, a fox." in out
    assert "0 passed, 1 failed" in out
    code, out, _ = run(capsys, "test", mine, "--update")
    assert code == 0 and "updated stranger.txt" in out
    assert run(capsys, "test", mine)[0] == 0


def test_test_without_transcripts_says_how_to_write_one(mine: Path, capsys):
    shutil.rmtree(mine / "transcripts")
    code, _, err = run(capsys, "test", mine)
    assert code == 1 and "# story: ." in err and "--update" in err


def test_translate_writes_every_key_and_keeps_translations(mine: Path, capsys):
    code, out, _ = run(capsys, "translate", mine, "--lang", "de")
    assert code == 0, out
    story = load_story(mine)
    total = len([t for t in story.strings.values() if t])
    assert f"de: {total} strings: 0 translated, 0 stale, {total} to translate" in out
    text = (mine / "i18n" / "de" / "story.yaml").read_text()
    title = story.strings["landing.title"]
    assert f"# en: {title}\n# landing.title:\n#   source: '{source_hash(title)}'" in text
    # translate two, and let the English of one change; a third key goes away
    de = mine / "i18n" / "de" / "story.yaml"
    de.write_text(de.read_text() + yaml.safe_dump({
        "landing.title": {"source": source_hash(title), "text": "Der Treppenabsatz"},
        "landing.knock.label": {"source": source_hash("Knock"), "text": "Klopfen"},
        "landing.gone": {"source": "0123456789", "text": "Weg"},
    }, allow_unicode=True))
    code, out, _ = run(capsys, "translate", mine, "--lang", "de")
    assert code == 0
    assert "1 translated, 1 stale" in out and "1 removed (marked)" in out
    text = de.read_text()
    assert "# STALE: the English changed" in text and "# REMOVED:" in text
    lang = read_language(mine, "de")
    assert lang.entries["landing.title"] == (source_hash(title), "Der Treppenabsatz")
    code, out, err = run(capsys, "check", mine)
    assert code == 0 and "W402" in out and "W403" in out


def test_play_in_a_language_the_story_has(mine: Path, capsys, monkeypatch, tmp_path: Path):
    run(capsys, "translate", mine, "--lang", "de")
    de = mine / "i18n" / "de" / "story.yaml"
    title = load_story(mine).strings["landing.title"]
    de.write_text(de.read_text() + yaml.safe_dump(
        {"landing.title": {"source": source_hash(title), "text": "Der Treppenabsatz"}}))
    monkeypatch.setattr(sys, "stdin", io.StringIO("language\nquit\n"))
    code, out, err = run(capsys, "play", "--plain", "--story", mine, "--lang", "de",
                         "--saves", tmp_path / "saves")
    assert code == 0, err
    assert "== Der Treppenabsatz ==" in out
    assert "de (de)" in out  # the plain 'language' command offers it
    assert err.count("no 'de' translation") == 1
    code, _, err = run(capsys, "play", "--plain", "--story", mine, "--lang", "fr")
    assert code == 1 and "no language 'fr'" in err and "translate DIR --lang fr" in err


def test_mask_in_a_story_of_one_s_own_says_why_not(mine: Path, capsys, monkeypatch,
                                                   tmp_path: Path):
    monkeypatch.setattr(sys, "stdin", io.StringIO("mask\n1\n1\nmask\nunmask\n"))
    code, out, err = run(capsys, "play", "--plain", "--story", mine, "--saves", tmp_path)
    assert code == 0, err
    assert "You have no mask; the theatre still has all its faces." in out  # its reason
    assert "Your face: masked." in out and "You peel the borrowed face away." in out


def test_guide_prints_the_authoring_guide(capsys):
    code, out, _ = run(capsys, "guide")
    assert code == 0
    assert out == (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
