"""The wheel carries the story: the installed command works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.paths import ROOT


def test_wheel_carries_the_story_and_plays_from_elsewhere(tmp_path: Path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path),
         str(ROOT)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("face_of_another-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert "game/_story/story.yaml" in names
        assert any(n.startswith("game/_story/scenes/") for n in names)
        assert {"game/locale/game.pot", "game/locale/ru/LC_MESSAGES/game.po",
                "game/locale/pt/LC_MESSAGES/game.po"} <= names
        # the schemas beside the story (its $schema lines say ../schema/), the guide, and
        # the story 'new story' writes
        assert {"game/schema/story.schema.json", "game/schema/scenes.schema.json",
                "game/schema/characters.schema.json", "game/docs/authoring.md",
                "game/newstory/story.yaml", "game/newstory/transcripts/stranger.txt"} <= names
        site = tmp_path / "site"
        zf.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, "-I", "-c",
                             f"import sys; sys.path.insert(0, {str(site)!r}); "
                             "from game.cli import main; raise SystemExit(main())",
                             "check", "--strict"],
                            cwd=elsewhere, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout
    assert "interface: pt " in result.stdout
