"""The author tools on the command line: walk, graph, schema and new scene; exit codes."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from game.story import load_story
from tests.paths import MINIMAL, ROOT, STARTER


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    dest = tmp_path / "starter"
    shutil.copytree(STARTER, dest)
    return dest


def _trap(root: Path) -> Path:
    """The starter story with a dead end and a softlock that ``check`` cannot see.

    - from the lab a choice leads into a cellar where only the bandaged face is allowed and
      the one way out needs the finger, which nobody has yet: a dead end;
    - once the toy is promised in the yard, no way out is left but changing face: a softlock.
    """
    act1 = root / "scenes" / "act1.yaml"
    act1.write_text(act1.read_text().replace("      go: k_office\n", """\
      go: k_office
    - id: cellar
      label: Hide in the cellar
      go: cellar

- id: cellar
  title: The cellar
  act: 1
  faces:
    allowed: [bandaged]
  text: Dark, and a smell of coal.
  choices:
    - id: climb
      label: Climb back up
      if: has("finger")
      go: lab_accident
""", 1))
    act3 = root / "scenes" / "act3.yaml"
    text = act3.read_text().replace("      if: toy_promised\n",
                                    "      if: toy_promised and not toy_promised\n")
    text = text.replace("      do: girl_trust -= 1\n      go: house_s\n",
                        "      if: not toy_promised\n      do: girl_trust -= 1\n"
                        "      go: house_s\n")
    act3.write_text(text)
    return root


@pytest.fixture
def trapped(starter: Path) -> Path:
    return _trap(starter)


# --------------------------------------------------------------------------- walk


def test_walk_random_reports_hits_and_exits_zero(capsys):
    code, out, _ = run(capsys, "walk", STARTER, "--random", "30", "--seed", "5")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "random: 30 walks, seeds 5 to 34, at most 400 steps each"
    assert "endings (walks that reached each):" in lines
    assert re.search(r"^\s+\d+\s+end_corner\s+The corner, held open$", out, re.M)
    assert re.search(r"^\s+30\s+lab_accident$", out, re.M)
    assert re.search(r"^\s+\d+\s+k_office\.buy_finger$", out, re.M)
    assert re.search(r"^\s+\d+\s+house_s\.face1\s+to masked from bandaged$", out, re.M)
    assert re.match(r"random: 30 walks, 2/2 endings, 5/5 scenes, \d+/12 choices, "
                    r"\d+/8 face rules; 0 failures$", lines[-1])


def test_walk_defaults_to_200_random_walks_of_the_bundled_story(capsys):
    code, out, _ = run(capsys, "walk")
    assert code == 0
    assert out.startswith("random: 200 walks, seeds 0 to 199")
    assert out.splitlines()[-1].endswith("; 0 failures")


def test_walk_random_lists_what_was_never_hit(starter: Path, capsys):
    # An ending behind a condition that cannot hold: reported, but random walks only
    # report what they missed (chance may miss things); the exhaustive search fails.
    act1 = starter / "scenes" / "act1.yaml"
    act1.write_text(act1.read_text().replace("requires: mask_hold < 3",
                                             "requires: mask_hold < 0"))
    code, out, _ = run(capsys, "walk", starter, "--random", "10")
    assert code == 0
    assert "never reached: end_patient" in out
    assert "never taken: k_office.accept_help" in out
    code, out, _ = run(capsys, "walk", starter, "--exhaustive")
    assert code == 1
    assert "never reached: end_patient (no path from the start leads there)" in out
    assert out.splitlines()[-1].endswith(" 1/2 endings, 0 softlocks")


def test_walk_exhaustive_proves_the_starter(capsys):
    code, out, _ = run(capsys, "walk", STARTER, "--exhaustive")
    assert code == 0
    assert out.splitlines() == [
        "endings (the shortest path to each):",
        "  end_patient (2 steps): go_home accept_help",
        "  end_corner (6 steps): go_home buy_finger pay_stranger finish_mask face:masked "
        "walk_out",
        "exhaustive: 25 states, 2/2 endings, 0 softlocks (proven)"]


def test_walk_exhaustive_stopped_by_max_states_is_not_proven(capsys):
    code, out, _ = run(capsys, "walk", STARTER, "--exhaustive", "--max-states", "10")
    assert code == 1
    lines = out.splitlines()
    assert lines[-2].startswith("not proven: the search stopped at --max-states 10 before it "
                                "had seen every state")
    assert lines[-1].startswith("exhaustive: 10 states (stopped at --max-states), ")
    assert lines[-1].endswith("; not proven")


def test_walk_exhaustive_finds_the_dead_end_and_the_softlock(trapped: Path, capsys):
    assert main(["check", str(trapped), "--strict"]) == 0  # the lint sees neither
    capsys.readouterr()
    code, out, _ = run(capsys, "walk", trapped, "--exhaustive")
    assert code == 1
    lines = out.splitlines()
    assert "dead end: scene 'cellar' (face bandaged): nothing at all can be done" in lines
    assert lines[lines.index("dead end: scene 'cellar' (face bandaged): nothing at all can be "
                             "done") + 1] == "  path: cellar"
    soft = [ln for ln in lines if ln.startswith("softlock: scene 'house_s_yard'")]
    assert soft and soft[0].endswith("no ending can be reached from here")
    path_line = lines[lines.index(soft[0]) + 1]
    assert path_line.startswith("  path: ") and path_line.endswith(" promise_toy")
    replay = lines[lines.index(soft[0]) + 2]
    assert replay.startswith(f"  replay: face-of-another walk {trapped} --seed 0 --replay ")
    assert re.match(r"softlocks: [\d,]+ states, in scenes cellar, house_s_yard$", lines[-2])
    assert re.match(r"exhaustive: [\d,]+ states, 2/2 endings, [\d,]+ softlocks$", lines[-1])

    # The printed replay command plays the path to the softlock.
    argv = shlex.split(replay.split("replay: ", 1)[1])
    assert argv[:2] == ["face-of-another", "walk"]
    code, out, _ = run(capsys, *argv[1:])
    assert code == 0
    assert "> promise_toy\n" in out
    assert out.splitlines()[-1] == ("replay: now in scene 'house_s_yard' (face bandaged); "
                                    "possible: face:masked face:bare")


def test_walk_random_failure_prints_seed_path_and_replay(trapped: Path, capsys):
    code, out, _ = run(capsys, "walk", trapped, "--random", "12", "--max-steps", "40",
                       "--show", "2")
    assert code == 1
    lines = out.splitlines()
    failed = [i for i, ln in enumerate(lines) if ln.startswith("FAILED seed ")]
    assert len(failed) == 2
    first = failed[0]
    assert re.match(r"FAILED seed \d+: (dead end in scene 'cellar'|no ending after 40 steps)",
                    lines[first])
    assert lines[first + 1].startswith("  path: ")
    seed = lines[first].split()[2].rstrip(":")
    path = re.sub(r" \(then [\d,]+ face changes\)$", "", lines[first + 1][len("  path: "):])
    assert lines[first + 2] == (f"  replay: face-of-another walk {trapped} --seed {seed} "
                                f"--replay {shlex.quote(path)}")
    assert re.match(r"\.\.\. and \d+ more failed walks \(--show N\)$", lines[failed[1] + 3])
    assert re.search(r"; \d+ failures$", lines[-1])
    # replaying it ends where the walk failed
    code, out, _ = run(capsys, "walk", trapped, "--seed", seed, "--replay", path)
    assert code == 0
    assert out.splitlines()[-1].startswith("replay: now in scene ")


def test_walk_random_failure_paths_stop_at_the_last_choice(trapped: Path, capsys):
    code, out, _ = run(capsys, "walk", trapped, "--random", "12", "--max-steps", "40",
                       "--show", "20")
    assert code == 1
    lines = out.splitlines()
    stuck = [i for i, ln in enumerate(lines)
             if ln.endswith(": no ending after 40 steps (last scene 'house_s_yard')")]
    assert stuck
    for i in stuck:
        assert re.search(r" promise_toy \(then \d+ face changes\)$", lines[i + 1])
        assert lines[i + 2].endswith(" promise_toy'")


def test_walk_random_and_exhaustive_together(capsys):
    code, out, _ = run(capsys, "walk", MINIMAL, "--random", "5", "--exhaustive")
    assert code == 0
    assert out.startswith("random: 5 walks")
    assert "\n\nendings (the shortest path to each):\n  home (2 steps): " in out
    assert out.splitlines()[-1].startswith("exhaustive: ")
    assert out.splitlines()[-1].endswith(" 1/1 endings, 0 softlocks (proven)")


def test_walk_replay_of_an_impossible_step_exits_one(capsys):
    code, out, _ = run(capsys, "walk", STARTER, "--replay", "go_home fly_away")
    assert code == 1
    assert "> go_home\n" in out
    assert out.splitlines()[-1] == ("replay: step 2, 'fly_away', is not possible in scene "
                                    "'k_office' (face bandaged)")


def test_walk_replay_to_an_ending(capsys):
    code, out, _ = run(capsys, "walk", STARTER, "--replay", "go_home accept_help")
    assert code == 0
    assert "THE END: The patient" in out
    assert out.splitlines()[-1] == "replay: reached the ending 'end_patient'"


@pytest.mark.parametrize("args", [["walk", "--random", "0"], ["walk", "--max-states", "x"],
                                  ["graph", "--walks", "-3"], ["graph", "--format", "svg"]])
def test_bad_counts_and_formats_are_usage_errors(capsys, args: list[str]):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    assert "error: argument" in capsys.readouterr().err


def test_walk_and_graph_refuse_a_broken_story(starter: Path, capsys):
    act1 = starter / "scenes" / "act1.yaml"
    act1.write_text(act1.read_text().replace("go: k_office", "go: k_ofice"))
    for command in ("walk", "graph"):
        code, out, err = run(capsys, command, starter)
        assert code == 1 and out == ""
        assert "E201 unknown scene 'k_ofice'" in err
        assert "has errors; run 'face-of-another check'" in err


# --------------------------------------------------------------------------- graph


def _dot_nodes(text: str) -> set[str]:
    return set(re.findall(r'^\s*"([A-Za-z_][A-Za-z0-9_]*)" \[', text, re.M))


def test_graph_dot_has_every_scene_and_the_conditions(capsys):
    story = load_story(STARTER)
    code, out, _ = run(capsys, "graph", STARTER)
    assert code == 0
    assert out.startswith('digraph "face_of_another" {')
    assert out.count("{") == out.count("}") and out.rstrip().endswith("}")
    assert _dot_nodes(out) == set(story.scenes)
    assert '"k_office" -> "end_patient" [label="accept_help\\nrequires: mask_hold < 3"]' in out
    assert ('"house_s" -> "end_corner" [label="walk_out\\nrequires: face == \\"masked\\""]'
            in out)
    assert '"house_s_yard" -> "house_s" [label="back_up\\nif: toy_promised"]' in out
    assert "subgraph cluster_act1 {" in out and 'label="Act III";' in out
    assert "peripheries=2" in out  # endings stand apart
    assert "pay_stranger" not in out  # choices that stay are counted, not drawn
    assert "+2 choices that stay" in out
    if shutil.which("dot"):
        result = subprocess.run(["dot", "-Tsvg"], input=out, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, result.stderr


def test_graph_face_rules_with_go_are_dashed_edges(capsys):
    code, out, _ = run(capsys, "graph", MINIMAL)
    assert code == 0
    assert '"street" -> "home" [label="face -> bare", style=dashed];' in out
    code, out, _ = run(capsys, "graph", MINIMAL, "--format", "mermaid")
    assert '  street -.->|"face -#62; bare"| home' in out


def test_graph_mermaid_parses_as_a_flowchart(capsys):
    story = load_story(STARTER)
    code, out, _ = run(capsys, "graph", STARTER, "--format", "mermaid")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "flowchart TD"
    for sid in story.scenes:
        assert re.search(rf"^\s+{sid}\(", out, re.M), sid
    opened = sum(1 for ln in lines if ln.strip().startswith("subgraph "))
    assert opened == 3 and sum(1 for ln in lines if ln.strip() == "end") == opened
    assert '  k_office -->|"accept_help<br>requires: mask_hold #60; 3"| end_patient' in lines
    assert '  end_patient(["end_patient<br>THE END: The patient"])' in lines
    assert "  class end_patient ending" in lines


def test_graph_mermaid_renames_a_scene_called_end(tmp_path: Path, capsys):
    story = tmp_path / "mini"
    shutil.copytree(MINIMAL, story)
    main_yaml = story / "scenes" / "main.yaml"
    main_yaml.write_text(main_yaml.read_text().replace("go: home", "go: end")
                         .replace("- id: home", "- id: end"))
    code, out, _ = run(capsys, "graph", story, "--format", "mermaid")
    assert code == 0
    assert '  end_(["end<br>THE END: Home at last"])' in out
    assert "| end\n" not in out and "| end_\n" in out


def test_graph_coverage_colours_by_hits(starter: Path, capsys):
    # A scene nothing leads to: unreachable (dashed) and never entered (red).
    (starter / "scenes" / "attic.yaml").write_text(
        "- id: attic\n  title: The attic\n  choices:\n    - id: down\n      label: Go down\n"
        "      go: lab_accident\n")
    code, out, _ = run(capsys, "graph", starter, "--coverage", "--walks", "20")
    assert code == 0
    assert "coverage: 20 random walks" in out
    assert 'label="lab_accident\\nThe lab accident\\nentered by 20/20 walks"' in out
    attic = next(ln for ln in out.splitlines() if ln.strip().startswith('"attic" ['))
    assert 'fillcolor="#f4cccc"' in attic and "dashed" in attic
    assert "entered by 0/20 walks" in attic
    down = next(ln for ln in out.splitlines() if '"attic" -> ' in ln)
    assert "taken 0x" in down and 'color="#cc0000"' in down
    same_seed = [run(capsys, "graph", starter, "--coverage", "--walks", "5", "--seed", "3")[1]
                 for _ in range(2)]
    assert same_seed[0] == same_seed[1] and "coverage: 5 random walks" in same_seed[0]
    code, out, _ = run(capsys, "graph", starter, "--coverage", "--walks", "20",
                       "--format", "mermaid")
    assert "  style attic fill:#f4cccc" in out and "  class attic unreachable" in out
    assert re.search(r"^  linkStyle \d+ stroke:#cc0000,color:#cc0000$", out, re.M)


def test_graph_stays_and_out(tmp_path: Path, capsys):
    target = tmp_path / "story.dot"
    code, out, _ = run(capsys, "graph", STARTER, "--stays", "--out", target)
    assert code == 0 and out == f"wrote {target}\n"
    text = target.read_text()
    assert ('"workshop" -> "workshop" [label="pay_stranger\\nif: skin_source == \\"none\\"", '
            'style=dotted' in text)
    assert "choices that stay" not in text


# --------------------------------------------------------------------------- schema


def test_schema_prints_one_and_writes_all(tmp_path: Path, capsys):
    code, out, _ = run(capsys, "schema", "scenes")
    assert code == 0
    assert out == (ROOT / "schema" / "scenes.schema.json").read_text()
    assert json.loads(out)["title"] == "Face of Another: a scene file (scenes/*.yaml)"
    code, out, _ = run(capsys, "schema", "--out", tmp_path / "s")
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert names == ["characters.schema.json", "scenes.schema.json", "story.schema.json"]
    assert out.count("wrote ") == 3
    code, out, _ = run(capsys, "schema", "story", "--out", tmp_path / "one")
    assert code == 0
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["story.schema.json"]


def test_schema_without_a_kind_or_out_is_a_usage_error(capsys):
    code, out, err = run(capsys, "schema")
    assert code == 2 and out == ""
    assert "name the schema to print (story, characters or scenes)" in err


# --------------------------------------------------------------------------- new scene


def test_new_scene_round_trip(starter: Path, capsys):
    code, out, err = run(capsys, "new", "scene", "chemist", "--act", "2", "--story", starter)
    assert code == 0, err
    act2 = starter / "scenes" / "act2.yaml"
    assert out.startswith(f"scene 'chemist', act 2: appended to {act2}, line ")
    assert "Wire a choice to it" in out and f"face-of-another check {starter} --strict" in out
    story = load_story(starter)
    scene = story.scenes["chemist"]
    assert scene.act == 2 and "TODO" in story.text(scene.title)
    assert "TODO" in story.text(scene.paragraphs[0].key)
    assert [c.go for c in scene.choices] == ["house_s"]  # the first scene of act III
    line = int(out.split(", line ")[1].split()[0])
    assert act2.read_text().splitlines()[line - 1] == "- id: chemist"

    # Loads, but nothing leads there yet: a warning, so --strict fails.
    code, out, _ = run(capsys, "check", starter)
    assert code == 0 and "W301 scene 'chemist' is unreachable" in out
    assert run(capsys, "check", starter, "--strict")[0] == 1

    # Wire a choice to it from house S (its way on goes back there): clean, every path ends.
    act3 = starter / "scenes" / "act3.yaml"
    act3.write_text(act3.read_text().replace(
        "    - id: yard\n",
        "    - id: to_chemist\n      label: Buy more resin\n      go: chemist\n"
        "    - id: yard\n", 1))
    code, out, _ = run(capsys, "check", starter, "--strict")
    assert code == 0, out
    code, out, _ = run(capsys, "walk", starter, "--exhaustive")
    assert code == 0, out


def test_new_scene_in_a_new_file_with_the_schema_line(tmp_path: Path, capsys):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "story", project / "story")
    shutil.copytree(ROOT / "schema", project / "schema")
    code, out, err = run(capsys, "new", "scene", "cellar", "--story", project / "story")
    assert code == 0, err
    made = project / "story" / "scenes" / "cellar.yaml"
    assert out.startswith(f"scene 'cellar': wrote a new file {made}, line 4")
    lines = made.read_text().splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schema/scenes.schema.json"
    assert lines[3] == "- id: cellar"
    story = load_story(project / "story")
    assert story.scenes["cellar"].choices[0].go == "end_patient"  # the first ending
    # deeper, with --file and --to
    code, _, err = run(capsys, "new", "scene", "vault", "--story", project / "story",
                       "--file", "extra/vault.yml", "--to", "home", "--act", "1")
    assert code == 0, err
    vault = project / "story" / "scenes" / "extra" / "vault.yml"
    assert vault.read_text().startswith(
        "# yaml-language-server: $schema=../../../schema/scenes.schema.json\n")
    assert load_story(project / "story").scenes["vault"].choices[0].go == "home"


def test_new_scene_appends_with_the_act_of_the_file(starter: Path, capsys):
    code, out, err = run(capsys, "new", "scene", "attic", "--story", starter,
                         "--file", "act1.yaml")
    assert code == 0, err
    assert out.startswith(f"scene 'attic', act 1: appended to {starter / 'scenes' / 'act1.yaml'}")
    assert load_story(starter).scenes["attic"].choices[0].go == "workshop"


@pytest.mark.parametrize(("args", "message"), [
    (["lab_accident"], "scene 'lab_accident' already exists ("),
    (["3rd_door"], "'3rd_door' is not a valid scene id: use letters, digits and _"),
    (["stair-well"], "'stair-well' is not a valid scene id"),
    (["cellar", "--to", "k_ofice"], "--to: there is no scene 'k_ofice' (did you mean "
                                    "'k_office'?)"),
    (["cellar", "--file", "../outside.yaml"], "scene files must be inside"),
    (["cellar", "--file", "notes.txt"], "a scene file must end in .yaml or .yml"),
])
def test_new_scene_refusals(starter: Path, capsys, args: list[str], message: str):
    before = {p: p.read_text() for p in starter.rglob("*.yaml")}
    code, out, err = run(capsys, "new", "scene", *args, "--story", starter)
    assert code == 1 and out == ""
    assert err.startswith("face-of-another new scene: ")
    assert message in err
    assert {p: p.read_text() for p in starter.rglob("*.yaml")} == before


def test_new_scene_refuses_a_file_holding_one_mapping_or_a_broken_story(starter: Path,
                                                                        capsys):
    (starter / "scenes" / "single.yaml").write_text(
        "id: lone\ntitle: Alone\nchoices:\n  - id: back\n    label: Back\n"
        "    go: lab_accident\n")
    code, _, err = run(capsys, "new", "scene", "x", "--story", starter, "--file", "single.yaml")
    assert code == 1 and "holds one scene as a mapping" in err
    (starter / "story.yaml").write_text("id: [broken\n")
    code, _, err = run(capsys, "new", "scene", "x", "--story", starter)
    assert code == 1 and "does not load; run 'face-of-another check" in err


def test_new_needs_a_kind(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["new"])
    assert exc.value.code == 2
    assert "WHAT" in capsys.readouterr().err
