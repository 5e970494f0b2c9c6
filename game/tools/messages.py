"""The interface's gettext catalogues, as ``check`` sees them: complete, current, readable.

The template ``game/locale/game.pot`` holds every interface message of the code (a test keeps
it equal to what Babel extracts from the code today). Against it, each language's ``game.po``
may have:

- missing messages: in the template, with no translation (or only a fuzzy one);
- stale translations: marked *fuzzy*, which is how a catalogue update marks a translation
  whose English changed; the game shows the English until it is redone;
- unknown messages: translated, but the template no longer has them (the catalogue was not
  updated since the code changed).
"""

from __future__ import annotations

import os
from pathlib import Path

from game.i18n import DOMAIN, LOCALE_DIR
from game.story.i18n import Coverage
from game.story.problems import D, Problem


def interface_languages(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The language codes that have an interface catalogue."""
    if not locale_dir.is_dir():
        return []
    return sorted(p.name for p in locale_dir.iterdir()
                  if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def read_catalog(path: Path, code: str | None = None) -> tuple[object | None, list[Problem]]:
    """Read a ``.po``/``.pot`` file; a damaged one gives a located E401, never an exception."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as f:
            return read_po(f, locale=code, domain=DOMAIN, abort_invalid=True), []
    except PoFileError as err:
        reason = str(err).rsplit(" on ", 1)[0]
        return None, [D.CATALOGUE_UNREADABLE.at(_shown(path), err.lineno + 1, 1, reason)]
    except (OSError, ValueError) as err:
        return None, [D.CATALOGUE_UNREADABLE.at(_shown(path), 1, 1,
                                                f"the catalogue cannot be read: {err}")]


def _key(message_id: object) -> str:
    return message_id[0] if isinstance(message_id, tuple) else str(message_id)


def interface_coverage(code: str, locale_dir: Path = LOCALE_DIR
                       ) -> tuple[Coverage, list[Problem]]:
    """Missing, stale and unknown interface messages of ``code``, as located problems."""
    path = locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    shown = _shown(path)
    template, problems = read_catalog(locale_dir / f"{DOMAIN}.pot")
    if template is None:
        return Coverage(code, 0, [], [], []), problems
    wanted = {(m.id, m.context): m for m in template if m.id}  # type: ignore[attr-defined]
    catalog, found = read_catalog(path, code)
    problems.extend(found)
    if catalog is None:
        keys = [_key(k[0]) for k in wanted]
        return Coverage(code, len(wanted), keys, [], []), problems
    have = {(m.id, m.context): m for m in catalog if m.id}  # type: ignore[attr-defined]
    missing, stale, unknown = [], [], []
    for key in wanted:
        message = have.get(key)
        strings = message.string if message is not None else ""
        done = all(strings) if isinstance(strings, tuple) else bool(strings)
        if message is None or not done:
            missing.append(_key(key[0]))
        elif message.fuzzy:
            stale.append(_key(key[0]))
            problems.append(D.UI_STALE.at(shown, message.lineno or 1, 1,
                                          f"{code}: interface message {_key(key[0])!r} is stale "
                                          "(fuzzy): the English changed since it was translated"))
    for key, message in have.items():
        if key not in wanted:
            unknown.append(_key(key[0]))
            problems.append(D.UI_UNKNOWN_MESSAGE.at(
                shown, message.lineno or 1, 1,
                f"{code}: interface message {_key(key[0])!r} is not in the template",
                "update the catalogue: make messages"))
    if missing:
        problems.append(D.UI_UNTRANSLATED.at(
            shown, 1, 1,
            f"{code}: {len(missing)} of {len(wanted)} interface messages "
            f"are not translated (first: {missing[0]!r})"))
    return Coverage(code, len(wanted), missing, stale, unknown), problems


def extracted(package: Path = LOCALE_DIR.parent) -> set[tuple[str | tuple[str, ...], str | None]]:
    """Every message the code marks today, as (id, context): what the template should hold.

    The same extraction ``make messages`` runs (Babel's Python extractor, its default
    keywords: ``_``, ``N_``, ``ngettext``, ``pgettext``...).
    """
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    found: set[tuple[str | tuple[str, ...], str | None]] = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(package), keywords=DEFAULT_KEYWORDS):
        found.add((message, context))
    return found
