"""A seeded fuzzer for story folders: the starter story, mutated a few ways at a time.

Each case copies ``tests/fixtures/starter`` and applies one to three mutations (bytes flipped,
a file cut short, a value replaced with a huge number, a long string, an anchor or alias, a
tag; keys deleted, scenes duplicated, expressions scrambled ...). The loader must never raise:
it returns located problems ``path:line:col: CODE message`` with known codes, and a story
that loads must survive a few random steps of the engine with every int in range.

The cases are reproducible: case ``i`` draws from ``random.Random(f"{SEED}:{i}")``, and a
failure names the case and its mutations. ``pytest --hostile-cases N`` runs N cases instead
of the CI default; a handful also go through the real ``check`` command.
"""

from __future__ import annotations

import contextlib
import random
import re
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine import ActionError, ChangeFace, Choose, GameState, act, new_game, view
from game.engine.state import Action
from game.story.limits import INT_LIMIT
from game.story.loader import read_story
from game.story.runtime import Story
from tests.hostile.story_tools import assert_well_formed, check, located
from tests.paths import STARTER

SEED = 20261203
DEFAULT_CASES = 300
"""In-process cases at the default: about 4 s on a quiet machine."""
REAL_CASES = 4
"""Cases that also go through the real ``check`` command."""

FILES = sorted(p.relative_to(STARTER).as_posix() for p in STARTER.rglob("*.yaml"))
TEXTS = {rel: (STARTER / rel).read_text(encoding="utf-8") for rel in FILES}

Files = dict[str, str | bytes]
Mutator = Callable[[random.Random, Files, str], str]


# --------------------------------------------------------------------------- payloads


def _payloads(rng: random.Random) -> str:
    """A hostile value for a scalar: numbers past any range, long text, YAML constructs."""
    n = rng.choice([1, 3, 40, 400, 4000])
    return rng.choice([
        "0x" + "f" * n, "9" * n, "-" + "9" * n, "0b" + "1" * n, "0o" + "7" * n, "0" * n + "1",
        f"{INT_LIMIT}", f"{INT_LIMIT + 1}", f"-{INT_LIMIT + 1}", "1_000_000_000_000",
        "1.0e+400", "-1.0e+308", ".inf", "-.inf", ".nan", "0.5", "1:30:00",
        "x" * (n * 25), "'" + "é€😀" * n + "'", '"\\u0000\\x00"', "''", '""',
        "~", "null", "yes", "no", "on", "off", "[]", "{}", "[1, [2, [3]]]", "{a: 1}",
        "&anchor value", "*anchor", "*missing", "&a [x, *a]", "[&b x, *b, *b, *b]",
        "!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "!custom x",
        "!!int 0xzz", "!!float nan", "!!str 12", "!!map {}", "!!set {a, b}",
        "!!omap [a: 1]", "!!timestamp 2001-12-14", "2001-12-14t21:59:43.10-05:00",
        "<<: *anchor", "|\n  block\n  text", ">-\n  folded", "'unterminated", '"unterminated',
        "\t tab", "key: value: more", "- a\n- b", "@reserved", "`reserved", "%YAML 1.1",
        "---", "...", "? complex", "#", "a #comment", "\u2028", "\ufeff", "\x85",
    ])


def _expression(rng: random.Random) -> str:
    """A random expression from the story's names, operators and hostile literals."""
    atoms = ["mask_hold", "face", "toy_promised", "trust", "x", "true", "None", '"masked"',
             '"bandaged"', "1", "0", str(INT_LIMIT), str(INT_LIMIT + 1), "9" * 60,
             'visits("lab_accident")', 'visited("nowhere")', 'has("mask")', 'chance(50)',
             'chance(101)', f'chance({"9" * 30})', 'chose("a.b")', 'give("mask")', "open('x')",
             "(1, 2)", "mask_hold.real", "[1][0]", "lambda: 1", "f'{x}'", "__import__"]
    ops = [" + ", " - ", " * ", " // ", " % ", " ** ", " << ", " and ", " or ", " == ",
           " != ", " < ", " >= ", " in ", " is ", " = ", " += ", " *= ", "; "]
    parts = [rng.choice(atoms)]
    for _ in range(rng.randint(0, 6)):
        parts += [rng.choice(ops), rng.choice(atoms)]
    text = "".join(parts)
    if rng.random() < 0.2:
        text = "not " + text
    if rng.random() < 0.1:
        text = "(" * 50 + text + ")" * 50
    return text


# --------------------------------------------------------------------------- mutators


_VALUE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:) (.+)$", re.M)
_EXPR = re.compile(r"^(\s*(?:- )?(?:if|requires|do):) (.+)$|^(\s*- )([a-z_]+ [-+*]?= .+)$",
                   re.M)


