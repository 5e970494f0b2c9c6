"""``play --at SCENE[#N]``: a game that starts where the exhaustive search really went."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.story.runtime import Story
from game.tools.start_at import At, StartError, opening, parse_at
from game.tools.walk import explore
from tests.paths import STARTER


def play_at(tmp_path: Path, at: str, script: str = "", *more: str
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--story", str(STARTER),
         "--saves", str(tmp_path), "--at", at, *more],
        input=script, capture_output=True, text=True, timeout=120)


def test_play_at_a_scene_starts_there_and_undo_takes_the_path_back(tmp_path: Path):
    result = play_at(tmp_path, "house_s_yard", "look\nundo\nundo\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("ACT III\n\n== The yard of house S ==\n")
    assert "== The lab accident ==" not in out
    # Undo steps back along the path the search found: out of the yard, into house S.
    assert out.count("You take it back.") == 2
    assert "== House S ==" in out.split("You take it back.", 1)[1]
    assert result.stderr == ""
    assert not list(tmp_path.glob("autosave*"))  # the path to the start is not autosaved


def test_play_at_the_nth_state_differs_from_the_first(tmp_path: Path):
    first = play_at(tmp_path, "house_s_yard#1", "status\n")
    later = play_at(tmp_path, "house_s_yard#3", "status\n")
    assert first.returncode == later.returncode == 0, first.stderr + later.stderr
    assert "== The yard of house S ==" in later.stdout
    assert first.stdout != later.stdout


def test_play_at_an_ending_shows_the_ending(tmp_path: Path):
    result = play_at(tmp_path, "end_corner")
    assert result.returncode == 0, result.stderr
    assert "THE END: The corner, held open" in result.stdout


@pytest.mark.parametrize(("at", "said"), [
    ("house_s_yrd", "there is no scene 'house_s_yrd' in this story; did you mean "
                    "'house_s_yard'?"),
    ("lab_accident#50", "'lab_accident#50': the search found 2 distinct states in scene "
                        "'lab_accident'; choose #1 to #2"),
    ("x#0", "N in SCENE#N must be a whole number of at least 1"),
    ("#2", "give a scene id"),
])
def test_play_at_refuses_with_one_clear_line(tmp_path: Path, at: str, said: str):
    result = play_at(tmp_path, at)
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("face-of-another play: ") and said in line


def test_play_at_a_scene_beyond_the_cap_says_so(tmp_path: Path):
    result = play_at(tmp_path, "end_corner", "", "--max-states", "5")
    assert result.returncode == 1
    assert result.stderr.strip() == ("face-of-another play: the search did not reach scene "
                                     "'end_corner' within 5 states; raise --max-states")


def test_parse_at():
    assert parse_at("home") == At("home", 1)
    assert parse_at("home#4") == At("home", 4)
    assert str(At("home", 4)) == "home#4" and str(At("home")) == "home"
    for bad in ("", "#", "home#", "home#x", "home#-1"):
        with pytest.raises(StartError):
            parse_at(bad)


def test_opening_is_the_search_path(starter: Story, monkeypatch: pytest.MonkeyPatch):
    import game.tools.start_at as start_at

    monkeypatch.setattr(start_at, "NOTICE_AFTER", 60.0)
    told: list[str] = []
    path = opening(starter, At("workshop", 2), notice=lambda: told.append("searching"))
    assert path == explore(starter, keep_paths=2).path_to("workshop", 2)
    assert told == []  # a quick search says nothing


def test_a_long_search_says_searching_once(starter: Story, monkeypatch: pytest.MonkeyPatch):
    import time

    import game.tools.start_at as start_at
    import game.tools.walk as walk

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(0.3)
        return explore(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(start_at, "NOTICE_AFTER", 0.05)
    monkeypatch.setattr(walk, "explore", slow)
    told: list[str] = []
    assert opening(starter, At("workshop"), notice=lambda: told.append("searching"))
    assert told == ["searching"]


def test_a_scene_no_path_reaches_is_refused(starter: Story):
    from dataclasses import replace

    cut = replace(starter, scenes={**starter.scenes, "lonely": replace(
        starter.scenes["workshop"], id="lonely")})
    with pytest.raises(StartError, match="no playthrough reaches scene 'lonely'"):
        opening(cut, At("lonely"))


@pytest.mark.slow
def test_play_at_the_last_scene_of_the_bundled_story(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--saves", str(tmp_path),
         "--at", "final_corner"], input="status\n", capture_output=True, text=True,
        timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ACT V\nThe last pages\n\n== The corner ==\n")
    assert "Your face: masked." in result.stdout
