"""A playthrough in Russian and in Portuguese through the real command, in plain mode: the
help, faces changed by their names in front of people, a save listed and loaded, undo and
redo, to an ending. No English word may show but the commands (which are typed in English in
every language) and a few names: the story's wording may change, English may not creep in.

In Russian an English word is any word in Latin letters. Portuguese is written in them too:
there an English word is one the English of the game (its interface and its story) uses and
its Portuguese (the catalogue, and the story's translated entries) does not."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.i18n import TEMPLATE, _, catalogue_path, set_language
from game.story import load_story
from game.story.i18n import translated
from tests.paths import BUNDLED

COMMANDS = {"face", "mask", "unmask", "look", "status", "journal", "undo", "redo", "back",
            "save", "load", "saves", "restart", "language", "lang", "help", "quit"}
"""The plain mode's commands, English in every language."""
NAMES = {"English"}
"""Names that are English in any language: the English language's own name."""


def english_words(text: str) -> list[str]:
    """The words of ``text`` written in ASCII letters only, three or more of them, that are
    not commands or names ("K." and the language codes are shorter)."""
    words = re.findall(r"\w+", text)
    return [w for w in words if len(w) >= 3 and w.isascii() and w.isalpha()
            and w not in COMMANDS and w not in NAMES]


def test_english_words_are_found_and_the_rest_let_be() -> None:
    assert english_words("Есть: в бинтах (bandaged), máscara; face маска. Bare, K.") == [
        "bandaged", "Bare"]


def _words(texts: list[str]) -> set[str]:
    """The words of ``texts`` in ASCII letters, three or more, in lower case; placeholders
    (``{slot}``) are not words."""
    return {w.lower() for text in texts for w in re.findall(r"\w+", re.sub(r"\{\w*\}", "", text))
            if len(w) >= 3 and w.isascii() and w.isalpha()}


def english_only(code: str) -> set[str]:
    """Words the game's English uses and its language ``code`` does not."""
    from babel.messages.pofile import read_po

    def strings(path: Path, translated_too: bool) -> list[str]:
        with path.open("rb") as f:
            catalog = read_po(f)
        out: list[str] = []
        for m in catalog:
            if m.id:
                value = m.string if translated_too else m.id
                out.extend(value if isinstance(value, tuple) else [value])
        return out

    english = load_story(BUNDLED)
    local = translated(english, code)
    own = [local.text(k) for k, text in english.strings.items() if local.text(k) != text]
    return (_words(strings(TEMPLATE, False) + list(english.strings.values()))
            - _words(strings(catalogue_path(code), True) + own))


@pytest.mark.parametrize("code", ["ru", "pt"])
def test_a_playthrough_shows_no_english(code: str, tmp_path: Path) -> None:
    story = translated(load_story(BUNDLED), code)

    def label(face: str) -> str:
        return story.text(f"face.{face}.label").lower()

    # lab accident -> home: the bare face and the bandages again before the wife -> the
    # street -> (help, a save listed and loaded, a face that does not exist) -> the gate ->
    # K.'s office -> accept, taken back and again -> the mask asked for, not made -> the end
    script = ["3", "face", f"face {label('bare')}", f"face {label('bandaged').upper()}", "4",
              "help", "save 2", "saves", "load 2", "face ёжикщщ", "2", "status", "journal",
              "3", "4", "undo", "redo", f"face {label('masked')}", "mask", "3", "language",
              "quit"]
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--lang", code,
         "--saves", str(tmp_path)],
        input="".join(f"{line}\n" for line in script), capture_output=True, text=True,
        timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    set_language(code)
    try:
        ending = _("THE END: {title}").split("{")[0]
        saved = _("Saved to {slot}.").split("{")[0]
        unknown = _("There is no face '{name}'. Faces: {faces}.").split("{")[0]
    finally:
        set_language("en")
    assert ending in out, out[-800:]
    assert saved in out and unknown in out
    assert out.count(f"== {story.text('home.title')} ==") == 1  # the face changes stayed
    if code == "pt":
        foreign = english_only(code)
        found = [w for w in english_words(out) if w.lower() in foreign]
    else:
        found = english_words(out)
    assert found == [], sorted(set(found))


def test_the_portuguese_check_knows_english_from_portuguese() -> None:
    foreign = english_only("pt")
    assert {"your", "bandaged", "bare", "slot", "quicksave", "now"} <= foreign
    assert not {"rosto", "para", "sair", "jogo", "voce"} & foreign
