"""The game's commands in the command palette (ctrl+p): the same actions as the keys."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from game.saves.store import QUICK

# (title, help, action, needs a game in progress)
COMMANDS: list[tuple[str, str, str, bool]] = [
    ("New game", "Start the story from the beginning", "app.new_game", False),
    ("Mask on/off", "Put the mask on, or take it off", "toggle_mask", True),
    ("Change face", "Choose a face from those possible here", "pick_face", True),
    ("Undo", "Take back your last move", "undo", True),
    ("History", "Everything you have read so far", "history", True),
    ("Journal", "The story so far, in your own words", "journal", True),
    ("Save", "Save the game to a slot", "app.save", True),
    ("Quicksave", "Save to the quicksave at once", "app.quicksave", True),
    ("Load", "Load a saved game", "app.load", False),
    ("Quickload", "Load the quicksave at once", "app.quickload", False),
    ("Endings", "The endings you have reached", "app.endings", False),
    ("Settings", "Theme and text speed", "app.settings", False),
    ("Help", "How to play, and every key", "app.help", False),
    ("Quit", "Leave the game", "app.request_quit", False),
]

AT_AN_ENDING = ("history", "journal", "app.save", "app.quicksave")
"""The play commands that still make sense once the story has ended."""


class GameCommands(Provider):
    """Lists the game's actions; play actions only while a game is on screen."""

    def _commands(self) -> list[tuple[str, str, str]]:
        from game.tui.app import FaceApp
        from game.tui.screens.play import PlayScreen

        play = self.screen if isinstance(self.screen, PlayScreen) else None
        app = self.app if isinstance(self.app, FaceApp) else None
        # Loading needs something to load: no command that would only say "nothing here".
        available = {
            "app.load": app is not None and app.has_saves(),
            "app.quickload": app is not None and app.saves.exists(QUICK),
        }
        found = []
        for title, help_text, action, needs_play in COMMANDS:
            if needs_play and play is None:
                continue
            if needs_play and play is not None and play.is_ending \
                    and action not in AT_AN_ENDING:
                continue
            if not available.get(action, True):
                continue
            found.append((title, help_text, action))
        return found

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action, self.screen)

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action),
                          help=help_text)
