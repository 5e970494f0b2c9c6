"""The endings reached across every playthrough of a story, from the player's profile."""

from __future__ import annotations

from dataclasses import dataclass

from game.profile import Profile
from game.session import facts
from game.story.runtime import Story


@dataclass(frozen=True)
class Endings:
    """The endings found so far, and how many the story has."""

    found: list[str]
    """The titles of the endings reached, oldest first, in the story's language if it has
    them (else as they were recorded)."""
    total: int

    @property
    def missing(self) -> int:
        """How many endings are still to find."""
        return max(self.total - len(self.found), 0)


def endings(profile: Profile, story: Story) -> Endings:
    """The endings of ``story`` that ``profile`` records as reached."""
    seen = profile.endings(facts.story_id(story))
    return Endings([facts.text(story, key) or title for key, title in seen.items()],
                   facts.ending_count(story))
