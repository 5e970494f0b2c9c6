"""``check --faces``: reactions per scene, person and face; face changes no scene answers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.story import load_story
from game.tools.faces import Change, face_coverage
from tests.paths import STARTER


@pytest.fixture
def story_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "story"
    shutil.copytree(STARTER, dest)
    return dest


def test_the_table_and_the_unanswered_changes_of_the_starter(capsys):
    assert main(["check", str(STARTER), "--faces"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert "k_office      bandaged   bare" in lines
    assert "  k           generic    scene" in lines  # K.'s bare face reads visits("k_office")
    assert "  girl        cond       cond       generic" in lines
    assert ("  unanswered: bandaged -> bare, masked -> bandaged, masked -> bare, "
            "bare -> bandaged") in lines
    # The workshop's one rule answers every change to the mask.
    assert "bandaged -> masked" not in out
    assert "0 silent and 4 unanswered" in out
    assert lines[-1].startswith("story: ")


def test_strict_fails_on_unintended_gaps_and_quiet_marks_them_intended(story_copy: Path,
                                                                      capsys):
    assert main(["check", str(story_copy), "--faces", "--strict"]) == 1
    scene = story_copy / "scenes" / "act2.yaml"
    text = scene.read_text()
    scene.write_text(text.replace(
        "    allowed: [bandaged, bare, masked]\n",
        "    allowed: [bandaged, bare, masked]\n"
        "    quiet:\n      - to: bandaged\n      - {from: masked, to: bare}\n"
        "      - {from: bandaged, to: bare}\n", 1))
    capsys.readouterr()
    assert main(["check", str(story_copy), "--faces", "--strict"]) == 0
    out = capsys.readouterr().out
    assert ("  unanswered (intended): bandaged -> bare, masked -> bandaged, masked -> bare, "
            "bare -> bandaged") in out
    assert "4 unanswered face changes, 4 of them intended" in " ".join(out.split())
    # Without --faces, quiet changes nothing.
    assert main(["check", str(story_copy), "--strict"]) == 0


def test_a_face_without_change_text_makes_a_silent_change(story_copy: Path, capsys):
    meta = story_copy / "story.yaml"
    text = meta.read_text()
    start = text.index("    change_text: >-\n      You unwind")
    end = text.index("you let it.\n") + len("you let it.\n")
    meta.write_text(text[:start] + text[end:])
    report = face_coverage(load_story(story_copy))
    assert Change("workshop", "bandaged", "bare", "silent", False) in report.changes
    assert Change("workshop", "bare", "bandaged", "unanswered", False) in report.changes
    assert main(["check", str(story_copy), "--faces"]) == 0
    out = capsys.readouterr().out
    assert "  silent: bandaged -> bare, masked -> bare" in out.splitlines()


def test_a_missing_reaction_is_a_dash(story_copy: Path, capsys):
    chars = story_copy / "characters.yaml"
    data = chars.read_text()
    assert main(["check", str(story_copy), "--faces"]) == 0
    capsys.readouterr()
    # The manager loses her reaction to the bare face (W305 warns of it too).
    start = data.index("manager:")
    bare = data.index("    bare:", start)
    nxt = data.index("\n\n", bare)
    chars.write_text(data[:bare] + data[nxt + 1:])
    assert main(["check", str(story_copy), "--faces"]) == 0
    out = capsys.readouterr().out
    assert "  manager     generic    cond       -" in out.splitlines()
    assert "W305" in out


def test_quiet_names_known_faces(story_copy: Path, capsys):
    scene = story_copy / "scenes" / "act2.yaml"
    scene.write_text(scene.read_text().replace(
        "    allowed: [bandaged, bare, masked]\n",
        "    allowed: [bandaged, bare, masked]\n    quiet:\n      - to: veil\n", 1))
    assert main(["check", str(story_copy), "--faces"]) == 1
    assert "unknown face 'veil'" in capsys.readouterr().out.lower()


def test_json_has_the_faces_part_only_with_faces(capsys):
    assert main(["check", str(STARTER), "--format", "json"]) == 0
    assert "faces" not in json.loads(capsys.readouterr().out)
    assert main(["check", str(STARTER), "--format", "json", "--faces"]) == 0
    faces = json.loads(capsys.readouterr().out)["faces"]
    assert {"scene": "k_office", "person": "k", "face": "bare", "kind": "scene"} \
        in faces["reactions"]
    assert {"scene": "workshop", "from": "bare", "to": "bandaged", "level": "unanswered",
            "intended": False} in faces["changes"]
