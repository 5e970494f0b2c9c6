"""Hostile story folders, class 2: small files that expand to huge amounts of text.

Aliases below the value limit can still multiply characters: 190,000 aliases of one 5 KB
string made ``check`` take 16 s and ``play`` write 1.9 GB. Each case must be refused with a
located problem by the loader and by the real commands, and ``play`` must not
write more than a little.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.story.limits import MAX_FILE_TEXT, MAX_STORY_TEXT
from game.story.loader import read_story
from tests.hostile.story_tools import (
    MINIMAL,
    assert_refused,
    assert_well_formed,
    check,
    copy_story,
    located,
    play,
)

BIG = "lorem ipsum " * 420  # about 5 KB


def _scene(body: list[str]) -> str:
    """A scene file: one scene whose lines are ``body`` (indented under the scene)."""
    head = ["- id: big", "  title: Big"]
    tail = ["  choices:", "    - id: onward", "      label: Onward", "      go: hall"]
    return "\n".join(head + body + tail) + "\n"


def paragraphs(count: int) -> str:
    """The tester's case: one 5 KB anchored paragraph, then ``count`` aliases of it."""
    return _scene(["  text:", f'    - &s "{BIG}"', *["    - *s"] * count])


def mappings(count: int) -> str:
    """An anchored paragraph mapping (with a condition) aliased ``count`` times."""
    return _scene(["  text:", f'    - &p {{if: "face == \'bare\'", text: "{BIG}"}}',
                   *["    - *p"] * count])


def nested(levels: int) -> str:
    """Lists of ten aliases of lists of ten ...: few values per level, text grows tenfold."""
    lines = ["  text:", f'    - &a0 "{BIG[:400]}"']
    for i in range(1, levels):
        lines.append(f"    - &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
    return _scene(lines)


def labels(count: int) -> str:
    """Many choices whose labels and texts are one long aliased string."""
    body = ["  choices:"]
    body += [f'    - {{id: c{i}, label: &l "{BIG}", go: hall}}' if i == 0 else
             f"    - {{id: c{i}, label: *l, text: *l, go: hall}}" for i in range(count)]
    return "\n".join(["- id: big", "  title: Big", *body]) + "\n"


def keys(count: int) -> str:
    """A long aliased string used as the (explicit, ``?``) key of many mappings."""
    head = ["- id: big", "  title: Big", "  text:"]
    rows = [f'    - ? &k "{BIG}"', "      : x"] + ["    - ? *k", "      : x"] * count
    return "\n".join(head + rows) + "\n"


CASES: dict[str, tuple[Callable[[int], str], int]] = {
    "paragraphs-190000": (paragraphs, 190_000),
    "paragraphs-1000": (paragraphs, 1_000),
    "mappings": (mappings, 1_000),
    "nested": (nested, 5),
    "labels": (labels, 1_000),
    "keys": (keys, 1_000),
}


def _build(tmp_path: Path, case: str) -> tuple[Path, Path]:
    root = copy_story(tmp_path, MINIMAL)
    make, count = CASES[case]
    target = root / "scenes" / "big.yaml"
    target.write_text(make(count), encoding="utf-8")
    return root, target


@pytest.mark.parametrize("case", sorted(CASES))
def test_loader_refuses_it(tmp_path: Path, case: str) -> None:
    root, target = _build(tmp_path, case)
    assert_refused(root, target, "E106")


@pytest.mark.parametrize("case", ["paragraphs-190000", "nested"])
def test_check_and_play_refuse_it(tmp_path: Path, case: str) -> None:
    root, target = _build(tmp_path, case)
    done = check(root)
    assert done.returncode == 1
    assert [loc for loc in located(done.stdout) if loc[0] == str(target)][0][3] == "E106"
    done = play(root, tmp_path / "saves", "1\n2\nlook\nquit\n")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(done.stdout) + len(done.stderr) < 100_000


def test_text_just_under_the_limit_loads(tmp_path: Path) -> None:
    root = copy_story(tmp_path, MINIMAL)
    count = MAX_FILE_TEXT // len(BIG) - 50
    (root / "scenes" / "big.yaml").write_text(paragraphs(count), encoding="utf-8")
    story, problems = read_story(root)
    assert problems == [] or all(p.severity == "warning" for p in problems)
    assert story is not None


def test_the_story_text_together_has_a_limit(tmp_path: Path) -> None:
    root = copy_story(tmp_path, MINIMAL)
    count = MAX_FILE_TEXT // len(BIG) - 50
    files = MAX_STORY_TEXT // (count * len(BIG)) + 1
    for i in range(files):
        text = paragraphs(count).replace("id: big", f"id: big{i}")
        (root / "scenes" / f"big{i}.yaml").write_text(text, encoding="utf-8")
    story, problems = read_story(root)
    assert story is None
    assert_well_formed(problems, root)
    assert "E111" in [p.code for p in problems]


def test_a_translation_file_cannot_amplify(tmp_path: Path) -> None:
    root = copy_story(tmp_path, MINIMAL)
    folder = root / "i18n" / "pt"
    folder.mkdir(parents=True)
    rows = [f'hall.p1: &e {{source: "0000000000", text: "{BIG}"}}']
    rows += [f"k{i}: *e" for i in range(1_000)]
    target = folder / "a.yaml"
    target.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = check(root)
    assert (str(target), 1, 1, "E106") in located(done.stdout)
