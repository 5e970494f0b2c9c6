"""An author who installed the game with pip, and never saw this repository: from an empty
folder, start a story, check, play, test and translate it; export the bundled story and
change it; and nothing is ever written into the installed game.

The wheel is built as tests/integration/test_packaging.py builds it (offline, from the local
package indexes) and installed, not editable, into a fresh venv; the dependencies come from
the test run's own environment (a ``.pth`` line naming its site-packages), so nothing is
downloaded. One venv serves every step.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.paths import ROOT

pytestmark = pytest.mark.slow

PLAY_TO_THE_END = "2\n1\n1\nmask\n2\n3\n1\n"  # choices keep their numbers in a scene


def _tree(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the installed command, the installed ``game`` package)."""
    base = tmp_path_factory.mktemp("installed")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(base),
         str(ROOT)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    (wheel,) = base.glob("face_of_another-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = venv / "bin" / "python"
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", str(wheel)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    package = site / "game"
    where = subprocess.run([str(python), "-c", "import game; print(game.__file__)"],
                           capture_output=True, text=True, check=True, cwd=base).stdout
    assert where.strip() == str(package / "__init__.py")  # the install, not this checkout
    return venv / "bin" / "face-of-another", package


def test_an_author_outside_the_repository(installed: tuple[Path, Path], tmp_path: Path):
    command, package = installed
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "HOME": str(tmp_path / "home"),
           "FACE_SAVES_DIR": str(tmp_path / "saves"), "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    before = _tree(package)

    def face(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(command), *args], input=stdin, capture_output=True,
                              text=True, cwd=work, env=env, timeout=120)

    # the installed story's $schema lines resolve
    first = (package / "_story" / "story.yaml").read_text().partition("\n")[0]
    assert (package / "_story" / first.split("$schema=")[1]).resolve().is_file()

    done = face("new", "story", "mine")
    assert done.returncode == 0, done.stderr
    done = face("check", "mine", "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    done = face("play", "--plain", "--story", "mine", stdin=PLAY_TO_THE_END)
    assert done.returncode == 0, done.stderr
    assert "THE END: The stranger" in done.stdout

    done = face("test", "mine")
    assert done.returncode == 0 and "1 passed, 0 failed" in done.stdout, done.stdout
    scenes = work / "mine" / "scenes" / "story.yaml"
    scenes.write_text(scenes.read_text().replace("a moon.", "a moon, a fox."))
    done = face("test", "mine")
    assert done.returncode == 1
    assert "--- stranger.txt (expected)" in done.stdout and "a moon, a fox." in done.stdout

    done = face("translate", "mine", "--lang", "de")
    assert done.returncode == 0, done.stderr
    assert (work / "mine" / "i18n" / "de" / "story.yaml").is_file()
    done = face("play", "--plain", "--story", "mine", "--lang", "de", stdin=PLAY_TO_THE_END)
    assert done.returncode == 0, done.stderr
    assert "THE END" in done.stdout and "no 'de' translation" in done.stderr

    done = face("export", "story", "ours")
    assert done.returncode == 0, done.stderr
    done = face("new", "scene", "extra", "--story", "ours", "--act", "1")
    assert done.returncode == 0, done.stderr
    done = face("check", "ours", "--strict")
    # the new scene loads; its only warnings: nothing leads to it yet (W301), and the
    # copied translations lack its strings (W401)
    problems = done.stdout.splitlines()[:-3]
    assert "W301 scene 'extra' is unreachable" in done.stdout, done.stdout
    assert all("extra" in line for line in problems), done.stdout
    assert "0 errors, 3 warnings" in done.stdout

    done = face("new", "scene", "x")
    assert done.returncode == 1
    assert "new story DIR" in done.stderr and "export story DIR" in done.stderr
    done = face("guide")
    assert done.returncode == 0 and done.stdout.startswith("# Writing scenes")

    assert _tree(package) == before, "something was written into the installed game"
    assert sorted(p.name for p in work.iterdir()) == ["mine", "ours"]
