"""The bounds of a served game, with safe defaults, and the input budget of a session."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass

#: The screen a browser may ask for, in cells; anything outside is clamped to it.
MIN_WIDTH, MAX_WIDTH = 20, 400
MIN_HEIGHT, MAX_HEIGHT = 10, 150
#: Every message costs at least this much of the input budget (resizes, pings, focus...).
MESSAGE_COST = 128


@dataclass(frozen=True)
class Limits:
    """What one server allows; 0 turns off ``max_memory``, ``idle_timeout`` and
    ``session_timeout``."""

    max_sessions: int = 8
    """Games running at once; one more browser is refused."""
    max_message: int = 64 * 1024
    """The largest websocket message, in bytes; a larger one closes the session."""
    input_rate: int = 16 * 1024
    """Input bytes per second a session may send (bursts of four seconds' worth); more
    closes it."""
    max_memory: int = 512
    """The memory (data segment) of one game process, in MiB."""
    idle_timeout: float = 1800.0
    """Seconds without a message from the browser before its session is closed."""
    session_timeout: float = 6 * 3600.0
    """Seconds a session may last at most."""

    def problems(self) -> list[str]:
        """What is out of range, as sentences for the operator (empty when all is well)."""
        found = []
        if self.max_sessions < 1:
            found.append("--max-sessions must be at least 1")
        if self.max_message < 1024:
            found.append("--max-message must be at least 1024 bytes")
        if self.input_rate < MESSAGE_COST:
            found.append(f"--input-rate must be at least {MESSAGE_COST} bytes a second")
        if self.max_memory < 0 or 0 < self.max_memory < 128:
            found.append("--max-memory must be 0 (no limit) or at least 128 MiB")
        if self.idle_timeout < 0 or self.session_timeout < 0:
            found.append("--idle-timeout and --session-timeout must be 0 (none) or more")
        return found


def clamp_size(width: int, height: int) -> tuple[int, int]:
    """A screen size within the bounds."""
    return (min(max(width, MIN_WIDTH), MAX_WIDTH), min(max(height, MIN_HEIGHT), MAX_HEIGHT))


class InputBudget:
    """A token bucket: ``rate`` units a second, holding at most ``burst``."""

    def __init__(self, rate: float, burst: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._level = burst
        self._when = clock()

    def take(self, amount: float) -> bool:
        """Spend ``amount`` if the bucket holds it; False (and nothing spent) if not."""
        now = self._clock()
        self._level = min(self.burst, self._level + (now - self._when) * self.rate)
        self._when = now
        if amount > self._level:
            return False
        self._level -= amount
        return True


def raise_open_files(ceiling: int = 65536) -> None:
    """Raise this process's soft limit on open files towards its hard limit (at most
    ``ceiling``): each connection takes a file, and a game three."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = ceiling if hard == resource.RLIM_INFINITY else min(hard, ceiling)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
