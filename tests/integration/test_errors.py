"""Located problems: every code the loader and ``check`` report, at the exact line and column.

The broken stories are overlays on ``fixtures/minimal`` (see ``fixtures/broken/README.md``):
each folder replaces one or two files of the minimal story with a copy holding one mistake.
Expected positions were worked out by hand from those files (1-based line and column; for an
expression, the column points inside the expression, at the offending part).
"""

from __future__ import annotations

import os
import shutil
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story import Problem, StoryError, load_story, read_story
from game.story.limits import MAX_FILE_BYTES
from game.story.problems import CODES
from game.tools.check import check_story, lint
from tests.paths import FIXTURES, MINIMAL

BROKEN = FIXTURES / "broken"

Expected = tuple[str, str, int, int]  # code, file (relative to the story), line, col


def make_story(tmp_path: Path, *overlays: str) -> Path:
    """A copy of the minimal story with the files of each ``broken/<overlay>`` on top."""
    root = tmp_path / "story"
    shutil.copytree(MINIMAL, root)
    for name in overlays:
        shutil.copytree(BROKEN / name, root, dirs_exist_ok=True)
    return root


def found(root: Path, problems: list[Problem]) -> list[Expected]:
    return [(p.code, Path(p.path).relative_to(root).as_posix(), p.line, p.col)
            for p in problems]


# --------------------------------------------------------------------------- the minimal story


def test_minimal_story_loads_without_problems() -> None:
    story, problems = read_story(MINIMAL)
    assert problems == []
    assert story is not None
    assert set(story.scenes) == {"hall", "room", "street", "home"}
    assert [s.id for s in story.endings] == ["home"]
    assert list(story.people) == ["neighbour"]
    assert list(story.faces) == ["bandaged", "masked", "bare"]
    assert set(story.variables) == {"trust", "brave", "mood"}
    assert list(story.items) == ["mask"]


def test_minimal_story_checks_clean() -> None:
    report = check_story(MINIMAL)
    assert report.problems == []
    assert (report.errors, report.warnings) == (0, 0)
    summary = report.summary()
    assert summary.startswith("story: 3 scenes, 1 ")
    assert summary.endswith(" words; 0 errors, 0 warnings")


# --------------------------------------------------------------------------- E1xx, E2xx


LOAD_CASES: dict[str, list[Expected]] = {
    "E100": [("E100", "story.yaml", 3, 21)],
    "E100-quote": [("E100", "scenes/main.yaml", 12, 14)],  # the quote, not line 24
    "E100-indent": [("E100", "scenes/main.yaml", 17, 4)],
    "E101": [("E101", "story.yaml", 17, 5)],
    "E102": [("E102", "story.yaml", 32, 5)],
    "E103": [("E103", "story.yaml", 23, 10)],
    "E103-yes": [("E103", "scenes/main.yaml", 6, 7)],  # and no E207 for chose("hall.knock")
    "E104": [("E104", "story.yaml", 29, 3)],
    "E105": [("E105", "story.yaml", 3, 8)],
    "E105-merge": [("E105", "story.yaml", 16, 5)],
    "E106": [("E106", "story.yaml", 2, 1)],
    "E106-text": [("E106", "story.yaml", 2, 1)],
    # The unreadable file hides the only person, so both scenes that name her complain too.
    "E107": [("E107", "characters.yaml", 2, 19),  # the byte that is not UTF-8
             ("E202", "scenes/main.yaml", 4, 12),
             ("E202", "scenes/main.yaml", 23, 12)],
    "E108": [("E108", "story.yaml", 1, 1)],
    "E108-scenes": [("E108", "scenes", 1, 1),
                    ("E201", "story.yaml", 5, 8)],
    "E109": [("E109", "scenes/pipe.yaml", 1, 1)],
    "E109-folder": [("E109", "scenes/folder.yaml", 1, 1)],
    "E110": [("E110", "scenes/side.yaml", 2, 7)],
    "E111": [("E111", "scenes/huge.yaml", 1, 1)],
    "E113": [("E113", "scenes/main.yaml", 4, 8)],
    "E113-expr": [("E113", "scenes/main.yaml", 14, 20)],
    "E113-var": [("E113", "story.yaml", 23, 10)],
    "E201": [("E201", "scenes/main.yaml", 19, 11)],
    "E201-expr": [("E201", "scenes/main.yaml", 51, 42)],
    "E202": [("E202", "scenes/main.yaml", 23, 12)],
    "E203": [("E203", "characters.yaml", 8, 17)],
    "E204": [("E204", "scenes/main.yaml", 30, 16)],
    "E205": [("E205", "scenes/main.yaml", 42, 13)],
    "E206": [("E206", "scenes/main.yaml", 29, 15)],
    "E207": [("E207", "scenes/main.yaml", 51, 17)],
    "E210": [("E210", "scenes/main.yaml", 34, 29)],
    "E211": [("E211", "scenes/main.yaml", 46, 30)],
    "E212": [("E212", "scenes/main.yaml", 14, 20)],
    "E213": [("E213", "scenes/main.yaml", 24, 15)],  # quoted: the column skips the quote
    "E214": [("E214", "scenes/main.yaml", 29, 15)],
    "E214-effect": [("E214", "scenes/main.yaml", 24, 7)],
}


