"""Every bound a story is held to, in one place (docs/authoring.md, "Limits", lists them).

A story folder comes from outside: these bounds keep ``check`` and ``play`` fast and small
whatever its files hold. Each one is far above what a real story needs (the bundled story's
largest file is about 40 KB, its numbers are below 100).

This module imports nothing, so that the engine and the expression compiler can use it.
"""

from __future__ import annotations

MAX_FILE_BYTES = 4 * 1024 * 1024
"""The largest story or translation file, in bytes (a larger one is ``E111``)."""

MAX_STORY_BYTES = 16 * 1024 * 1024
"""All the files of a story together (or of its translations together), in bytes (``E111``).
Loading takes about a second per 2 MB, so ``check`` stays under ten seconds or so."""

MAX_SCENE_ENTRIES = 10_000
"""How many files and folders the walk under ``scenes/`` looks at (``E111`` past it): a
``scenes`` that is a link to ``/`` ends the walk early instead of reading the whole disk."""

MAX_EXPANSION = 200_000
"""How many values a file may expand to through aliases (``E106``)."""

MAX_FILE_TEXT = MAX_FILE_BYTES
"""How many characters of text a file may hold, every alias expanded: no more than the
largest file could hold written out (``E106``)."""

MAX_STORY_TEXT = 16_000_000
"""How many characters of text all the files of a story (or of its translations) may hold
together, every alias expanded (``E111``)."""

INT_LIMIT = 1_000_000_000
"""Every whole number in a story lies within ``-INT_LIMIT..INT_LIMIT`` (``E113``): numbers
in the YAML, literals in expressions, and every value an int variable takes while the game
runs (a variable without ``min``/``max`` is clamped to this range)."""

MAX_INT_DIGITS = 64
"""A number written with more digits than this (leading zeros aside) is out of range without
being converted at all (converting a very long digit string takes quadratic time)."""

MAX_ACT = 999
"""The largest ``act`` number of a scene (acts count from 1; 0 means no act)."""


def clamp_int(value: int, low: int | None = None, high: int | None = None) -> int:
    """``value`` brought into ``low..high`` (each defaulting to the global range) and never
    outside ``-INT_LIMIT..INT_LIMIT``."""
    lo = -INT_LIMIT if low is None else max(low, -INT_LIMIT)
    hi = INT_LIMIT if high is None else min(high, INT_LIMIT)
    return min(hi, max(lo, value))

MAX_STATES = 1_000_000
"""The exhaustive search's default cap (``walk --exhaustive`` and ``play --at``'s
``--max-states``): about 2 KB of memory a state, so some 2 GB at the cap. The bundled story
needs about 611,000."""
