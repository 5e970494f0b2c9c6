"""``play --at SCENE[#N]``: start a game in a scene, in a state the exhaustive search reached.

The search (:func:`game.tools.walk.explore`) keeps the shortest path to the first distinct
states it finds in each scene; :func:`opening` returns the path to the ``N``-th of them, for
the session to play from the start (:class:`game.session.Session`'s ``opening``). Messages
here are for authors and stay in English, as the other author tools' do.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from game.engine.state import Action
from game.story.expr import suggest
from game.story.limits import MAX_STATES
from game.story.runtime import Story

NOTICE_AFTER = 1.0
"""Seconds of searching before "searching..." is said."""


class StartError(Exception):
    """The start asked for cannot be had; the message says why, in one line."""


@dataclass(frozen=True)
class At:
    """A place to start: a scene, and which of the distinct states found there (from 1)."""

    scene: str
    n: int = 1

    def __str__(self) -> str:
        return self.scene if self.n == 1 else f"{self.scene}#{self.n}"


def parse_at(text: str) -> At:
    """``SCENE`` or ``SCENE#N``; raises :class:`StartError` for anything else."""
    scene, sep, number = text.partition("#")
    if not scene:
        raise StartError(f"'--at {text}': give a scene id, as in --at SCENE or --at SCENE#N")
    if not sep:
        return At(scene)
    if not number.isdigit() or int(number) < 1:
        raise StartError(f"'--at {text}': N in SCENE#N must be a whole number of at least 1")
    return At(scene, int(number))


def opening(story: Story, at: At, max_states: int = MAX_STATES, seed: int = 0,
            notice: Callable[[], None] | None = None) -> list[Action]:
    """The shortest path of actions the search found to the ``at.n``-th distinct state of
    ``at.scene``; raises :class:`StartError` when there is none (an unknown scene, one the
    search did not reach, or fewer states there). ``notice`` is called once if the search
    takes longer than :data:`NOTICE_AFTER` seconds (default: "searching..." on stderr)."""
    from game.tools.walk import explore

    if at.scene not in story.scenes:
        hint = suggest(at.scene, story.scenes)
        raise StartError(f"there is no scene '{at.scene}' in this story"
                         + (f"; {hint}" if hint else ""))
    timer = threading.Timer(NOTICE_AFTER, notice or _searching)
    timer.daemon = True
    timer.start()
    try:
        found = explore(story, max_states=max_states, seed=seed, keep_paths=at.n)
    finally:
        timer.cancel()
    path = found.path_to(at.scene, at.n)
    if path is not None:
        return path
    count = len(found.firsts.get(at.scene, []))
    if not count:
        if found.complete:
            raise StartError(f"no playthrough reaches scene '{at.scene}' (the search saw "
                             f"every state: {found.states:,})")
        raise StartError(f"the search did not reach scene '{at.scene}' within "
                         f"{max_states:,} states; raise --max-states")
    states = f"{count} distinct state{'' if count == 1 else 's'}"
    within = "" if found.complete else f" within {max_states:,} states"
    raise StartError(f"'{at}': the search found {states} in scene '{at.scene}'{within}; "
                     f"choose #1 to #{count}" if count > 1 else
                     f"'{at}': the search found {states} in scene '{at.scene}'{within}; "
                     "only #1 is possible")


def opening_at(story: Story, text: str, max_states: int = MAX_STATES,
               seed: int = 0) -> list[Action]:
    """:func:`opening` for ``--at``'s text (``SCENE`` or ``SCENE#N``)."""
    return opening(story, parse_at(text), max_states=max_states, seed=seed)


def _searching() -> None:
    print("face-of-another play: searching...", file=sys.stderr, flush=True)
