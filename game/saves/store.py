"""The saves folder: named slots 1-9, the quicksave, three rotating autosaves.

Every write is atomic. Every read is defensive: a file that is not JSON, not a save, too
large, or of another story gives a :class:`SaveError` naming the slot and what is wrong, and
the file is never touched. Only regular files are read: a link (to anything, or dangling), a
FIFO, a device or a folder at a slot's name is a slot with an error, and the other slots work
as usual. Links are never followed, neither to read nor to write. Slot names are checked, so
nothing is written outside the folder.
"""

from __future__ import annotations

import contextlib
import json
import re
import stat
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from game.files import FileRefused, read_limited
from game.i18n import _, ngettext
from game.saves.atomic import atomic_write_text
from game.saves.model import FORMAT, SaveFile
from game.text import UNSHOWABLE_IN_LINE

NAMED = tuple(str(n) for n in range(1, 10))
QUICK = "quick"
AUTOS = ("auto-1", "auto-2", "auto-3")
SLOTS = (*NAMED, QUICK, *AUTOS)
MAX_BYTES = 8 * 1024 * 1024
_SLOT = re.compile(r"^(?:[1-9]|quick|auto-[1-3])$")


class SaveError(Exception):
    """A save that cannot be read or written; the message names the slot and the problem.

    ``message`` is already in the player's language (the raiser translates it).
    """

    def __init__(self, slot: str, message: str) -> None:
        # TRANSLATORS: a save that cannot be read or written. {slot} is a slot's name as in
        # "slot 3" or "quicksave"; {problem} is what is wrong, as in "the file is empty".
        # The game may capitalise the first letter and add a full stop.
        super().__init__(_("{slot}: {problem}").format(slot=label(slot), problem=message))
        self.slot = slot
        self.reason = message


def label(slot: str) -> str:
    """How a slot is named to the player: ``slot 3``, ``quicksave``, ``autosave 2``."""
    if slot == QUICK:
        # TRANSLATORS: the name of the quicksave slot, used inside sentences ("Saved to
        # quicksave."); the game capitalises it where it stands alone.
        return _("quicksave")
    if slot in AUTOS:
        # TRANSLATORS: the name of an autosave slot; {number} is 1, 2 or 3. Used inside
        # sentences ("Loaded autosave 2."); capitalised where it stands alone.
        return _("autosave {number}").format(number=slot[5:])
    if slot in NAMED:
        # TRANSLATORS: the name of a save slot; {number} is 1 to 9. Used inside sentences
        # ("Saved to slot 3."); capitalised where it stands alone.
        return _("slot {number}").format(number=slot)
    # TRANSLATORS: a slot name the player typed that is not a slot, quoted.
    return _("'{name}'").format(name=slot)


def check_slot(slot: str) -> str:
    """The slot name, normalised; raises :class:`SaveError` for anything else."""
    name = str(slot).strip().lower()
    if name in ("q", "quicksave"):
        name = QUICK
    if not _SLOT.match(name):
        raise SaveError(str(slot)[:20],
                        # TRANSLATORS: keep the slot names 1 to 9, quick, auto-1 to auto-3:
                        # the player types them.
                        _("no such slot (slots are 1 to 9, quick, auto-1 to auto-3)"))
    return name


@dataclass(frozen=True)
class SlotInfo:
    """One slot in the folder: its save, or what is wrong with the file."""

    slot: str
    path: Path
    save: SaveFile | None
    error: str | None

    @property
    def label(self) -> str:
        return label(self.slot)