def build_case(tmp_path: Path, case: str) -> Path:
    """The story folder for one case: an overlay, or an edit the tests make themselves."""
    if case == "E107":
        root = make_story(tmp_path)
        (root / "characters.yaml").write_bytes(b"neighbour:\n  name: The neighb\xf6ur\n")
        return root
    if case == "E108":
        root = make_story(tmp_path)
        (root / "story.yaml").unlink()
        return root
    if case == "E108-scenes":
        root = make_story(tmp_path)
        shutil.rmtree(root / "scenes")
        return root
    if case == "E109":
        root = make_story(tmp_path)
        os.mkfifo(root / "scenes" / "pipe.yaml")
        return root
    if case == "E109-folder":
        root = make_story(tmp_path)
        (root / "scenes" / "folder.yaml").mkdir()
        return root
    if case == "E111":
        root = make_story(tmp_path)
        (root / "scenes" / "huge.yaml").write_bytes(b"#" * (MAX_FILE_BYTES + 1))
        return root
    return make_story(tmp_path, case)


def test_every_load_code_has_a_case() -> None:
    wanted = {c for c in CODES if "E100" <= c <= "E214"}
    assert wanted == {case.split("-")[0] for case in LOAD_CASES}
    overlays = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    built = {"E107", "E108", "E108-scenes", "E109", "E109-folder", "E111"}
    assert overlays >= {c for c in LOAD_CASES if c not in built}


@pytest.mark.parametrize("case", sorted(LOAD_CASES))
def test_load_problem_is_located(tmp_path: Path, case: str) -> None:
    root = build_case(tmp_path, case)
    story, problems = read_story(root)
    assert story is None
    assert sorted(found(root, problems)) == sorted(LOAD_CASES[case])
    for p in problems:
        assert p.message and p.severity == "error"
    with pytest.raises(StoryError) as caught:
        load_story(root)
    assert caught.value.problems == sorted(problems)


def test_problem_format_with_and_without_hint(tmp_path: Path) -> None:
    root = make_story(tmp_path, "E201")
    (p,) = read_story(root)[1]
    assert p.format() == (f"{root / 'scenes' / 'main.yaml'}:19:11: E201 unknown scene 'stret' "
                          "(did you mean 'street'?)")
    assert p.as_dict()["severity"] == "error"

    root = make_story(tmp_path / "2", "E211")
    (p,) = read_story(root)[1]
    assert p.hint == ""
    assert p.format().endswith("main.yaml:46:30: E211 attribute access ('.') is not allowed "
                               "in story expressions")


