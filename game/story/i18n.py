"""Translations of the story's text, keyed by the stable string keys.

A language lives in ``story/i18n/<lang>/*.yaml``; each entry names a string key, the hash of
the English text it was translated from, and the translation::

    hall.p1:
      source: '1a2b3c4d5e'
      reviewed: '1a2b3c4d5e'
      text: >-
        ...

When the English changes, its hash changes and the entry is *stale*; a key the story has and
the language lacks is *missing*. ``check`` reports both, per language, with counts.

``reviewed`` is optional: the hash of the English an editor last reviewed the entry against.
A current entry (its ``source`` matches the English) is *unreviewed* while ``reviewed`` is
absent or differs from that hash; ``check`` counts those, and is not troubled by them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.i18n import LANGUAGES as LANGUAGES
from game.i18n import choose_language as choose_language
from game.i18n import default_language as default_language
from game.story.problems import D, Problem
from game.story.runtime import Story
from game.story.strings import collect_strings
from game.story.yamlfile import Budget, YamlDoc, read_yaml

_LANG = re.compile(r"^[a-z]{2}$")
_FIELDS = {"source", "reviewed", "text"}


def source_hash(text: str) -> str:
    """The short hash that ties a translation to the English text it translates."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class Language:
    """One language's entries, where they came from, and what is wrong with them."""

    code: str
    folder: Path
    entries: dict[str, tuple[str, str]] = field(default_factory=dict)
    """key -> (source hash, text)."""
    reviewed: dict[str, str] = field(default_factory=dict)
    """key -> the hash of the English the entry was reviewed against (entries that have one)."""
    where: dict[str, tuple[YamlDoc, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def languages(root: str | Path) -> list[str]:
    """The language codes that have a folder under ``story/i18n``."""
    folder = Path(root) / "i18n"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and _LANG.match(p.name))


def read_language(root: str | Path, code: str, budget: Budget | None = None) -> Language:
    """Read ``story/i18n/<code>/*.yaml``; problems are collected, never raised.

    Each file is read as a story file is (regular files only, within the same limits: see
    :func:`game.story.yamlfile.read_yaml`). The files share ``budget``: pass one budget to
    every language read together (as ``check`` does), or none for a fresh one.
    """
    lang = Language(code, Path(root) / "i18n" / code)
    try:
        files = sorted(p for p in lang.folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    except OSError:
        files = []
    budget = budget or Budget()
    for path in files:
        doc = read_yaml(path, str(path), budget=budget)
        lang.problems.extend(doc.problems)
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            lang.problems.append(doc.problem((), D.WRONG_TYPE, "a translation file maps keys to "
                                             "{source, text}"))
            continue
        for key, entry in doc.data.items():
            ok = (isinstance(entry, dict) and {"source", "text"} <= set(entry) <= _FIELDS
                  and isinstance(entry["source"], str) and isinstance(entry["text"], str)
                  and entry["text"].strip())
            if not ok:
                lang.problems.append(doc.problem((key,), D.WRONG_TYPE, f"'{key}' needs a 'source' "
                                                 "hash and a non-empty 'text' (and may have a "
                                                 "'reviewed' hash)", key=True))
                continue
            reviewed = entry.get("reviewed")
            if "reviewed" in entry and not isinstance(reviewed, str):
                lang.problems.append(doc.problem((key, "reviewed"), D.WRONG_TYPE,
                                                 f"'{key}': 'reviewed' is the hash of the English "
                                                 "the entry was reviewed against, as text",
                                                 "put it in quotes, like source"))
                reviewed = None
            if key in lang.entries:
                first = lang.where[key][0].path
                lang.problems.append(doc.problem((key,), D.DUPLICATE_ID,
                                                 f"'{key}' is translated twice",
                                                 f"first in {first}", key=True))
                continue
            lang.entries[str(key)] = (entry["source"], entry["text"])
            if reviewed is not None:
                lang.reviewed[str(key)] = reviewed
            lang.where[str(key)] = (doc, str(key))
    return lang


@dataclass
class Coverage:
    """How complete and current one language is."""

    code: str
    total: int
    missing: list[str]
    stale: list[str]
    unknown: list[str]
    unreviewed: list[str] = field(default_factory=list)
    """Current entries not reviewed against the English they translate (not a problem)."""


def current(english: Mapping[str, str], lang: Language) -> set[str]:
    """The keys of ``lang``'s entries translated from the English the story has now (their
    ``source`` is its hash): neither stale nor unknown."""
    return {k for k, (src, _) in lang.entries.items()
            if k in english and src == source_hash(english[k])}


def coverage(story: Story, lang: Language) -> tuple[Coverage, list[Problem]]:
    """Missing, stale and unknown entries of ``lang`` against ``story``, as located problems;
    the unreviewed entries are counted, never a problem."""
    english = collect_strings(story)
    missing = [k for k, text in english.items() if text and k not in lang.entries]
    now = current(english, lang)
    stale = [k for k in lang.entries if k in english and k not in now]
    unknown = [k for k in lang.entries if k not in english]
    unreviewed = [k for k, (src, _) in lang.entries.items()
                  if k in now and lang.reviewed.get(k) != src]
    problems = list(lang.problems)
    if missing:
        problems.append(D.UNTRANSLATED.at(
            str(lang.folder), 1, 1,
            f"{lang.code}: {len(missing)} of {len(english)} strings are not "
            f"translated (first: {missing[0]})"))
    for key in stale:
        doc, k = lang.where[key]
        problems.append(doc.problem((k,), D.STALE_TRANSLATION,
                                    f"{lang.code}: '{key}' is stale: the English "
                                    "changed since it was translated", key=True))
    for key in unknown:
        doc, k = lang.where[key]
        problems.append(doc.problem((k,), D.UNKNOWN_TRANSLATION,
                                    f"{lang.code}: '{key}' is not a string of the "
                                    "story", key=True))
    return Coverage(lang.code, len(english), missing, stale, unknown, unreviewed), problems


def translated(story: Story, code: str) -> Story:
    """The story with its text in language ``code`` (English where a string is missing).

    Stale entries are still used: an old translation reads better than a sudden English line.
    """
    if code == story.language or not story.root:
        return story
    if code == "en":
        return story.in_language("en", story.strings)
    lang = read_language(story.root, code)
    table = dict(story.strings)
    for key, (_src, text) in lang.entries.items():
        if key in table:
            table[key] = text
    return story.in_language(code, table)