class SaveStore:
    """The saves of one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, slot: str) -> Path:
        """The file of a (checked) slot, always inside the folder (the name is one of a fixed
        few; whatever is at that name, a link among them, is never followed from here)."""
        name = check_slot(slot)
        filename = f"slot-{name}.json" if name in NAMED else f"{name}.json"
        return self.folder / filename

    def read(self, slot: str) -> SaveFile:
        """The save in ``slot``; raises :class:`SaveError` if it is missing or broken.

        Only a regular file is read (never a link, a FIFO, a device or a folder), and only up
        to :data:`MAX_BYTES`; what :class:`SaveFile` mends is in the save's ``notes``.
        """
        name = check_slot(slot)
        path = self.path(name)
        try:
            raw = read_limited(path, MAX_BYTES, follow_symlinks=False)
        except FileNotFoundError:
            # TRANSLATORS: a slot with no save in it.
            raise SaveError(name, _("empty")) from None
        except FileRefused as err:
            raise SaveError(name, _refusal(err)) from None
        except (OSError, ValueError, OverflowError) as err:
            raise SaveError(name, _cannot_read(err)) from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise SaveError(name, _("the file is not text; it may be damaged")) from None
        except json.JSONDecodeError as err:
            if not raw.strip():
                raise SaveError(name, _("the file is empty")) from None
            # TRANSLATORS: {line} and {column} are where the file stops making sense.
            raise SaveError(name, _("the file is damaged or cut short (not valid JSON at line "
                                    "{line}, column {column})").format(
                line=err.lineno, column=err.colno)) from None
        except RecursionError:
            # TRANSLATORS: a save file whose JSON is nested far deeper than any save's.
            raise SaveError(name, _("the file is nested too deeply to be a save")) from None
        except ValueError:
            # TRANSLATORS: a save file holding a number with thousands of digits.
            raise SaveError(name, _("the file holds a number too long to read")) from None
        if isinstance(data, dict) and isinstance(data.get("format"), int) \
                and data["format"] > FORMAT:
            raise SaveError(name, _("made by a newer version of the game"))
        try:
            return SaveFile.read(data, _file_time(path))
        except ValidationError as err:
            raise SaveError(name, _invalid(err)) from None
        except (RecursionError, ValueError, OverflowError) as err:  # pragma: no cover
            problem = str(err)[:200] or type(err).__name__
            raise SaveError(name, _("not a valid save: {where}: {problem}").format(
                where=_("the file"), problem=problem)) from None

    def write(self, slot: str, save: SaveFile) -> Path:
        """Write ``save`` to ``slot`` atomically; returns the file.

        The new file is renamed into place: whatever was at the slot's name (a damaged file,
        a link) is replaced, never written through. A folder that cannot be written (read-only,
        full) gives a :class:`SaveError`.
        """
        name = check_slot(slot)
        path = self.path(name)
        try:
            atomic_write_text(path, save.model_dump_json(indent=1))
        except (OSError, ValueError) as err:
            # TRANSLATORS: {reason} is the system's own message, as in "No space left on device".
            raise SaveError(name, _("cannot be written ({reason})").format(
                reason=_reason(err))) from None
        return path

    def delete(self, slot: str) -> str | None:
        """Remove the save in ``slot`` (nothing happens if it is empty; a link is removed, not
        what it points to). Returns why it could not be removed, or None."""
        path = self.path(slot)
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as err:
            # TRANSLATORS: {reason} is the system's own message, as in "Is a directory".
            return str(SaveError(check_slot(slot), _("cannot be removed ({reason})").format(
                reason=_reason(err))))
        return None

    def clean_temp(self, older_than: float = 60.0) -> int:
        """Remove temporary files left by a write that was killed; returns how many."""
        now = time.time()
        removed = 0
        with contextlib.suppress(OSError):
            for tmp in self.folder.glob(".*.json.*.tmp"):
                with contextlib.suppress(OSError):
                    info = tmp.lstat()
                    if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                        tmp.unlink()
                        removed += 1
        return removed

    def exists(self, slot: str) -> bool:
        """Whether anything is at the slot's name (a damaged file or a link counts)."""
        return _kind(self.path(slot)) is not None

    def slots(self) -> list[SlotInfo]:
        """Every slot that has a file, in slot order, each with its save or its problem.

        Never raises: a file that cannot be used (a link, a FIFO, a folder, a damaged save) is
        listed with its problem, and the other slots are listed as usual.
        """
        out: list[SlotInfo] = []
        for slot in SLOTS:
            path = self.path(slot)
            if _kind(path) is None:
                continue
            try:
                out.append(SlotInfo(slot, path, self.read(slot), None))
            except SaveError as err:
                out.append(SlotInfo(slot, path, None, err.reason))
        return out

    def newest(self, story_id: str | None = None) -> SlotInfo | None:
        """The most recently saved readable slot (of this story, if given): Continue."""
        good = [s for s in self.slots() if s.save is not None
                and (story_id is None or s.save.story_id == story_id)]
        return max(good, key=lambda s: s.save.saved_at, default=None)  # type: ignore[union-attr]

    def next_autosave(self) -> str:
        """The autosave slot to write next: an empty one, else the oldest readable one.

        Anything else at an autosave's name (a damaged file, a link, a folder) is never
        overwritten: it is left for the player to look at.
        """
        candidates: list[tuple[float, str]] = []
        for slot in AUTOS:
            path = self.path(slot)
            if _kind(path) is None:
                return slot
            try:
                self.read(slot)
                candidates.append((path.lstat().st_mtime, slot))
            except (SaveError, OSError):
                continue
        if not candidates:
            raise SaveError("auto-1",
                            _("every autosave file is damaged; they are left as they are"))
        return min(candidates)[1]


