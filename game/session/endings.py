"""The endings reached across every playthrough of a story, from the player's profile: which
are found (with what was read there, to read again), and for those not found yet, the act
they belong to as a hint."""

from __future__ import annotations

from dataclasses import dataclass

from game.profile import Profile
from game.session import facts
from game.story.runtime import Story


@dataclass(frozen=True)
class Ending:
    """One ending of the story, found or not."""

    key: str
    """The ending's key (as the profile records it)."""
    act: int
    """The act of its scene (0: the story has no acts): the hint for an ending not found."""
    title: str = ""
    """Its title, in the story's language ("" while not found)."""
    page: tuple[str, ...] = ()
    """The paragraphs last read there, in the story's language (empty while not found, or
    when the profile kept none)."""

    @property
    def found(self) -> bool:
        return bool(self.title)


@dataclass(frozen=True)
class Endings:
    """The endings found so far, and how many the story has."""

    found: list[str]
    """The titles of the endings reached, oldest first, in the story's language if it has
    them (else as they were recorded)."""
    total: int
    every: tuple[Ending, ...] = ()
    """Every ending: those found first (oldest first), then those still to find, by act."""

    @property
    def missing(self) -> int:
        """How many endings are still to find."""
        return max(self.total - len(self.found), 0)


def endings(profile: Profile, story: Story) -> Endings:
    """The endings of ``story`` that ``profile`` records as reached, and those still to find."""
    sid = facts.story_id(story)
    seen = profile.endings(sid)
    acts = facts.ending_acts(story)
    found = [Ending(key, acts.get(key, 0), facts.text(story, key) or title,
                    tuple(text for line in profile.ending_page(sid, key)
                          if (text := facts.text(story, line))))
             for key, title in seen.items()]
    missing = sorted((Ending(key, act) for key, act in acts.items() if key not in seen),
                     key=lambda e: e.act)
    return Endings([e.title for e in found], facts.ending_count(story), (*found, *missing))
