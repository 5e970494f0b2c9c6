"""The save and load screens: the slot list, with overwrite and delete asked first.

Each slot shows the scene, the face, the day, the time played and when it was saved. A file
that cannot be read is listed as damaged, with the reason, and is never loaded or written over
without the player saying so. The screens only list and delete files; saving and loading go
through the app (and so through the session's playthrough).
"""

from __future__ import annotations

import textwrap
from datetime import datetime, tzinfo

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.saves.store import NAMED, SaveStore, SlotInfo, label
from game.tui.screens.dialogs import Confirm

INDENT = 12
"""Columns before a slot's details, so they line up under its scene title."""
PAGE_WIDTH = 92
"""The page's widest (as ``.page`` in app.tcss)."""
FRAME = 7
"""Columns of the page around an option's text: borders, paddings, the scrollbar."""


def played(seconds: float) -> str:
    """Play time as the slot list shows it: ``12 min``, ``1 h 05 min``."""
    minutes = int(seconds // 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def saved_when(when: datetime, tz: tzinfo | None = None) -> str:
    """The save's date and time in the player's time zone (or ``tz``)."""
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def slot_name(slot: str) -> str:
    """``Slot 3``, ``Quicksave``, ``Autosave 1``."""
    name = label(slot)
    return name[0].upper() + name[1:]


def _hanging(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` columns, each line indented under the scene title."""
    lines = textwrap.wrap(text, max(width - INDENT, 16)) or [""]
    return ("\n" + " " * INDENT).join(lines)


def slot_prompt(slot: str, info: SlotInfo | None, story_id: str,
                tz: tzinfo | None = None, width: int = 72) -> Content:
    """One slot of the list: its name and scene, then the details on a second line.

    ``width`` is the columns the text has: longer lines wrap, indented under the title.
    """
    head = (slot_name(slot).ljust(INDENT), "bold")
    if info is None:
        return Content.assemble(head, ("empty", "dim italic"))
    if info.save is None:
        return Content.assemble(head, ("damaged", "bold $text-error"), "\n",
                                " " * INDENT, (_hanging(info.error or "", width), "italic"))
    save = info.save
    s = save.summary
    details = [s.face]
    if s.day is not None:
        details.append(f"day {s.day}")
    details.extend([f"{played(save.play_time)} played", saved_when(save.saved_at, tz)])
    other = f"a save of another story ('{save.story_id}')" if save.story_id != story_id else ""
    return Content.assemble(head, _hanging(s.scene_title, width), "\n", " " * INDENT,
                            (_hanging(" · ".join(details), width), "dim"),
                            *(["\n", " " * INDENT, (_hanging(other, width), "italic")]
                              if other else []))


class SlotsScreen(ModalScreen[str | None]):
    """A list of slots over the screen below; dismisses with the slot chosen, or None."""

    AUTO_FOCUS = "#slot-list"
    BINDINGS = [
        Binding("escape", "close", "Back", id="saves.close", tooltip="Go back"),
        Binding("d,delete", "delete", "Delete", id="saves.delete",
                tooltip="Delete the highlighted save (asks first)"),
    ]
    TITLE_TEXT = ""
    HINT = ""

    def __init__(self, store: SaveStore, story_id: str, tz: tzinfo | None = None) -> None:
        super().__init__()
        self.store = store
        """The saves folder listed."""
        self.story_id = story_id
        """The story being played: saves of another story are marked."""
        self.tz = tz
        """The time zone dates are shown in (None: the player's own)."""
        self.infos: dict[str, SlotInfo] = {}
        self._width = 0

    def slots_listed(self) -> list[str]:
        """The slots this screen lists (after :attr:`infos` is read)."""
        return list(self.infos)

    def _text_width(self) -> int:
        """The columns an option's text has (estimated before the list is laid out)."""
        for options in self.query("#slot-list").results(OptionList):
            if options.size.width:
                return options.scrollable_content_region.width - 1
        return min(self.app.size.width, PAGE_WIDTH) - FRAME

    def _options(self, read: bool = True) -> list[Option]:
        if read:
            self.infos = {info.slot: info for info in self.store.slots()}
        self._width = self._text_width()
        return [Option(slot_prompt(slot, self.infos.get(slot), self.story_id, self.tz,
                                   self._width), id=slot)
                for slot in self.slots_listed()]

    def compose(self) -> ComposeResult:
        options = self._options()
        with Vertical(id="slots", classes="page") as frame:
            frame.border_title = self.TITLE_TEXT
            yield Static(self.HINT, id="slots-hint", markup=False)
            yield OptionList(*options, id="slot-list", markup=False)
            empty = Static("There are no saves yet.", id="slots-empty", markup=False)
            empty.display = not options
            yield empty
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._rewrap)

    def _rewrap(self) -> None:
        if self._text_width() != self._width:
            self.refresh_slots(read=False)

    def refresh_slots(self, read: bool = True) -> None:
        """Read the folder again (after a delete), keeping the highlight where it was."""
        options = self.query_one("#slot-list", OptionList)
        index = options.highlighted
        new = self._options(read)
        options.set_options(new)
        if new:
            options.highlighted = min(index or 0, len(new) - 1)
        self.query_one("#slots-empty").display = not new
        self.refresh_bindings()

    @property
    def highlighted(self) -> str | None:
        """The slot under the cursor."""
        option = self.query_one("#slot-list", OptionList).highlighted_option
        return option.id if option is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return None if self.highlighted not in self.infos else True
        return True

    @on(OptionList.OptionHighlighted, "#slot-list")
    def _moved(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#slot-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.choose(event.option.id, self.infos.get(event.option.id))

    def choose(self, slot: str, info: SlotInfo | None) -> None:
        """The player chose ``slot`` (Enter)."""

    def action_delete(self) -> None:
        """Delete the highlighted save, once the player confirms."""
        slot = self.highlighted
        info = self.infos.get(slot or "")
        if slot is None or info is None:
            return
        if info.save is None:
            detail = f"The file is damaged ({info.error}). Deleting it cannot be undone."
        else:
            s = info.save.summary
            detail = f"{s.scene_title}, saved {saved_when(info.save.saved_at, self.tz)}. " \
                     "Deleting it cannot be undone."

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            self.store.delete(slot)
            self.refresh_slots()
            self.notify(f"Deleted {label(slot)}.")

        self.app.push_screen(Confirm(f"Delete {label(slot)}?", detail, yes="Delete (y)",
                                     no="Keep it (n)"), delete)

    def action_close(self) -> None:
        self.dismiss(None)


class SaveScreen(SlotsScreen):
    """Save to one of the slots 1 to 9; a used or damaged slot is written over only if the
    player confirms."""

    TITLE_TEXT = "Save"
    HINT = "Choose a slot to save to."

    def slots_listed(self) -> list[str]:
        return list(NAMED)

    def choose(self, slot: str, info: SlotInfo | None) -> None:
        if info is None:
            self.dismiss(slot)
            return
        if info.save is None:
            question = f"Replace the damaged file in {label(slot)}?"
            detail = f"It could not be read ({info.error}). Saving here replaces it."
        else:
            s = info.save.summary
            question = f"Save over {label(slot)}?"
            detail = f"It holds {s.scene_title}, saved {saved_when(info.save.saved_at, self.tz)}."

        def overwrite(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(slot)

        self.app.push_screen(Confirm(question, detail, yes="Save over it (y)",
                                     no="Keep it (n)"), overwrite)


class LoadScreen(SlotsScreen):
    """Load any saved slot: named, quicksave, autosaves. A damaged file is listed, not loaded."""

    TITLE_TEXT = "Load"
    HINT = "Choose a save to load. Autosaves are made at each new scene."

    def __init__(self, store: SaveStore, story_id: str, tz: tzinfo | None = None,
                 ask_first: bool = False) -> None:
        super().__init__(store, story_id, tz)
        self.ask_first = ask_first
        """The game on screen has unsaved progress: confirm before loading over it."""

    def choose(self, slot: str, info: SlotInfo | None) -> None:
        if info is None:
            return
        if info.save is None:
            self.notify(f"{slot_name(slot)} is damaged and cannot be loaded: {info.error}. "
                        "The file is left as it is.", title="Not loaded", severity="error",
                        timeout=10)
            return
        if info.save.story_id != self.story_id:
            self.notify(f"{slot_name(slot)} is a save of another story "
                        f"('{info.save.story_id}').", title="Not loaded", severity="error")
            return
        if not self.ask_first:
            self.dismiss(slot)
            return

        def load(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(slot)

        self.app.push_screen(Confirm(f"Load {label(slot)}?",
                                     "Your progress since the last save will be lost.",
                                     yes="Load (y)", no="Keep playing (n)"), load)