def _shown(text: str, limit: int = 120) -> str:
    """Text from a file made fit to show in a message: no control characters (a terminal
    would act on them), no lone surrogates, and not too long."""
    text = UNSHOWABLE_IN_LINE.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _file_time(path: Path) -> datetime | None:
    """When the file at ``path`` was last written (None if that cannot be told)."""
    try:
        return datetime.fromtimestamp(path.lstat().st_mtime, UTC)
    except (OSError, ValueError, OverflowError):
        return None


def _kind(path: Path) -> str | None:
    """What is at ``path`` without following a link: None (nothing), "folder" or "other"."""
    try:
        info = path.lstat()
    except (OSError, ValueError):
        return None
    return "folder" if stat.S_ISDIR(info.st_mode) else "other"


def _reason(err: BaseException) -> str:
    """The system's message for an error (its text if it has none)."""
    return (err.strerror if isinstance(err, OSError) else None) or str(err) \
        or type(err).__name__


def _cannot_read(err: BaseException) -> str:
    # TRANSLATORS: {reason} is the system's own message, as in "Permission denied".
    return _("cannot be read ({reason})").format(reason=_reason(err))


def _refusal(err: FileRefused) -> str:
    """Why a file at a slot's name is not read, for the player."""
    if err.why == "too_large":
        # TRANSLATORS: {size} is a whole number of mebibytes (MiB).
        return _("the file is larger than {size} MiB").format(size=MAX_BYTES // 2**20)
    if err.why == "symlink":
        # TRANSLATORS: a save slot whose file is a symbolic link (to anything): the game does
        # not follow links in the saves folder, and leaves the link as it is.
        return _("this is a link, not a file; links in the saves folder are not followed")
    # TRANSLATORS: a save slot whose name is taken by a folder, a FIFO, a device or a socket.
    return _("not a regular file, but a folder, a FIFO or a device")


def _invalid(err: ValidationError) -> str:
    """Why a JSON file is not a save: the first problem found, and how many more there are."""
    first = err.errors(include_url=False)[0]
    # TRANSLATORS: where in a save file a problem is when it is the whole file, as in
    # "not a valid save: the file: ...".
    where = _shown(".".join(str(p) for p in first["loc"])) or _("the file")
    problem = _shown(str(first["msg"]).removeprefix("Value error, "))
    more = err.error_count() - 1
    if not more:
        # TRANSLATORS: {where} is a field of the save file ("state.scene") or "the file";
        # {problem} is the validator's own message (in English), as in "Field required".
        return _("not a valid save: {where}: {problem}").format(where=where, problem=problem)
    # TRANSLATORS: as "not a valid save: {where}: {problem}", followed by how many other
    # problems the file has ({n} is 1 or more).
    return ngettext("not a valid save: {where}: {problem} (and {n} more problem)",
                    "not a valid save: {where}: {problem} (and {n} more problems)",
                    more).format(where=where, problem=problem, n=more)
