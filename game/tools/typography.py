"""Typography of translations: the marks a language's readers expect, checked per language.

``check`` runs :func:`lint_language` over every entry of ``story/i18n/<lang>/*.yaml`` and
:func:`lint_catalogue` over each language's interface catalogue (``game.po``). Each problem
is a warning, so ``check --strict`` fails on it; it is located at the mark itself where the
file lets the text be traced back (a block or plain scalar), else at the start of the text.

The rules, one function per language in :data:`RULES` (a language without one has none):

- ``ru``: W411 a straight double quote ``"`` (Russian quotes are «» and, inside them, „“);
  W412 a dash (``—``, ``–``) after a plain space: a non-breaking space (U+00A0) belongs
  before it, so that no line of a wrapped paragraph begins with a dash (a dash glued to the
  word before, as in ``1941–1945``, is not punctuation and is left alone); W413 a speech dash
  in a narrative paragraph: a paragraph that opens with a dash is dialogue, allowed only in
  an entry that is all dialogue, and in any other paragraph a dash after ``.``, ``!``, ``?``,
  ``…`` or ``:`` (outside «» quotes) sets speech with dialogue dashes; W414 a hyphen-minus
  used as a dash (`` - ``, `` -- ``, or ``- `` opening a paragraph).
- ``pt``: W411 a straight double quote (Portuguese quotes here are “ ”); W415 two full stops
  that are not an ellipsis (``de K..``); W416 :data:`POSSESSIVES_MIN` or more of seu, sua,
  seus, suas in one text, and more than one per :data:`WORDS_PER_POSSESSIVE` words.
- both: W417 a hyphenated word broken by a space (``кого- то``, ``guarda- roupa``), as a
  line-wrapping tool leaves it when it breaks a line at the hyphen of a folded paragraph (a
  hyphen left hanging before a conjunction, ``pré- e pós-``, is allowed).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import ScalarNode

from game.i18n import DOMAIN, LOCALE_DIR
from game.story.i18n import Language
from game.story.problems import D, Diagnostic, Problem
from game.story.yamlfile import Path_, YamlDoc, find, locate

NBSP = "\u00a0"
POSSESSIVES_MIN = 3
"""W416: at least this many possessives in one text..."""
WORDS_PER_POSSESSIVE = 25
"""...and more than one per this many words."""

_DASHES = "—–"
_SPEECH_BEFORE = ".!?…:"
_PLAIN_SPACE = " \t\r\n"
_OPEN_QUOTES, _CLOSE_QUOTES = "«„", "»“"
_HYPHEN_DASH = re.compile(r"(?:^|(?<=\s))--?(?=\s|$)")
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
_POSSESSIVE = re.compile(r"(?<!\w)(?:seus|suas|seu|sua)(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_BROKEN_HYPHEN = re.compile(r"(?<=\w)- (?!(?:и|или|e|ou)\b)(?=\w)")


@dataclass(frozen=True)
class Finding:
    """One typographic problem in a text: what, and where in the text (an index)."""

    diagnostic: Diagnostic
    index: int
    message: str
    hint: str = ""


Rule = Callable[[str], Iterator[Finding]]


def _excerpt(text: str, index: int, width: int = 18) -> str:
    """A few words around ``index``, on one line, marked where cut."""
    start, end = max(0, index - width), min(len(text), index + width)
    part = text[start:end].replace("\n", " ")
    return ("…" if start else "") + part + ("…" if end < len(text) else "")


def _straight_quotes(text: str, use: str) -> Iterator[Finding]:
    for i, ch in enumerate(text):
        if ch == '"':
            yield Finding(D.STRAIGHT_QUOTE, i, f'straight quote " in "{_excerpt(text, i)}"',
                          f"use {use}")


def _broken_hyphens(text: str) -> Iterator[Finding]:
    for match in _BROKEN_HYPHEN.finditer(text):
        yield Finding(D.BROKEN_HYPHEN, match.start(),
                      f'a word broken at its hyphen in "{_excerpt(text, match.start())}"',
                      "join it: no space after the hyphen")


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Each non-blank line of ``text`` (a paragraph) and where it starts."""
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, line
        start += len(line) + 1


def _opens_with_dash(paragraph: str) -> bool:
    head = paragraph.lstrip()
    return head[:1] in _DASHES or bool(_HYPHEN_DASH.match(head))


def russian(text: str) -> Iterator[Finding]:
    """W411-W414 and W417 in a Russian text."""
    yield from _straight_quotes(text, "«» (and „“ inside them)")
    yield from _broken_hyphens(text)
    paragraphs = list(_paragraphs(text))
    dialogue = all(_opens_with_dash(p) for _, p in paragraphs)
    for start, par in paragraphs:
        lead = len(par) - len(par.lstrip())
        narrative = not _opens_with_dash(par)
        hyphens = {m.start() for m in _HYPHEN_DASH.finditer(par)}
        depth = 0
        for i, ch in enumerate(par):
            at = start + i
            if ch in _OPEN_QUOTES:
                depth += 1
            elif ch in _CLOSE_QUOTES:
                depth = max(0, depth - 1)
            elif i in hyphens:
                yield Finding(D.HYPHEN_AS_DASH, at, f'a hyphen as a dash in "{_excerpt(text, at)}"',
                              "write —, with a non-breaking space (U+00A0) before it")
            elif ch not in _DASHES:
                continue
            elif i == lead:
                if not dialogue:
                    yield Finding(D.SPEECH_DASH_IN_NARRATIVE, at,
                                  f'a paragraph opens with a speech dash in an entry that is not '
                                  f'all dialogue: "{_excerpt(text, at)}"',
                                  "set the speech in «» quotes, or make the entry all dialogue")
            elif narrative and depth == 0 and par[:i].rstrip(_PLAIN_SPACE + NBSP)[-1:] \
                    in _SPEECH_BEFORE:
                yield Finding(D.SPEECH_DASH_IN_NARRATIVE, at,
                              f'speech set with a dialogue dash in a narrative paragraph: '
                              f'"{_excerpt(text, at)}"',
                              "set the speech in «» quotes (Он сказал: «Иди».), or give the "
                              "dialogue a paragraph of its own")
            elif par[i - 1] in _PLAIN_SPACE:
                yield Finding(D.DASH_WITHOUT_NBSP, at,
                              f'a plain space before "{ch}" in "{_excerpt(text, at)}"',
                              "put a non-breaking space (U+00A0) before the dash")


