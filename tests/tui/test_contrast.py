"""Contrast: every text at least 4.5:1 against its background, every border 3:1 (WCAG 2.1,
1.4.3 and 1.4.11), and text 7:1 in the high-contrast theme (1.4.6).

The ratios are computed from each theme's colours as Textual derives its CSS variables from
them, for the pairs the game's styles put together; a colour the app's stylesheet uses that
no pair checks fails the last test, so a new rule cannot slip by unmeasured."""

from __future__ import annotations

import re

import pytest
from textual.color import Color

from game.tui.themes import THEMES
from tests.paths import ROOT

# (what, foreground, background): as app.tcss and Textual's own widgets pair them.
TEXT = [
    ("story text", "$foreground", "$background"),
    ("page text", "$foreground", "$surface"),
    ("footer text", "$footer-description-foreground", "$footer-background"),
    ("footer keys", "$footer-key-foreground", "$footer-background"),
    ("muted text", "$foreground-muted", "$background"),
    ("muted text on a page", "$foreground-muted", "$surface"),
    ("the look hint", "$text-muted", "$background"),
    ("greyed choices", "$text-disabled", "$surface"),
    ("titles", "$primary", "$background"),
    ("page titles", "$primary", "$surface"),
    ("the top bar", "$primary", "$panel"),
    ("events", "$secondary", "$background"),
    ("people's names", "$accent", "$background"),
    ("a changed reaction", "$foreground", "$background+$warning 12%"),
    ("a changed person's name", "$accent", "$background+$warning 12%"),
    ("the mask's drawing", "$warning", "$background"),
    ("the scars' drawing", "$error", "$background"),
    ("errors", "$error", "$surface"),
    ("damaged saves", "$text-error", "$surface"),
    ("the highlighted choice", "$block-cursor-foreground", "$block-cursor-background"),
    ("the highlighted choice, unfocused", "$block-cursor-blurred-foreground",
     "$surface+$block-cursor-blurred-background"),
    ("selected text in the save's name", "$input-selection-foreground",
     "$surface+$input-selection-background"),
    ("the text cursor", "$input-cursor-foreground", "$input-cursor-background"),
    ("notifications", "$foreground", "$panel-lighten-1"),
    ("a notification's title", "$text-success", "$panel-lighten-1"),
    ("a warning's title", "$text-warning", "$panel-lighten-1"),
    ("an error's title", "$text-error", "$panel-lighten-1"),
]
BORDERS = [
    ("an unfocused list", "$border-blurred", "$surface"),
    ("side panels", "$border-blurred", "$background"),
    ("a focused list", "$border", "$surface"),
    ("pages and dialogs", "$primary", "$surface"),
    ("pages and dialogs, on the screen", "$primary", "$background"),
    ("events", "$secondary", "$background"),
    ("people", "$accent", "$background"),
    ("the story's errors", "$error", "$surface"),
    ("a notification's edge", "$success", "$background"),
    ("a warning's edge", "$warning", "$background"),
    ("an error's edge", "$error", "$background"),
]
CHECKED = {spec.split("+")[-1] for _, fg, bg in TEXT + BORDERS for spec in (fg, bg)}


def luminance(color: Color) -> float:
    """WCAG relative luminance."""
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def ratio(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two opaque colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def resolve(spec: str, variables: dict[str, str], under: Color) -> Color:
    """The opaque colour ``spec`` (``$name``, ``$name 40%``, ``#rrggbbaa``, ``auto 60%``, or
    layers joined by ``+``) gives when drawn over ``under``."""
    for layer in spec.split("+"):
        value, _, percent = layer.strip().partition(" ")
        while value.startswith("$"):
            value, _, inner = variables[value[1:]].partition(" ")
            percent = percent or inner
        alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
        color = under.get_contrast_text(1.0) if value == "auto" else Color.parse(value)
        under = under + color.multiply_alpha(alpha)
    return under


def cases(pairs: list[tuple[str, str, str]]) -> list[tuple[str, str, str, str]]:
    return [(theme, *pair) for theme in THEMES for pair in pairs]


def measure(theme: str, fg: str, bg: str) -> float:
    variables = THEMES[theme].to_color_system().generate()
    base = Color.parse(variables["background"])
    background = resolve(bg, variables, base)
    return ratio(resolve(fg, variables, background), background)


@pytest.mark.parametrize(("theme", "what", "fg", "bg"), cases(TEXT))
def test_text_stands_out(theme: str, what: str, fg: str, bg: str) -> None:
    least = 7.0 if theme == "contrast" else 4.5
    assert measure(theme, fg, bg) >= least, f"{what} in the {theme} theme"


@pytest.mark.parametrize(("theme", "what", "fg", "bg"), cases(BORDERS))
def test_borders_stand_out(theme: str, what: str, fg: str, bg: str) -> None:
    assert measure(theme, fg, bg) >= 3.0, f"{what} in the {theme} theme"


def test_the_old_faint_greys_would_fail() -> None:
    """The measure itself: Textual's default greyed text and a 40 % border fail it."""
    variables = THEMES["contrast"].to_color_system().generate()
    black = Color.parse("#000000")
    assert ratio(resolve("auto 38%", variables, black), black) < 4.5
    assert ratio(resolve("$primary 40%", variables, black), black) < 3.5


def test_every_colour_of_the_stylesheet_is_measured() -> None:
    css = (ROOT / "game" / "tui" / "app.tcss").read_text(encoding="utf-8")
    used = set()
    for prop, value in re.findall(r"^\s*([a-z-]*(?:color|background|border[a-z-]*)):\s*([^;]+);",
                                  css, re.M):
        if prop.endswith("style"):
            continue
        used.update(match.strip() for match in re.findall(r"\$[a-z-]+(?: \d+%)?", value))
    unmeasured = {spec for spec in used if spec not in CHECKED}
    assert not unmeasured, f"colours in app.tcss no contrast test measures: {unmeasured}"
