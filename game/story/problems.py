"""Problems found in story files: located, coded, printable as ``path:line:col: CODE message``.

Codes are stable so that authors and tools can look them up (see docs/authoring.md):

- E1xx: reading and shape (YAML syntax, unknown or missing keys, wrong types, duplicates)
- E2xx: names and expressions (unknown scene, person, variable, item, face; bad expressions)
- E3xx: story structure (dead ends)
- W3xx: lint warnings from ``check`` (unreachable scenes, unused variables, ...)
- E4xx / W4xx: translations of the story (W401-W403) and of the interface (E401, W404-W406)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from game.text import clean

Severity = Literal["error", "warning"]

CODES: dict[str, str] = {
    "E100": "the file is not valid YAML",
    "E101": "unknown key",
    "E102": "missing key",
    "E103": "wrong type or value",
    "E104": "duplicate key",
    "E105": "tag or construct not allowed",
    "E106": "aliases expand to too much data",
    "E107": "file cannot be read",
    "E108": "required file missing",
    "E109": "not a regular file (a FIFO, a device, a socket or a folder)",
    "E110": "duplicate id",
    "E111": "file, or the story's files together, too large",
    "E113": "number out of range",
    "E201": "unknown scene",
    "E202": "unknown person",
    "E203": "unknown variable",
    "E204": "unknown item",
    "E205": "unknown face",
    "E206": "unknown function",
    "E207": "unknown choice",
    "E210": "expression cannot be read",
    "E211": "construct not allowed in expressions",
    "E212": "type error in expression",
    "E213": "value not allowed for this variable",
    "E214": "effect where a condition belongs, or the reverse",
    "E301": "dead end: a scene with no way on that is not an ending",
    "W301": "scene or ending unreachable from the start",
    "W303": "variable never read",
    "W304": "variable never written",
    "W305": "person has no reaction to a face possible in the scene",
    "W306": "condition can never hold",
    "W307": "reaction may show nothing: no variant without a condition",
    "W308": "int variable without bounds multiplied by an effect",
    "W401": "strings not translated into a language",
    "W402": "translation is stale: the English changed since",
    "W403": "translation of a key the story does not have",
    "E401": "an interface catalogue cannot be read",
    "W404": "interface messages not translated into a language",
    "W405": "interface translation is stale (fuzzy): the English changed since",
    "W406": "interface translation of a message the game does not have",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one file."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    @property
    def severity(self) -> Severity:
        return "warning" if self.code.startswith("W") else "error"

    def format(self) -> str:
        """``path:line:col: CODE message (hint)``, the form editors and CI understand; without
        control sequences, since a path or a quoted value may come from a hostile file."""
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        return clean(f"{text} ({self.hint})" if self.hint else text)

    def as_dict(self) -> dict[str, object]:
        """A plain dict for ``--format json``."""
        return {**asdict(self), "severity": self.severity}


class StoryError(Exception):
    """Raised when a story cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))
