"""The reading column of the play screen: the story text, a sign when it goes on below the
fold, and the choices right under the text.

The text pane is as tall as its text, up to the room the choices leave; past that it scrolls,
and the sign under it says so and names the key that scrolls it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from game.i18n import N_, _

PAGE_DOWN = "scene.page-down"
PAGE_UP = "scene.page-up"
"""The ids of the bindings that scroll the story text (their keys are named in the sign)."""
# TRANSLATORS: under the story text when it goes on below the screen's edge; {key} is the
# key that scrolls it down (PgDn, unless the player remapped it).
MORE_BELOW = N_("more below ↓ {key}")
# TRANSLATORS: under the story text scrolled to its end; {key} is the key that scrolls it up
# again (PgUp, unless the player remapped it).
BACK_UP = N_("↑ {key} back up")


class ReadingColumn(Vertical):
    """A column of the story pane (``#scene``), the more-text sign and the choices
    (``#choices``), given at construction; the pane gets the height the choices leave."""

    def __init__(self, scene: Widget, choices: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scene = scene
        self.choices = choices
        self.sign = Static("", id="more-sign", markup=False)
        self.sign.display = False
        self._window = 0
        """The height the text pane was given (see :meth:`fit`)."""

    def compose(self) -> ComposeResult:
        yield self.scene
        yield self.sign
        yield self.choices

    def on_mount(self) -> None:
        self.watch(self.scene, "virtual_size", self._changed, init=False)
        self.watch(self.choices, "virtual_size", self._changed, init=False)
        self.watch(self.scene, "scroll_y", self._scrolled, init=False)

    def on_resize(self) -> None:
        self.fit()
        self.call_after_refresh(self.fit)  # the choices may have a new height too

    def _changed(self, _size: Size) -> None:
        self.call_after_refresh(self.fit)

    def _scrolled(self, _y: float) -> None:
        self._label()

    def fit(self) -> None:
        """Give the text pane the room the choices leave (one row less for the sign when the
        text does not fit)."""
        room = self.content_size.height - self.choices.outer_size.height
        if room <= 0:
            return
        overflow = self.scene.virtual_size.height > room
        self.sign.display = overflow
        self._window = max(1, room - overflow)
        self.scene.styles.max_height = self._window
        self._label()

    def _key(self, binding_id: str) -> str:
        for active in self.screen.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return ""

    def _label(self) -> None:
        if not self.sign.display:
            return
        scene = self.scene
        below = scene.scroll_y + self._window < scene.virtual_size.height
        key = self._key(PAGE_DOWN if below else PAGE_UP)
        self.sign.update(_(MORE_BELOW if below else BACK_UP).format(key=key))
        self.sign.set_class(not below, "-end")
