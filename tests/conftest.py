"""Fixtures for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game.i18n import set_language


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts with the interface in English and leaves it so (the interface's
    language is the process's, like gettext's), whatever the machine's locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    yield
    set_language("en")
