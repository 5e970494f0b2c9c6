"""The registry of diagnostics: one named descriptor per code, read by the loader, ``check``,
``check --format json`` and the table of codes in docs/authoring.md alike."""

from __future__ import annotations

import json
import re

import pytest

from game.cli import main
from game.story.problems import CODES, REGISTRY, D, Diagnostic, Problem
from tests.paths import FIXTURES, ROOT

AUTHORING = ROOT / "docs" / "authoring.md"
BROKEN = FIXTURES / "broken"


def docs_codes_table() -> list[tuple[str, str]]:
    """(code, meaning) for each row of the table under ``### Codes`` in docs/authoring.md."""
    text = AUTHORING.read_text(encoding="utf-8")
    section = text.split("\n### Codes\n", 1)[1].split("\n### ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) >= 2 and re.fullmatch(r"[EW]\d{3}", cells[0]):
            rows.append((cells[0], cells[1]))
    return rows


def test_docs_list_exactly_the_registry_codes_with_their_titles() -> None:
    assert docs_codes_table() == [(d.code, d.title) for d in REGISTRY.values()]


def test_registry_holds_every_named_diagnostic_once() -> None:
    named = [v for v in vars(D).values() if isinstance(v, Diagnostic)]
    assert len(named) == len(REGISTRY) == len({d.code for d in named})
    assert all(REGISTRY[d.code] is d for d in named)
    assert {code: d.title for code, d in REGISTRY.items()} == CODES
    assert all(d.title and d.title == d.title.strip() for d in named)


def test_severity_follows_the_letter() -> None:
    for d in REGISTRY.values():
        assert d.severity == ("warning" if d.code.startswith("W") else "error")
    assert D.UNREACHABLE.severity == "warning" and D.DEAD_END.severity == "error"


@pytest.mark.parametrize("code", ["E1", "X101", "E10a", "e101", "E1011"])
def test_malformed_codes_are_refused(code: str) -> None:
    with pytest.raises(ValueError):
        Diagnostic(code, "title")


def test_a_problem_built_from_a_descriptor_prints_as_before() -> None:
    p = D.UNKNOWN_KEY.at("story.yaml", 3, 5, "unknown key 'lable'", "did you mean 'label'?")
    assert p == Problem("story.yaml", 3, 5, "E101", "unknown key 'lable'", "did you mean 'label'?")
    assert p.format() == "story.yaml:3:5: E101 unknown key 'lable' (did you mean 'label'?)"
    assert (p.severity, p.title) == ("error", "unknown key")
    assert D.NEVER_HOLDS.at("s.yaml", 1, 1, "x").severity == "warning"


def test_no_bare_codes_outside_the_registry() -> None:
    """Code reports problems by naming a diagnostic (``D.UNKNOWN_KEY``), never ``"E101"``."""
    registry = ROOT / "game" / "story" / "problems.py"
    found = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        if path == registry:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"""["'][EW]\d{3}["']""", line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []


def test_json_report_gives_each_problem_its_title(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(BROKEN / "E101"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["problems"]
    for problem in report["problems"]:
        assert problem["title"] == CODES[problem["code"]]
        assert problem["severity"] == REGISTRY[problem["code"]].severity


def test_templates_and_default_hints() -> None:
    assert D.UNKNOWN_KEY.message(name="lable") == "unknown key 'lable'"
    p = D.NOT_REGULAR_FILE.at("x.yaml", 1, 1, D.NOT_REGULAR_FILE.message(what="a FIFO"))
    assert p.format() == ("x.yaml:1:1: E109 cannot read the file: it is a FIFO "
                          "(story files are plain files)")
    assert D.NOT_REGULAR_FILE.at("x.yaml", 1, 1, "m", "").hint == ""
    assert D.UNKNOWN_KEY.at("x.yaml", 1, 1, "m").hint == ""
    with pytest.raises(ValueError):
        D.TYPE_ERROR.message()