def _text(files: Files, rel: str) -> str:
    value = files[rel]
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def replace_value(rng: random.Random, files: Files, rel: str) -> str:
    text = _text(files, rel)
    found = list(_VALUE.finditer(text))
    if not found:
        return "no value"
    m = rng.choice(found)
    payload = _payloads(rng)
    files[rel] = text[:m.start(2)] + payload + text[m.end(2):]
    return f"{m.group(1).strip()} -> {payload[:40]!r}"


def replace_expression(rng: random.Random, files: Files, rel: str) -> str:
    text = _text(files, rel)
    found = list(_EXPR.finditer(text))
    if not found:
        return "no expression"
    m = rng.choice(found)
    group = 2 if m.group(2) is not None else 4
    expr = _expression(rng)
    quoted = "'" + expr.replace("'", "''") + "'"
    files[rel] = text[:m.start(group)] + quoted + text[m.end(group):]
    return f"expression -> {expr[:60]!r}"


def flip_bytes(rng: random.Random, files: Files, rel: str) -> str:
    data = bytearray(files[rel].encode("utf-8") if isinstance(files[rel], str) else files[rel])
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(data))
        data[i] = rng.randrange(256)
    files[rel] = bytes(data)
    return "bytes flipped"


def truncate(rng: random.Random, files: Files, rel: str) -> str:
    text = _text(files, rel)
    cut = rng.randrange(len(text) + 1)
    files[rel] = text[:cut]
    return f"cut at {cut}"


def delete_lines(rng: random.Random, files: Files, rel: str) -> str:
    lines = _text(files, rel).splitlines(keepends=True)
    i = rng.randrange(len(lines))
    n = rng.randint(1, 4)
    files[rel] = "".join(lines[:i] + lines[i + n:])
    return f"lines {i + 1}-{i + n} deleted"


def duplicate_lines(rng: random.Random, files: Files, rel: str) -> str:
    lines = _text(files, rel).splitlines(keepends=True)
    i = rng.randrange(len(lines))
    n = rng.randint(1, 30)
    files[rel] = "".join(lines[:i + n] + lines[i:i + n] + lines[i + n:])
    return f"lines {i + 1}-{i + n} doubled"


def duplicate_scene(rng: random.Random, files: Files, rel: str) -> str:
    text = _text(files, rel)
    starts = [m.start() for m in re.finditer(r"^- id: ", text, re.M)]
    if not starts:
        return "no scene"
    i = rng.randrange(len(starts))
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    block = text[starts[i]:end]
    files[rel] = text + ("\n" if not text.endswith("\n") else "") + block
    return f"scene {i} duplicated"


def reindent(rng: random.Random, files: Files, rel: str) -> str:
    lines = _text(files, rel).splitlines(keepends=True)
    i = rng.randrange(len(lines))
    lines[i] = rng.choice(["", " ", "  ", "\t", "      "]) + lines[i].lstrip(" ")
    files[rel] = "".join(lines)
    return f"line {i + 1} reindented"


def swap_ids(rng: random.Random, files: Files, rel: str) -> str:
    text = _text(files, rel)
    ids = re.findall(r"(?:id|go|start): ([A-Za-z_]\w*)", "".join(TEXTS.values()))
    found = list(re.finditer(r"((?:id|go|start|start_face|to|from): )([A-Za-z_]\w*)", text))
    if not found or not ids:
        return "no id"
    m = rng.choice(found)
    new = rng.choice([*ids, "nowhere", "id", "face", "class", "x" * 70, "9lives"])
    files[rel] = text[:m.start(2)] + new + text[m.end(2):]
    return f"{m.group(1).strip()} {m.group(2)} -> {new}"


def append_bomb(rng: random.Random, files: Files, rel: str) -> str:
    text = _text(files, rel)
    width = rng.choice([2, 10, 30])
    lines = ["bomb:", f"  - &l0 \"{'lorem ' * rng.choice([1, 100, 1000])}\""]
    for k in range(1, rng.randint(2, 7)):
        lines.append(f"  - &l{k} [{', '.join([f'*l{k - 1}'] * width)}]")
    if text.lstrip().startswith("-"):  # a list of scenes: the bomb goes into a new scene
        lines = ["- id: bomb_scene", "  title: Bomb", "  text:"] + \
                ["  " + ln for ln in lines[1:]]
    files[rel] = text + "\n" + "\n".join(lines) + "\n"
    return f"alias bomb, width {width}"


_INT_EFFECT = re.compile(r"\b(mask_hold|guilt|girl_trust) [-+]= \d+")


