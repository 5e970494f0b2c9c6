"""Reactions as prose: a story (or one person) may show reactions as sentences that name the
person themselves, with no label; by default a reaction is a line under the person's name."""

from __future__ import annotations

import io
from pathlib import Path

from game.engine import new_game, view
from game.plain import PlainGame
from game.session.history import Entry
from game.story import load_story
from tests.paths import MINIMAL


def _story(tmp_path: Path, story_line: str = "", person_line: str = "") -> Path:
    import shutil

    root = tmp_path / "story"
    shutil.copytree(MINIMAL, root)
    if story_line:
        meta = root / "story.yaml"
        meta.write_text(meta.read_text(encoding="utf-8") + story_line + "\n", encoding="utf-8")
    if person_line:
        chars = root / "characters.yaml"
        text = chars.read_text(encoding="utf-8")
        first = text.index("\n  name:")
        chars.write_text(text[:first] + "\n" + person_line + text[first:], encoding="utf-8")
    return root


def _first_person(root: Path) -> tuple[str, str, bool]:
    story = load_story(root)
    state = new_game(story)
    while not view(story, state).people:
        from game.engine import act, actions

        state = act(story, state, actions(story, state)[0])
    person = view(story, state).people[0]
    assert person.reaction is not None
    return person.name, person.reaction.text, person.prose


def test_reactions_are_labelled_by_default(tmp_path):
    name, text, prose = _first_person(_story(tmp_path))
    assert not prose


def test_a_story_may_show_reactions_as_prose(tmp_path):
    assert _first_person(_story(tmp_path, "reactions: prose"))[2]


def test_a_person_may_differ_from_the_story(tmp_path):
    assert not _first_person(_story(tmp_path, "reactions: prose", "  reactions: labelled"))[2]
    assert _first_person(_story(tmp_path / "b", "", "  reactions: prose"))[2]


def test_plain_mode_and_the_history_say_a_prose_reaction_without_its_name(bundled):
    out = io.StringIO()
    game = PlainGame(bundled, out, saves=None)
    game.start()
    game.handle("3")
    text = out.getvalue()
    assert "\nYour wife is courteous" in text or "\nYour wife greets" in text
    assert "Your wife: " not in text
    people = [e for e in game.session.history if e.kind == "person"]
    assert people and all(e.who == "" for e in people)
    assert Entry("person", people[0].text, "") == people[0]
