"""The one rule for text that came from data (story files, saves, the player's typing) before
it reaches a terminal: no control sequences, no control characters.

A story or a save file is outside input: a scene's text could hold ``ESC[2J`` (clear the
screen), an OSC 52 sequence (write the clipboard), a bell, C1 controls or bidi overrides that
reorder what the player reads. :func:`clean` removes them all, keeping line breaks and tabs;
the plain mode passes everything it prints through it, and the TUI everything it draws.
"""

from __future__ import annotations

import re

MAX_LINE = 4096
"""The longest input line read (in characters); the rest of a longer line is skipped."""
MAX_DIGITS = 6
"""The most digits a choice number may have (more is no choice, never an ``int()``)."""

_SEQUENCE = re.compile(
    r"""
      \x1b\[ [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?       # CSI: ESC [ params inter final
    | \x9b   [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?       # CSI, the 8-bit form
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])             # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)?              # ... up to BEL or ST, if any
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                      # any other escape sequence
    """,
    re.VERBOSE,
)
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
"""C0 controls but tab and line feed, DEL and C1 controls (as a character class's inside)."""
_SURROGATES = "\ud800-\udfff"
"""Lone surrogates: undecodable bytes read with ``surrogateescape``; they cannot be written."""
_BIDI = "\u202a-\u202e\u2066-\u2069"
"""Bidi embeddings, overrides and isolates, which reorder what the player reads."""

_CONTROL = re.compile(f"[{_CONTROLS}{_BIDI}{_SURROGATES}]")
"""What :func:`clean` removes once the escape sequences are gone."""
UNSHOWABLE = re.compile(f"[{_CONTROLS}{_SURROGATES}]")
"""Characters that a value read from a file may not hold where it is shown as text: control
characters (a terminal acts on them) and lone surrogates; tabs and line feeds are allowed."""
UNSHOWABLE_IN_LINE = re.compile(f"[\t\n{_CONTROLS}{_SURROGATES}]")
"""As :data:`UNSHOWABLE`, for one-line values (ids, names): tabs and line feeds too."""


def clean(text: str) -> str:
    """``text`` without terminal control sequences or control characters (line feeds and
    tabs stay)."""
    if text.isprintable():  # the common case: nothing to do
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def one_line(text: str, limit: int = 300) -> str:
    """``text`` cleaned, on one line, cut to about ``limit`` characters."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def choice_number(word: str) -> int | None:
    """The number a typed word stands for, if it is one: ASCII digits only (``²``, ``٣`` and
    ``３`` are not numbers here), at most :data:`MAX_DIGITS` of them."""
    if word.isascii() and word.isdigit() and len(word) <= MAX_DIGITS:
        return int(word)
    return None


def sentence(message: object) -> str:
    """A message as a sentence: capital first, full stop last."""
    text = str(message).strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def roman(number: int) -> str:
    """An act's number as both shells head it: in Roman numerals from 1 to 10, else as is."""
    return _ROMAN[number] if 0 < number < len(_ROMAN) else str(number)
