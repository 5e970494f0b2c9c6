"""Random playthroughs of a story, for tests and for authors: find dead ends and dead paths.

A walk plays from the start with a seeded random player who takes enabled choices and, now
and then, changes face. It stops at an ending, at a dead end (nothing at all can be done),
or after too many steps; it records the action path, so that any failure can be replayed.

The package holds one module a job: :mod:`~game.tools.walk.walks` (random walks and their
coverage), :mod:`~game.tools.walk.search` (the exhaustive search), :mod:`~game.tools.walk.paths`
(action paths as text) and :mod:`~game.tools.walk.report` (what the ``walk`` command prints).
"""

from __future__ import annotations

from game.tools.walk.paths import describe, parse_path
from game.tools.walk.report import Replay, exhaustive_report, play_path, random_report
from game.tools.walk.search import Exploration, Finding, Liveness, StateKey, explore
from game.tools.walk.walks import Coverage, Walk, random_walk, random_walks

__all__ = [
    "Coverage", "Exploration", "Finding", "Liveness", "Replay", "StateKey", "Walk",
    "describe", "exhaustive_report", "explore", "parse_path", "play_path",
    "random_report", "random_walk", "random_walks",
]
