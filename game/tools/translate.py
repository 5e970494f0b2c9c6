"""``face-of-another translate DIR --lang XX``: write or bring up to date a story's
translation files, ``DIR/i18n/XX/*.yaml``.

Every string of the story gets a place, in story order, with its English beside it as a
comment. A string already translated keeps its entry, in the file it was in; one not yet
translated is written commented out, its ``source`` hash ready and ``text: TODO``: remove
the ``# `` and write the text. (Commented out, it counts as missing for ``check`` and the
game shows the English, until it is done.) An entry whose English changed since it was
translated is marked STALE (its old ``source`` is kept, so ``check`` still reports it, and
the comment gives the new hash); an entry for a string the story no longer has is marked
REMOVED. A new string goes to the file named after where it is declared: the story's own
strings to ``story.yaml``, the people's to ``characters.yaml``, a scene's to the name of
its scene file.

An entry's ``reviewed`` hash (the English an editor reviewed it against) is kept as it is;
``translate --mark-reviewed KEY...`` sets it to the hash of the English now for the current
entries named (keys, or patterns such as ``hall.*``; ``*`` for all), and ``--unreviewed``
lists the current entries whose ``reviewed`` is not that hash, writing nothing.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from game.story.i18n import Language, coverage, current, read_language, source_hash
from game.story.runtime import Story
from game.story.strings import collect_strings
from game.story.yamlfile import locate

CODE = re.compile(r"^[a-z]{2}$")
_TOP = {"story", "face", "var", "item"}
HEADER = """\
# {lang}: translations of '{title}', one entry per string key: its 'source' is the hash of
# the English it translates, its 'text' the translation, its 'reviewed' (if any) the hash of
# the English an editor reviewed it against. Written by 'face-of-another translate'; run it
# again after changing the English (your entries are kept).
# A string not yet translated is commented out: remove the '# ' and replace TODO.
"""


class TranslateError(Exception):
    """Why the translation files were not written (a message for the author)."""


@dataclass
class Written:
    """What ``translate`` did."""

    code: str
    total: int = 0
    translated: int = 0
    todo: int = 0
    stale: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    unreviewed: int = 0
    """Current entries not reviewed against the English now (after any marked here)."""
    marked: list[str] = field(default_factory=list)
    """The entries marked reviewed by this run (``--mark-reviewed``)."""

    def summary(self) -> str:
        marked = f" ({len(self.marked)} marked reviewed now)" if self.marked else ""
        return (f"{self.code}: {self.total} strings: {self.translated} translated, "
                f"{len(self.stale)} stale, {self.todo} to translate; "
                f"{len(self.removed)} removed (marked); {self.unreviewed} unreviewed{marked}")


def _default_file(story: Story, key: str) -> str:
    head = key.split(".", 1)[0]
    if head in _TOP:
        return "story.yaml"
    if head == "person":
        return "characters.yaml"
    if story.sources is not None and head in story.sources.scenes:
        return Path(story.sources.scenes[head][0]).stem + ".yaml"
    return "story.yaml"


def _comment(label: str, text: str) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width=92) or [""]
    out = [f"# {label}: {lines[0]}"]
    out += [f"#     {line}" for line in lines[1:]]
    return out


def _entry(key: str, source: str, text: str, reviewed: str | None = None) -> list[str]:
    entry = {"source": source} | ({"reviewed": reviewed} if reviewed is not None else {})
    dumped = yaml.safe_dump({key: entry | {"text": text}}, allow_unicode=True,
                            sort_keys=False, width=96, default_flow_style=False)
    lines = dumped.rstrip("\n").split("\n")
    # A hash is text, though YAML might read one as a number: always quote it.
    return [_quoted(line, "source", source) or _quoted(line, "reviewed", reviewed) or line
            for line in lines]


def _quoted(line: str, name: str, value: str | None) -> str:
    """``line`` with the hash ``value`` of field ``name`` in quotes, if it is that field's
    line and unquoted ("" if not)."""
    if value is None or not line.startswith(f"  {name}: ") or "'" in line or '"' in line \
            or not value.isalnum():
        return ""
    return f"  {name}: '{value}'"


def _to_review(lang: Language, english: dict[str, str], patterns: Sequence[str]) -> set[str]:
    """The current entries that ``patterns`` (keys, or shell patterns) name; raises
    :class:`TranslateError` for a key that is not a current entry, or a pattern that names
    none."""
    now = current(english, lang)
    chosen: set[str] = set()
    for pattern in patterns:
        if not any(c in pattern for c in "*?["):
            if pattern not in english:
                raise TranslateError(f"cannot mark '{pattern}' reviewed: the story has no "
                                     "such string")
            if pattern not in lang.entries:
                raise TranslateError(f"cannot mark '{pattern}' reviewed: it is not "
                                     "translated yet")
            if pattern not in now:
                raise TranslateError(f"cannot mark '{pattern}' reviewed: it is stale; "
                                     "translate it again and set its source first")
            chosen.add(pattern)
            continue
        found = {k for k in now if fnmatchcase(k, pattern)}
        if not found:
            raise TranslateError(f"cannot mark '{pattern}' reviewed: it matches no current "
                                 "entry")
        chosen |= found
    return chosen


def _language(root: Path, code: str) -> Language:
    if not CODE.match(code):
        raise TranslateError(f"'{code}' is not a language code: two small letters, like de")
    if code == "en":
        raise TranslateError("the story is written in English: name another language")
    lang = read_language(root, code)
    if lang.problems:
        first = lang.problems[0].format()
        raise TranslateError(f"{lang.folder} has problems, and nothing was written: "
                             f"{first} (run 'face-of-another check {root}')")
    return lang


def unreviewed(story: Story, root: Path, code: str) -> list[str]:
    """``path:line:col: key`` for each current entry of ``root/i18n/<code>`` not reviewed
    against the English now, in file order."""
    lang = _language(root, code)
    found = []
    for key in coverage(story, lang)[0].unreviewed:
        doc, name = lang.where[key]
        line, col = locate(doc.root, (name,), key=True)
        found.append((doc.path, line, col, key))
    return [f"{path}:{line}:{col}: {key}" for path, line, col, key in sorted(found)]


def translate(story: Story, root: Path, code: str, review: Sequence[str] = ()) -> Written:
    """Write ``root/i18n/<code>/*.yaml`` for ``story`` (read from ``root``); the current
    entries that ``review`` names (keys, or shell patterns: ``hall.*``, ``*``) are marked
    reviewed against the English now."""
    lang = _language(root, code)
    english = {k: v for k, v in collect_strings(story).items() if v}
    marked = _to_review(lang, english, review)
    reviewed = dict(lang.reviewed) | {k: lang.entries[k][0] for k in marked}
    file_of = {key: Path(doc.path).name for key, (doc, _k) in lang.where.items()}
    order: list[str] = []  # the files, those that exist first
    for name in file_of.values():
        if name not in order:
            order.append(name)
    blocks: dict[str, list[list[str]]] = {}
    done = Written(code, total=len(english), marked=sorted(marked))
    for key, text in english.items():
        name = file_of.get(key) or _default_file(story, key)
        if name not in order:
            order.append(name)
        now = source_hash(text)
        if key in lang.entries:
            source, translation = lang.entries[key]
            if source == now:
                block = _comment("en", text) + _entry(key, source, translation,
                                                      reviewed.get(key))
                done.translated += 1
                done.unreviewed += reviewed.get(key) != now
            else:
                block = ([f"# STALE: the English changed since this was translated; translate "
                          f"it again and set source to '{now}'"]
                         + _comment("en now", text) + _entry(key, source, translation,
                                                             reviewed.get(key)))
                done.stale.append(key)
        else:
            block = _comment("en", text) + [f"# {line}" for line in _entry(key, now, "TODO")]
            done.todo += 1
        blocks.setdefault(name, []).append(block)
    for key, (source, translation) in lang.entries.items():
        if key not in english:
            block = (["# REMOVED: the story has no such string any more; delete this entry"]
                     + _entry(key, source, translation, reviewed.get(key)))
            blocks.setdefault(file_of[key], []).append(block)
            done.removed.append(key)
    lang.folder.mkdir(parents=True, exist_ok=True)
    header = HEADER.format(lang=code, title=story.strings.get("story.title", story.id))
    for name in order:
        if name not in blocks:
            continue
        path = lang.folder / name
        body = "\n\n".join("\n".join(block) for block in blocks[name])
        path.write_text(f"{header}\n{body}\n", encoding="utf-8")
        done.files.append(path)
    return done
