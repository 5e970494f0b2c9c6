"""A monkey at the keyboard: thousands of seeded random keys, with resizes now and then,
through the whole app (title, play, dialogs, pages, settings), typed at a player's speeds and
faster. Nothing may raise, and the app must still run at the end (a quit it asked for is
noted, not done, so the monkey can go on) and then quit cleanly.

The play screen's clock is a stand-in that the monkey moves on by a random time per key, so
that number keys sometimes come too soon after the choices change and sometimes do not.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events

from game.profile import Profile
from game.tui.app import FaceApp
from tests.tui.conftest import SIZE

KEYS = [*"abcdefghijklmnopqrstuvwxyz", *"123456789", *"1234", "enter", "enter", "enter",
        "escape", "escape", "up", "down", "down", "left", "right", "tab", "space", "home",
        "end", "pageup", "pagedown", "f5", "f9", "question_mark", "ctrl+p", "ctrl+q",
        "delete", "backspace"]
"""What the monkey presses: letters (every screen's keys among them), digits, and the
named keys; Enter, Escape, Down and the low digits more often, to get somewhere."""


CHARS = {"enter": "\r", "escape": "\x1b", "space": " ", "tab": "\t", "question_mark": "?",
         "backspace": "\x7f"}
"""The character of the named keys that have one."""


class Clock:
    """The play screen's ``time``, moved on by the monkey."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


async def monkey(app: FaceApp, seed: int, count: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """Press ``count`` random keys (seeded) with resizes now and then; returns how many quits
    the app asked for."""
    clock = Clock()
    monkeypatch.setattr("game.tui.screens.play.time", clock)
    rng = random.Random(seed)
    quits: list[object] = []
    leave = app.exit
    app.exit = lambda *args, **kwargs: quits.append(args)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        for n in range(count):
            key = rng.choice(KEYS)
            clock.now += rng.choice((0.0, 0.05, 0.2, 0.5, 1.0))
            # Posted as the terminal driver posts it; now and then a few at once, as a burst.
            app.post_message(events.Key(key, CHARS.get(key, key if len(key) == 1 else None)))
            if rng.random() < 0.3:
                await pilot.pause(0.005)  # the app catches up
            else:
                await asyncio.sleep(0)  # or only starts on the key: the next may overtake
            if rng.random() < 0.006:
                await pilot.resize_terminal(rng.randint(20, 160), rng.randint(6, 60))
            assert app.crash is None and app._exception is None, \
                f"seed {seed}, key {n} ({key!r}): {app.crash or app._exception!r}"
            assert app.is_running, f"seed {seed}, key {n} ({key!r})"
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.crash is None and app.is_running
        app.exit = leave  # type: ignore[method-assign]
        app.exit()
        await pilot.pause()
    assert app.return_code == 0 and app.crash is None
    return len(quits)


def _app(app_factory: Callable[..., FaceApp], saves: Path, reveal: str) -> FaceApp:
    profile = Profile.load(saves)
    profile.settings.reveal = reveal  # type: ignore[assignment]
    profile.save()
    return app_factory(settle_seconds=0.4)


async def test_a_few_hundred_random_keys(app_factory: Callable[..., FaceApp], saves: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    app = _app(app_factory, saves, "fast")
    await monkey(app, 11, 250, monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
async def test_thousands_of_random_keys(app_factory: Callable[..., FaceApp], saves: Path,
                                        monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    app = _app(app_factory, saves, ("instant", "slow")[seed % 2])
    await monkey(app, seed, 900, monkeypatch)