def portuguese(text: str) -> Iterator[Finding]:
    """W411, W415, W416 and W417 in a Portuguese text."""
    yield from _straight_quotes(text, "“ ”")
    yield from _broken_hyphens(text)
    for match in _DOUBLE_STOP.finditer(text):
        yield Finding(D.DOUBLE_FULL_STOP, match.start(),
                      f'two full stops in "{_excerpt(text, match.start())}"',
                      "one full stop (an abbreviation's stop ends the sentence too), or an "
                      "ellipsis ...")
    found = list(_POSSESSIVE.finditer(text))
    words = len(_WORD.findall(text))
    if len(found) >= POSSESSIVES_MIN and len(found) * WORDS_PER_POSSESSIVE > words:
        names = ", ".join(m.group(0) for m in found)
        yield Finding(D.POSSESSIVES, found[0].start(),
                      f"{len(found)} possessives in {words} words ({names})",
                      "keep those the sentence needs: a mão, not a sua mão; dele, dela where "
                      "whose is unclear")


RULES: dict[str, Rule] = {"ru": russian, "pt": portuguese}
"""The rules of each language, by code; add a function here to give a language rules."""


def findings(code: str, text: str) -> list[Finding]:
    """Every typographic problem of ``text`` in language ``code`` (none for a language
    without rules)."""
    rule = RULES.get(code)
    return list(rule(text)) if rule is not None else []


def _line_col(source: str, index: int) -> tuple[int, int]:
    line = source.count("\n", 0, index) + 1
    return line, index - (source.rfind("\n", 0, index) + 1) + 1


def _solid(text: str) -> list[int]:
    """The indexes of the characters YAML does not fold (all but plain blanks)."""
    return [i for i, ch in enumerate(text) if ch not in _PLAIN_SPACE]


def position(doc: YamlDoc, where: Path_, text: str, index: int) -> tuple[int, int]:
    """The line and column, in ``doc``, of ``text[index]`` (``text`` being the scalar at
    ``where``); the start of the scalar when the file's characters cannot be matched with
    the text's one for one (escapes in a quoted scalar)."""
    fallback = locate(doc.root, where)
    node = find(doc.root, where)
    if not isinstance(node, ScalarNode) or not doc.source:
        return fallback
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">"):
        start = doc.source.find("\n", start, end) + 1
        if not start:
            return fallback
    elif node.style in ('"', "'"):
        start += 1
    raw = doc.source[start:end]
    raw_solid, solid = _solid(raw), _solid(text)
    if len(raw_solid) < len(solid) or any(raw[r] != text[t]
                                          for r, t in zip(raw_solid, solid, strict=False)):
        return fallback
    k = bisect_left(solid, index)
    if k == len(solid):
        return fallback
    return _line_col(doc.source, start + raw_solid[k])


def lint_language(lang: Language) -> list[Problem]:
    """The typography problems of every entry of ``lang``, located in its files."""
    rule = RULES.get(lang.code)
    if rule is None:
        return []
    problems: list[Problem] = []
    for key, (_source, text) in lang.entries.items():
        doc, name = lang.where[key]
        for found in rule(text):
            line, col = position(doc, (name, "text"), text, found.index)
            problems.append(found.diagnostic.at(doc.path, line, col,
                                                f"{lang.code}: '{key}': {found.message}",
                                                found.hint))
    return problems


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def lint_catalogue(code: str, locale_dir: Path = LOCALE_DIR) -> list[Problem]:
    """The typography problems of the translated messages of the interface catalogue of
    ``code``, each at its ``msgstr`` line (a catalogue that cannot be read has none here:
    ``check`` reports it as E401)."""
    from game.tools.messages import read_catalog

    rule = RULES.get(code)
    path = locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if rule is None or not path.is_file():
        return []
    catalog, problems = read_catalog(path, code)
    if catalog is None or problems:
        return []
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    shown = _shown(path)
    found: list[Problem] = []
    for message in catalog:  # type: ignore[attr-defined]
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        name = message.id[0] if isinstance(message.id, tuple) else message.id
        name = name if len(name) <= 40 else name[:39] + "…"
        line = _msgstr_line(lines, message.lineno or 1)
        for text in strings:
            for problem in rule(text or ""):
                found.append(problem.diagnostic.at(
                    shown, line, 1, f"{code}: interface message {name!r}: {problem.message}",
                    problem.hint))
    return found


def _msgstr_line(lines: list[str], lineno: int) -> int:
    """The line of the first ``msgstr`` at or after ``lineno`` (1-based), else ``lineno``."""
    for i in range(max(lineno - 1, 0), len(lines)):
        if lines[i].startswith("msgstr"):
            return i + 1
    return lineno
