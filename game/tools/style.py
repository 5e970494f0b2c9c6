"""``check --style``: repetition in the story's English, for an author to reread.

Two lists, neither of them a problem (``--strict`` ignores them):

- **repeated phrases**: runs of :data:`MIN_WORDS` or more words that occur in
  :data:`MIN_PLACES` or more strings (a sentence mark ends a run: ``.``, ``;``, ``:``, ``!``,
  ``?``, a dash), each with the keys of the strings it occurs in;
- **watched phrases**: how often each phrase of ``style.watch`` in story.yaml (similes such
  as ``as if``) occurs in each scene's strings, scenes without one left out.

A paragraph and its ``else`` are one place (a reader meets one of them). A repeated phrase
that is part of a phrase of ``style.refrains`` is listed apart, as a refrain kept on purpose.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from game.story.runtime import Scene, Story

MIN_WORDS = 5
MIN_PLACES = 3
ELSEWHERE = "(elsewhere)"
"""Where the watched phrases of strings outside any scene (reactions, faces) are counted."""

_SENTENCES = re.compile(r"[.;:!?\u2014\u2013]+|\s-\s")
_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)*")


@dataclass(frozen=True)
class Repeat:
    """A phrase and the keys of the strings it occurs in, in story order."""

    phrase: str
    keys: tuple[str, ...]


@dataclass
class StyleReport:
    """What ``check --style`` found."""

    repeats: list[Repeat] = field(default_factory=list)
    kept: list[Repeat] = field(default_factory=list)
    """Repeats that are part of a refrain the story keeps on purpose (``style.refrains``)."""
    watch: tuple[str, ...] = ()
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """Scene (or :data:`ELSEWHERE`) -> watched phrase -> occurrences, scenes in story order."""

    def lines(self) -> list[str]:
        """The readable report."""
        out = [f"repeated phrases ({MIN_WORDS}+ words in {MIN_PLACES}+ places): "
               f"{len(self.repeats)}"]
        for r in self.repeats:
            out.append(f'  "{r.phrase}" x{len(r.keys)}: {", ".join(r.keys)}')
        if self.kept:
            out.append(f"refrains kept on purpose (style.refrains): {len(self.kept)}")
            out += [f'  "{r.phrase}" x{len(r.keys)}' for r in self.kept]
        if not self.watch:
            out.append("watched phrases: none (list them under style.watch in story.yaml)")
            return out
        totals = {w: sum(c.get(w, 0) for c in self.counts.values()) for w in self.watch}
        out.append("watched phrases per scene: " + ", ".join(
            f'"{w}" {totals[w]}' for w in self.watch))
        width = max([len("total"), *(len(s) for s in self.counts)])
        cols = [max(len(w), 3) for w in self.watch]
        out.append("  " + " " * width + "".join(f"  {w:>{c}}" for w, c in zip(self.watch, cols,
                                                                            strict=True)))
        for scene, counts in self.counts.items():
            out.append(f"  {scene:<{width}}" + "".join(
                f"  {counts.get(w, 0) or '.':>{c}}" for w, c in zip(self.watch, cols,
                                                                    strict=True)))
        out.append(f"  {'total':<{width}}" + "".join(
            f"  {totals[w]:>{c}}" for w, c in zip(self.watch, cols, strict=True)))
        return out

    def as_dict(self) -> dict[str, object]:
        return {"repeats": [{"phrase": r.phrase, "keys": list(r.keys)} for r in self.repeats],
                "kept": [{"phrase": r.phrase, "keys": list(r.keys)} for r in self.kept],
                "watch": {scene: dict(counts) for scene, counts in self.counts.items()}}


def scene_keys(scene: Scene, strings: Mapping[str, str]) -> Iterator[str]:
    """The keys of a scene's strings."""
    yield scene.title
    for para in scene.paragraphs:
        yield para.key
        if para.otherwise:
            yield para.otherwise
    for choice in scene.choices:
        yield from (k for k in (choice.label, choice.reason, choice.text) if k)
    yield from (r.text for r in scene.rules if r.text)
    if scene.ending:
        yield scene.ending


def _runs(text: str) -> Iterator[list[str]]:
    """The words of each sentence-like run of ``text``, lower case."""
    for part in _SENTENCES.split(text.lower()):
        words = _WORD.findall(part)
        if words:
            yield words


def repeats(strings: Mapping[str, str], min_words: int = MIN_WORDS,
            min_places: int = MIN_PLACES) -> list[Repeat]:
    """Phrases of ``min_words`` or more words in ``min_places`` or more strings; overlapping
    runs found in the same strings are joined into one longer phrase."""
    places: dict[tuple[str, ...], list[str]] = defaultdict(list)
    order: dict[str, int] = {}
    for key in strings:
        order.setdefault(_place(key), len(order))
    seen: dict[str, set[tuple[str, ...]]] = defaultdict(set)  # place -> grams found there
    for key, text in strings.items():
        key = _place(key)
        for words in _runs(text):
            for i in range(len(words) - min_words + 1):
                gram = tuple(words[i:i + min_words])
                if gram not in seen[key]:
                    seen[key].add(gram)
                    places[gram].append(key)
    found: list[Repeat] = []
    last: tuple[list[str], tuple[str, ...]] | None = None
    reported: set[tuple[str, ...]] = set()
    for key, text in strings.items():
        key = _place(key)
        for words in _runs(text):
            for i in range(len(words) - min_words + 1):
                gram = tuple(words[i:i + min_words])
                keys = places.get(gram, [])
                if len(keys) < min_places or keys[0] != key or gram in reported:
                    continue  # too rare, or reported at its first place already
                reported.add(gram)
                where = tuple(sorted(keys, key=order.__getitem__))
                if last is not None and last[1] == where and \
                        tuple(last[0][-(min_words - 1):]) == gram[:-1]:
                    last[0].append(gram[-1])
                    found[-1] = Repeat(" ".join(last[0]), where)
                    continue
                last = (list(gram), where)
                found.append(Repeat(" ".join(gram), where))
    return found


def _place(key: str) -> str:
    """Where a string is read: a paragraph's ``else`` is the paragraph's place."""
    return key.removesuffix(".else")


def kept_apart(found: list[Repeat], refrains: tuple[str, ...]) -> tuple[list[Repeat],
                                                                        list[Repeat]]:
    """``found`` split into the repeats to reread and those inside a refrain."""
    kept = [" ".join(w for run in _runs(r) for w in run) for r in refrains]
    inside = [r for r in found if any(r.phrase in k for k in kept)]
    return [r for r in found if r not in inside], inside


def watched(story: Story, watch: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """How often each watched phrase occurs in each scene's strings (and elsewhere)."""
    patterns = {w: re.compile(r"(?<!\w)" + r"\s+".join(re.escape(p) for p in w.split())
                              + r"(?!\w)", re.IGNORECASE) for w in watch}
    counts: dict[str, dict[str, int]] = {}
    used: set[str] = set()

    def count(where: str, keys: list[str]) -> None:
        found = {w: sum(len(p.findall(story.strings.get(k, ""))) for k in keys)
                 for w, p in patterns.items()}
        if any(found.values()):
            counts[where] = {w: n for w, n in found.items() if n}

    for scene in story.scenes.values():
        keys = list(scene_keys(scene, story.strings))
        used |= set(keys)
        count(scene.id, keys)
    count(ELSEWHERE, [k for k in story.strings if k not in used])
    return counts


def style(story: Story) -> StyleReport:
    """The style report of a loaded story (its English)."""
    found, kept = kept_apart(repeats(story.strings), story.refrains)
    return StyleReport(found, kept, story.watch, watched(story, story.watch))
