"""The game's commands in the command palette (ctrl+p): the same actions as the keys."""

from __future__ import annotations

from functools import partial

from textual import work
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.css.query import NoMatches

from game.i18n import N_, _
from game.tui.screens.base import DismissOnce

# (title, help, action, needs a game in progress); the English is marked, shown translated.
COMMANDS: list[tuple[str, str, str, bool]] = [
    (N_("New game"), N_("Start the story from the beginning"), "app.new_game", False),
    (N_("Mask on/off"), N_("Put the mask on, or take it off"), "toggle_mask", True),
    (N_("Change face"), N_("Choose a face from those possible here"), "pick_face", True),
    (N_("Undo"), N_("Take back your last move"), "undo", True),
    (N_("Redo"), N_("Take again the last move you took back"), "redo", True),
    (N_("History"), N_("Everything you have read so far"), "history", True),
    (N_("Journal"), N_("The story so far, in your own words"), "journal", True),
    (N_("Save"), N_("Save the game to a slot"), "app.save", True),
    (N_("Quicksave"), N_("Save to the quicksave at once"), "app.quicksave", True),
    (N_("Load"), N_("Load a saved game"), "app.load", False),
    (N_("Quickload"), N_("Load the quicksave at once"), "app.quickload", False),
    (N_("Endings"), N_("The endings you have reached"), "app.endings", False),
    (N_("Settings"), N_("Language, theme and text speed"), "app.settings", False),
    (N_("Theme"), N_("Dark, light or high contrast (in the settings)"),
     "app.settings('theme')", False),
    (N_("Language"), N_("The language of the game and the story (in the settings)"),
     "app.settings('language')", False),
    (N_("Help"), N_("How to play, and every key"), "app.help", False),
    (N_("Title screen"), N_("Leave this game for the title screen"), "app.request_title",
     True),
    (N_("Quit"), N_("Leave the game"), "app.request_quit", False),
]

AT_AN_ENDING = ("history", "journal", "app.save", "app.quicksave", "app.request_title")
"""The play commands that still make sense once the story has ended."""


class GameCommands(Provider):
    """Lists the game's actions; play actions only while a game is on screen."""

    def _commands(self) -> list[tuple[str, str, str]]:
        """The commands available here: (title, help) in the player's language, action."""
        from game.saves.store import QUICK
        from game.tui.app import FaceApp
        from game.tui.screens.play import PlayScreen

        play = self.screen if isinstance(self.screen, PlayScreen) else None
        app = self.app if isinstance(self.app, FaceApp) and self.app.ready else None
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
            found.append((_(title), _(help_text), action))
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


class Palette(DismissOnce, CommandPalette):
    """Textual's command palette, closed at most once (a burst of Escapes closes it, not the
    screen under it), its page keys idle while its list has no room, and its search quiet
    when it ends after the palette was closed."""

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        # Textual's search worker looks up the palette's list as it goes: if a burst of keys
        # closed the palette (or the app is closing), the list is gone, and the worker would
        # end the app. With no list there is nothing to show the results in anyway.
        search = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]
        try:
            await search(self, search_value)
        except NoMatches:
            if not self.gone and self.query(CommandList):
                raise

    def _action_command_list(self, action: str) -> None:
        if action.startswith("page_"):
            lists = self.query(CommandList).results(CommandList)
            if not any(bool(commands.scrollable_content_region) for commands in lists):
                return
        super()._action_command_list(action)