def test_hints_name_the_likely_fix(tmp_path: Path) -> None:
    hints = {}
    for case in ("E100", "E205", "E206", "E210"):
        (p,) = read_story(make_story(tmp_path / case, case))[1]
        hints[case] = p.hint
    assert hints == {
        "E100": "a ':' inside text? put the text in quotes",
        "E205": "did you mean 'bare'?",
        "E206": "functions: visited, visits, has, chose, chance, saw, give, take",
        "E210": "write 'and' / 'or'",
    }


MESSAGES = {
    "E100-quote": "E100 this quote is not closed on its line: the text runs on to line 24, "
                  "where YAML cannot read on (close it where the text ends; a quote inside the "
                  "text is written \\\" within double quotes, '' within single quotes)",
    "E100-indent": "E100 this list item is indented 3 spaces, its siblings 4 (line its '-' up "
                   "with the other items of its list)",
    "E103-yes": "E103 item 1 of 'text': expected a paragraph (text, or a mapping with 'text'), "
                "found yes (yes/no/on/off/true/false are read as true or false: put it in "
                "quotes)",
    "E107": "E107 cannot read the file: byte 0xf6 here is not UTF-8 text (save the file as "
            "UTF-8)",
    "E110": "E110 scene 'street' is defined twice (first at {root}/scenes/main.yaml:38:7)",
}


@pytest.mark.parametrize("case", sorted(MESSAGES))
def test_messages_say_where_and_what_in_an_author_s_words(tmp_path: Path, case: str) -> None:
    root = build_case(tmp_path, case)
    first = read_story(root)[1][0]
    assert first.format().split(": ", 1)[1] == MESSAGES[case].format(root=root)


@pytest.mark.parametrize("text, message", [
    ("  title: 12\n", "'title': expected text, found 12 (YAML reads it as a number: put it in "
                      "quotes)"),
    ("  ending: no\n", "'ending': expected the ending's title (text, or a mapping with "
                       "'title'), found no (yes/no/on/off/true/false are read as true or false: "
                       "put it in quotes)"),
    ("  people: [5]\n", "item 1 of 'people': expected a person (an id, or a mapping with "
                        "'id'), found 5 (YAML reads it as a number: put it in quotes)"),
    ("  act: three\n", "'act': expected a whole number, found 'three'"),
    ("  choices: {a: 1}\n", "'choices': expected a list, found a mapping"),
    ("  do: [{if: 'true', do: []}]\n", "'do': expected a list of at least 1 item, found an "
                                        "empty list"),
])
def test_no_message_names_a_class_of_the_code(tmp_path: Path, text: str, message: str) -> None:
    root = make_story(tmp_path)
    (root / "scenes" / "extra.yaml").write_text("- id: extra\n  title: Extra\n" + text
                                                .replace("  title: 12\n", ""), encoding="utf-8")
    if text.startswith("  title"):
        (root / "scenes" / "extra.yaml").write_text("- id: extra\n" + text, encoding="utf-8")
    problems = [p for p in read_story(root)[1] if p.path.endswith("extra.yaml")]
    assert [p.format().split(": ", 1)[1] for p in problems] == [f"E103 {message}"]


def test_a_list_item_indented_more_than_its_siblings_is_told_so(tmp_path: Path) -> None:
    root = make_story(tmp_path)
    scenes = root / "scenes" / "main.yaml"
    scenes.write_text(scenes.read_text().replace('    - if: face == "bare"',
                                                 '     - if: face == "bare"'), encoding="utf-8")
    (p,) = read_story(root)[1]
    assert (p.line, p.col) == (7, 6)
    assert p.message == "this list item is indented 5 spaces, its siblings 4"


def test_a_quote_left_open_to_the_end_of_the_file_is_located_at_the_quote(
        tmp_path: Path) -> None:
    root = make_story(tmp_path)
    scenes = root / "scenes" / "main.yaml"
    scenes.write_text(scenes.read_text().replace("text: The door shuts behind you.",
                                                 "text: 'The door shuts behind you."),
                      encoding="utf-8")
    (p,) = read_story(root)[1]
    assert (p.line, p.col, p.message) == (60, 9, "this quote is never closed")


