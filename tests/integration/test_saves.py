"""Saves: slots, atomic writes, corruption, story-version migration, undo across a load."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import ChangeFace, Choose
from game.saves.model import SavedState, SaveFile
from game.saves.store import SaveError, SaveStore, check_slot
from game.session.playthrough import MAX_UNDO, Playthrough
from game.story import load_story
from game.tools.walk import random_walk
from tests.paths import BUNDLED, ROOT, STARTER


@pytest.fixture(scope="module")
def story():
    return load_story(STARTER)


def moves(*names: str):
    return [ChangeFace(face=n[5:]) if n.startswith("face:") else Choose(choice=n) for n in names]


def played(story, store, *names: str, seed: int = 0) -> Playthrough:
    game = Playthrough(story, store, seed)
    for action in moves(*names):
        game.act(action)
    return game


# --------------------------------------------------------------------------- round trips


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), cut=st.integers(0, 40))
def test_any_reachable_state_round_trips_through_a_save(story, tmp_path_factory, seed, cut):
    walk = random_walk(story, seed)
    game = Playthrough(story, SaveStore(tmp_path_factory.mktemp("s")), seed, autosave=False)
    for action in walk.actions[:cut]:
        game.act(action)
    game.save("1")
    other = Playthrough(story, game.store, autosave=False)
    assert other.load("1") == []
    assert other.state == game.state
    assert other.seed == seed


PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))
"""Any character a save may hold (control characters are refused: see the hostile tests)."""


@settings(max_examples=100, deadline=None)
@given(
    vars=st.dictionaries(
        st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
        st.one_of(st.booleans(), st.integers(-(10**9), 10**9), st.text(PRINTABLE)),
        max_size=6,
    ),
    scene=st.text(PRINTABLE, min_size=1, max_size=20),
    turn=st.integers(0, 10**6),
)
def test_the_save_format_round_trips_any_state(vars, scene, turn):
    state = SavedState(
        scene=scene, face="bare", vars=vars, turn=turn, log=tuple(moves("a", "face:masked"))
    )
    save = SaveFile(
        story_id="s",
        story_version="1",
        content_hash="h",
        state=state,
        saved_at="2026-01-01T00:00:00Z",
        summary={"scene_title": scene, "face": "Bare"},
    )
    assert SaveFile.model_validate_json(save.model_dump_json()) == save


# --------------------------------------------------------------------------- slots


def test_slots_quicksave_and_listing(story, tmp_path):
    store = SaveStore(tmp_path)
    game = played(story, store, "go_home")
    game.save("quick")
    game.save("4")
    listed = {s.slot: s for s in store.slots()}
    assert {"quick", "4"} <= set(listed)
    summary = listed["4"].save.summary
    assert summary.scene_title == "K.'s office" and summary.face == "Bandaged"
    assert (tmp_path / "slot-4.json").exists() and (tmp_path / "quick.json").exists()


@pytest.mark.parametrize(
    "bad",
    ["../escape", "/etc/passwd", "10", "0", "auto-4", "", "1/..", "slot-1", "quick.json", "\x00"],
)
def test_slot_names_are_checked(tmp_path, bad):
    with pytest.raises(SaveError, match="no such slot"):
        check_slot(bad)
    store = SaveStore(tmp_path)
    with pytest.raises(SaveError):
        store.path(bad)
    assert list(tmp_path.iterdir()) == []


def test_autosave_at_every_scene_change_keeps_the_last_three(story, tmp_path):
    store = SaveStore(tmp_path)
    game = Playthrough(story, store)
    for action in moves("go_home", "buy_finger", "pay_stranger", "finish_mask", "yard"):
        game.act(action)
        time.sleep(0.01)  # distinct modification times
    autos = [s for s in store.slots() if s.slot.startswith("auto-")]
    assert len(autos) == 3
    titles = {s.save.summary.scene_title for s in autos}
    assert titles == {"The workshop", "House S", "The yard of house S"}
    newest = store.newest(story.id)
    assert newest.save.state.scene == "house_s_yard"


def test_a_face_change_in_place_does_not_autosave(story, tmp_path):
    store = SaveStore(tmp_path)
    played(story, store, "face:bare")
    assert store.slots() == []


def test_continue_loads_the_newest_save(story, tmp_path):
    store = SaveStore(tmp_path)
    game = played(story, store, "go_home")
    game.save("2")
    time.sleep(0.01)
    game.act(Choose(choice="buy_finger"))
    newest = store.newest(story.id)
    assert newest.save.state.scene == "workshop"


# --------------------------------------------------------------------------- undo


def test_undo_works_across_a_save_and_a_load(story, tmp_path):
    store = SaveStore(tmp_path)
    game = played(story, store, "go_home", "buy_finger", "pay_stranger")
    game.save("1")
    again = Playthrough(story, store)
    again.load("1")
    again.undo()
    assert again.state.scene == "workshop" and again.state.vars["skin_source"] == "none"
    again.undo()
    assert again.state.scene == "k_office" and again.can_undo()
    again.undo()
    assert again.state.scene == "lab_accident" and not again.can_undo()


def test_long_histories_are_trimmed_and_undo_stops_at_the_base(story, tmp_path):
    store = SaveStore(tmp_path)
    game = played(story, store, "go_home")
    for _ in range(MAX_UNDO + 20):
        game.act(ChangeFace(face="bare" if game.state.face == "bandaged" else "bandaged"))
    game.save("1")
    save = store.read("1")
    assert len(save.state.log) == MAX_UNDO and save.base is not None
    again = Playthrough(story, store)
    again.load("1")
    assert SavedState.of(again.state) == save.state
    again.undo(MAX_UNDO + 100)
    assert SavedState.of(again.state) == save.base and not again.can_undo()


# --------------------------------------------------------------------------- corruption


def _corruptions(valid: bytes) -> dict[str, bytes]:
    data = json.loads(valid)
    wrong_type = dict(data, state=dict(data["state"], turn="many"))
    missing = {k: v for k, v in data.items() if k != "state"}
    code = dict(data, state=dict(data["state"], scene={"__reduce__": "os.system"}))
    return {
        "empty": b"",
        "truncated": valid[: len(valid) // 2],
        "not utf-8": b"\xff\xfe\x00garbage",
        "a list": b"[1, 2, 3]",
        "wrong type": json.dumps(wrong_type).encode(),
        "missing key": json.dumps(missing).encode(),
        "unknown key": json.dumps(dict(data, extra=1)).encode(),
        "object in place of text": json.dumps(code).encode(),
        "newer format": json.dumps(dict(data, format=99)).encode(),
        "nul bytes": b"\x00" * 100,
    }


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "truncated",
        "not utf-8",
        "a list",
        "wrong type",
        "missing key",
        "unknown key",
        "object in place of text",
        "newer format",
        "nul bytes",
    ],
)
def test_a_broken_save_is_reported_left_untouched_and_others_still_load(story, tmp_path, case):
    store = SaveStore(tmp_path)
    game = played(story, store, "go_home")
    game.save("1")
    game.save("2")
    broken = _corruptions(store.path("1").read_bytes())[case]
    store.path("1").write_bytes(broken)
    before = (store.path("1").read_bytes(), store.path("1").stat().st_mtime_ns)

    with pytest.raises(SaveError) as err:
        Playthrough(story, store).load("1")
    assert str(err.value).startswith("slot 1: ")
    listed = {s.slot: s for s in store.slots()}
    assert listed["1"].save is None and listed["1"].error
    assert listed["2"].save is not None
    assert Playthrough(story, store).load("2") == []
    game.act(Choose(choice="buy_finger"))  # autosaves elsewhere; slot 1 is never touched
    assert (store.path("1").read_bytes(), store.path("1").stat().st_mtime_ns) == before


def test_a_damaged_autosave_is_never_overwritten(story, tmp_path):
    store = SaveStore(tmp_path)
    store.path("auto-1").parent.mkdir(exist_ok=True)
    store.path("auto-1").write_text("{broken")
    game = played(story, store, "go_home", "buy_finger", "pay_stranger", "finish_mask")
    assert store.path("auto-1").read_text() == "{broken"
    assert game.autosave_error is None


def test_a_save_of_another_story_is_refused(story, tmp_path):
    store = SaveStore(tmp_path)
    played(story, store, "go_home").save("1")
    data = json.loads(store.path("1").read_text())
    data["story_id"] = "another_story"
    store.path("1").write_text(json.dumps(data))
    with pytest.raises(SaveError, match="belongs to another story"):
        Playthrough(story, store).load("1")


# --------------------------------------------------------------------------- migration


@pytest.fixture
def edited(tmp_path):
    """A copy of the starter story to edit, and a save made with the original."""
    dest = tmp_path / "story"
    shutil.copytree(STARTER, dest)
    return dest


def _save_then_edit(story, tmp_path, edited, edit, *names):
    store = SaveStore(tmp_path / "saves")
    played(story, store, *names).save("1")
    edit(edited)
    return load_story(edited), store


def test_new_variables_take_defaults_and_removed_ones_are_dropped(story, tmp_path, edited):
    def edit(root: Path):
        meta = root / "story.yaml"
        meta.write_text(meta.read_text().replace("variables:\n", "variables:\n  courage: 3\n", 1))

    new, store = _save_then_edit(story, tmp_path, edited, edit, "go_home", "buy_finger")
    data = json.loads(store.path("1").read_text())
    data["state"]["vars"]["obsolete"] = 5  # a variable the story no longer has
    store.path("1").write_text(json.dumps(data))
    game = Playthrough(new, store)
    game.load("1")
    assert game.state.vars["courage"] == 3
    assert "obsolete" not in game.state.vars
    assert game.state.scene == "workshop"


def test_renamed_scene_follows_the_migration(story, tmp_path, edited):
    def edit(root: Path):
        act2 = root / "scenes" / "act2.yaml"
        act2.write_text(act2.read_text().replace("- id: workshop", "- id: study"))
        act1 = root / "scenes" / "act1.yaml"
        act1.write_text(act1.read_text().replace("go: workshop", "go: study"))
        meta = root / "story.yaml"
        meta.write_text(meta.read_text() + "migrations:\n  scenes:\n    workshop: study\n")

    new, store = _save_then_edit(story, tmp_path, edited, edit, "go_home", "buy_finger")
    game = Playthrough(new, store)
    warnings = game.load("1")
    assert game.state.scene == "study"
    assert game.state.visits.get("study") == 1
    assert all("no longer" not in w for w in warnings)


def test_removed_scene_falls_back_to_the_trail_with_a_warning(story, tmp_path, edited):
    def edit(root: Path):
        act2 = root / "scenes" / "act2.yaml"
        text = act2.read_text()
        act2.write_text(text.replace("- id: workshop", "- id: atelier"))
        act1 = root / "scenes" / "act1.yaml"
        act1.write_text(act1.read_text().replace("go: workshop", "go: atelier"))

    new, store = _save_then_edit(story, tmp_path, edited, edit, "go_home", "buy_finger")
    game = Playthrough(new, store)
    warnings = game.load("1")
    assert game.state.scene == "k_office"
    assert any("'workshop' is no longer in the story" in w for w in warnings)


def test_values_that_no_longer_fit_are_reset_or_clamped(story, tmp_path, edited):
    def edit(root: Path):
        meta = root / "story.yaml"
        text = meta.read_text().replace(
            "values: [none, bought, cast]", "values: [none, cast, borrowed]"
        )
        meta.write_text(text.replace("    max: 10\n", "    max: 1\n", 1))
        act2 = root / "scenes" / "act2.yaml"
        act2.write_text(
            act2.read_text().replace('skin_source = "bought"', 'skin_source = "borrowed"')
        )

    new, store = _save_then_edit(
        story, tmp_path, edited, edit, "go_home", "walk_out", "pay_stranger"
    )
    game = Playthrough(new, store)
    game.load("1")
    assert game.state.vars["skin_source"] == "none"
    assert game.state.vars["mask_hold"] == 1


def test_the_saves_folder_can_be_chosen(monkeypatch, tmp_path):
    from game.paths import PROJECT, default_saves_dir

    monkeypatch.setenv("FACE_SAVES_DIR", str(tmp_path / "mine"))
    assert default_saves_dir() == tmp_path / "mine"
    monkeypatch.delenv("FACE_SAVES_DIR")
    monkeypatch.chdir(PROJECT)
    assert default_saves_dir() == PROJECT / "saves"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_saves_dir() == tmp_path / "data" / "face-of-another" / "saves"


# --------------------------------------------------------------------------- crashes

WRITER = """
import sys
from pathlib import Path
from game.engine import Choose
from game.session.playthrough import Playthrough
from game.saves.store import SaveStore
from game.story import load_story
story = load_story(sys.argv[1])
store = SaveStore(Path(sys.argv[2]))
game = Playthrough(story, store)
game.act(Choose(choice="go_home"))
print("ready", flush=True)
n = 0
while True:
    n += 1
    game.save(str(1 + n % 3))
    game.save("quick")
