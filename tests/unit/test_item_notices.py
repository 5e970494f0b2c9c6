"""What a move gave or took: the item notices of an outcome, for both shells."""

from __future__ import annotations

from game.session import Outcome, Session
from game.story.runtime import Story


def test_an_outcome_names_the_items_gained_and_lost(starter: Story):
    session = Session(starter)
    assert session.choose("go_home").item_notices() == []
    outcome = session.choose("buy_finger")
    assert outcome.gained == ("An artificial finger",) and outcome.lost == ()
    assert outcome.item_notices() == ["You now have: An artificial finger"]
    back = Outcome(outcome.after, outcome.before, None)  # the same move the other way
    assert back.lost == ("An artificial finger",) and back.gained == ()
    assert back.item_notices() == ["You no longer have: An artificial finger"]
