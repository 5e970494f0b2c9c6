"""W309's reading of face conditions: with which faces a condition may, or must, hold."""

from __future__ import annotations

import ast

import pytest

from game.tools.facewords import face_sets

EVERY = frozenset({"bandaged", "masked", "bare"})


@pytest.mark.parametrize(("source", "may", "must"), [
    ('face == "bare"', {"bare"}, {"bare"}),
    ('"bare" == face', {"bare"}, {"bare"}),
    ('face != "bare"', {"bandaged", "masked"}, {"bandaged", "masked"}),
    ('face in ("bare", "masked")', {"bare", "masked"}, {"bare", "masked"}),
    ('face not in ["bare"]', {"bandaged", "masked"}, {"bandaged", "masked"}),
    ('visited("home")', EVERY, set()),
    ('face == "bare" and visited("home")', {"bare"}, set()),
    ('face == "bare" or visited("home")', EVERY, {"bare"}),
    ('not (face == "bare" and visited("home"))', EVERY, {"bandaged", "masked"}),
    ('not face == "bare"', {"bandaged", "masked"}, {"bandaged", "masked"}),
    ('face == "bare" and face == "masked"', set(), set()),
])
def test_face_sets(source: str, may: set[str], must: set[str]) -> None:
    assert face_sets(ast.parse(source, mode="eval"), EVERY) == (may, must)


def test_no_condition_holds_with_every_face() -> None:
    assert face_sets(None, EVERY) == (EVERY, EVERY)
