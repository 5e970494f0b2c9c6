"""bench/to_ink.py, the benchmark's translation to ink: a knot per scene, a choice per choice.

Only the ink source is checked here; compiling it needs node and npm (bench/engine.py).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType

from game.story import load_story
from tests.paths import ROOT, STARTER


def _to_ink() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_to_ink", ROOT / "bench" / "to_ink.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def test_a_knot_per_scene_and_a_choice_per_choice() -> None:
    to_ink = _to_ink()
    story = load_story(STARTER)
    ink = to_ink.to_ink(story)
    assert "expressions left untranslated" in ink.splitlines()[0]
    knots = dict(re.findall(r"^=== (\w+) ===\n(.*?)(?=^=== |\Z)", ink, re.M | re.S))
    assert set(knots) == {to_ink.knot_name(sid) for sid in story.scenes}
    assert f"-> {to_ink.knot_name(story.start)}" in ink
    for sid, scene in story.scenes.items():
        body = knots[to_ink.knot_name(sid)]
        choices = re.findall(r"^([*+]) \(c_(\w+)\)", body, re.M)
        assert [c for _b, c in choices] == [c.id for c in scene.choices], sid
        assert [b == "*" for b, _c in choices] == [c.once for c in scene.choices], sid
        if scene.ending:
            assert "-> END" in body and "[Face:" not in body, sid
        else:
            faces = scene.allowed
            assert body.count("[Face: ") == len(faces), sid
