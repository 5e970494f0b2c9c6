"""The reading layout: a centred column of text with the choices under it, the sign of more
text below, the face in the top bar at every width, the title menu on short terminals, and
choices never clipped (also after a change of language)."""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList, Static

from game.engine import Choose
from game.story.runtime import Story
from game.tui.app import FaceApp
from game.tui.art import face_art
from game.tui.screens.play import PlayScreen
from game.tui.screens.settings import SettingsScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.choices import ChoiceList
from game.tui.widgets.column import ReadingColumn
from game.tui.widgets.scene import ScenePane
from tests.tui.conftest import SIZE, wait_for, write_save

# The bundled story, from its start to its second act's first scene, whose choices have long
# labels that wrap at 80 columns.
TO_LONG_LABELS = [Choose(choice=c) for c in ("go_home", "not_at_all", "go_in", "to_k",
                                             "buy_finger", "friend", "to_workshop")]
# The bundled story, to an ending whose text gives the hero a face that is none of its faces
# (the scene names its own drawing).
TO_A_MADE_FACE = [Choose(choice=c) for c in ("go_home", "not_at_all", "go_in", "to_k",
                                             "accept", "go_through")]
BIG = (160, 50)


def play(app: FaceApp) -> PlayScreen:
    assert isinstance(app.screen, PlayScreen), app.screen
    return app.screen


def shown(widget: Widget) -> str:
    """The text the widget draws now, line by line (borders included)."""
    width, height = widget.outer_size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def visible(widget: Widget, size: tuple[int, int]) -> bool:
    region = widget.region
    return (widget.display and region.width > 0 and region.height > 0
            and region.right <= size[0] and region.bottom <= size[1])


def labels_fit(choices: ChoiceList) -> bool:
    """Every line of every choice is inside the list's box: nothing to scroll to."""
    return (choices.max_scroll_y == 0
            and choices.virtual_size.height <= choices.scrollable_content_region.height)


def sign(app: FaceApp) -> Static:
    return play(app).query_one("#more-sign", Static)


async def test_a_centred_column_with_the_choices_under_the_text(
        app_factory: Callable[..., FaceApp]):
    app = app_factory(start="play")
    async with app.run_test(size=BIG) as pilot:
        screen = play(app)
        scene, choices = screen.query_one(ScenePane), screen.query_one(ChoiceList)
        column = screen.query_one(ReadingColumn)
        await wait_for(pilot, lambda: choices.region.height > 2, what="the choices")
        assert scene.region.width <= 80 and choices.region.width == scene.region.width
        left = scene.region.x - column.region.x
        right = column.region.right - scene.region.right
        assert abs(left - right) <= 1  # centred in the room the side panel leaves
        assert choices.region.y == scene.region.bottom  # right under the text
        assert choices.region.bottom < column.region.bottom - 5  # not at the screen's foot
        assert not sign(app).display  # all the text is in sight
        assert visible(screen.query_one("#side"), BIG)
        assert screen.query_one("#side").region.x >= column.region.right


async def test_a_sign_says_there_is_more_text_below(app_factory: Callable[..., FaceApp],
                                                    bundled: Story):
    app = app_factory(story=bundled, start="play", opening=TO_LONG_LABELS)
    async with app.run_test(size=SIZE) as pilot:
        screen = play(app)
        scene = screen.query_one(ScenePane)
        await wait_for(pilot, lambda: sign(app).display, what="the more-text sign")
        assert scene.max_scroll_y > 0 and visible(sign(app), SIZE)
        assert "more below" in shown(sign(app)) and "pgdn" in shown(sign(app))
        assert sign(app).region.y == scene.region.bottom  # between the text and the choices
        while scene.scroll_y < scene.max_scroll_y:
            await pilot.press("pagedown")
            await pilot.pause()
        await wait_for(pilot, lambda: "pgup" in shown(sign(app)), what="the end of the text")
        assert "more below" not in shown(sign(app))
        await pilot.press("pageup")
        await wait_for(pilot, lambda: "more below" in shown(sign(app)), what="more below")