def test_expression_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    root = make_story(tmp_path)
    chars = root / "characters.yaml"
    before = 'not "é€" == "" and '
    chars.write_text(chars.read_text().replace("- if: trust", f"- if: {before}trusst"),
                     encoding="utf-8")
    (p,) = read_story(root)[1]
    assert (p.code, p.line, p.col) == ("E203", 8, 13 + len(before))


def test_python_tag_is_never_constructed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> int:
        raise AssertionError("os.system was called while reading a story")

    monkeypatch.setattr(os, "system", boom)
    _, problems = read_story(make_story(tmp_path, "E105"))
    assert [p.code for p in problems] == ["E105"]


def test_missing_folder_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    story, problems = read_story(tmp_path / "nowhere")
    assert story is None
    assert [(p.code, p.hint) for p in problems] == [("E108", "no such folder")]


def test_many_mistakes_in_many_files_are_all_reported_sorted(tmp_path: Path) -> None:
    root = make_story(tmp_path, "many")
    story, problems = read_story(root)
    assert story is None
    expected = [
        ("E203", "characters.yaml", 8, 17),
        ("E201", "scenes/main.yaml", 19, 11),
        ("E202", "scenes/main.yaml", 23, 12),
        ("E213", "scenes/main.yaml", 24, 14),
        ("E110", "scenes/side.yaml", 2, 7),
        ("E205", "story.yaml", 6, 13),
        ("E204", "story.yaml", 13, 19),
    ]
    assert sorted(found(root, problems)) == sorted(expected)
    with pytest.raises(StoryError) as caught:
        load_story(root)
    err = caught.value
    assert found(root, err.problems) == sorted(expected, key=lambda e: (e[1], e[2], e[3]))
    assert str(err).splitlines() == [p.format() for p in err.problems]
    report = check_story(root)
    assert report.problems == err.problems
    assert report.summary() == "story: not loaded; 7 errors, 0 warnings"


def test_shape_mistakes_in_every_file_are_all_reported(tmp_path: Path) -> None:
    """A broken story.yaml stops name checks, but every file is still read and validated."""
    root = make_story(tmp_path, "E101")
    chars = root / "characters.yaml"
    chars.write_text(chars.read_text().replace("  name: The neighbour", "  name: [The, neighbour]"))
    scenes = root / "scenes" / "main.yaml"
    scenes.write_text(scenes.read_text().replace("  title: The street", "  title: The street\n"
                                                 "  title: The road"))
    (root / "scenes" / "broken.yaml").write_text("- id: attic\n  title: [unclosed\n")
    story, problems = read_story(root)
    assert story is None
    assert sorted(found(root, problems)) == [
        ("E100", "scenes/broken.yaml", 3, 1),
        ("E101", "story.yaml", 17, 5),
        ("E103", "characters.yaml", 3, 9),
        ("E104", "scenes/main.yaml", 40, 3),
    ]


# --------------------------------------------------------------------------- E301, W3xx


CHECK_CASES: dict[str, list[Expected]] = {
    "E301": [("E301", "scenes/main.yaml", 57, 7)],
    # The street is reported; the home, reached only from the street, is not.
    "E301-cascade": [("E301", "scenes/main.yaml", 18, 7), ("W301", "scenes/main.yaml", 33, 7)],
    "W301": [("W301", "scenes/side.yaml", 2, 7)],
    "W303": [("W303", "story.yaml", 26, 3)],
    "W304": [("W304", "story.yaml", 24, 3)],
    "W305": [("W305", "scenes/main.yaml", 4, 12),
             ("W305", "scenes/main.yaml", 23, 12)],
    "W306": [("W306", "scenes/main.yaml", 34, 17)],
    "W306-face": [("W306", "scenes/main.yaml", 47, 11)],
    "W307": [("W307", "characters.yaml", 7, 5)],
    "W308": [("W308", "scenes/main.yaml", 16, 11)],
    # A gauze line in a street that allows the bare face (its rule to bare, from the
    # bandaged face only, may name the gauze); at the word, inside the scalar.
    "W309": [("W309", "scenes/main.yaml", 48, 40)],
    # Inside a quoted scalar: a change to bare that may come from the mask.
    "W309-change": [("W309", "scenes/main.yaml", 43, 31)],
    # On the second line of a folded paragraph, in a room that allows only the mask.
    "W309-scene": [("W309", "scenes/main.yaml", 29, 12)],
}


