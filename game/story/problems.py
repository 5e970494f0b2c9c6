"""Problems found in story files: located, coded, printable as ``path:line:col: CODE message``.

Codes are stable so that authors and tools can look them up (see docs/authoring.md):

- E1xx: reading and shape (YAML syntax, unknown or missing keys, wrong types, duplicates)
- E2xx: names and expressions (unknown scene, person, variable, item, face; bad expressions)
- E3xx: story structure (dead ends)
- W3xx: lint warnings from ``check`` (unreachable scenes, unused variables, ...)
- E4xx / W4xx: translations of the story (W401-W403) and of the interface (E401, W404-W406);
  their typography, per language (W411-W416, :mod:`game.tools.typography`)

Each code is a :class:`Diagnostic`, named in :class:`D` (``D.UNKNOWN_KEY``) and listed in
:data:`REGISTRY`; code that reports a problem names the diagnostic, never a bare code, and
``check --format json`` and the codes table of docs/authoring.md show the same titles.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from game.text import clean

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One kind of problem: its stable code, its severity and a short title for the docs; where
    one wording serves every report, a message ``template`` (``{name}`` fields) and a default
    ``hint``."""

    code: str
    title: str
    template: str = ""
    hint: str = ""
    severity: Severity = field(init=False)
    """From the letter: ``W`` is a warning, ``E`` an error (the text format relies on it)."""

    def __post_init__(self) -> None:
        letter, digits = self.code[:1], self.code[1:]
        if letter not in ("E", "W") or len(digits) != 3 or not digits.isdigit():
            raise ValueError(f"bad diagnostic code {self.code!r}")
        object.__setattr__(self, "severity", "warning" if letter == "W" else "error")

    def message(self, **values: object) -> str:
        """The template filled in: ``D.UNKNOWN_KEY.message(name="lable")``."""
        if not self.template:
            raise ValueError(f"{self.code} has no message template")
        return self.template.format(**values)

    def at(self, path: str, line: int, col: int, message: str,
           hint: str | None = None) -> Problem:
        """This diagnostic as a problem at one place in one file; ``hint=None`` gives the
        default hint (if any), ``""`` none."""
        return Problem(path, line, col, self.code, message, self.hint if hint is None else hint)


