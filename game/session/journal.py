"""The hero's journal: the playthrough so far, retold in the first person.

Derived generically from the state's log: the game is replayed move by move through the
engine, and each scene entered, choice taken and face changed becomes one line. Nothing here
knows about any particular story.
"""

from __future__ import annotations

from game.engine import ChangeFace, GameState, act, new_game, view
from game.i18n import _
from game.session import facts
from game.story.runtime import Story

_ARTICLES = ("The ", "A ", "An ")
_MINE = {"your": "my", "Your": "My", "yours": "mine", "yourself": "myself"}
"""Possessives are safe to turn to the first person; "you" is not (subject or object?)."""


def _place(title: str, language: str = "en") -> str:
    """A scene title as it reads inside an English sentence ("The workshop" -> "the
    workshop"); other languages keep the title as it is."""
    if language != "en":
        return title
    for article in _ARTICLES:
        if title.startswith(article):
            return article.lower() + title[len(article):]
    return title


def _clause(label: str) -> str:
    """A choice label as it reads after "I decided to" (first word lower-cased if plain)."""
    label = label.strip().rstrip(".!")
    label = " ".join(_MINE.get(w, w) for w in label.split(" "))
    first, _space, rest = label.partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        first = first.lower()
    return f"{first} {rest}".strip()


def journal(story: Story, state: GameState) -> list[str]:
    """The journal of ``state``'s playthrough, one sentence a line, oldest first."""
    lang = facts.language(story)
    current = new_game(story, state.seed)
    shown = view(story, current)
    # TRANSLATORS: the journal's first line, in the hero's voice. {place} is the first scene's
    # title, its article lower-cased in English ("the workshop").
    lines = [_("It began with {place}.").format(place=_place(shown.title.text, lang))]
    seen = {current.scene}
    for action in state.log:
        if isinstance(action, ChangeFace):
            face = next((f.label for f in shown.faces if f.id == action.face), action.face)
            # TRANSLATORS: a journal line: the hero changed face. {face} is the face's name,
            # lower-cased, as the story names it (an adjective in the bundled story).
            lines.append(_("I went {face}.").format(face=face.lower()))
        else:
            label = next((c.label.text for c in shown.choices if c.id == action.choice),
                         action.choice)
            # TRANSLATORS: a journal line: the hero took a choice. {choice} is the choice's
            # label, first word lower-cased and "your" made "my" in English ("open the door");
            # in other languages the label as the story has it (often an imperative: quote it,
            # as in "I chose: “{choice}”.", if the sentence would not read otherwise).
            clause = _clause(label) if lang == "en" else label.strip().rstrip(".!")
            lines.append(_("I decided to {choice}.").format(choice=clause))
        after = act(story, current, action)
        shown = view(story, after)
        if after.scene != current.scene or after.visits != current.visits:
            if shown.ending is not None:
                # TRANSLATORS: the journal's last line; {ending} is the ending's title.
                lines.append(_("And so it ended: {ending}.").format(
                    ending=_place(shown.ending.text, lang)))
            elif after.scene in seen:
                # TRANSLATORS: a journal line; {place} is the title of a scene seen before.
                lines.append(_("I went back to {place}.").format(
                    place=_place(shown.title.text, lang)))
            else:
                # TRANSLATORS: a journal line; {place} is the title of a new scene.
                lines.append(_("I went to {place}.").format(place=_place(shown.title.text, lang)))
            seen.add(after.scene)
        current = after
    return lines
