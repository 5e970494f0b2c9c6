"""Settings: theme and text reveal, applied at once and kept in the profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.profile import REVEALS, THEMES
from game.tui.themes import LABELS, REVEAL_LABELS

if TYPE_CHECKING:
    from game.tui.app import FaceApp


def _next(values: tuple[str, ...], current: str, step: int) -> str:
    return values[(values.index(current) + step) % len(values)]


class SettingsScreen(ModalScreen[None]):
    """Enter (or right / left) changes the highlighted setting."""

    AUTO_FOCUS = "#settings-list"
    BINDINGS = [
        Binding("escape", "close", "Back", id="settings.close", tooltip="Close the settings"),
        Binding("right", "cycle(1)", "Next", id="settings.next",
                tooltip="The next value of this setting"),
        Binding("left", "cycle(-1)", "Previous", id="settings.previous",
                tooltip="The previous value of this setting"),
    ]

    @property
    def face_app(self) -> FaceApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="settings", classes="dialog") as box:
            box.border_title = "Settings"
            yield OptionList(*self._options(), id="settings-list", markup=False)
            yield Static("Enter, ← or → to change · Esc to go back", id="settings-hint",
                         markup=False)
        yield Footer(compact=True)

    def _options(self) -> list[Option]:
        s = self.face_app.profile.settings
        return [
            Option(Content.assemble(("Theme       ", "bold"), f"‹ {LABELS[s.theme]} ›"),
                   id="theme"),
            Option(Content.assemble(("Text        ", "bold"), f"‹ {REVEAL_LABELS[s.reveal]} ›"),
                   id="reveal"),
            Option(Content.assemble(("Back", "bold")), id="back"),
        ]

    def _change(self, option_id: str | None, step: int) -> None:
        s = self.face_app.profile.settings
        if option_id == "theme":
            s.theme = _next(THEMES, s.theme, step)  # type: ignore[assignment]
        elif option_id == "reveal":
            s.reveal = _next(REVEALS, s.reveal, step)  # type: ignore[assignment]
        elif option_id == "back":
            self.dismiss(None)
            return
        else:
            return
        self.face_app.apply_settings()
        self.face_app.save_profile()
        options = self.query_one(OptionList)
        index = options.highlighted
        options.set_options(self._options())
        options.highlighted = index

    @on(OptionList.OptionSelected, "#settings-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self._change(event.option.id, 1)

    def action_cycle(self, step: int) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id != "back":
            self._change(option.id, step)

    def action_close(self) -> None:
        self.dismiss(None)