class D:
    """Every diagnostic, by name. Codes never change meaning once published."""

    # E1xx: reading and shape
    YAML_SYNTAX = Diagnostic("E100", "the file is not valid YAML")
    UNKNOWN_KEY = Diagnostic("E101", "unknown key", "unknown key '{name}'")
    MISSING_KEY = Diagnostic("E102", "missing key", "missing key '{name}'")
    WRONG_TYPE = Diagnostic("E103", "wrong type or value")
    DUPLICATE_KEY = Diagnostic("E104", "duplicate key", "duplicate key '{name}'")
    NOT_ALLOWED = Diagnostic("E105", "tag or construct not allowed")
    ALIAS_EXPANSION = Diagnostic("E106", "aliases expand to too much data")
    UNREADABLE = Diagnostic("E107", "file cannot be read")
    MISSING_FILE = Diagnostic("E108", "required file missing")
    NOT_REGULAR_FILE = Diagnostic(
        "E109", "not a regular file (a FIFO, a device, a socket or a folder)",
        "cannot read the file: it is {what}", "story files are plain files")
    DUPLICATE_ID = Diagnostic("E110", "duplicate id or reserved name")
    TOO_LARGE = Diagnostic("E111", "file, or the story's files together, too large")
    NUMBER_OUT_OF_RANGE = Diagnostic("E113", "number out of range")
    # E2xx: names and expressions
    UNKNOWN_SCENE = Diagnostic("E201", "unknown scene", "unknown scene '{name}'")
    UNKNOWN_PERSON = Diagnostic("E202", "unknown person", "unknown person '{name}'")
    UNKNOWN_VARIABLE = Diagnostic("E203", "unknown variable", "unknown variable '{name}'")
    UNKNOWN_ITEM = Diagnostic("E204", "unknown item")
    UNKNOWN_FACE = Diagnostic("E205", "unknown face", "unknown face '{name}'")
    UNKNOWN_FUNCTION = Diagnostic("E206", "unknown function", "unknown function '{name}'")
    UNKNOWN_CHOICE = Diagnostic("E207", "unknown choice")
    BAD_EXPRESSION = Diagnostic("E210", "expression cannot be read")
    FORBIDDEN_CONSTRUCT = Diagnostic("E211", "construct not allowed in expressions")
    TYPE_ERROR = Diagnostic("E212", "type error in expression")
    VALUE_NOT_ALLOWED = Diagnostic("E213", "value not allowed for this variable")
    EFFECT_OR_CONDITION = Diagnostic(
        "E214", "effect where a condition belongs, or the reverse")
    # E3xx, W3xx: structure and lint
    DEAD_END = Diagnostic("E301", "dead end: a scene with no way on that is not an ending")
    UNREACHABLE = Diagnostic("W301", "scene or ending unreachable from the start")
    NEVER_READ = Diagnostic("W303", "variable never read")
    NEVER_WRITTEN = Diagnostic("W304", "variable never written")
    MISSING_REACTION = Diagnostic(
        "W305", "person has no reaction to a face possible in the scene")
    NEVER_HOLDS = Diagnostic("W306", "condition can never hold")
    REACTION_MAY_BE_EMPTY = Diagnostic(
        "W307", "reaction may show nothing: no variant without a condition")
    UNBOUNDED_MULTIPLY = Diagnostic(
        "W308", "int variable without bounds multiplied by an effect")
    FACE_WORD = Diagnostic(
        "W309", "text names a face that may not be worn when it is shown")
    # E4xx, W4xx: translations of the story and of the interface
    UNTRANSLATED = Diagnostic("W401", "strings not translated into a language")
    STALE_TRANSLATION = Diagnostic("W402", "translation is stale: the English changed since")
    UNKNOWN_TRANSLATION = Diagnostic("W403", "translation of a key the story does not have")
    CATALOGUE_UNREADABLE = Diagnostic("E401", "an interface catalogue cannot be read")
    UI_UNTRANSLATED = Diagnostic("W404", "interface messages not translated into a language")
    UI_STALE = Diagnostic(
        "W405", "interface translation is stale (fuzzy): the English changed since")
    UI_UNKNOWN_MESSAGE = Diagnostic(
        "W406", "interface translation of a message the game does not have")
    # W41x: typography of translations, per language (game.tools.typography)
    STRAIGHT_QUOTE = Diagnostic(
        "W411", "straight double quote in a translation: use the language's quotes")
    DASH_WITHOUT_NBSP = Diagnostic(
        "W412", "dash after a plain space: a non-breaking space belongs before it")
    SPEECH_DASH_IN_NARRATIVE = Diagnostic(
        "W413", "speech dash inside a narrative paragraph")
    HYPHEN_AS_DASH = Diagnostic("W414", "hyphen-minus used as a dash")
    DOUBLE_FULL_STOP = Diagnostic("W415", "two full stops that are not an ellipsis")
    POSSESSIVES = Diagnostic("W416", "too many possessives (seu, sua, seus, suas) in one text")
    BROKEN_HYPHEN = Diagnostic("W417", "a hyphenated word broken by a space")


def _registry() -> dict[str, Diagnostic]:
    found: dict[str, Diagnostic] = {}
    for name, value in vars(D).items():
        if isinstance(value, Diagnostic):
            if value.code in found:
                raise ValueError(f"{name}: code {value.code} is used twice")
            found[value.code] = value
    return found


REGISTRY: dict[str, Diagnostic] = _registry()
"""Every diagnostic by its code, in the order :class:`D` declares them."""

CODES: dict[str, str] = {code: d.title for code, d in REGISTRY.items()}
"""Code -> title, for tools and tests that need only the words."""


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
        known = REGISTRY.get(self.code)
        if known is not None:
            return known.severity
        return "warning" if self.code.startswith("W") else "error"

    @property
    def title(self) -> str:
        """The short title of this problem's code ("" for a code the registry lacks)."""
        known = REGISTRY.get(self.code)
        return known.title if known is not None else ""

    def format(self) -> str:
        """``path:line:col: CODE message (hint)``, the form editors and CI understand; without
        control sequences, since a path or a quoted value may come from a hostile file."""
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        return clean(f"{text} ({self.hint})" if self.hint else text)

    def as_dict(self) -> dict[str, object]:
        """A plain dict for ``--format json``."""
        return {**asdict(self), "severity": self.severity, "title": self.title}


class StoryError(Exception):
    """Raised when a story cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))
