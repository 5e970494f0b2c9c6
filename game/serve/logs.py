"""The server's log: one line per event, whatever a client sends.

aiohttp logs a traceback for every malformed request and asyncio one for every refused
accept; here an exception is folded into its line, line breaks in a message are joined, and
a message repeated within ``Throttle.interval`` seconds is dropped (and counted)."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable


class OneLineFormatter(logging.Formatter):
    """``time LEVEL message``, with an exception as ``: Type: first line`` on the same line."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            words = str(error).strip().splitlines()
            text += f": {type(error).__name__}" + (f": {words[0][:200]}" if words else "")
        line = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None,
                                      "stack_info": None, "args": (),
                                      "msg": " | ".join(text.splitlines())[:1000]})
        return super().format(line)


class Throttle(logging.Filter):
    """Let a message through at most once per ``interval`` seconds; the next one that passes
    says how many were dropped."""

    def __init__(self, interval: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.interval = interval
        self._clock = clock
        self._seen: dict[str, tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = record.getMessage()[:200]
        now = self._clock()
        last, dropped = self._seen.get(key, (float("-inf"), 0))
        if now - last < self.interval:
            self._seen[key] = (last, dropped + 1)
            return False
        if len(self._seen) > 1000:
            self._seen.clear()
        self._seen[key] = (now, 0)
        if dropped:
            record.msg, record.args = f"{key} ({dropped} more like it dropped)", ()
        return True


def setup(debug: bool) -> None:
    """Log to stderr: one line per event, floods throttled; tracebacks only when debugging."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s")
                         if debug else OneLineFormatter())
    handler.addFilter(Throttle())
    logging.basicConfig(level=logging.DEBUG if debug else logging.INFO, handlers=[handler],
                        force=True)
