"""The one way the game reads a file that came from outside: a story file, a translation, a
save or the profile.

Only a regular file is read, and only up to a size limit: a FIFO, a device such as
``/dev/zero``, a socket or a folder in its place is refused at once, without blocking and
without reading a byte of it. The caller turns the refusal into a message of its own (a
located problem for a story, a slot's error for a save).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Literal

Refusal = Literal["special", "too_large", "symlink"]


class FileRefused(Exception):
    """A file that is not read: ``why`` is ``"special"`` (not a regular file),
    ``"too_large"`` (over ``limit`` bytes) or ``"symlink"`` (a link where none is allowed)."""

    def __init__(self, path: Path, why: Refusal, limit: int) -> None:
        super().__init__(f"{path}: {why}")
        self.path = path
        self.why: Refusal = why
        self.limit = limit

    def describe(self) -> str:
        """The reason in plain English (for author tools; players' messages are translated
        by the caller from :attr:`why`)."""
        if self.why == "too_large":
            return f"the file is larger than {self.limit:,} bytes"
        if self.why == "symlink":
            return "the file is a symbolic link"
        return "not a regular file (a FIFO, a device, a socket or a folder)"


def read_limited(path: str | Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FileRefused` for anything but a regular file, for a file over ``limit``
    bytes (even one that grows while it is read) and, with ``follow_symlinks=False``, for a
    symbolic link; ``OSError`` (``FileNotFoundError`` among them) as :func:`open` does.
    """
    path = Path(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        if path.is_symlink():
            raise FileRefused(path, "symlink", limit)
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(path, "special", limit)
        if info.st_size > limit:
            raise FileRefused(path, "too_large", limit)
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise FileRefused(path, "too_large", limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: str | Path, *, follow_symlinks: bool = True) -> bool:
    """True if ``path`` is a regular file (never blocks, never raises)."""
    try:
        info = os.stat(path, follow_symlinks=follow_symlinks)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(info.st_mode)
