"""Settings: language, theme and text reveal, applied at once and kept in the profile."""

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

from game.i18n import N_, _
from game.profile import REVEALS, THEMES
from game.session.language import language_name
from game.story.i18n import LANGUAGES
from game.tui.screens.base import DismissOnce, LocalizedBindings
from game.tui.themes import LABELS, REVEAL_LABELS
from game.tui.widgets.options import Options

if TYPE_CHECKING:
    from game.tui.app import FaceApp


LABEL_WIDTH = 12
"""Columns of a setting's name with the spaces after it; a longer (translated) name widens
the column, keeping two spaces."""


def _next(values: tuple[str, ...], current: str, step: int) -> str:
    if current not in values:  # a language of the story's own (play --lang de): go to the first
        return values[0]
    return values[(values.index(current) + step) % len(values)]


class SettingsScreen(DismissOnce, LocalizedBindings, ModalScreen[None]):
    """Enter (or right / left) changes the highlighted setting."""

    AUTO_FOCUS = "#settings-list"
    BINDINGS = [
        Binding("escape", "close", N_("Back"), id="settings.close",
                tooltip=N_("Close the settings")),
        Binding("right", "cycle(1)", N_("Next"), id="settings.next",
                tooltip=N_("The next value of this setting")),
        Binding("left", "cycle(-1)", N_("Previous"), id="settings.previous",
                tooltip=N_("The previous value of this setting")),
    ]

    def __init__(self, setting: str = "") -> None:
        """The settings, the cursor on ``setting`` (``theme``, ``language``...) if given."""
        super().__init__()
        self.setting = setting

    def on_mount(self) -> None:
        if self.setting:
            options = self.query_one(OptionList)
            for index in range(options.option_count):
                if options.get_option_at_index(index).id == self.setting:
                    options.highlighted = index

    @property
    def face_app(self) -> FaceApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="settings", classes="dialog") as box:
            box.border_title = _("Settings")
            yield Options(*self._options(), id="settings-list", markup=False)
            # TRANSLATORS: the hint under the settings; Enter, ← → and Esc are keys.
            yield Static(_("Enter, ← or → to change · Esc to go back"), id="settings-hint",
                         markup=False)
        yield Footer(compact=True)

    def _options(self) -> list[Option]:
        s = self.face_app.profile.settings
        # TRANSLATORS: a setting's name, in a column before its value (the languages are
        # always named in their own language: English, Русский, Português).
        language = _("Language")
        # TRANSLATORS: a setting's name, in a column before its value.
        theme = _("Theme")
        # TRANSLATORS: a setting's name (how story text appears), in a column before its value.
        text = _("Text")
        width = max(LABEL_WIDTH, *(len(name) + 2 for name in (language, theme, text)))
        return [
            Option(Content.assemble((language.ljust(width), "bold"),
                                    f"‹ {language_name(self.face_app.language)} ›"), id="language"),
            Option(Content.assemble((theme.ljust(width), "bold"),
                                    f"‹ {_(LABELS[s.theme])} ›"), id="theme"),
            Option(Content.assemble((text.ljust(width), "bold"),
                                    f"‹ {_(REVEAL_LABELS[s.reveal])} ›"), id="reveal"),
            # TRANSLATORS: the last line of the settings: closes them.
            Option(Content.assemble((_("Back"), "bold")), id="back"),
        ]

    async def relanguage(self) -> None:
        """Draw the settings again in the current language, on the same line."""
        index = self.query_one(OptionList).highlighted
        await self.recompose()
        options = self.query_one(OptionList)
        options.highlighted = index
        self.set_focus(options)

    async def _change(self, option_id: str | None, step: int) -> None:
        if self.leaving:  # a key of a burst, after the settings were closed
            return
        s = self.face_app.profile.settings
        if option_id == "language":
            s.language = _next(tuple(LANGUAGES), self.face_app.language, step)
            self.face_app.save_profile()
            await self.face_app.switch_language(s.language)
            return
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
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        await self._change(event.option.id, 1)

    async def action_cycle(self, step: int) -> None:
        menu = next(iter(self.query(OptionList).results(OptionList)), None)
        option = menu.highlighted_option if menu is not None else None
        if option is not None and option.id != "back":
            await self._change(option.id, step)

    def action_close(self) -> None:
        self.dismiss(None)