def test_every_check_code_has_a_case() -> None:
    wanted = {c for c in CODES if c[1] == "3"}
    assert wanted == {case.split("-")[0] for case in CHECK_CASES}


@pytest.mark.parametrize("case", sorted(CHECK_CASES))
def test_check_problem_is_located(tmp_path: Path, case: str) -> None:
    root = make_story(tmp_path, case)
    story, problems = read_story(root)
    assert problems == []  # the story itself loads: only check finds these
    assert story is not None
    report = check_story(root)
    assert report.loaded
    assert found(root, report.problems) == sorted(CHECK_CASES[case])
    assert report.problems == sorted(report.problems)
    errors = sum(code.startswith("E") for code, *_ in CHECK_CASES[case])
    assert (report.errors, report.warnings) == (errors, len(CHECK_CASES[case]) - errors)
    assert sorted(lint(story)) == report.problems


# --------------------------------------------------------------------------- never a traceback


_TEXTS = {rel: (MINIMAL / rel).read_text()
          for rel in ("story.yaml", "characters.yaml", "scenes/main.yaml")}
_YAMLISH = st.text(alphabet=string.ascii_letters + string.digits + " \t\n:-[]{}&*!<>|'\"#,.%@`?",
                   max_size=30)


@st.composite
def mutated_story(draw: st.DrawFn) -> tuple[str, str | bytes]:
    """One file of the minimal story with a random slice replaced, lines dropped, or junk."""
    rel = draw(st.sampled_from(sorted(_TEXTS)))
    text = _TEXTS[rel]
    how = draw(st.sampled_from(["splice", "drop", "dup", "bytes", "text"]))
    if how == "bytes":
        return rel, draw(st.binary(max_size=200))
    if how == "text":
        return rel, draw(st.text(max_size=200))
    if how == "splice":
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 20)))
        return rel, text[:start] + draw(_YAMLISH) + text[end:]
    lines = text.splitlines(keepends=True)
    i = draw(st.integers(0, len(lines) - 1))
    if how == "drop":
        return rel, "".join(lines[:i] + lines[i + 1:])
    return rel, "".join(lines[:i + 1] + lines[i:])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_story())
def test_no_input_raises(tmp_path_factory: pytest.TempPathFactory,
                         change: tuple[str, str | bytes]) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "scenes").mkdir()
    for rel, text in _TEXTS.items():
        (root / rel).write_text(text)
    rel, content = change
    if isinstance(content, bytes):
        (root / rel).write_bytes(content)
    else:
        (root / rel).write_text(content, encoding="utf-8", errors="surrogatepass")
    story, problems = read_story(root)
    assert (story is None) == any(p.severity == "error" for p in problems)
    for p in problems:
        assert p.code in CODES
        assert p.line >= 1 and p.col >= 1
        assert Path(p.path).is_relative_to(root)
        assert p.format().startswith(f"{p.path}:{p.line}:{p.col}: {p.code} ")
    report = check_story(root)
    assert report.loaded == (story is not None)


def test_a_duplicate_choice_names_where_the_first_is(tmp_path: Path) -> None:
    root = make_story(tmp_path)
    scenes = root / "scenes" / "main.yaml"
    scenes.write_text(scenes.read_text().replace("    - id: leave\n", "    - id: knock\n", 1),
                      encoding="utf-8")
    (p,) = read_story(root)[1]
    assert (p.code, p.line, p.col) == ("E110", 17, 11)
    assert p.hint == "first at line 11, column 11"