"""


def test_killing_the_game_while_it_writes_never_leaves_a_broken_save(tmp_path):
    saves = tmp_path / "saves"
    root = ROOT
    for i in range(25):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(STARTER), str(saves)],
            cwd=root,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.005 * (i % 7))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    store = SaveStore(saves)
    slots = store.slots()
    assert {s.slot for s in slots} >= {"quick"}
    for info in slots:
        assert info.save is not None, f"{info.label}: {info.error}"
    store.clean_temp(older_than=0)
    assert sorted(p.name for p in saves.iterdir()) == sorted(p.path.name for p in slots)


# --------------------------------------------------------------------------- trusting no save


@pytest.fixture(scope="module")
def full_story():
    return load_story(BUNDLED)


def test_every_honest_save_of_the_full_story_loads_without_a_note(full_story, tmp_path):
    """Saves are checked whatever their hash: an honest one must pass the check untouched
    (face rules marked ``once`` included), with its whole history."""
    store = SaveStore(tmp_path)
    for seed in range(12):
        walk = random_walk(full_story, seed, face_chance=0.4)
        game = Playthrough(full_story, store, seed, autosave=False)
        for action in walk.actions[: 20 + 15 * seed]:
            game.act(action)
        game.save("1")
        again = Playthrough(full_story, store, autosave=False)
        assert again.load("1") == [], seed
        assert again.state == game.state and again.base == game.base


def test_a_once_face_rule_taken_is_kept_by_a_migration(full_story):
    from game.saves.migrate import _choice_exists

    keys = [rule.key for scene in full_story.scenes.values()
            for rule in scene.rules if rule.once]
    assert keys and all(_choice_exists(full_story, key) for key in keys)
    assert not _choice_exists(full_story, keys[0] + "0")


def test_a_save_that_lies_with_the_real_hash_is_mended_with_notes(story, tmp_path):
    store = SaveStore(tmp_path)
    played(story, store, "go_home").save("1")
    data = json.loads(store.path("1").read_text())
    assert data["content_hash"] == story.content_hash
    data["state"]["vars"]["guilt"] = "plenty"
    data["state"]["log"] = [{"kind": "choose", "choice": "nowhere"}]
    store.path("1").write_text(json.dumps(data))
    game = Playthrough(story, store, autosave=False)
    notes = game.load("1")
    assert "parts of this save did not fit the story and were reset" in notes
    assert any("history" in n for n in notes)
    assert game.state.vars["guilt"] == 0 and not game.can_undo()


# --------------------------------------------------------------------------- names and faces


def test_a_save_keeps_the_name_given_and_the_face_drawing(story, tmp_path):
    game = played(story, SaveStore(tmp_path), "go_home")
    game.save("1", "  before the fall  ")
    summary = SaveStore(tmp_path).read("1").summary
    assert summary.name == "before the fall"
    assert summary.art == story.faces[game.state.face].art
    game.save("2")
    assert SaveStore(tmp_path).read("2").summary.name is None


def test_a_save_name_is_bounded_and_shown_without_control_characters(story, tmp_path):
    from game.saves.model import MAX_NAME

    game = played(story, SaveStore(tmp_path), "go_home")
    game.save("1", "x\x1b[2J" + "y" * 500)
    name = SaveStore(tmp_path).read("1").summary.name
    assert name is not None and len(name) == MAX_NAME and "\x1b" not in name
    path = SaveStore(tmp_path).path("1")
    data = json.loads(path.read_text())
    data["summary"]["name"] = "z" * (MAX_NAME + 1)  # a longer name in a file is refused
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="summary.name"):
        SaveStore(tmp_path).read("1")


def test_a_save_made_before_names_and_drawings_still_loads(story, tmp_path):
    game = played(story, SaveStore(tmp_path), "go_home")
    game.save("1", "named")
    path = SaveStore(tmp_path).path("1")
    data = json.loads(path.read_text())
    data["format"] = 2
    del data["summary"]["name"], data["summary"]["art"]
    path.write_text(json.dumps(data))
    save = SaveStore(tmp_path).read("1")
    assert save.summary.name is None and save.summary.art is None
    assert save.summary_in(story).art == story.faces[save.state.face].art  # from the story
    other = Playthrough(story, SaveStore(tmp_path), autosave=False)
    assert other.load("1") == []
    assert other.state == game.state
