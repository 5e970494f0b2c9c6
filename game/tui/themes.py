"""The game's three themes: ink (dark), paper (light) and a high-contrast one.

Every text stands out from its background by a contrast ratio of at least 4.5:1 (7:1 in the
high-contrast theme) and every border by 3:1, as WCAG asks; ``variables`` sets the colours
Textual would otherwise derive too faintly (greyed choices, muted text, borders of what does
not have focus). tests/tui/test_contrast.py measures them."""

from __future__ import annotations

from textual.theme import Theme

from game.i18n import N_

INK = Theme(
    name="face-ink",
    primary="#c9a66b",
    secondary="#7f9cb0",
    accent="#d98e73",
    warning="#e0b25c",
    error="#e06c6c",
    success="#8fb573",
    foreground="#e4ddd0",
    background="#16140f",
    surface="#201d17",
    panel="#2b261e",
    dark=True,
    variables={"text-disabled": "#979287", "border-blurred": "#88714b"},
)

PAPER = Theme(
    name="face-paper",
    primary="#7a4e1d",
    secondary="#3f5f73",
    accent="#9c3d22",
    warning="#855a00",
    error="#a32020",
    success="#3d6b2a",
    foreground="#2a241c",
    background="#f3ecdc",
    surface="#e9e0cb",
    panel="#ddd2b8",
    dark=False,
    variables={"text-disabled": "#5d564b", "foreground-muted": "#575146",
               "border-blurred": "#906b3f"},
)

CONTRAST = Theme(
    name="face-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ff77ff",
    warning="#ffff00",
    error="#ff8080",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    dark=True,
    text_alpha=1.0,
    variables={"text-disabled": "#aaaaaa", "border-blurred": "#808000",
               "input-selection-background": "#505000"},
)

THEMES = {"dark": INK, "light": PAPER, "contrast": CONTRAST}
"""Setting value to theme."""

LABELS = {"dark": N_("Dark (ink)"), "light": N_("Light (paper)"),
          "contrast": N_("High contrast")}
"""Setting value to the theme's name in the settings (English: translate it to show it)."""
REVEAL_LABELS = {"instant": N_("Instant"), "fast": N_("Typewriter, fast"),
                 "slow": N_("Typewriter, slow")}
"""Text reveal setting to its name in the settings (English: translate it to show it)."""
REVEAL_SPEED = {"instant": 0, "fast": 240, "slow": 60}
"""Characters per second for each text reveal setting (0: all at once)."""
