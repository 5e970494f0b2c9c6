"""The hostile suite's watchdog: a test that hangs fails instead of stalling the run.

A hang is one of the failures this suite hunts (a FIFO read, a runaway expansion, a game
process that never ends). Each test gets a generous budget of wall-clock time; past it, the
test fails with a message that names the hang. This is no speed test: the budget is many
times what a test needs, and it is lifted when ``--hostile-cases`` asks for a long hunt.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from types import FrameType

import pytest

BUDGET = 300
"""Seconds a hostile test may run before it counts as hung."""


class Hung(Exception):
    """A hostile test ran past the watchdog's budget."""


@pytest.fixture(autouse=True)
def watchdog(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.config.getoption("--hostile-cases") is not None \
            or not hasattr(signal, "SIGALRM"):
        yield
        return

    def hung(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"{request.node.nodeid} ran for over {BUDGET} s: a hang?")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(BUDGET)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
