"""The one reader of outside files refuses special files and sizes over its limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.files import FileRefused, is_regular, read_limited


def test_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"hello")
    assert read_limited(path, 5) == b"hello"
    assert is_regular(path)


def test_refuses_a_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 6)
    with pytest.raises(FileRefused) as err:
        read_limited(path, 5)
    assert err.value.why == "too_large"


def test_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "story.yaml"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused) as err:
        read_limited(fifo, 1000)
    assert err.value.why == "special"
    assert not is_regular(fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_refuses_a_device(device: str) -> None:
    with pytest.raises(FileRefused) as err:
        read_limited(device, 1000)
    assert err.value.why == "special"


def test_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises((FileRefused, IsADirectoryError)):
        read_limited(tmp_path, 1000)


def test_refuses_a_symlink_where_none_is_allowed(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("{}")
    link = tmp_path / "slot-1.json"
    link.symlink_to(target)
    assert read_limited(link, 100) == b"{}"
    with pytest.raises(FileRefused) as err:
        read_limited(link, 100, follow_symlinks=False)
    assert err.value.why == "symlink"
