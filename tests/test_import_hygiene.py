"""The engine and the story format stay pure: no UI and no I/O libraries."""

from __future__ import annotations

import subprocess
import sys

PURE = ["game.engine", "game.story.expr", "game.story.model"]
FORBIDDEN = ["textual", "rich", "yaml", "game.tui", "game.plain", "game.cli", "game.story.loader"]


def test_engine_imports_no_ui_or_io():
    code = (
        "import sys\n"
        f"import {', '.join(PURE)}\n"
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "", f"the engine pulled in: {out}"


def test_engine_source_does_no_file_or_terminal_io():
    import inspect

    import game.engine.rules
    import game.engine.state
    import game.engine.view

    for module in (game.engine.rules, game.engine.state, game.engine.view):
        source = inspect.getsource(module)
        for word in ("open(", "print(", "input(", "Path(", "os.", "sys."):
            assert word not in source, f"{module.__name__} uses {word}"
