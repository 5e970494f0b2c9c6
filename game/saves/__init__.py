"""Saves: named slots, quicksave and autosaves, written atomically, read defensively.

A save is JSON validated by pydantic; nothing in it can run code. A corrupt or hand-broken
file is reported with its slot and left untouched; saves from an older version of the story
are migrated; a save of another story is refused.
"""

from game.saves.model import SaveFile, SaveSummary
from game.saves.store import SaveError, SaveStore, SlotInfo

__all__ = ["SaveError", "SaveFile", "SaveStore", "SaveSummary", "SlotInfo"]
