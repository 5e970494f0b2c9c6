"""The story format: models, the expression language, loading with located problems."""

from game.story.loader import load_story, read_story
from game.story.model import Story
from game.story.problems import Problem, StoryError

__all__ = ["Problem", "Story", "StoryError", "load_story", "read_story"]
