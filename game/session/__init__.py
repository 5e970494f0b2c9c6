"""The session layer: everything about a game in progress that is not drawing or reading keys.

Both shells, the plain text mode (:mod:`game.plain`) and the TUI (:mod:`game.tui`), hold a
:class:`Session` and call the same methods; this package imports nothing of either, nor of
Textual or Rich.

- :mod:`game.session.session`: :class:`Session`, the one object a shell drives
- :mod:`game.session.playthrough`: the game itself: act, undo, play time, autosaves, saves
- :mod:`game.session.history`: what the player has read, as data
- :mod:`game.session.journal`: the playthrough retold in the hero's voice
- :mod:`game.session.endings`: the endings reached across playthroughs (from the profile)
- :mod:`game.session.faces`: which face the mask key, ``mask``, ``unmask`` and a name mean
- :mod:`game.session.language`: the story and the interface in another language
- :mod:`game.session.watch`: ``play --watch``: notice edits, read the story again
- :mod:`game.session.facts`: what the layer reads of a story, in one place
- :mod:`game.session.numbers`: choice numbers that stay put while the player stays in a scene
"""

from __future__ import annotations

from game.session.history import Changes, Entry
from game.session.playthrough import Playthrough, Reloaded
from game.session.session import Outcome, Session

__all__ = ["Changes", "Entry", "Outcome", "Playthrough", "Reloaded", "Session"]
