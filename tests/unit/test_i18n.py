"""Translations: keyed by stable keys, tied to the English by a hash; check counts them."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from game.plain import run_plain
from game.story import load_story
from game.story.i18n import (
    coverage,
    default_language,
    languages,
    read_language,
    source_hash,
    translated,
)
from game.story.strings import collect_strings
from game.tools.check import check_story
from tests.paths import BUNDLED, STARTER


def with_language(tmp_path: Path, code: str, entries: dict) -> Path:
    root = tmp_path / "story"
    shutil.copytree(STARTER, root)
    folder = root / "i18n" / code
    folder.mkdir(parents=True)
    (folder / "part.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True))
    return root


def full_table(root: Path, mark: str = "RU") -> dict:
    """Every string "translated" as its English after ``mark``, its straight quotes (a
    typography warning in ru and pt) made curly."""
    story = load_story(root)
    return {k: {"source": source_hash(t), "text": f"{mark}:{t}".replace('"', "\u201c")}
            for k, t in collect_strings(story).items()}


def test_a_complete_translation_is_clean_and_used(tmp_path):
    root = with_language(tmp_path, "ru", {})
    (root / "i18n" / "ru" / "part.yaml").write_text(
        yaml.safe_dump(full_table(root), allow_unicode=True))
    report = check_story(root)
    assert report.warnings == 0 and report.errors == 0
    assert report.translations().startswith("translations: ru ")
    story = translated(load_story(root), "ru")
    assert story.language == "ru" and story.text("story.title").startswith("RU:")
    out = io.StringIO()
    run_plain(story, io.StringIO("1\n2\n"), out)
    assert "== RU:K.'s office ==" in out.getvalue()
    assert "THE END: RU:The patient" in out.getvalue()


def test_missing_and_stale_strings_are_counted_and_located(tmp_path):
    root = with_language(tmp_path, "pt", {})
    table = full_table(root, "PT")
    del table["k_office.title"]
    table["lab_accident.title"]["source"] = "0000000000"
    table["no.such.key"] = {"source": "x", "text": "y"}
    (root / "i18n" / "pt" / "part.yaml").write_text(yaml.safe_dump(table, allow_unicode=True))
    report = check_story(root)
    codes = sorted(p.code for p in report.problems)
    assert codes == ["W401", "W402", "W403"]
    stale = next(p for p in report.problems if p.code == "W402")
    assert stale.path.endswith("part.yaml") and stale.line > 1
    cov = report.languages["pt"]
    assert cov.missing == ["k_office.title"] and cov.stale == ["lab_accident.title"]
    assert "pt " in report.translations() and "1 stale" in report.translations()


def test_broken_translation_files_are_errors_not_tracebacks(tmp_path):
    root = with_language(tmp_path, "ru", {"story.title": {"text": "без хэша"}})
    (root / "i18n" / "ru" / "bad.yaml").write_text("key: [unclosed\n")
    lang = read_language(root, "ru")
    codes = sorted(p.code for p in lang.problems)
    assert codes == ["E100", "E103"]
    _, problems = coverage(load_story(root), lang)
    assert any(p.code == "W401" for p in problems)


def test_missing_strings_fall_back_to_english(tmp_path):
    root = with_language(tmp_path, "ru", {"story.title": {"source": "x", "text": "Чужое лицо"}})
    story = translated(load_story(root), "ru")
    assert story.text("story.title") == "Чужое лицо"
    assert story.text("k_office.title") == "K.'s office"
    assert languages(root) == ["ru"]


def test_default_language_follows_the_locale():
    assert default_language({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert default_language({"LC_ALL": "pt_BR.UTF-8", "LANG": "ru_RU"}) == "pt"
    assert default_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert default_language({}) == "en"


# --------------------------------------------------------------------------- the bundled story



def test_the_bundled_story_is_fully_translated_into_russian_and_portuguese():
    report = check_story(BUNDLED)
    assert set(report.languages) == {"ru", "pt"}
    for cov in report.languages.values():
        assert cov.missing == [] and cov.stale == [] and cov.unknown == []


@pytest.mark.parametrize("code, title, word", [
    ("en", "The patient", "K."),
    ("ru", "Пациент", "К."),
    ("pt", "O paciente", "K."),
])
def test_a_playthrough_to_an_ending_in_each_language(code, title, word, tmp_path, monkeypatch,
                                                     capsys):
    """Through the real command, story and interface both in the language asked for."""
    from game.cli import main
    from game.i18n import _, set_language

    # lab accident -> home -> the institute -> in at the gate -> K.'s office (none of the
    # street's choices is left at the gate: its own are numbered from 1) -> accept -> go through
    monkeypatch.setattr("sys.stdin", io.StringIO("3\n4\n2\n3\n4\n3\n"))
    assert main(["play", "--plain", "--lang", code, "--saves", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    set_language(code)
    ending = _("THE END: {title}").format(title=title)
    your_face = _("Your face: {face}.").split("{")[0]
    set_language("en")
    assert ending in text, text[-600:]
    assert your_face in text
    assert word in text
    if code != "en":
        english = load_story(BUNDLED)
        assert english.text("end_patient.p1") not in text
        assert "THE END" not in text and "Your face" not in text


def test_plain_mode_switches_language_mid_game_and_knows_translated_face_names(tmp_path):
    from game.i18n import _, set_language

    out = io.StringIO()
    story = load_story(BUNDLED)
    run_plain(story, io.StringIO("3\nlanguage pt\nface desc\nlanguage\nundo\nlanguage xx\n"
                                 "language en\nquit\n"), out, saves=tmp_path)
    text = out.getvalue()
    pt = translated(story, "pt")
    home_en, home_pt = story.text("home.title"), pt.text("home.title")
    after_switch = text.split(f"== {home_pt} ==", 1)
    assert len(after_switch) == 2, "the scene is shown again in Portuguese"
    assert pt.text("face.bare.label").lower() in after_switch[1]
    assert "(bare)" not in after_switch[1], "no face id shown in Portuguese"
    set_language("pt")
    took_back = _("You take it back.")
    now = _("Your face: {face}. You could change to: {faces}.").split("{face}")[0]
    set_language("en")
    assert home_en != home_pt
    # The game went on where it was: the bare face put on by its Portuguese name, then undone.
    assert now + pt.text("face.bare.label").lower() in after_switch[1]
    assert took_back in text and took_back != "You take it back."
    assert "Idioma: Português" in text
    assert text.rstrip().endswith("You leave the story here.")
