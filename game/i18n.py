"""The interface's own words (menus, keys, dialogs, prompts) in the player's language.

Interface strings are gettext messages: the English is written in the code, wrapped in
:func:`_` (or :func:`ngettext` when a number decides the form, :func:`pgettext` when the same
English word means two things), and marked with :func:`N_` where it must stay English until it
is shown (a key's description in a class body, a table of labels). The catalogues are
``game/locale/<lang>/LC_MESSAGES/game.po``, made from the template ``game/locale/game.pot``
with the usual tools (``make messages`` extracts and merges; see docs/authoring.md).

The story's own text is translated separately, by string key (:mod:`game.story.i18n`).

A language is chosen for the whole process with :func:`set_language`; what is drawn after
that is in the new language. Catalogues are read on first use; entries marked *fuzzy* (the
English changed since they were translated) are left out, so the English shows instead.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

DOMAIN = "game"
"""The gettext domain: the catalogues are ``<lang>/LC_MESSAGES/game.po``."""
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the template and the catalogues live."""
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
"""The template: every interface message, as extracted from the code."""

LANGUAGES = {"en": "English", "ru": "Русский", "pt": "Português"}
"""The languages the game knows, with their own names."""

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def catalogue_path(code: str) -> Path:
    """The ``.po`` file of language ``code``."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(code: str) -> gettext.NullTranslations:
    """The interface catalogue of ``code`` (English, that is no translation, if there is none
    or it cannot be read: a broken catalogue must not stop the game; ``check`` reports it)."""
    path = catalogue_path(code)
    if code == "en" or not path.is_file():
        return gettext.NullTranslations()
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with path.open("rb") as f:
            catalog = read_po(f, locale=code, domain=DOMAIN, abort_invalid=True)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    except Exception:  # any damage falls back to English
        return gettext.NullTranslations()


def set_language(code: str) -> None:
    """Show the interface in ``code`` from now on."""
    global _current, _language
    _current = translations(code)
    _language = code


def language() -> str:
    """The interface's current language code."""
    return _language


def _(message: str) -> str:
    """``message`` in the current language."""
    return _current.gettext(message) if message else message


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it (yet): pass it to :func:`_`
    when it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that fits the number ``n`` in the current language (Russian has
    three). Format the number in yourself: ``ngettext("{n} save", "{n} saves", n).format(n=n)``.
    """
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart by ``context`` from the same English
    used elsewhere for something else (a verb and a noun, say)."""
    return _current.pgettext(context, message)


def choose_language(chosen: str | None, environ: dict[str, str]) -> str:
    """The language to play in: ``chosen`` (from ``--lang`` or the settings) if the game
    knows it, else the locale's."""
    return chosen if chosen in LANGUAGES else default_language(environ)


def default_language(environ: dict[str, str]) -> str:
    """The language the environment's locale asks for, among those the game has."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(var, "")
        if value:
            code = value.split(":")[0][:2].lower()
            return code if code in LANGUAGES else "en"
    return "en"
