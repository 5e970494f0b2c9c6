"""Plain text mode: a transcript played through the real command, and each command's reply."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from game.plain import PlainGame, run_plain
from game.story import load_story
from tests.paths import STARTER


@pytest.fixture(scope="module")
def story():
    return load_story(STARTER)


def transcript(story, *lines: str, seed: int = 0) -> str:
    out = io.StringIO()
    run_plain(story, io.StringIO("".join(f"{line}\n" for line in lines)), out, seed=seed)
    return out.getvalue()


def play_starter(saves: Path, script: str) -> subprocess.CompletedProcess[str]:
    """The real command in plain mode on the starter story, fed ``script``."""
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--story", str(STARTER),
         "--saves", str(saves)],
        input=script, capture_output=True, text=True, timeout=60)


def test_the_command_plays_to_an_ending_from_stdin(tmp_path):
    script = "1\n1\n1\nmask\n3\nface masked\n2\n"  # the mask keeps its number 3
    result = play_starter(tmp_path, script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out  # no colour codes into a pipe
    assert out.startswith("ACT I\n\n== The lab accident ==\n")
    assert "== K.'s office ==" in out
    assert "The mask does not exist yet." in out
    assert "THE END: The corner, held open" in out
    assert result.stderr == ""


def test_end_of_input_exits_zero_after_the_first_scene(tmp_path):
    result = play_starter(tmp_path, "")
    assert result.returncode == 0
    assert "1. Go home" in result.stdout


def test_scene_shows_title_prose_people_face_and_numbered_choices(story):
    out = transcript(story, "1")
    k_office = out[out.index("== K.'s office ==") :]
    assert "K.: K. studies the bandages" in k_office
    assert "Your face: bandaged. You could change to: bare." in k_office
    assert "1. Refuse his help, buy the finger, and leave quickly" in k_office
    assert "3. Walk out without a word" in k_office


def test_face_change_prints_the_change_and_the_new_reactions_only(story):
    out = transcript(story, "1", "face bare")
    after = out[out.rindex("photographs") :]
    assert "K.: K. does not flinch." in after
    assert "== K.'s office ==" not in after  # only new text, no repeat of the scene
    assert "Your face: bare." in after


def test_mask_and_unmask_short_forms(story):
    out = transcript(story, "mask", "unmask")
    assert "The mask does not exist yet." in out
    assert "You are not wearing the mask." in out


def test_wrong_commands_get_a_one_line_hint(story):
    out = transcript(story, "dance", "9", "face lizard", "face")
    assert "Unknown command 'dance'. Type a number, face NAME, look, undo, help or quit." in out
    assert "There is no choice 9. Choose 1." in out
    assert "There is no face 'lizard'. Faces: bandaged, masked, bare." in out
    assert "Faces here: bandaged (now), bare. Type face NAME." in out
    assert "Traceback" not in out


def test_disabled_choice_says_why(story):
    out = transcript(story, "1", "1", "3")
    assert "3. Finish the mask (unavailable: The mask has no skin yet.)" in out
    assert "Not now: The mask has no skin yet." in out


def test_look_undo_help_status_restart_quit(story):
    out = transcript(story, "1", "look", "undo", "undo", "help", "status", "restart", "quit", "1")
    assert out.count("== K.'s office ==") == 2
    assert "You take it back." in out
    assert "There is nothing to undo." in out
    assert "face NAME" in out and "take back your last action" in out
    assert "You carry: nothing of note." in out
    assert out.rstrip().endswith("You leave the story here.")


def test_ending_offers_undo_and_restart(story):
    out = transcript(story, "1", "2", "1")
    assert "THE END: The patient" in out
    assert "Type undo to step back, restart to play again, or quit." in out
    assert "There is no choice 1. Type restart or quit." in out


def test_same_seed_same_transcript(story):
    script = ("1", "1", "2", "1", "face masked", "1", "1", "2")
    assert transcript(story, *script, seed=5) == transcript(story, *script, seed=5)


def test_wraps_only_for_a_terminal(story):
    out = io.StringIO()
    game = PlainGame(story, out, width=40)
    game.start()
    assert max(len(line) for line in out.getvalue().splitlines()) <= 40


def test_save_load_and_saves_commands(story, tmp_path):
    out = io.StringIO()
    script = "1\nsave\nsave 3\n1\nsaves\nload 3\nload 9\nload ../x\nundo\nquit\n"
    run_plain(story, io.StringIO(script), out, saves=tmp_path)
    text = out.getvalue()
    assert "Saved to quicksave." in text and "Saved to slot 3." in text
    assert "slot 3: K.'s office, bandaged, 0 min played, saved " in text
    assert "autosave 2: The workshop, bandaged" in text
    assert "Loaded slot 3." in text
    assert "Slot 9: empty." in text
    assert "'../x': no such slot" in text
    assert text.count("You take it back.") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "auto-1.json",
        "auto-2.json",
        "quick.json",
        "slot-3.json",
    ]


def test_a_damaged_save_is_listed_and_reported(story, tmp_path):
    (tmp_path / "slot-2.json").write_text("{not json")
    out = io.StringIO()
    run_plain(story, io.StringIO("saves\nload 2\nload\n"), out, saves=tmp_path)
    text = out.getvalue()
    assert "slot 2: damaged, left as it is (the file is damaged or cut short" in text
    assert "Slot 2: the file is damaged or cut short" in text
    assert "There is no save to load." in text
    assert (tmp_path / "slot-2.json").read_text() == "{not json"
