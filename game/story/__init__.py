"""The story format: the file schema, the expression language, the compiler, and the
runtime story it builds.

Loading (which needs YAML) is imported lazily, so that the engine can use the runtime story
without pulling in any file-reading code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.story.loader import load_story, read_story
    from game.story.problems import Problem, StoryError
    from game.story.runtime import Story

__all__ = ["Problem", "Story", "StoryError", "load_story", "read_story"]

_WHERE = {"load_story": "loader", "read_story": "loader", "Story": "runtime",
          "Problem": "problems", "StoryError": "problems"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"game.story.{_WHERE[name]}"), name)
    raise AttributeError(name)