def grow(rng: random.Random, files: Files, rel: str) -> str:
    """Still a valid story: bounds dropped from the int variables (so only the story's range
    holds them) and their effects made to multiply (``x = x * x + 3``, ``x *= 1000``)."""
    files["story.yaml"] = re.sub(r"\n    (min|max): \d+", "", _text(files, "story.yaml"))
    forms = ["{v} = {v} * {v} + 3", "{v} *= 1000", "{v} = {v} * 99999 - 7", "{v} += {v} + 1",
             "{v} = 0 - {v} * {v} - 1", "{v} = {v} * {v} * {v} * {v} * {v} + 2"]
    for name in FILES:
        if name.startswith("scenes/"):
            files[name] = _INT_EFFECT.sub(
                lambda m: rng.choice(forms).format(v=m.group(1)), _text(files, name))
    return "bounds dropped, effects multiply"


def junk(rng: random.Random, files: Files, rel: str) -> str:
    text = _text(files, rel)
    i = rng.randrange(len(text) + 1)
    noise = "".join(rng.choice(":-[]{}&*!|>'\"#%@`?, \n\t0123456789abcxyz") for _ in
                    range(rng.randint(1, 20)))
    files[rel] = text[:i] + noise + text[i:]
    return f"junk {noise!r} at {i}"


MUTATORS: list[Mutator] = [replace_value, replace_value, replace_value, replace_expression,
                           replace_expression, flip_bytes, truncate, delete_lines,
                           duplicate_lines, duplicate_scene, reindent, swap_ids, append_bomb,
                           junk, grow, grow]


# --------------------------------------------------------------------------- the cases


def mutate(case: int) -> tuple[Files, list[str]]:
    """The files of case ``case`` and what was done to them."""
    rng = random.Random(f"{SEED}:{case}")
    files: Files = dict(TEXTS)
    log = []
    for _ in range(rng.randint(1, 3)):
        rel = rng.choice(FILES)
        mutator = rng.choice(MUTATORS)
        log.append(f"{rel}: {mutator.__name__}: {mutator(rng, files, rel)}")
    return files, log


def write(root: Path, files: Files) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")


def wander(story: Story, seed: int, steps: int = 20) -> None:
    """A few random steps of the engine; every int variable stays in range."""
    rng = random.Random(seed)
    state = new_game(story, seed)
    for _ in range(steps):
        _in_range(state)
        shown = view(story, state)
        if shown.ending is not None:
            return
        actions: list[Action] = [Choose(choice=c.id) for c in shown.choices if c.enabled]
        actions += [ChangeFace(face=f.id) for f in shown.faces if f.enabled and not f.current]
        if not actions:
            return
        with contextlib.suppress(ActionError):  # the engine may refuse: it must not crash
            state = act(story, state, rng.choice(actions))
    _in_range(state)


def _in_range(state: GameState) -> None:
    for name, value in state.vars.items():
        if isinstance(value, int) and not isinstance(value, bool):
            assert -INT_LIMIT <= value <= INT_LIMIT, (name, value)


def run_case(root: Path, case: int) -> tuple[bool, list[str]]:
    """Mutate, load and (if it loads) play case ``case``; fails with the case's log."""
    files, log = mutate(case)
    write(root, files)
    try:
        story, problems = read_story(root)
        assert (story is None) == any(p.severity == "error" for p in problems)
        assert_well_formed(problems, root)
        if story is not None:
            wander(story, case)
    except Exception:  # noqa: BLE001 - any exception is the failure being hunted
        pytest.fail(f"case {case} ({'; '.join(log)}):\n{traceback.format_exc()}")
    return story is not None, log


def test_fuzzed_stories_never_raise(tmp_path: Path, hostile_cases: int | None) -> None:
    cases = DEFAULT_CASES if hostile_cases is None else hostile_cases
    root = tmp_path / "story"
    loaded = 0
    for case in range(cases):
        ok, _log = run_case(root, case)
        loaded += ok
    if cases >= 100:  # the mutations must leave some stories playable, or play is not tested
        assert 0 < loaded < cases


@pytest.mark.parametrize("case", range(REAL_CASES))
def test_fuzzed_stories_through_check(tmp_path: Path, case: int) -> None:
    """A few cases (the first that fail to load) through the real ``check`` command."""
    root = tmp_path / "story"
    n = case * 1000
    while run_case(root, n)[0]:
        n += 1
    done = check(root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = [ln for ln in done.stdout.splitlines() if ln.strip()]
    problems = [ln for ln in lines if not ln.startswith(("story:", "interface:", "translations:"))]
    assert problems and len(located("\n".join(problems))) == len(problems), done.stdout
