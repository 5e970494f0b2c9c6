"""Story text and save summaries with terminal control sequences: the TUI draws them as
text, never as markup, and no control character reaches the screen."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from textual.content import Content

from game.story.loader import load_story
from game.tui.app import FaceApp
from game.tui.screens.play import PlayScreen
from game.tui.screens.saves import SaveScreen
from tests.hostile.test_input import hostile_story
from tests.tui import conftest as tui
from tests.tui.conftest import SIZE

# The TUI tests' fixtures: a fresh saves folder and the app factory (the starter story is the
# root conftest's).
saves, app_factory = tui.saves, tui.app_factory

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def drawn(app: FaceApp) -> str:
    """Every character the screen would draw now (Textual's own escape codes aside)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def test_textual_drops_every_control_character() -> None:
    # The net under the widgets: Textual (on its own) keeps ESC, C1 and bidi overrides.
    text = "a\x1b[2Jb\x1b]52;c;aGk=\x07c\x9b31md\u202ee\x00f\ud800g\tz\nw"
    assert Content(text).plain == "a[2Jb]52;c;aGk=c31mdefg\tz\nw"


async def test_control_sequences_in_a_story_are_drawn_as_text(
        tmp_path: Path, app_factory: Callable[..., FaceApp]) -> None:
    story = load_story(hostile_story(tmp_path))
    app = app_factory(story=story, start="play")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("space")  # the whole text at once
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        text = drawn(app)
        assert "The lab" in text and "Danger" in text and "owned" not in text
        assert not RAW.search(text), repr(RAW.search(text))
        await pilot.press("h")  # the history repeats the text
        await pilot.pause()
        assert not RAW.search(drawn(app))


async def test_markup_in_a_story_is_drawn_as_text(
        tmp_path: Path, app_factory: Callable[..., FaceApp]) -> None:
    folder = hostile_story(tmp_path)
    act1 = folder / "scenes" / "act1.yaml"
    act1.write_text(act1.read_text(encoding="utf-8").replace(
        "Danger", "[bold red]Danger[/] [link=http://x]here[/link] $text-error"),
        encoding="utf-8")
    app = app_factory(story=load_story(folder), start="play")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert "[bold red]Danger[/] [link=http://x]here[/link] $text-error" in drawn(app)


async def test_control_sequences_in_a_save_are_drawn_as_text(
        saves: Path, app_factory: Callable[..., FaceApp]) -> None:
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.save_to("1")
    path = next(saves.glob("*1.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    evil = "\x1b[2J\x1b]52;c;aGk=\x07\x9b31m\u202eevil"
    data["story_id"] = "other"  # another story's save is described by its own summary
    data["summary"] = {"scene_title": evil, "face": evil, "day": 2}
    path.write_text(json.dumps(data), encoding="utf-8")
    again = app_factory(start="play")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(again.screen, SaveScreen)
        text = drawn(again)
        assert "evil" in text and not RAW.search(text), repr(RAW.search(text))
        await pilot.press("enter")  # "save over it?" quotes the summary
        await pilot.pause()
        assert not RAW.search(drawn(again))


async def test_notifications_are_never_markup(
        saves: Path, app_factory: Callable[..., FaceApp]) -> None:
    # A save of "another story" whose id is broken markup: loading it says so, in a toast.
    app = app_factory(start="play")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.save_to("quick")
    path = next(saves.glob("quick*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["story_id"] = "other [/x] [bold]"
    path.write_text(json.dumps(data), encoding="utf-8")
    again = app_factory(start="play")
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        again.screen.notify("a [/y] b [link=x]c[/link] $text")  # a screen's own, too
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert again.crash is None and again.is_running
        text = drawn(again)
        assert "other [/x] [bold]" in text
        assert "a [/y] b [link=x]c[/link] $text" in text
