"""The TUI under fast input: bursts of keys, as a terminal delivers them, never crash it.

Keys are posted to the app the way the terminal driver does, all at once, without waiting
for the screens they open or close; then the app must still run, with a sane screen stack,
and quit cleanly.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen

from game.tui.app import FaceApp
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from tests.tui import conftest as tui
from tests.tui.conftest import SIZE

# The TUI tests' fixtures: a fresh saves folder and the app factory (the starter story is the
# root conftest's).
saves, app_factory = tui.saves, tui.app_factory

CHARS = {"enter": "\r", "escape": "\x1b", "space": " ", "tab": "\t",
         "question_mark": "?"}
"""The character of the named keys that have one."""
KEYS = ["enter", "enter", "escape", "up", "down", "down", "tab", "space", "pageup", "pagedown",
        "f", "s", "l", "m", "u", "h", "j", "y", "n", "d", "question_mark", "f5", "f9",
        "1", "2", "3", "4", "5", "9", "ctrl+p", "ctrl+q", "ctrl+c", "home", "end"]
"""What the random bursts draw from: every key a screen binds, and then some."""


def burst(app: FaceApp, keys: Sequence[str]) -> None:
    """Post ``keys`` to the app in one go, as the driver posts what a terminal sends."""
    for key in keys:
        char = CHARS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, char))


def sane(app: FaceApp) -> list[Screen]:
    """The screen stack, checked: the title at the bottom, at most one play screen over it."""
    stack = list(app.screen_stack)
    assert app.is_running and app.return_code is None and app.crash is None
    assert isinstance(stack[0], TitleScreen), stack
    plays = [s for s in stack if isinstance(s, PlayScreen)]
    assert len(plays) <= 1 and (not plays or stack[1] is plays[0]), stack
    assert len(set(map(id, stack))) == len(stack)
    return stack


async def settle(pilot: Pilot) -> None:
    """Let every posted key and what it set off run."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()


async def quit_cleanly(app: FaceApp, pilot: Pilot) -> None:
    app.exit()
    await pilot.pause()
    assert app.return_code == 0 and app.crash is None


@pytest.mark.parametrize("keys", [
    ["f", "down", "enter", "enter", "enter", "enter"],
    ["s", "enter", "enter", "enter", "enter"],
    ["s", "down", "enter", "y", "y", "enter", "enter"],
    ["l", "enter", "enter", "y", "enter", "enter"],
    ["f", "escape", "escape", "f", "enter", "escape"],
    ["h", "escape", "escape", "escape", "j", "escape", "escape"],
    ["question_mark", "escape", "escape", "escape"],
    ["1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "enter", "enter", "enter"],
], ids=lambda keys: "-".join(keys))
async def test_a_burst_of_keys(app_factory: Callable[..., FaceApp], keys: list[str]) -> None:
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.save_to("quick")  # something to load
        burst(app, keys)
        await settle(pilot)
        sane(app)
        burst(app, keys)  # and again, from wherever the first burst left it
        await settle(pilot)
        sane(app)
        await quit_cleanly(app, pilot)


async def test_keys_before_the_play_screen_is_drawn(
        app_factory: Callable[..., FaceApp]) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        burst(app, ["enter", "f", "down", "enter", "enter", "s", "enter", "enter", "escape",
                    "enter", "enter", "enter"])
        await pilot.resize_terminal(40, 10)
        await settle(pilot)
        sane(app)
        await quit_cleanly(app, pilot)


def _random_bursts(seed: int, count: int) -> list[list[str]]:
    rng = random.Random(seed)
    bursts = []
    while count > 0:
        size = min(count, rng.randint(1, 25))
        bursts.append([rng.choice(KEYS) for _ in range(size)])
        count -= size
    return bursts


@pytest.mark.parametrize("seed", [1, 2])
async def test_random_bursts_with_resizes(app_factory: Callable[..., FaceApp], seed: int,
                                          hostile_cases: int | None) -> None:
    rng = random.Random(seed * 7919)
    app = app_factory()
    quits: list[object] = []
    leave = app.exit
    app.exit = lambda *args, **kwargs: quits.append(args)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        for keys in _random_bursts(seed, hostile_cases or 200):
            burst(app, keys)
            if rng.random() < 0.3:
                await pilot.resize_terminal(rng.randint(20, 140), rng.randint(6, 50))
            if rng.random() < 0.5:
                await pilot.pause()
            assert app.crash is None, f"seed {seed}: {app.crash!r}"
        await settle(pilot)
        sane(app)
        app.exit = leave  # type: ignore[method-assign]
        await quit_cleanly(app, pilot)


def test_every_screen_of_the_game_dismisses_once() -> None:
    """The guard is on every screen the game pushes, not only on those the tester found."""
    import importlib
    import inspect
    import pkgutil

    import game.tui.screens as screens
    from game.tui.commands import Palette
    from game.tui.screens.base import DismissOnce

    found = [Palette]
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        found += [cls for _name, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, Screen) and cls.__module__ == module.__name__]
    assert len(found) > 10
    assert [cls for cls in found if not issubclass(cls, DismissOnce)] == []


async def test_keys_queued_while_the_app_closes_are_dropped(
        app_factory: Callable[..., FaceApp]) -> None:
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        stack = app._screen_stack
        screens = list(stack)
        stack.clear()  # as at shutdown, with keys of a burst still queued
        try:
            await app.on_event(events.Key("enter", "\r"))
            await app.on_event(events.Key("f", "f"))
        finally:
            stack.extend(screens)
        sane(app)
        await quit_cleanly(app, pilot)


async def test_the_palette_asked_for_again_while_it_closes(
        app_factory: Callable[..., FaceApp]) -> None:
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(3):
            burst(app, ["ctrl+p", "escape", "ctrl+p", "escape", "escape", "ctrl+p", "down",
                        "pagedown", "pageup", "escape", "ctrl+p"])
            await pilot.resize_terminal(30, 8)
            await settle(pilot)
            sane(app)
        await pilot.resize_terminal(*SIZE)
        await quit_cleanly(app, pilot)
