"""Where the tests find the project, its fixtures and the bundled story (one place)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project's folder."""
FIXTURES = ROOT / "tests" / "fixtures"
STARTER = FIXTURES / "starter"
"""A small complete story, stable for engine, plain-mode and TUI tests."""
MINIMAL = FIXTURES / "minimal"
"""The smallest story that loads: the base of the broken fixtures."""
NARRATION = FIXTURES / "narration"
REVISIT = FIXTURES / "revisit"
"""One scene that changes under the player's moves (what a move inside a scene shows)."""
BUNDLED = ROOT / "story"
"""The game's own story."""
