"""The story says which face is the mask: plain mode's mask and unmask follow it, a story
without one says so, and a mask naming an unknown face is a located load error."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.engine import view
from game.plain import PlainGame
from game.story import load_story
from game.story.problems import StoryError
from tests.mask_stories import VEIL, write_story


def play(root: Path, *lines: str) -> tuple[PlainGame, str]:
    out = io.StringIO()
    game = PlainGame(load_story(root), out)
    game.start()
    out.seek(0)
    out.truncate()
    for line in lines:
        game.handle(line)
    return game, out.getvalue()


def test_mask_and_unmask_follow_the_story_s_declaration(tmp_path: Path) -> None:
    root = write_story(tmp_path / "veil", VEIL)
    game, said = play(root, "mask")
    assert game.state.face == "plain"
    assert "You have no veil." in said  # the face's own reason: an ordinary face change

    game, said = play(root, "unmask")
    assert "You are not wearing the mask." in said

    game, _ = play(root, "1", "mask")
    assert game.state.face == "veil"
    game.handle("unmask")
    assert game.state.face == "hood"  # back_to, before the first face in the story's order
    game.handle("mask")
    game.handle("2")  # to the market (the veil taken, its choice 1 is gone): no hood there
    assert (game.state.scene, game.state.face) == ("market", "veil")
    game.handle("unmask")
    assert game.state.face == "plain"  # no face of back_to here: the first face possible


def test_the_short_form_names_the_face_alone(tmp_path: Path) -> None:
    root = write_story(tmp_path / "veil", "mask: veil")
    story = load_story(root)
    assert story.mask is not None
    assert (story.mask.face, story.mask.back_to) == ("veil", ())
    game, _ = play(root, "1", "mask", "unmask")
    assert game.state.face == "plain"


def test_a_story_without_a_mask_says_so(tmp_path: Path) -> None:
    root = write_story(tmp_path / "bare", None)
    for command in ("mask", "unmask"):
        game, said = play(root, "1", command)
        assert "This story has no mask." in said
        assert game.state.face == "plain"
    game, _ = play(root, "1", "face veil")  # every face is still there by name
    assert game.state.face == "veil"


def test_faces_carry_the_drawing_the_story_names(tmp_path: Path) -> None:
    story = load_story(write_story(tmp_path / "veil", VEIL))
    v = view(story, PlainGame(story, io.StringIO()).state)
    assert {f.id: f.art for f in v.faces} == {"plain": "scars", "hood": "outline",
                                              "veil": "mask"}


@pytest.mark.parametrize(("mask", "line", "col", "name"), [
    ("mask:\n  face: veli\n  back_to: [hood]", 20, 9, "veli"),
    ("mask:\n  face: veil\n  back_to: [plain, hod]", 21, 20, "hod"),
    ("mask: vail", 19, 7, "vail"),
])
def test_an_unknown_face_in_the_mask_is_a_located_error(tmp_path: Path, mask: str, line: int,
                                                        col: int, name: str) -> None:
    root = write_story(tmp_path / "broken", mask)
    with pytest.raises(StoryError) as caught:
        load_story(root)
    (problem,) = caught.value.problems
    assert (Path(problem.path).name, problem.line, problem.col, problem.code) == (
        "story.yaml", line, col, "E205")
    assert f"unknown face '{name}'" in problem.message


def test_help_gives_the_story_s_own_faces_as_examples(tmp_path: Path) -> None:
    _, said = play(write_story(tmp_path / "veil", VEIL), "help")
    assert "change your face (face plain, face hood, face veil)" in said
