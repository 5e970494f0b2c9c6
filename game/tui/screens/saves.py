"""The save and load screens: the slot list, with overwrite and delete asked first.

Each slot shows the name the player gave it (or the scene), the face, the day, the time
played and when it was saved; beside the list, when there is room, the drawing of the face
worn in the highlighted save. The newest autosave comes first in the load list. A file that
cannot be read is listed as damaged, with the reason, and is never loaded or written over
without the player saying so. The screens only list and delete files; saving and loading go
through the app (and so through the session's playthrough).
"""

from __future__ import annotations

import textwrap
from datetime import datetime, tzinfo

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import N_, _, pgettext
from game.saves.model import MAX_NAME
from game.saves.store import AUTOS, NAMED, SLOTS, SaveStore, SlotInfo, label
from game.story.runtime import Story
from game.text import clean, sentence
from game.tui.art import WIDTH as ART_WIDTH
from game.tui.art import face_art
from game.tui.screens.base import DismissOnce, LocalizedBindings
from game.tui.screens.dialogs import Confirm, ConfirmLoad
from game.tui.widgets.options import Options

INDENT = 12
"""Columns before a slot's details, so they line up under its scene title (at least: see
:func:`indent`)."""
PAGE_WIDTH = 92
"""The page's widest (as ``.page`` in app.tcss)."""
FRAME = 7
"""Columns of the page around an option's text: borders, paddings, the scrollbar."""
ART_COLUMNS = ART_WIDTH + 2
"""Columns of the face's drawing beside the list, with its padding."""
ART_ROOM = 90
"""The narrowest screen that shows the drawing beside the list (narrower: the face is
named in the slot's details only)."""


