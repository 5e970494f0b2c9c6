"""The interface's gettext catalogues: current with the code, complete, and read safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import i18n
from game.i18n import TEMPLATE, _, ngettext, set_language
from game.story.i18n import LANGUAGES
from game.tools.check import check_story
from game.tools.messages import extracted, interface_coverage, interface_languages, read_catalog
from tests.paths import STARTER


def test_the_template_holds_exactly_what_the_code_marks() -> None:
    template, problems = read_catalog(TEMPLATE)
    assert not problems
    held = {(m.id, m.context) for m in template if m.id}
    marked = extracted()
    assert len(marked) > 150
    assert not marked - held, "new messages: run make messages"
    assert not held - marked, "messages no longer in the code: run make messages"


def test_every_language_but_english_has_a_catalogue() -> None:
    assert interface_languages() == sorted(set(LANGUAGES) - {"en"})


@pytest.mark.parametrize("code", sorted(set(LANGUAGES) - {"en"}))
def test_each_catalogue_is_complete_and_current(code: str) -> None:
    cov, problems = interface_coverage(code)
    assert cov.total > 150
    assert (cov.missing, cov.stale, cov.unknown) == ([], [], [])
    assert problems == []


@pytest.mark.parametrize("code", sorted(set(LANGUAGES) - {"en"}))
def test_translations_keep_their_placeholders(code: str) -> None:
    catalog, _problems = read_catalog(i18n.catalogue_path(code), code)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = {p for text in ids for p in _placeholders(text)}
        for text in strings:
            assert _placeholders(text) <= wanted, (message.id, text)
            if len(ids) == 1:
                assert _placeholders(text) == wanted, (message.id, text)


def _placeholders(text: str) -> set[str]:
    import string

    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_the_interface_speaks_the_chosen_language() -> None:
    set_language("ru")
    assert i18n.language() == "ru"
    assert _("Quit") != "Quit"
    set_language("pt")
    assert _("Quit") != "Quit"
    set_language("en")
    assert _("Quit") == "Quit"
    assert _("") == ""


def test_russian_has_three_plural_forms() -> None:
    set_language("ru")
    one, many = ("The story has {n} error: playing on with the last good version",
                 "The story has {n} errors: playing on with the last good version")
    forms = {ngettext(one, many, n) for n in (1, 2, 5)}
    assert len(forms) == 3 and one not in forms
    assert ngettext(one, many, 21) == ngettext(one, many, 1)
    assert ngettext(one, many, 22) == ngettext(one, many, 3)
    assert ngettext(one, many, 11) == ngettext(one, many, 0) == ngettext(one, many, 5)


# -- what check says about catalogues that are not complete

POT = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Quit"
msgstr ""

msgid "Help"
msgstr ""

msgid "Save"
msgstr ""

msgid "Load"
msgstr ""
'''

PO = '''msgid ""
msgstr ""
"Language: ru\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Quit"
msgstr "Выход"

#, fuzzy
msgid "Help"
msgstr "Справка"

msgid "Old words"
msgstr "Старые слова"
'''


def _locale(tmp_path: Path, po: str = PO) -> Path:
    folder = tmp_path / "locale"
    (folder / "ru" / "LC_MESSAGES").mkdir(parents=True)
    (folder / "game.pot").write_text(POT, encoding="utf-8")
    (folder / "ru" / "LC_MESSAGES" / "game.po").write_text(po, encoding="utf-8")
    return folder


def test_missing_stale_and_unknown_messages_are_counted_and_located(tmp_path: Path) -> None:
    cov, problems = interface_coverage("ru", _locale(tmp_path))
    assert cov.total == 4
    assert sorted(cov.missing) == ["Load", "Save"]
    assert cov.stale == ["Help"]
    assert cov.unknown == ["Old words"]
    by_code = {p.code: p for p in problems}
    assert set(by_code) == {"W404", "W405", "W406"}
    assert "2 of 4 interface messages are not translated" in by_code["W404"].message
    assert by_code["W405"].line == 11 and by_code["W405"].path.endswith("game.po")
    assert by_code["W406"].line == 14


def test_a_damaged_catalogue_is_a_located_error(tmp_path: Path) -> None:
    broken = PO + '\nmsgid "Save"\nmsgstr "Сохранить"\nnot a keyword\n'
    folder = _locale(tmp_path, broken)
    cov, problems = interface_coverage("ru", folder)
    assert [p.code for p in problems] == ["E401"]
    assert problems[0].line == broken.splitlines().index("not a keyword") + 1
    assert cov.missing


def test_check_reports_interface_counts_and_strict_fails(tmp_path: Path, monkeypatch,
                                                         capsys) -> None:
    from game import cli
    from game.tools import check

    folder = _locale(tmp_path)
    monkeypatch.setattr(check, "interface_languages", lambda: interface_languages(folder))
    monkeypatch.setattr(check, "interface_coverage",
                        lambda code: interface_coverage(code, folder))
    report = check_story(STARTER, interface=True)
    assert "interface: ru 2/4 translated, 1 stale" in report.translations()
    assert cli.main(["check", str(STARTER), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "W404 ru: 2 of 4 interface messages are not translated" in out
    assert "interface: ru 2/4 translated, 1 stale" in out


def test_the_real_check_counts_the_real_catalogues() -> None:
    assert not check_story(STARTER).interface
    report = check_story(STARTER, interface=True)
    line = report.translations()
    for code in sorted(set(LANGUAGES) - {"en"}):
        cov = report.interface[code]
        assert f"{code} {cov.total:,}/{cov.total:,} translated, 0 stale" in line


def test_a_broken_catalogue_at_run_time_falls_back_to_english(tmp_path: Path, monkeypatch,
                                                              capsys) -> None:
    folder = _locale(tmp_path, PO + '\nmsgid "Save"\nmsgstr "Сохранить"\nnot a keyword\n')
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    i18n.translations.cache_clear()
    try:
        set_language("ru")
        assert _("Quit") == "Quit"
        assert capsys.readouterr().out == ""
    finally:
        i18n.translations.cache_clear()


def test_fuzzy_translations_are_not_shown(tmp_path: Path, monkeypatch) -> None:
    folder = _locale(tmp_path)
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    i18n.translations.cache_clear()
    try:
        set_language("ru")
        assert _("Quit") == "Выход"
        assert _("Help") == "Help"
    finally:
        i18n.translations.cache_clear()

