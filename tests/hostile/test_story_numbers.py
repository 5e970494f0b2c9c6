"""Hostile story folders, class 3: numbers without bounds.

A 4,000-digit hex ``act`` passed ``check`` and crashed ``play``; an int variable without
bounds that an effect multiplied by itself grew until memory ran out, and the game saved a
state it could not read back. Every number a story writes must be within the story's range
(``check`` says where it is not), and every number an effect makes is clamped into it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from game.engine import ChangeFace, Choose, act, new_game, view
from game.saves.model import SavedState
from game.story.limits import INT_LIMIT
from game.story.loader import read_story
from game.tools.check import check_story
from tests.hostile.story_tools import (
    MINIMAL,
    assert_refused,
    check,
    copy_story,
    located,
    play,
)

HEX = "0x" + "f" * 4000

# --------------------------------------------------------------------------- refused at load

# (file, text to replace, its replacement, expected code)
EDITS: dict[str, tuple[str, str, str, str]] = {
    "act-hex-4000": ("scenes/main.yaml", "  title: The hall\n",
                     f"  title: The hall\n  act: {HEX}\n", "E113"),
    "act-decimal-5000": ("scenes/main.yaml", "  title: The hall\n",
                         f"  title: The hall\n  act: {'9' * 5000}\n", "E113"),
    "act-leading-zeros": ("scenes/main.yaml", "  title: The hall\n",
                          f"  title: The hall\n  act: 0b{'0' * 4000}1{'0' * 100}\n", "E113"),
    "act-1000": ("scenes/main.yaml", "  title: The hall\n",
                 "  title: The hall\n  act: 1000\n", "E113"),
    "act-negative": ("scenes/main.yaml", "  title: The hall\n",
                     "  title: The hall\n  act: -1\n", "E113"),
    "act-float": ("scenes/main.yaml", "  title: The hall\n",
                  "  title: The hall\n  act: 1.0e+300\n", "E113"),
    "act-inf": ("scenes/main.yaml", "  title: The hall\n",
                "  title: The hall\n  act: .inf\n", "E113"),
    "default-huge": ("story.yaml", "    default: 0\n", f"    default: {HEX}\n", "E113"),
    "default-just-over": ("story.yaml", "    default: 0\n    min: 0\n    max: 10\n",
                          f"    default: {INT_LIMIT + 1}\n", "E113"),
    "max-huge": ("story.yaml", "    max: 10\n", "    max: 99999999999999999999\n", "E113"),
    "min-huge-negative": ("story.yaml", "    min: 0\n", f"    min: -{'1' * 300}\n", "E113"),
    "max-nan": ("story.yaml", "    max: 10\n", "    max: .nan\n", "E113"),
    "short-form-huge": ("story.yaml", "variables:\n", f"variables:\n  big: {HEX}\n", "E113"),
    "title-number": ("scenes/main.yaml", "  title: The hall\n",
                     f"  title: {'7' * 400}\n", "E113"),
    "literal-in-condition": ("scenes/main.yaml", "requires: trust >= 1 and brave",
                             "requires: trust >= 10000000001 and brave", "E113"),
    "literal-in-effect": ("scenes/main.yaml", "- trust += 1\n",
                          f"- trust += {'9' * 400}\n", "E113"),
    "literal-in-list": ("scenes/main.yaml", "requires: trust >= 1 and brave",
                        "requires: trust in (1, 2, 3000000000) and brave", "E113"),
    "negative-literal": ("scenes/main.yaml", "- trust += 1\n",
                         "- trust = -1000000001\n", "E113"),
    "chance-over-100": ("scenes/main.yaml", 'if: not has("mask")',
                        'if: chance(101)', "E212"),
    "chance-huge": ("scenes/main.yaml", 'if: not has("mask")',
                    f'if: chance({"9" * 400})', "E212"),
    "power": ("scenes/main.yaml", "- trust += 1\n", "- trust = trust ** trust\n", "E211"),
    "shift": ("scenes/main.yaml", "- trust += 1\n", "- trust = trust << 60\n", "E211"),
    "power-assign": ("scenes/main.yaml", "- trust += 1\n", "- trust **= 9\n", "E211"),
}


def _edited(tmp_path: Path, case: str) -> tuple[Path, Path]:
    rel, old, new, _code = EDITS[case]
    root = copy_story(tmp_path, MINIMAL)
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{case}: the fixture changed"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root, path


@pytest.mark.parametrize("case", sorted(EDITS))
def test_loader_refuses_it_located(tmp_path: Path, case: str) -> None:
    root, path = _edited(tmp_path, case)
    assert_refused(root, path, EDITS[case][3])


@pytest.mark.parametrize("case", ["act-hex-4000", "default-huge", "literal-in-effect"])
def test_check_and_play_refuse_it(tmp_path: Path, case: str) -> None:
    root, path = _edited(tmp_path, case)
    done = check(root)
    assert done.returncode == 1
    assert EDITS[case][3] in [loc[3] for loc in located(done.stdout) if loc[0] == str(path)]
    done = play(root, tmp_path / "saves", "1\nquit\n")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr


def test_the_largest_numbers_load(tmp_path: Path) -> None:
    root = copy_story(tmp_path, MINIMAL)
    path = root / "story.yaml"
    path.write_text(path.read_text().replace(
        "    default: 0\n    min: 0\n    max: 10\n",
        f"    default: 0\n    min: -{INT_LIMIT}\n    max: 0x3B9ACA00\n"), encoding="utf-8")
    story, problems = read_story(root)
    assert story is not None, problems
    assert story.variables["trust"].high == INT_LIMIT


# --------------------------------------------------------------------------- clamped in play


GROWTH = {
    "square": "x = x * x",
    "double": "x += x",
    "times-itself": "x *= x",
    "power-tower": "x = x * x * x * x * x * x * x * x * x * x * x * x * x * x",
    "negative": "x = 0 - x * x - 2",
    "visits": 'x = x * 1000 + visits("hall") * 999999999',
}


def _growing(tmp_path: Path, effect: str, decl: str = "2", label: bool = True) -> Path:
    """The minimal story with an unbounded int ``x`` and a first choice in the hall that
    applies ``effect`` and comes back to the hall."""
    root = copy_story(tmp_path, MINIMAL)
    story = root / "story.yaml"
    var = f"  x:\n    type: int\n    default: {decl}\n" + ("    label: X\n" if label else "")
    story.write_text(story.read_text().replace("variables:\n", f"variables:\n{var}", 1))
    scenes = root / "scenes" / "main.yaml"
    scenes.write_text(scenes.read_text().replace(
        "  choices:\n    - id: knock\n",
        f"  choices:\n    - id: grow\n      label: Grow\n      do: {effect}\n      go: hall\n"
        "    - id: knock\n      if: x != 0\n", 1))
    return root


@pytest.mark.parametrize("case", sorted(GROWTH))
def test_an_unbounded_variable_stays_in_range(tmp_path: Path, case: str) -> None:
    story, problems = read_story(_growing(tmp_path, GROWTH[case]))
    assert story is not None, problems
    state = new_game(story)
    for _ in range(80):
        state = act(story, state, Choose(choice="grow"))
        assert -INT_LIMIT <= state.vars["x"] <= INT_LIMIT
    assert abs(state.vars["x"]) == INT_LIMIT
    saved = SavedState.of(state)
    assert SavedState.model_validate_json(saved.model_dump_json()) == saved
    view(story, state)


def test_declared_bounds_still_clamp(tmp_path: Path) -> None:
    root = _growing(tmp_path, "x = x * x")
    path = root / "story.yaml"
    path.write_text(path.read_text().replace("    default: 2\n", "    default: 2\n    max: 50\n"))
    story, problems = read_story(root)
    assert story is not None, problems
    state = new_game(story)
    for _ in range(5):
        state = act(story, state, Choose(choice="grow"))
    assert state.vars["x"] == 50
    state = act(story, state, ChangeFace(face="bare"))
    assert state.vars["x"] == 50


def test_play_squares_for_long_and_saves_a_readable_game(tmp_path: Path) -> None:
    root = _growing(tmp_path, "x = x * x")
    saves = tmp_path / "saves"
    moves = "1\n" * 60 + "save 1\nload 1\nstatus\nquit\n"
    done = play(root, saves, moves)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "1,000,000,000" in done.stdout or "1000000000" in done.stdout
    (slot,) = saves.glob("slot-1*.json")
    assert slot.stat().st_size < 50_000
    assert json.loads(slot.read_text())


def test_a_state_holding_a_huge_number_is_refused() -> None:
    with pytest.raises(ValidationError):
        SavedState.model_validate({"scene": "hall", "face": "bare", "vars": {"x": INT_LIMIT + 1}})
    SavedState.model_validate({"scene": "hall", "face": "bare", "vars": {"x": -INT_LIMIT}})


def test_check_says_a_comparison_past_the_range_never_holds(tmp_path: Path) -> None:
    root = _growing(tmp_path, "x = x * x")
    path = root / "scenes" / "main.yaml"
    path.write_text(path.read_text().replace("      if: x != 0\n",
                                             f"      if: x > {INT_LIMIT}\n"))
    report = check_story(root)
    assert report.loaded
    assert "W306" in [p.code for p in report.problems]
