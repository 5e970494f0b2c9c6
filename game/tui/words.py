"""Textual's own words that the game shows, marked for translation."""

from __future__ import annotations

from game.i18n import N_

SEARCH_COMMANDS = N_("Search for commands…")
"""The command palette's prompt (Textual's English)."""

TEXTUAL_WORDS = (
    # TRANSLATORS: the footer's label for ctrl+p, the command palette; keep it very short.
    N_("palette"),
    N_("Open the command palette"),
    # TRANSLATORS: a command of the command palette: shows a panel with every key.
    N_("Keys"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Hide the keys and widget help panel"),
    # Keys of lists and scrolling areas, as the keys panel lists them.
    N_("Up"),
    N_("Down"),
    N_("First"),
    N_("Last"),
    N_("Select"),
    N_("Page Up"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Scroll Up"),
    N_("Scroll Down"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Home"),
    N_("Scroll End"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
)
"""Textual's own English that the game shows (the footer's palette key, the palette's system
commands, the keys panel), marked here so that extraction finds it: the screens' bindings and
:meth:`FaceApp.get_system_commands <game.tui.app.FaceApp.get_system_commands>` pass it through
``_``. It must match Textual's text exactly; what Textual changes shows in English."""
