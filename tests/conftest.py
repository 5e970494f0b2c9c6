"""Fixtures for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from game.i18n import set_language
from game.story import load_story
from game.story.runtime import Story
from tests.paths import BUNDLED, STARTER


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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--hostile-cases", type=int, default=None, metavar="N",
        help="how many cases each seeded fuzzer of tests/hostile runs (default: a few hundred "
             "in all, under a minute; raise it for a long hunt)")


@pytest.fixture
def hostile_cases(request: pytest.FixtureRequest) -> int | None:
    """The ``--hostile-cases`` option: None means each fuzzer's own CI-sized default."""
    value: int | None = request.config.getoption("--hostile-cases")
    return value


@pytest.fixture(scope="session")
def starter() -> Story:
    """The starter story (tests/fixtures/starter), loaded once: stories are immutable."""
    return load_story(STARTER)


@pytest.fixture(scope="session")
def bundled() -> Story:
    """The game's own story (story/), loaded once."""
    return load_story(BUNDLED)