async def test_the_face_is_in_the_top_bar_on_a_narrow_screen(
        app_factory: Callable[..., FaceApp]):
    size = (50, 20)
    app = app_factory(start="play")
    async with app.run_test(size=size) as pilot:
        screen = play(app)
        await wait_for(pilot, lambda: not screen.query_one("#side").display, what="narrow")
        face = screen.query_one("#topbar-face", Static)
        assert visible(face, size) and face.region.y == 0
        assert shown(face).strip() == "Face: Bandaged"
        place = shown(screen.query_one("#topbar", Static))
        assert "The lab accident" in place and "FACE OF" not in place  # the place, whole
        await pilot.press("f", "down", "enter")  # another face
        await wait_for(pilot, lambda: app.session is not None
                       and app.session.view.face.id != "bandaged", what="the face change")
        await wait_for(pilot, lambda: "Bandaged" not in shown(face), what="the new face")
        assert app.session is not None
        assert shown(face).strip() == f"Face: {app.session.view.face.label}"


async def test_the_title_menu_is_whole_on_a_short_terminal(
        app_factory: Callable[..., FaceApp], starter: Story, saves):
    size = (80, 18)
    write_save(starter, saves, "1", "go_home")  # Continue and Load too: seven entries
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        assert isinstance(app.screen, TitleScreen)
        menu = app.screen.query_one("#menu", OptionList)
        await wait_for(pilot, lambda: menu.region.height > 2, what="the menu")
        assert menu.option_count == 7
        assert visible(menu, (size[0], size[1] - 1))  # above the footer
        assert menu.region.height == menu.option_count + 2  # every entry, and its border
        for _ in range(menu.option_count - 1):
            await pilot.press("down")
        await pilot.pause()
        assert menu.highlighted == menu.option_count - 1
        assert "Quit" in shown(menu)
        assert app.screen.query_one("#title-name").display  # the name still fits
        assert not app.screen.query_one("#title-art").display


async def test_long_choices_are_not_clipped_at_80x24(app_factory: Callable[..., FaceApp],
                                                     bundled: Story):
    app = app_factory(story=bundled, start="play", opening=TO_LONG_LABELS)
    async with app.run_test(size=SIZE) as pilot:
        choices = play(app).query_one(ChoiceList)
        await wait_for(pilot, lambda: choices.region.height > 2, what="the choices")
        assert choices.option_count >= 4
        assert labels_fit(choices)
        text = shown(choices)
        last = choices.get_option_at_index(3).prompt
        assert str(getattr(last, "plain", last)).split()[-1] in text.split("4.", 1)[1]
        assert visible(choices, (SIZE[0], SIZE[1] - 1))


async def test_choices_fit_after_a_change_of_language(app_factory: Callable[..., FaceApp],
                                                      bundled: Story):
    app = app_factory(story=bundled, start="play", opening=TO_LONG_LABELS)
    async with app.run_test(size=SIZE) as pilot:
        choices = play(app).query_one(ChoiceList)
        await wait_for(pilot, lambda: choices.region.height > 2, what="the choices")
        app.action_settings()
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), what="settings")
        await pilot.press("right")  # Language: English -> Русский
        await wait_for(pilot, lambda: app.language == "ru", what="Russian")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen), what="the game")
        await wait_for(pilot, lambda: labels_fit(choices), what="the choices to fit")
        for _ in range(3):  # and it stays so
            await pilot.pause()
        assert labels_fit(choices)
        assert visible(choices, (SIZE[0], SIZE[1] - 1))


async def test_the_face_panel_draws_the_scene_s_drawing(app_factory: Callable[..., FaceApp],
                                                       bundled: Story):
    app = app_factory(story=bundled, start="play", opening=TO_A_MADE_FACE)
    async with app.run_test(size=SIZE) as pilot:
        screen = play(app)
        art = screen.query_one("#face-art", Static)
        await wait_for(pilot, lambda: app.session is not None and app.session.view.is_ending,
                       what="the ending")
        scene = bundled.scenes[app.session.view.scene]
        assert scene.art and scene.art != bundled.faces[app.session.view.face.id].art
        await wait_for(pilot, lambda: art.has_class(f"art-{scene.art}"), what="the drawing")
        drawn = [line.strip() for line in shown(art).splitlines()]
        assert drawn[:7] == [line.strip() for line in face_art(scene.art).splitlines()]
