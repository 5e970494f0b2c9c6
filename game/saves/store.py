"""The saves folder: named slots 1-9, the quicksave, three rotating autosaves.

Every write is atomic. Every read is defensive: a file that is not JSON, not a save, too
large, or of another story gives a :class:`SaveError` naming the slot and what is wrong, and
the file is never touched. Slot names are checked, so nothing is written outside the folder.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from game.saves.atomic import atomic_write_text
from game.saves.model import FORMAT, SaveFile

NAMED = tuple(str(n) for n in range(1, 10))
QUICK = "quick"
AUTOS = ("auto-1", "auto-2", "auto-3")
SLOTS = (*NAMED, QUICK, *AUTOS)
MAX_BYTES = 8 * 1024 * 1024
_SLOT = re.compile(r"^(?:[1-9]|quick|auto-[1-3])$")


class SaveError(Exception):
    """A save that cannot be read or written; the message names the slot and the problem."""

    def __init__(self, slot: str, message: str) -> None:
        super().__init__(f"{label(slot)}: {message}")
        self.slot = slot
        self.reason = message


def label(slot: str) -> str:
    """How a slot is named to the player: ``slot 3``, ``quicksave``, ``autosave 2``."""
    if slot == QUICK:
        return "quicksave"
    if slot in AUTOS:
        return f"autosave {slot[5:]}"
    if slot in NAMED:
        return f"slot {slot}"
    return f"'{slot}'"


def check_slot(slot: str) -> str:
    """The slot name, normalised; raises :class:`SaveError` for anything else."""
    name = str(slot).strip().lower()
    if name in ("q", "quicksave"):
        name = QUICK
    if not _SLOT.match(name):
        raise SaveError(str(slot)[:20], "no such slot (slots are 1 to 9, quick, auto-1 to auto-3)")
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
        """The file of a (checked) slot, always inside the folder."""
        name = check_slot(slot)
        filename = f"slot-{name}.json" if name in NAMED else f"{name}.json"
        path = self.folder / filename
        if path.resolve().parent != self.folder.resolve():  # pragma: no cover - defence
            raise SaveError(name, "refusing to write outside the saves folder")
        return path

    def read(self, slot: str) -> SaveFile:
        """The save in ``slot``; raises :class:`SaveError` if it is missing or broken."""
        name = check_slot(slot)
        path = self.path(name)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise SaveError(name, f"the file is larger than {MAX_BYTES // 2**20} MiB")
            raw = path.read_bytes()
        except FileNotFoundError:
            raise SaveError(name, "empty") from None
        except OSError as err:
            raise SaveError(name, f"cannot be read ({err.strerror})") from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise SaveError(name, "the file is not text; it may be damaged") from None
        except json.JSONDecodeError as err:
            what = "the file is empty" if not raw.strip() else (
                f"the file is damaged or cut short (not valid JSON at line {err.lineno}, "
                f"column {err.colno})")
            raise SaveError(name, what) from None
        if isinstance(data, dict) and isinstance(data.get("format"), int) \
                and data["format"] > FORMAT:
            raise SaveError(name, "made by a newer version of the game")
        try:
            return SaveFile.model_validate(data)
        except ValidationError as err:
            first = err.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"]) or "the file"
            more = f" (and {err.error_count() - 1} more problems)" if err.error_count() > 1 else ""
            raise SaveError(name, f"not a valid save: {where}: {first['msg']}{more}") from None

    def write(self, slot: str, save: SaveFile) -> Path:
        """Write ``save`` to ``slot`` atomically; returns the file."""
        name = check_slot(slot)
        path = self.path(name)
        try:
            atomic_write_text(path, save.model_dump_json(indent=1))
        except OSError as err:
            raise SaveError(name, f"cannot be written ({err.strerror})") from None
        return path

    def delete(self, slot: str) -> None:
        """Remove the save in ``slot`` (nothing happens if it is empty)."""
        with contextlib.suppress(FileNotFoundError):
            self.path(slot).unlink()

    def clean_temp(self, older_than: float = 60.0) -> int:
        """Remove temporary files left by a write that was killed; returns how many."""
        now = time.time()
        removed = 0
        for tmp in self.folder.glob(".*.json.*.tmp"):
            with contextlib.suppress(OSError):
                if now - tmp.stat().st_mtime >= older_than:
                    tmp.unlink()
                    removed += 1
        return removed

    def exists(self, slot: str) -> bool:
        return self.path(slot).exists()

    def slots(self) -> list[SlotInfo]:
        """Every slot that has a file, in slot order, each with its save or its problem."""
        out: list[SlotInfo] = []
        for slot in SLOTS:
            path = self.path(slot)
            if not path.exists():
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

        A damaged autosave is never overwritten: it is left for the player to look at.
        """
        candidates: list[tuple[float, str]] = []
        for slot in AUTOS:
            path = self.path(slot)
            if not path.exists():
                return slot
            try:
                self.read(slot)
            except SaveError:
                continue
            candidates.append((path.stat().st_mtime, slot))
        if not candidates:
            raise SaveError("auto-1", "every autosave file is damaged; they are left as they are")
        return min(candidates)[1]
