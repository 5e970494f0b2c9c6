"""The pure engine: a story and a state in, what the player sees and the next state out.

It imports no user interface and does no I/O; every shell (the TUI, plain mode, the author
tools) goes through :func:`view` and :func:`act`.
"""

from game.engine.rules import ActionError, Step, act, actions, new_game, replay, step, undo
from game.engine.state import Action, ChangeFace, Choose, GameState
from game.engine.view import ChoiceView, FaceView, Line, PersonView, View, unmasked_face, view

__all__ = [
    "Action", "ActionError", "ChangeFace", "ChoiceView", "Choose", "FaceView", "GameState",
    "Line", "PersonView", "Step", "View", "act", "actions", "new_game", "replay", "step",
    "undo", "unmasked_face", "view",
]
