"""Action paths as authors read and type them: ``open_door face:veil knock``."""

from __future__ import annotations

from game.engine import ChangeFace, Choose
from game.engine.state import Action


def describe(actions: list[Action]) -> str:
    """An action path as plain-mode-like steps: ``open_door face:veil knock``."""
    return " ".join(a.choice if isinstance(a, Choose) else f"face:{a.face}" for a in actions)


def parse_path(text: str) -> list[Action]:
    """The actions of a path as :func:`describe` writes it (``open_door face:veil ...``)."""
    return [ChangeFace(face=word[5:]) if word.startswith("face:") else Choose(choice=word)
            for word in text.split()]
