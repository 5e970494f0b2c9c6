"""The messages a browser sends on the websocket: JSON arrays ``[type, argument]``, parsed
into small records, anything else refused with a reason."""

from __future__ import annotations

import json
from dataclasses import dataclass

#: The longest ping token echoed back (the page sends a timestamp).
MAX_PING = 64


class BadMessage(ValueError):
    """A message that is not one the page sends; the text says why, for the log."""


@dataclass(frozen=True)
class Stdin:
    """Keys typed (or pasted) in the terminal."""

    text: str


@dataclass(frozen=True)
class Resize:
    """The terminal's size in cells, as asked (not yet clamped)."""

    width: int
    height: int


@dataclass(frozen=True)
class Ping:
    """A token to echo back as ``["pong", token]``."""

    token: str


@dataclass(frozen=True)
class Focus:
    """The page gained (``True``) or lost focus."""

    gained: bool


@dataclass(frozen=True)
class Unknown:
    """A well-formed message of a type this server does not know (a newer page): ignored."""

    kind: str


Message = Stdin | Resize | Ping | Focus | Unknown


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse(text: str) -> Message:
    """The message in ``text``; raises BadMessage for anything the page would not send."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        raise BadMessage("not JSON") from None
    if not (isinstance(envelope, list) and envelope and isinstance(envelope[0], str)):
        raise BadMessage("not a [type, ...] array")
    kind, args = envelope[0], envelope[1:]
    if kind == "stdin":
        if len(args) != 1 or not isinstance(args[0], str):
            raise BadMessage("stdin without a string")
        return Stdin(args[0])
    if kind == "resize":
        size = args[0] if len(args) == 1 else None
        if not (isinstance(size, dict) and _whole(size.get("width"))
                and _whole(size.get("height"))):
            raise BadMessage("resize without a whole width and height")
        return Resize(size["width"], size["height"])
    if kind == "ping":
        if len(args) != 1 or not isinstance(args[0], str) or len(args[0]) > MAX_PING:
            raise BadMessage("ping without a short string")
        return Ping(args[0])
    if kind in ("focus", "blur"):
        return Focus(kind == "focus")
    return Unknown(kind[:40])
