"""The names a player may type for a face, and the name shown to type.

A face is known by its id, its label in English and in the story's language, and the
aliases the story gives it (``aliases`` in ``story.yaml``, translated like any string, one
comma-separated text per face). Typing ignores case and accents (``máscara`` is
``mascara``, ``ё`` is ``е``), and a name may be shortened: a label without its leading
short word (``маске`` for ``в маске``), one word of it, or the start of a word with another
ending (``маска`` for ``маске``). Nothing here knows any story's faces.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from game.session import facts
from game.story import keys
from game.story.runtime import Story

SHORT = 3
"""The fewest letters that may stand for a longer name, and the most a leading word (a
preposition: ``в``, ``без``, ``de``) may have to be left off."""


def fold(text: str) -> str:
    """``text`` as names are compared: lower case, without accents, one space between words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").split())


def aliases(story: Story, fid: str, english: bool = False) -> list[str]:
    """The aliases the story gives face ``fid`` in its language (or in English)."""
    key = keys.face(fid, "aliases")
    text = story.strings.get(key, "") if english else story.text(key)
    return [name.strip() for name in text.split(",") if name.strip()]


def _whole(story: Story, fid: str, extra: Iterable[str]) -> list[str]:
    english, local = facts.face_names(story, fid)
    return [fid, english, local, *aliases(story, fid, english=True), *aliases(story, fid),
            *extra]


def _ranks(names: Sequence[str]) -> tuple[set[str], set[str], set[str]]:
    """The names folded: whole; without a leading short word; each word of SHORT or more."""
    whole = {fold(n) for n in names} - {""}
    shorter = {n.split(" ", 1)[1] for n in whole
               if " " in n and len(n.split(" ", 1)[0]) <= SHORT}
    words = {w for n in whole for w in n.split(" ") if len(w) >= SHORT}
    return whole, shorter, words


def _stem(typed: str, name: str) -> bool:
    """Whether ``typed`` is the start of ``name``, or the same word with another ending."""
    if len(typed) < SHORT:
        return False
    if name.startswith(typed):
        return True
    common = len(os.path.commonprefix([typed, name]))
    return common >= SHORT + 1 and common >= max(len(typed), len(name)) - 2


def match(story: Story, typed: str,
          extra: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """The face the player means by ``typed``, or None if none (or several equally) fit.

    ``extra`` gives more names per face id. Exact names are tried before shortened ones,
    whole names before words; the first kind that fits any face decides, and must fit one.
    """
    wanted = fold(typed)
    if not wanted:
        return None
    extra = extra or {}
    ranked = {fid: _ranks(_whole(story, fid, extra.get(fid, ())))
              for fid in facts.face_ids(story)}
    for fits in (lambda n: n == wanted, lambda n: _stem(wanted, n)):
        for rank in range(3):
            found = {fid for fid, names in ranked.items() if any(map(fits, names[rank]))}
            if found:
                return found.pop() if len(found) == 1 else None
    return None


def typed_name(story: Story, fid: str) -> str:
    """What to type for face ``fid``: in English its id; in another language its first
    alias there, else its label (in lower case)."""
    if facts.language(story) == "en":
        return fid
    found = aliases(story, fid)
    return found[0] if found else facts.face_names(story, fid)[1].lower()


def shown_name(story: Story, fid: str) -> str:
    """A face as listed to the player: its label in lower case, then what to type for it in
    brackets when that is another word (never the id, but in English)."""
    label = facts.face_names(story, fid)[1].lower()
    typed = typed_name(story, fid)
    return label if fold(typed) == fold(label) else f"{label} ({typed})"
