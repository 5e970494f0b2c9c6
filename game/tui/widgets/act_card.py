"""The card that opens an act: its number and title over the play screen, for a moment.

It takes no focus and no keys, so play goes on under it: it fades by itself, and the play
screen takes it away at the next move or when the player skips (Space)."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from game.i18n import _
from game.text import clean, roman


def card_text(act: int, title: str) -> Content:
    """The card's text: the act's number, and its title if the story gives one."""
    # TRANSLATORS: the card that opens an act; {number} is in Roman numerals.
    parts: list[str | tuple[str, str]] = [(_("Act {number}").format(number=roman(act)).upper(),
                                           "bold $accent")]
    if title:
        parts.extend(["\n\n", (clean(title), "bold $foreground")])
    return Content.assemble(*parts)


class ActCard(Static):
    """A card over the middle of the screen, gone after ``seconds`` (or when clicked); the
    screen stays in sight around it."""

    DEFAULT_CSS = """
    ActCard {
        overlay: screen;
        position: absolute;
        width: auto;
        min-width: 30;
        max-width: 60;
        height: auto;
        padding: 1 4;
        border: double $accent;
        background: $surface;
        text-align: center;
        visibility: hidden;
    }
    """

    def __init__(self, act: int, title: str, seconds: float) -> None:
        super().__init__(card_text(act, title), id="act-card", markup=False)
        self.act = act
        self.act_title = title
        self.seconds = seconds
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        self._timer = self.set_timer(self.seconds, self.close)
        self.call_after_refresh(self.center)

    def on_resize(self) -> None:
        self.center()

    def center(self) -> None:
        """Put the card in the middle of the screen (once its size is known), and show it."""
        if not self.is_attached:
            return
        screen, card = self.screen.size, self.outer_size
        self.styles.offset = (max((screen.width - card.width) // 2, 0),
                              max((screen.height - card.height) // 2, 0))
        self.styles.visibility = "visible"

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.close()

    def close(self) -> None:
        """Take the card away (once)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.is_attached:
            self.remove()
