"""Hostile story folders, class 1: special files and oversize files where story files belong.

Each case puts one thing that is not a readable story file in one place a story or a
translation is read from. The loader must report it as a located problem (``path:1:1: CODE``)
without blocking and without reading it; ``check`` and ``play`` must do the same through the
real command line, within a timeout.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from game.story import loader
from game.story.limits import MAX_FILE_BYTES, MAX_SCENE_ENTRIES, MAX_STORY_BYTES
from game.story.loader import read_story
from game.tools.check import check_story
from tests.hostile.story_tools import (
    assert_well_formed,
    check,
    copy_story,
    located,
    play,
)
from tests.paths import STARTER


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _link(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.unlink(missing_ok=True)
        path.symlink_to(target)
    return make


def _folder(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()
    (path / "inside.txt").write_text("a folder named like a story file\n")


def _socket(path: Path) -> None:
    path.unlink(missing_ok=True)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(path))
    finally:
        sock.close()


def _oversize(path: Path) -> None:
    path.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))


def _self_link(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(path.name)


MAKERS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "E109"),
    "dev-zero-link": (_link("/dev/zero"), "E109"),
    "dev-urandom-link": (_link("/dev/urandom"), "E109"),
    "dev-null-link": (_link("/dev/null"), "E109"),
    "folder": (_folder, "E109"),
    "socket": (_socket, "E109"),
    "oversize": (_oversize, "E111"),
    "link-loop": (_self_link, "E107"),
    "dangling-link": (_link("nowhere.yaml"), "E107"),
}
PLACES = ["story.yaml", "characters.yaml", "scenes/act1.yaml", "scenes/extra.yaml",
          "scenes/deep/er/x.yml"]
CASES = [(kind, place) for kind in MAKERS for place in PLACES]


def _build(tmp_path: Path, kind: str, place: str) -> tuple[Path, Path]:
    root = copy_story(tmp_path, STARTER)
    target = root / place
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "socket" and len(str(target)) > 100:  # AF_UNIX paths are short
        pytest.skip("the temporary path is too long for a socket")
    MAKERS[kind][0](target)
    return root, target


@pytest.mark.parametrize(("kind", "place"), CASES, ids=[f"{k}@{p}" for k, p in CASES])
def test_loader_reports_it_located(tmp_path: Path, kind: str, place: str) -> None:
    root, target = _build(tmp_path, kind, place)
    story, problems = read_story(root)
    assert story is None
    assert_well_formed(problems, root)
    code = MAKERS[kind][1]
    assert (str(target), 1, 1, code) in [(p.path, p.line, p.col, p.code) for p in problems]


REAL = ["fifo@scenes/extra.yaml", "dev-zero-link@characters.yaml", "folder@story.yaml",
        "oversize@scenes/act1.yaml"]


@pytest.mark.parametrize("case", REAL)
def test_check_and_play_report_it_without_hanging(tmp_path: Path, case: str) -> None:
    kind, place = case.split("@")
    root, target = _build(tmp_path, kind, place)
    code = MAKERS[kind][1]
    done = check(root)
    assert done.returncode == 1, done.stderr
    assert (str(target), 1, 1, code) in located(done.stdout)
    assert "Traceback" not in done.stderr
    done = play(root, tmp_path / "saves", "1\nquit\n")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert (str(target), 1, 1, code) in located(done.stdout + done.stderr)


def test_the_story_files_together_have_a_limit(tmp_path: Path) -> None:
    root = copy_story(tmp_path, STARTER)
    per_file = MAX_FILE_BYTES - 100
    count = MAX_STORY_BYTES // per_file + 1
    for i in range(count):
        (root / "scenes" / f"pad{i:02}.yaml").write_bytes(b"#" * per_file + b"\n[]\n")
    story, problems = read_story(root)
    assert story is None
    assert_well_formed(problems, root)
    over = [p for p in problems if p.code == "E111"]
    assert over and "together" in over[0].message


def test_the_walk_under_scenes_has_a_limit(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """``scenes`` as a link to ``/``, or a folder of countless files, is not walked to its end
    (the limit is lowered here: 10,000 files take seconds to make)."""
    assert MAX_SCENE_ENTRIES >= 1000
    monkeypatch.setattr(loader, "MAX_SCENE_ENTRIES", 40)
    root = copy_story(tmp_path, STARTER)
    crowd = root / "scenes" / "crowd" / "deeper"
    crowd.mkdir(parents=True)
    for i in range(41):
        (crowd / f"{i}.txt").touch()
    story, problems = read_story(root)
    assert story is None
    assert_well_formed(problems, root)
    assert (str(root / "scenes"), 1, 1, "E111") in [(p.path, p.line, p.col, p.code)
                                                    for p in problems]


# --------------------------------------------------------------------------- translations


def _with_language(tmp_path: Path) -> Path:
    root = copy_story(tmp_path, STARTER)
    folder = root / "i18n" / "pt"
    folder.mkdir(parents=True)
    (folder / "ok.yaml").write_text('story.title:\n  source: "0000000000"\n  text: Título\n')
    return root


@pytest.mark.parametrize("kind", ["fifo", "dev-zero-link", "folder", "oversize"])
def test_a_translation_file_is_reported_by_check(tmp_path: Path, kind: str) -> None:
    root = _with_language(tmp_path)
    target = root / "i18n" / "pt" / "bad.yaml"
    MAKERS[kind][0](target)
    done = check(root)
    assert "Traceback" not in done.stderr
    assert (str(target), 1, 1, MAKERS[kind][1]) in located(done.stdout)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero-link"])
def test_play_in_a_language_with_a_special_file_goes_on(tmp_path: Path, kind: str) -> None:
    root = _with_language(tmp_path)
    MAKERS[kind][0](root / "i18n" / "pt" / "bad.yaml")
    done = play(root, tmp_path / "saves", "look\nquit\n", "--lang", "pt")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_the_translations_together_have_a_limit(tmp_path: Path) -> None:
    """Many language folders cannot multiply the reading: they share one budget."""
    root = _with_language(tmp_path)
    per_file = MAX_FILE_BYTES - 100
    for i in range(MAX_STORY_BYTES // per_file + 1):
        folder = root / "i18n" / f"q{chr(ord('a') + i)}"
        folder.mkdir()
        (folder / "pad.yaml").write_bytes(b"#" * per_file + b"\n{}\n")
    report = check_story(root)
    assert report.loaded
    assert_well_formed(report.problems, root)
    assert "E111" in [p.code for p in report.problems]
