"""The engine and the story format stay pure: no UI and no I/O libraries; the session layer
imports neither shell."""

from __future__ import annotations

import subprocess
import sys

PURE = ["game.engine", "game.story.expr", "game.story.model"]
FORBIDDEN = ["textual", "rich", "yaml", "game.tui", "game.plain", "game.cli", "game.story.loader"]


def pulled_in(modules: list[str], forbidden: list[str]) -> str:
    """The modules of ``forbidden`` (or inside them) that importing ``modules`` in a fresh
    interpreter loads, comma-separated ("" if none)."""
    code = (
        "import sys\n"
        f"import {', '.join(modules)}\n"
        "bad = [m for m in sys.modules if any(m == f or m.startswith(f + '.') "
        f"for f in {forbidden!r})]\n"
        "print(','.join(sorted(bad)))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_engine_imports_no_ui_or_io():
    out = pulled_in(PURE, FORBIDDEN)
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


SESSION = ["game.session", "game.session.session", "game.session.playthrough",
           "game.session.history", "game.session.journal", "game.session.faces",
           "game.session.endings", "game.session.language", "game.session.watch",
           "game.session.facts", "game.session.numbers", "game.session.face_names"]
SHELLS = ["textual", "rich", "game.tui", "game.plain", "game.cli", "game.tools"]


def test_the_session_layer_imports_no_shell():
    """Both shells drive the session layer: it must not pull in either, nor Textual or Rich
    (nor the author tools)."""
    import pkgutil

    import game.session

    found = {f"game.session.{m.name}" for m in pkgutil.iter_modules(game.session.__path__)}
    assert found | {"game.session"} == set(SESSION), "list every module of game.session here"
    out = pulled_in(SESSION, SHELLS)
    assert out == "", f"the session layer pulled in: {out}"


def test_the_shells_take_nothing_from_the_tools_at_run_time():
    """The plain mode and the TUI get what they run on from game.session, not game.tools."""
    from pathlib import Path

    import game

    root = Path(game.__file__).parent
    for path in [root / "plain.py", *sorted((root / "tui").rglob("*.py"))]:
        source = path.read_text(encoding="utf-8")
        assert "game.tools" not in source, f"{path.relative_to(root)} imports game.tools"
