"""A seeded fuzzer of save files: real saves of the starter story, mutated, then read.

Each case starts from a save made by playing the starter story, mutates it one to three times
(values swapped between places, types changed, keys deleted or added, ids of the story put
where they do not belong, deep nesting, huge and non-finite numbers, bytes flipped, the file
cut short) and goes through the real path: :meth:`SaveStore.read`, :func:`restore`, the slot
list and Continue. The only outcomes allowed are a :class:`SaveError`, a
:class:`SaveMismatch`, or a restored game that the engine can show, act on and undo.

``pytest tests/hostile/test_saves_fuzz.py --hostile-cases 20000`` runs a long hunt; a failure
names its case number, which replays alone with ``--hostile-cases`` and ``FUZZ_ONLY=<n>``.
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import time
from pathlib import Path
from typing import Any

import pytest

from game.engine import ChangeFace, Choose, act, undo, view
from game.saves.migrate import SaveMismatch, restore
from game.saves.store import SaveError, SaveStore
from game.session.playthrough import Playthrough
from game.story.loader import load_story
from game.story.runtime import Story
from game.tools.walk import random_walk
from tests.paths import STARTER

DEFAULT_CASES = 500
SEED = 20_261_203


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STARTER)


@pytest.fixture(scope="module")
def seeds(story: Story, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Real saves: random walks of the starter story cut at different points, and one long
    history whose undo was trimmed (it has a ``base``)."""
    store = SaveStore(tmp_path_factory.mktemp("seeds"))
    out: list[dict[str, Any]] = []
    for seed, cut in ((0, 0), (1, 3), (2, 8), (3, 15), (4, 30), (5, 60)):
        game = Playthrough(story, store, seed=seed, autosave=False)
        for action in random_walk(story, seed).actions[:cut]:
            game.act(action)
        game.save("1")
        out.append(json.loads(store.path("1").read_text()))
    game = Playthrough(story, store, autosave=False)
    game.act(Choose(choice="go_home"))
    for _ in range(510):
        game.act(ChangeFace(face="bare" if game.state.face == "bandaged" else "bandaged"))
    game.save("1")
    out.append(json.loads(store.path("1").read_text()))
    assert out[-1]["base"] is not None
    return out


# --------------------------------------------------------------------------- mutations


def story_ids(story: Story) -> list[str]:
    """Ids a lying save might use: real scenes, faces, variables, items, choices."""
    ids = [*story.scenes, *story.faces, *story.variables, *story.items]
    ids += [f"{s.id}.{c.id}" for s in story.scenes.values() for c in s.choices]
    return ids