def played(seconds: float) -> str:
    """Play time as the slot list shows it: ``12 min``, ``1 h 05 min``."""
    minutes = int(seconds // 60)
    if minutes < 1:
        # TRANSLATORS: a play time in the save list, followed by "played" ("{time} played").
        return _("under a minute")
    if minutes < 60:
        # TRANSLATORS: a play time in the save list ("12 min"), abbreviated.
        return _("{minutes} min").format(minutes=minutes)
    # TRANSLATORS: a play time in the save list ("1 h 05 min"), abbreviated; {minutes} has
    # two digits.
    return _("{hours} h {minutes} min").format(hours=minutes // 60,
                                               minutes=f"{minutes % 60:02d}")


def saved_when(when: datetime, tz: tzinfo | None = None) -> str:
    """The save's date and time in the player's time zone (or ``tz``)."""
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def slot_name(slot: str) -> str:
    """``Slot 3``, ``Quicksave``, ``Autosave 1``."""
    name = label(slot)
    return name[0].upper() + name[1:]


def indent() -> int:
    """Columns before a slot's details: :data:`INDENT`, or more if a slot's name (in the
    player's language) needs it."""
    return max(INDENT, *(cell_len(slot_name(slot)) + 2 for slot in SLOTS))


def _hanging(text: str, width: int, columns: int = INDENT) -> str:
    """``text`` wrapped to ``width`` columns, each line indented ``columns`` (under the scene
    title), without control sequences (it comes from a save file)."""
    lines = textwrap.wrap(clean(text), max(width - columns, 16)) or [""]
    return ("\n" + " " * columns).join(lines)


def slot_prompt(slot: str, info: SlotInfo | None, story_id: str,
                tz: tzinfo | None = None, width: int = 72, story: Story | None = None
                ) -> Content:
    """One slot of the list: its name and scene, then the details on a second line.

    ``width`` is the columns the text has: longer lines wrap, indented under the title.
    """
    columns = indent()
    name = slot_name(slot)
    head = (name + " " * (columns - cell_len(name)), "bold")
    margin = " " * columns
    if info is None:
        # TRANSLATORS: a save slot with nothing in it, in the save list.
        return Content.assemble(head, (_("empty"), "italic"))
    if info.save is None:
        # TRANSLATORS: a save slot whose file cannot be read, in the save list.
        return Content.assemble(head, (_("damaged"), "bold $text-error"), "\n",
                                margin, (_hanging(info.error or "", width, columns), "italic"))
    save = info.save
    s = save.summary_in(story) if story is not None else save.summary
    title = s.name or s.scene_title
    details = [s.scene_title] if title != s.scene_title else []
    details.append(s.face)
    if s.day is not None:
        # TRANSLATORS: the story's day a save was made on, in the save list.
        details.append(_("day {day}").format(day=s.day))
    # TRANSLATORS: how long a save was played, in the save list; {time} is as "1 h 05 min".
    details.extend([_("{time} played").format(time=played(save.play_time)),
                    saved_when(save.saved_at, tz)])
    other = ""
    if save.story_id != story_id:
        # TRANSLATORS: a save made with another story; {story} is that story's id.
        other = _("a save of another story ('{story}')").format(story=save.story_id)
    return Content.assemble(head, _hanging(title, width, columns), "\n", margin,
                            _hanging(" · ".join(details), width, columns),
                            *(("\n", margin, (_hanging(other, width, columns), "italic"))
                              if other else ()))


def slot_art(info: SlotInfo | None, story: Story | None = None) -> str:
    """The drawing of the face worn in a slot's save ("": an empty or damaged slot, or a save
    that names no drawing)."""
    if info is None or info.save is None:
        return ""
    summary = info.save.summary_in(story) if story is not None else info.save.summary
    return face_art(summary.art) if summary.art else ""


def newest_autosave_first(slots: list[str], infos: dict[str, SlotInfo]) -> list[str]:
    """``slots`` with the most recent readable autosave moved to the front, and the other
    autosaves newest first."""
    def when(slot: str) -> float:
        save = infos[slot].save if slot in infos else None
        return save.saved_at.timestamp() if save is not None else float("-inf")

    autos = sorted((slot for slot in slots if slot in AUTOS), key=when, reverse=True)
    if not autos or when(autos[0]) == float("-inf"):
        return slots
    rest = [slot for slot in slots if slot not in AUTOS]
    return [autos[0], *rest, *autos[1:]]


class SlotsScreen(DismissOnce, LocalizedBindings, ModalScreen[str | None]):
    """A list of slots over the screen below; dismisses with the slot chosen, or None."""

    DEFAULT_CSS = f"""
    SlotsScreen #slots-body {{ height: 1fr; }}
    SlotsScreen #slot-list {{ width: 1fr; }}
    SlotsScreen #slot-face {{ width: {ART_COLUMNS}; height: auto; padding: 0 1; }}
    SlotsScreen #slot-art, SlotsScreen #slot-face-label {{ width: 100%; text-align: center; }}
    SlotsScreen.-narrow #slot-face {{ display: none; }}
    """
    AUTO_FOCUS = "#slot-list"
    BINDINGS = [
        Binding("escape", "close", N_("Back"), id="saves.close", tooltip=N_("Go back")),
        Binding("d,delete", "delete", N_("Delete"), id="saves.delete",
                tooltip=N_("Delete the highlighted save (asks first)")),
    ]
    HINT = ""
    """The line above the list, in English (marked with ``N_``): shown translated."""

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

    def title_text(self) -> str:
        """The page's title, in the player's language."""
        return ""

    def _text_width(self) -> int:
        """The columns an option's text has (estimated before the list is laid out)."""
        for options in self.query("#slot-list").results(OptionList):
            if options.size.width:
                return options.scrollable_content_region.width - 1
        art = 0 if self.app.size.width < ART_ROOM else ART_COLUMNS
        return min(self.app.size.width, PAGE_WIDTH) - FRAME - art

    def _options(self, read: bool = True) -> list[Option]:
        if read:
            self.infos = {info.slot: info for info in self.store.slots()}
        self._width = self._text_width()
        story = getattr(self.app, "story", None)
        return [Option(slot_prompt(slot, self.infos.get(slot), self.story_id, self.tz,
                                   self._width, story), id=slot)
                for slot in self.slots_listed()]

    def compose(self) -> ComposeResult:
        self.set_class(self.app.size.width < ART_ROOM, "-narrow")
        options = self._options()
        with Vertical(id="slots", classes="page") as frame:
            frame.border_title = self.title_text()
            yield Static(_(self.HINT), id="slots-hint", markup=False)
            yield from self.compose_top()
            with Horizontal(id="slots-body"):
                yield Options(*options, id="slot-list", markup=False)
                with Vertical(id="slot-face"):
                    yield Static("", id="slot-art", markup=False)
                    yield Static("", id="slot-face-label", markup=False)
            empty = Static(_("There are no saves yet."), id="slots-empty", markup=False)
            empty.display = not options
            yield empty
        yield Footer(compact=True)

    def compose_top(self) -> ComposeResult:
        """What stands between the hint and the list (nothing here)."""
        yield from ()

    def on_mount(self) -> None:
        self._show_face()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < ART_ROOM, "-narrow")
        self.call_after_refresh(self._rewrap)

    def _show_face(self) -> None:
        """Draw the face of the highlighted save beside the list."""
        info = self.infos.get(self.highlighted or "")
        save = info.save if info is not None else None
        story = getattr(self.app, "story", None)
        face = "" if save is None else (save.summary_in(story) if story is not None
                                        else save.summary).face
        for art in self.query("#slot-art").results(Static):
            art.update(slot_art(info, story))
        for name in self.query("#slot-face-label").results(Static):
            name.update(face)

    def _rewrap(self) -> None:
        if not self.gone and self._text_width() != self._width:
            self.refresh_slots(read=False)

    def refresh_slots(self, read: bool = True) -> None:
        """Read the folder again (after a delete), keeping the highlight where it was."""
        if self.gone:
            return
        options = self.query_one("#slot-list", OptionList)
        index = options.highlighted
        new = self._options(read)
        options.set_options(new)
        if new:
            options.highlighted = min(index or 0, len(new) - 1)
        self.query_one("#slots-empty").display = not new
        self.refresh_bindings()
        self._show_face()

    @property
    def highlighted(self) -> str | None:
        """The slot under the cursor (None before the list is composed)."""
        for options in self.query("#slot-list").results(OptionList):
            option = options.highlighted_option
            return option.id if option is not None else None
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return None if self.highlighted not in self.infos else True
        return True

    @on(OptionList.OptionHighlighted, "#slot-list")
    def _moved(self) -> None:
        self.refresh_bindings()
        self._show_face()

    @on(OptionList.OptionSelected, "#slot-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None and not self.leaving:
            self.choose(event.option.id, self.infos.get(event.option.id))

    def choose(self, slot: str, info: SlotInfo | None) -> None:
        """The player chose ``slot`` (Enter)."""

    def action_delete(self) -> None:
        """Delete the highlighted save, once the player confirms."""
        slot = self.highlighted
        info = self.infos.get(slot or "")
        if slot is None or info is None or self.leaving:
            return
        name = label(slot)
        if info.save is None:
            # TRANSLATORS: {error} is why the save file cannot be read.
            detail = _("The file is damaged ({error}). Deleting it cannot be undone.").format(
                error=info.error)
        else:
            s = info.save.summary_in(self.app.story)  # type: ignore[attr-defined]
            # TRANSLATORS: {scene} is the title of the scene saved in, {when} the date and
            # time of the save ("2024-05-01 18:30").
            detail = _("{scene}, saved {when}. Deleting it cannot be undone.").format(
                scene=s.scene_title, when=saved_when(info.save.saved_at, self.tz))

        def delete(confirmed: bool | None) -> None:
            if not confirmed or self.gone:
                return
            problem = self.store.delete(slot)
            self.refresh_slots()
            if problem is not None:
                # TRANSLATORS: the title of a message: a save could not be deleted.
                self.notify(sentence(problem), title=_("Not deleted"), severity="error")
                return
            # TRANSLATORS: {slot} is a slot's name ("slot 3", "quicksave", "autosave 1").
            self.notify(_("Deleted {slot}.").format(slot=name))

        # TRANSLATORS: {slot} is a slot's name ("slot 3", "quicksave", "autosave 1").
        question = _("Delete {slot}?").format(slot=name)
        # TRANSLATORS: the answers of a yes/no dialog: show the answer keys (y) and (n).
        yes, no = _("Delete (y)"), _("Keep it (n)")
        self.app.push_screen(Confirm(question, detail, yes=yes, no=no), delete)

    def action_close(self) -> None:
        self.dismiss(None)


class SaveScreen(SlotsScreen):
    """Save to one of the slots 1 to 9, under a name the player may type; a used or damaged
    slot is written over only if the player confirms."""

    DEFAULT_CSS = """
    SaveScreen #save-name-row { height: 3; margin-bottom: 1; }
    SaveScreen #save-name-label { width: auto; padding: 1 1 0 0; text-style: bold; }
    SaveScreen #save-name { width: 1fr; }
    """

    HINT = N_("Choose a slot to save to.")

    def __init__(self, store: SaveStore, story_id: str, tz: tzinfo | None = None,
                 name: str = "") -> None:
        super().__init__(store, story_id, tz)
        self.default_name = name
        """The name the field starts with (the scene's title): kept, it names nothing."""
        self.typed = name
        """What the name field holds."""

    def compose_top(self) -> ComposeResult:
        with Horizontal(id="save-name-row"):
            # TRANSLATORS: the label of the field where the player names a save.
            yield Static(_("Name"), id="save-name-label", markup=False)
            yield Input(self.default_name, id="save-name", max_length=MAX_NAME,
                        select_on_focus=True)

    @property
    def save_name(self) -> str | None:
        """The name the player typed for the save (None: none, or the default kept)."""
        name = self.typed.strip()
        return name if name and name != self.default_name.strip() else None

    @on(Input.Changed, "#save-name")
    def _typed(self, event: Input.Changed) -> None:
        self.typed = event.value

    @on(Input.Submitted, "#save-name")
    def _named(self) -> None:
        self.query_one("#slot-list").focus()

    def slots_listed(self) -> list[str]:
        return list(NAMED)

    def title_text(self) -> str:
        # TRANSLATORS: the title of the page that lists the slots to save to.
        return pgettext("page title", "Save")

    def choose(self, slot: str, info: SlotInfo | None) -> None:
        if info is None:
            self.dismiss(slot)
            return
        name = label(slot)
        if info.save is None:
            # TRANSLATORS: {slot} is a slot's name ("slot 3").
            question = _("Replace the damaged file in {slot}?").format(slot=name)
            # TRANSLATORS: {error} is why the save file cannot be read.
            detail = _("It could not be read ({error}). Saving here replaces it.").format(
                error=info.error)
        else:
            s = info.save.summary_in(self.app.story)  # type: ignore[attr-defined]
            # TRANSLATORS: {slot} is a slot's name ("slot 3").
            question = _("Save over {slot}?").format(slot=name)
            # TRANSLATORS: {scene} is the title of the scene saved in, {when} the date and
            # time of the save ("2024-05-01 18:30").
            detail = _("It holds {scene}, saved {when}.").format(
                scene=s.scene_title, when=saved_when(info.save.saved_at, self.tz))

        def overwrite(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(slot)

        # TRANSLATORS: the answers of a yes/no dialog: show the answer keys (y) and (n).
        yes, no = _("Save over it (y)"), _("Keep it (n)")
        self.app.push_screen(Confirm(question, detail, yes=yes, no=no), overwrite)


class LoadScreen(SlotsScreen):
    """Load any saved slot: named, quicksave, autosaves. A damaged file is listed, not loaded."""

    HINT = N_("Choose a save to load. Autosaves are made at each new scene.")

    def __init__(self, store: SaveStore, story_id: str, tz: tzinfo | None = None,
                 ask_first: bool = False) -> None:
        super().__init__(store, story_id, tz)
        self.ask_first = ask_first
        """The game on screen has unsaved progress: confirm before loading over it."""

    def slots_listed(self) -> list[str]:
        return newest_autosave_first(list(self.infos), self.infos)

    def title_text(self) -> str:
        # TRANSLATORS: the title of the page that lists the saves to load.
        return pgettext("page title", "Load")

    def choose(self, slot: str, info: SlotInfo | None) -> None:
        if info is None:
            return
        if info.save is None:
            # TRANSLATORS: {slot} is a slot's name, capitalised ("Slot 3", "Quicksave");
            # {error} is why its file cannot be read.
            damaged = _("{slot} is damaged and cannot be loaded: {error}. The file is left as "
                        "it is.").format(slot=slot_name(slot), error=info.error)
            self.notify(damaged, title=_("Not loaded"), severity="error", timeout=10)
            return
        if info.save.story_id != self.story_id:
            # TRANSLATORS: {slot} is a slot's name, capitalised ("Slot 3", "Quicksave");
            # {story} is the id of the story the save was made with.
            other = _("{slot} is a save of another story ('{story}').").format(
                slot=slot_name(slot), story=info.save.story_id)
            self.notify(other, title=_("Not loaded"), severity="error")
            return
        if not self.ask_first:
            self.dismiss(slot)
            return

        def load(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss(slot)

        self.app.push_screen(ConfirmLoad(slot), load)
