"""``check --style``: repeated phrases and watched phrases per scene."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.story import load_story
from game.tools.check import check_story
from game.tools.style import ELSEWHERE, Repeat, kept_apart, repeats, style
from tests.paths import MINIMAL


def test_a_phrase_in_three_strings_is_listed_with_its_keys() -> None:
    strings = {"a": "You stand in the hall with your hat.",
               "b": "Later you stand in the hall with your hat again.",
               "c": "YOU STAND IN THE HALL WITH YOUR HAT",
               "d": "You stand in the hall, with your hat."}  # a comma does not end a run
    assert repeats(strings) == [Repeat("you stand in the hall with your hat",
                                       ("a", "b", "c", "d"))]


def test_two_places_or_a_sentence_break_are_not_a_repeat() -> None:
    assert repeats({"a": "one two three four five", "b": "one two three four five"}) == []
    assert repeats({k: "one two. three four five" for k in "abc"}) == []
    twice = "one two three four five; one two three four five"
    assert repeats({"a": twice, "b": twice}) == []  # twice in one string is one place


def _with_style(tmp_path: Path) -> Path:
    root = tmp_path / "story"
    shutil.copytree(MINIMAL, root)
    meta = root / "story.yaml"
    meta.write_text(meta.read_text() + 'style:\n  watch: ["as if", "the way one"]\n')
    main_yaml = root / "scenes" / "main.yaml"
    main_yaml.write_text(main_yaml.read_text().replace(
        "One bulb, and a smell of soap.",
        "One bulb, as if for a cell, and a smell of soap, as\n      if someone had washed."))
    chars = root / "characters.yaml"
    chars.write_text(chars.read_text().replace("She looks away.",
                                               "She looks away, the way one does."))
    return root


def test_watched_phrases_are_counted_per_scene(tmp_path: Path) -> None:
    story = load_story(_with_style(tmp_path))
    report = style(story)
    assert report.watch == ("as if", "the way one")
    assert report.counts == {"hall": {"as if": 2}, ELSEWHERE: {"the way one": 1}}
    lines = report.lines()
    assert lines[0] == "repeated phrases (5+ words in 3+ places): 0"
    assert lines[1] == 'watched phrases per scene: "as if" 2, "the way one" 1'
    assert lines[-3].split() == ["hall", "2", "."]
    assert lines[-1].split() == ["total", "2", "1"]


def test_without_a_watch_list_the_report_says_where_to_give_one() -> None:
    lines = style(load_story(MINIMAL)).lines()
    assert lines[-1].startswith("watched phrases: none")


def test_check_style_prints_the_report_and_does_not_fail_strict(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _with_style(tmp_path)
    assert main(["check", str(root), "--style", "--strict"]) == 0
    out = capsys.readouterr().out
    assert 'watched phrases per scene: "as if" 2' in out
    assert check_story(root).style is None  # only when asked
    main(["check", str(root), "--style", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["style"] == {"repeats": [], "kept": [],
                               "watch": {"hall": {"as if": 2}, ELSEWHERE: {"the way one": 1}}}


def test_the_bundled_story_watches_its_similes() -> None:
    report = style(load_story(Path(__file__).parents[2] / "story"))
    assert report.watch == ("as if", "the way one")
    assert all(len(r.phrase.split()) >= 5 and len(r.keys) >= 3 for r in report.repeats)


def test_the_bundled_story_repeats_nothing_but_its_refrains_and_rations_its_similes() -> None:
    """The story's own bar: no five-word phrase in three places that is not a refrain kept on
    purpose, and "as if" at most once in 600 words."""
    story = load_story(Path(__file__).parents[2] / "story")
    report = style(story)
    assert [r.phrase for r in report.repeats] == []
    words = sum(len(text.split()) for text in story.strings.values())
    as_if = sum(per_scene.get("as if", 0) for per_scene in report.counts.values())
    assert as_if > 0 and as_if * 600 <= words, (as_if, words)


def test_a_paragraph_and_its_else_are_one_place() -> None:
    phrase = "you wind the gauze back on"
    strings = {"hall.p1": phrase, "hall.p1.else": phrase, "yard.p1": phrase}
    assert repeats(strings) == []  # two places, not three
    strings["street.p2"] = f"Slowly {phrase}."
    assert repeats(strings) == [Repeat(phrase, ("hall.p1", "yard.p1", "street.p2"))]


def test_a_refrain_kept_on_purpose_is_listed_apart() -> None:
    found = [Repeat("she is not coming back", ("a", "b", "c")),
             Repeat("the heels come into the light", ("d", "e", "f"))]
    todo, kept = kept_apart(found, ("She is not coming back.",))
    assert todo == [found[1]] and kept == [found[0]]
