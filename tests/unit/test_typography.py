"""The typography lint of translations: per-language rules, located at the mark in the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.story import load_story
from game.story.i18n import read_language, source_hash
from game.story.problems import REGISTRY
from game.story.strings import collect_strings
from game.tools import check as check_module
from game.tools.check import check_story
from game.tools.typography import findings, lint_catalogue, lint_language
from tests.paths import STARTER

NB = "\u00a0"


def codes(code: str, text: str) -> list[str]:
    return [f.diagnostic.code for f in findings(code, text)]


# --------------------------------------------------------------------------- Russian

@pytest.mark.parametrize("text, expected", [
    ('Он сказал "да".', ["W411", "W411"]),
    ("Он сказал «да», и „нет“ тоже.", []),
    ("Рубцы — бугристые.", ["W412"]),
    (f"Рубцы{NB}— бугристые.", []),
    ("Рубцы – бугристые.", ["W412"]),                    # an en dash used as a dash
    ("С 1941–1945 и кто-то ещё.", []),                     # glued: not punctuation
    (f"Он сказал:{NB}— Иди.", ["W413"]),
    (f"Он обернулся. — Иди,{NB}— сказал он.", ["W413"]),   # the first dash only, once
    (f"«Лицо{NB}— не вещь,{NB}— говорит он.{NB}— Лицо»", []),  # quoted speech
    (f"— Иди,{NB}— говоришь ты.{NB}— Какую захочешь.", []),   # all dialogue
    ("— Иди, — говоришь ты.", ["W412"]),                   # dialogue, a plain space
    (f"Он молчит.\n— Иди,{NB}— говорит она.", ["W413"]),  # dialogue beside narrative
    (f"— Иди.\n— Нет,{NB}— говорит она.", []),
    ("Рубцы - бугристые.", ["W414"]),
    ("Рубцы -- бугристые.", ["W414"]),
    ("- Иди.", ["W414"]),
    ("Брат-то ваш отдыхает? Минус -5.", []),
])
def test_russian_rules(text, expected):
    assert codes("ru", text) == expected


def test_a_finding_points_at_the_mark_and_quotes_it():
    [found] = findings("ru", "Рубцы — бугристые, глянцевые.")
    assert found.index == 6 and "Рубцы — бугристые" in found.message
    assert "U+00A0" in found.hint


# --------------------------------------------------------------------------- Portuguese

@pytest.mark.parametrize("text, expected", [
    ('Ele disse "sim".', ["W411", "W411"]),
    ("Ele disse “sim”.", []),
    ("o consultório de K..", ["W415"]),
    ("o consultório de K. Depois... nada.", []),
    ("Sua mão, seu rosto, suas luvas.", ["W416"]),         # 3 in 6 words
    ("Sua mão e seu rosto.", []),                          # only 2
    ("Sua mão, seu rosto, suas luvas " + "e o resto " * 30, []),  # 3 in 100 words
])
def test_portuguese_rules(text, expected):
    assert codes("pt", text) == expected


def test_other_languages_have_no_rules():
    assert findings("de", 'Er sagt "ja" - und K.. seu sua seus') == []


def test_every_typography_code_is_a_warning():
    for code in ("W411", "W412", "W413", "W414", "W415", "W416"):
        assert REGISTRY[code].severity == "warning"


# --------------------------------------------------------------------------- in a story

def story_with(tmp_path: Path, code: str, body: str) -> Path:
    root = tmp_path / "story"
    shutil.copytree(STARTER, root)
    folder = root / "i18n" / code
    folder.mkdir(parents=True)
    (folder / "part.yaml").write_text(body, encoding="utf-8")
    return root


def english(key: str) -> str:
    return source_hash(load_story(STARTER).strings[key])


def test_problems_are_located_at_the_mark_in_a_folded_text(tmp_path):
    body = (f"k_office.title:\n  source: '{english('k_office.title')}'\n  text: >-\n"
            f"    Кабинет К.,{NB}и в нём\n    тишина — как всегда.\n")
    root = story_with(tmp_path, "ru", body)
    report = check_story(root)
    [problem] = [p for p in report.problems if p.code.startswith("W41")]
    assert problem.code == "W412" and problem.path.endswith("part.yaml")
    line = body.split("\n")[problem.line - 1]
    assert line[problem.col - 1] == "—"
    assert "'k_office.title'" in problem.message and problem.severity == "warning"


def test_a_text_with_escapes_is_located_at_its_start(tmp_path):
    body = (f"k_office.title:\n  source: '{english('k_office.title')}'\n"
            '  text: "Он сказал \\"да\\"."\n')
    root = story_with(tmp_path, "ru", body)
    problems = lint_language(read_language(root, "ru"))
    assert [p.code for p in problems] == ["W411", "W411"]
    assert {(p.line, p.col) for p in problems} == {(3, 9)}


def test_strict_check_fails_on_typography(tmp_path, monkeypatch):
    monkeypatch.setattr(check_module, "interface_languages", lambda: [])  # the story alone
    table = {k: {"source": source_hash(t), "text": "PT:" + t.replace('"', "“")}
             for k, t in collect_strings(load_story(STARTER)).items()}
    table["k_office.title"]["text"] = "O consultório de K.."
    root = story_with(tmp_path, "pt", yaml.safe_dump(table, allow_unicode=True))
    assert main(["check", str(root)]) == 0
    assert main(["check", str(root), "--strict"]) == 1
    table["k_office.title"]["text"] = "O consultório de K."
    (root / "i18n" / "pt" / "part.yaml").write_text(yaml.safe_dump(table, allow_unicode=True))
    assert main(["check", str(root), "--strict"]) == 0


def test_stale_and_unknown_entries_are_linted_and_reported_as_before(tmp_path):
    body = ("k_office.title:\n  source: '0000000000'\n  text: Кабинет - К.\n"
            "no.such.key:\n  source: '0000000000'\n  text: Нет \"ключа\"\n")
    root = story_with(tmp_path, "ru", body)
    found = sorted(p.code for p in check_story(root).problems)
    assert found == ["W401", "W402", "W403", "W411", "W411", "W414"]


# --------------------------------------------------------------------------- the interface

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Save"
msgstr "Сохранить — сейчас"

msgid "Load"
msgstr "Загрузить\u00a0— сейчас"
"""


def test_the_interface_catalogues_are_linted_at_their_msgstr(tmp_path):
    po = tmp_path / "ru" / "LC_MESSAGES" / "game.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    [problem] = lint_catalogue("ru", tmp_path)
    assert problem.code == "W412" and problem.line == 6 and "'Save'" in problem.message
    assert lint_catalogue("de", tmp_path) == []