def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``node`` (the root included), down to 40 levels."""
    out = [path]
    if len(path) >= 40:
        return out
    if isinstance(node, dict):
        for key, value in node.items():
            out += places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += places(value, (*path, index))
    return out


def get(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


def put(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    get(root, path[:-1])[path[-1]] = value
    return root


def odd_value(rng: random.Random, ids: list[str], near: Any) -> Any:
    """A value of another type, out of range, non-finite, huge, or another real id."""
    choices: list[Any] = [
        None, True, False, 0, -1, 1, 2**31, -(2**63), 10**18, 10**100, 10**4000,
        0.5, -0.0, 1e308, math.nan, math.inf, -math.inf,
        "", "x" * rng.choice((1, 65, 300, 20_000)), "\x00", "é\u202e\ud7ff", "🙂" * 50,
        "\x1b[2J\x1b[31m", "\ud800", "a\tb\nc", "\x9b1m",
        rng.choice(ids), rng.choice(ids) + "_gone", [], {}, [rng.choice(ids)],
        {"kind": "choose", "choice": rng.choice(ids)}, {"kind": "face", "face": rng.choice(ids)},
        "0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00", "2026-02-30T00:00:00Z",
        "2026-01-01T00:00:00-23:59", "1970-01-01T00:00:00Z",
    ]
    if isinstance(near, bool):
        choices += [not near, int(near), str(near).lower()]
    elif isinstance(near, int):
        choices += [near + 1, -near, str(near), [near]]
        if abs(near) < 2**1000:
            choices.append(float(near))
    elif isinstance(near, str):
        choices += [near.upper(), near + ".x", near[: len(near) // 2], [near], {near: 1}]
    elif isinstance(near, list):
        choices += [near * 3, near[::-1], near[1:], {str(i): v for i, v in enumerate(near)}]
    elif isinstance(near, dict):
        choices += [list(near), list(near.values()), {k: None for k in near}]
    return rng.choice(choices)


def plausible(rng: random.Random, ids: list[str], near: Any) -> Any:
    """A value of the same type as ``near`` that a careless editor might write: another id
    of the story, a small number, a list reordered or cut."""
    if isinstance(near, bool):
        return not near
    if isinstance(near, int):
        return rng.choice((near + 1, near - 1, rng.randint(-3, 20), 0))
    if isinstance(near, float):
        return rng.choice((near * 2, -near, 1e9, 0.0))
    if isinstance(near, str):
        return rng.choice(ids)
    if isinstance(near, list):
        items = list(near)
        rng.shuffle(items)
        return rng.choice((items, items[: len(items) // 2], [*items, *items[:1]]))
    if isinstance(near, dict):
        changed = dict(near)
        if changed and rng.random() < 0.5:
            del changed[rng.choice(list(changed))]
        else:
            changed[rng.choice(ids)] = rng.choice((0, 1, True, "none", rng.choice(ids)))
        return changed
    return near


def deep(rng: random.Random) -> Any:
    depth = rng.choice((5, 50, 300))  # deeper: see mutate_bytes
    value: Any = 1
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"a": value}
    return value


def mutate_json(rng: random.Random, data: Any, ids: list[str], other: Any) -> tuple[Any, str]:
    """One JSON-level mutation of ``data``; returns the new data and what was done."""
    spots = places(data)
    path = rng.choice(spots)
    kind = rng.choice(("odd", "odd", "plausible", "plausible", "plausible", "plausible",
                       "swap", "graft", "delete", "add", "deep", "duplicate", "id", "rekey"))
    if kind == "plausible" or rng.random() < 0.5:
        # most lies worth telling are in the state: aim there
        inner = [p for p in spots if p[:1] in (("state",), ("base",))]
        path = rng.choice(inner or spots)
    target = get(data, path)
    if kind == "plausible":
        return put(data, path, plausible(rng, ids, target)), f"plausible at {path}"
    if kind == "odd":
        return put(data, path, odd_value(rng, ids, target)), f"odd at {path}"
    if kind == "swap":
        other_path = rng.choice(spots)
        if other_path[: len(path)] == path or path[: len(other_path)] == other_path:
            return put(data, path, odd_value(rng, ids, target)), f"odd at {path}"
        a, b = get(data, path), get(data, other_path)
        put(data, path, b)
        put(data, other_path, a)
        return data, f"swap {path} and {other_path}"
    if kind == "graft":
        graft_path = rng.choice(places(other))
        return put(data, path, json.loads(json.dumps(get(other, graft_path)))), \
            f"graft {graft_path} of another save at {path}"
    if kind == "delete" and path:
        parent = get(data, path[:-1])
        del parent[path[-1]]
        return data, f"delete {path}"
    if kind == "add":
        if isinstance(target, dict):
            target[rng.choice(ids)] = odd_value(rng, ids, None)
            return data, f"add a key at {path}"
        if isinstance(target, list):
            target.insert(rng.randrange(len(target) + 1), odd_value(rng, ids, None))
            return data, f"insert at {path}"
    if kind == "rekey" and isinstance(target, dict) and target:
        old = rng.choice(list(target))
        new = rng.choice(("\x1b[2J", "\ud800", "", "k" * 5000, rng.choice(ids), old + "\x00"))
        target[new] = target.pop(old)
        return data, f"key {old!r} renamed at {path}"
    if kind == "deep":
        return put(data, path, deep(rng)), f"deep nesting at {path}"
    if kind == "duplicate" and isinstance(target, list) and target:
        target.extend(target * rng.choice((1, 10, 1000)))
        return data, f"duplicate {path}"
    if isinstance(target, str) or kind == "id":
        return put(data, path, rng.choice(ids)), f"story id at {path}"
    return put(data, path, odd_value(rng, ids, target)), f"odd at {path}"


def mutate_bytes(rng: random.Random, raw: bytes) -> tuple[bytes, str]:
    """One byte-level mutation: flips, a cut, a splice of huge or non-finite numbers."""
    kind = rng.choice(("flip", "cut", "number", "nan", "nest", "insert"))
    if kind == "flip":
        data = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data), "bytes flipped"
    if kind == "cut":
        return raw[: rng.randrange(len(raw))], "cut short"
    numbers = list(re.finditer(rb"-?\d+(\.\d+)?", raw))
    if kind in ("number", "nan") and numbers:
        m = rng.choice(numbers)
        new = (b"1" + b"0" * rng.choice((20, 400, 4299, 4301, 6000)) if kind == "number"
               else rng.choice((b"NaN", b"Infinity", b"-Infinity", b"1e999", b"-1e-999")))
        return raw[: m.start()] + new + raw[m.end():], f"{kind} spliced in"
    if kind == "nest":
        depth = rng.choice((1_000, 100_000))
        at = raw.rfind(b"}")
        return raw[:at] + b', "x": ' + b"[" * depth + b"]" * depth + raw[at:], "deep bytes"
    at = rng.randrange(len(raw))
    junk = rng.choice((b"\x00", b"\xff\xfe", b'"', b"{", b"]", b",", b"\\u0000"))
    return raw[:at] + junk + raw[at:], "junk inserted"


def make_case(rng: random.Random, seeds: list[dict[str, Any]],
              ids: list[str]) -> tuple[bytes, list[str]]:
    data: Any = json.loads(json.dumps(rng.choice(seeds)))
    other = rng.choice(seeds)
    done: list[str] = []
    for _ in range(rng.randint(1, 3)):
        data, what = mutate_json(rng, data, ids, other)
        done.append(what)
    if isinstance(data, dict) and rng.random() < 0.2:
        data["content_hash"] = "an older version"  # the path of a save of an older story
        done.append("content hash changed")
    raw = json.dumps(data, allow_nan=True).encode()
    if rng.random() < 0.25:
        raw, what = mutate_bytes(rng, raw)
        done.append(what)
    return raw, done


# --------------------------------------------------------------------------- the check


UNSHOWABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def shown_safely(text: str) -> bool:
    """Text fit to print: no control character a terminal would act on, no lone surrogate,
    not too long."""
    return not UNSHOWABLE.search(text) and len(text) < 2_000


def check_usable(story: Story, folder: Path) -> str:
    """Read slot 1 the way the game does; returns the outcome, or raises on a failure."""
    store = SaveStore(folder)
    infos = store.slots()  # never raises
    store.newest(story.id)
    assert [i.slot for i in infos] == ["1"]
    try:
        save = store.read("1")
    except SaveError as err:
        assert infos[0].error == err.reason
        assert shown_safely(str(err)), repr(str(err))
        return "refused"
    assert infos[0].save is not None
    assert save.saved_at.tzinfo is not None
    save.saved_at.astimezone()  # drawable in the local zone
    assert math.isfinite(save.play_time) and save.play_time >= 0
    summary = save.summary_in(story)
    assert shown_safely(summary.scene_title) and shown_safely(summary.face)
    try:
        restored = restore(story, save)
    except SaveMismatch as err:
        assert shown_safely(str(err)), repr(str(err))
        return "mismatch"
    assert all(shown_safely(w) for w in restored.warnings)
    state, base = restored.state, restored.base
    shown = view(story, state)
    for choice in shown.choices:
        if choice.enabled:
            view(story, act(story, state, Choose(choice=choice.id)))
            break
    for face in shown.faces:
        if face.enabled:
            view(story, act(story, state, ChangeFace(face=face.id)))
    if state.log:
        view(story, undo(story, state, len(state.log), base))
    game = Playthrough(story, store, autosave=False)
    game.load("1")
    view(story, game.state)
    return "mended" if restored.warnings else "loaded"


def test_mutated_saves_are_refused_or_usable(story: Story, seeds: list[dict[str, Any]],
                                             tmp_path: Path, hostile_cases: int | None) -> None:
    cases = hostile_cases or DEFAULT_CASES
    only = os.environ.get("FUZZ_ONLY")
    ids = story_ids(story)
    folder = tmp_path / "saves"
    folder.mkdir()
    slot = folder / "slot-1.json"
    outcomes: dict[str, int] = {}
    failures: list[str] = []
    started = time.monotonic()
    for number in range(cases):
        if only is not None and number != int(only):
            continue
        rng = random.Random(f"{SEED}:{number}")
        raw, done = make_case(rng, seeds, ids)
        slot.write_bytes(raw)
        try:
            outcome = check_usable(story, folder)
        except Exception as err:  # noqa: BLE001 - every failure is collected and reported
            failures.append(f"case {number} ({'; '.join(done)}): {type(err).__name__}: "
                            f"{str(err)[:300]}")
            continue
        finally:
            assert slot.read_bytes() == raw, f"case {number}: the file was changed"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    elapsed = time.monotonic() - started
    print(f"{cases} cases in {elapsed:.1f} s: {outcomes}")
    assert not failures, f"{len(failures)} of {cases} cases failed:\n" + "\n".join(failures[:20])
    if only is None and cases >= 100:
        # the mutations reach every outcome (a fuzzer that only makes broken JSON proves little)
        assert {"refused", "loaded", "mended"} <= set(outcomes), outcomes
