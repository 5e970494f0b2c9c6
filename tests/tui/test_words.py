"""Textual's own English that the game shows is marked for translation, word for word."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import OptionList

from game.tui.app import FaceApp
from game.tui.words import SEARCH_COMMANDS, TEXTUAL_WORDS


def _described(*owners: type) -> set[str]:
    words = set()
    for owner in owners:
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):  # the keys panel lists hidden ones too
                words.update(w for w in (binding.description, binding.tooltip) if w)
    return words


def test_textual_key_descriptions_are_marked() -> None:
    shown = _described(OptionList, ScrollableContainer, Screen)
    assert shown, "Textual's bindings were found"
    assert shown <= set(TEXTUAL_WORDS), shown - set(TEXTUAL_WORDS)


async def test_textual_system_commands_are_marked(app_factory: Callable[..., FaceApp]) -> None:
    app = app_factory()
    async with app.run_test():
        commands = list(App.get_system_commands(app, app.screen))
        words = {w for c in commands if c.title == "Keys"  # the only one the game shows
                 for w in (c.title, c.help)}
        assert words <= set(TEXTUAL_WORDS), words - set(TEXTUAL_WORDS)
        # The footer's palette key, as Textual itself describes it (before translation).
        raw = Screen.active_bindings.fget(app.screen)  # type: ignore[attr-defined]
        palette = [a.binding for a in raw.values() if a.binding.action == "command_palette"]
        assert palette
        for binding in palette:
            assert {binding.description, binding.tooltip} <= set(TEXTUAL_WORDS)


def test_the_palette_prompt_is_textuals() -> None:
    import inspect

    from textual.command import CommandPalette

    default = inspect.signature(CommandPalette.__init__).parameters["placeholder"].default
    assert default == SEARCH_COMMANDS
