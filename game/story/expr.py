"""The story's small expression language: conditions and effects.

Authors write Python-like expressions in YAML::

    face == "veil" and courage >= 3
    visited("market") or has("lantern")
    courage += 1
    give("lantern")

Each expression is parsed once at load time with Python's own parser (``ast.parse``, which
only builds a syntax tree and runs nothing), checked against a whitelist of node kinds and
against the story's declared names and types, and compiled into plain closures. Nothing is
ever passed to ``eval`` or ``exec``; attribute access, subscripts, lambdas, imports and any
call other than the story functions below are refused with a located error.

Functions available to authors:

========================  =======  ======================================================
``visited("scene")``      bool     the scene has been entered at least once
``visits("scene")``       int      how many times the scene has been entered
``has("item")``           bool     the hero carries the item
``chose("scene.choice")`` bool     that choice was taken in this playthrough
``chance(30)``            bool     true 30% of the time, fixed by the game's seed
``saw("person", "face")`` bool     that person had seen the hero in that face before now
``give("item")``          effect   the hero gets the item
``take("item")``          effect   the hero loses the item
========================  =======  ======================================================

Numbers stay small: a literal outside ``-INT_LIMIT..INT_LIMIT`` is refused (``E113``), and an
effect stores into an int variable only after clamping to its ``min..max``, or to the global
range when it has none (see :mod:`game.story.limits`). Only ``+ - * // %`` exist (no ``**``,
no shifts), and an expression is at most 500 characters, so even a value computed on the way
from such numbers stays a few thousand digits long at most.
"""

from __future__ import annotations

import ast
import difflib
import operator
import random
import re
import warnings
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from game.story.limits import INT_LIMIT, clamp_int
from game.story.problems import D, Diagnostic

MAX_LENGTH = 500
MAX_DEPTH = 40

Value = bool | int | str


# --------------------------------------------------------------------------- types


@dataclass(frozen=True)
class Type:
    """A static type: ``bool``, ``int``, ``str`` or an enum with its allowed values."""

    kind: str
    values: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None

    def describe(self) -> str:
        """A short name for messages."""
        if self.kind == "enum":
            return "one of " + ", ".join(f'"{v}"' for v in self.values)
        return {"bool": "true/false", "int": "a whole number", "str": "text"}[self.kind]

    @property
    def is_text(self) -> bool:
        return self.kind in ("str", "enum")


BOOL = Type("bool")
INT = Type("int")
STR = Type("str")


# --------------------------------------------------------------------------- errors


class ExprError(Exception):
    """A problem in one expression, with its column (0-based) inside the source."""

    def __init__(self, diagnostic: Diagnostic, message: str, col: int = 0, hint: str = "") -> None:
        super().__init__(message)
        self.diagnostic = diagnostic
        self.code = diagnostic.code
        self.message = message
        self.col = col
        self.hint = hint


def _is_in(a: Any, b: Any) -> bool:
    return a in b


def _is_not_in(a: Any, b: Any) -> bool:
    return a not in b


def _always(value: frozenset[Any]) -> Eval:
    """An evaluator of the literal list after ``in``: the same set every time."""
    return lambda e: value


def suggest(name: str, options: Iterable[str]) -> str:
    """A "did you mean" hint for a misspelt ``name`` ("" if nothing is close)."""
    close = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


# --------------------------------------------------------------------------- runtime


@dataclass(slots=True)
class Env:
    """What an effect reads and writes while the engine runs it (a condition reads the same
    names from the engine's state itself: ``face``, ``values``, ``items``, ``visits``,
    ``taken`` and ``roll``)."""

    face: str
    values: list[Value]
    """The variables' values, in the order the story declares them."""
    items: set[str]
    visits: Mapping[str, int]
    taken: Collection[str]
    seed: object = 0
    turn: int = 0
    names: tuple[str, ...] = ()
    """The variables' names, in the order of ``values`` (for :attr:`vars`)."""
    seen: Collection[str] = frozenset()
    """Who has seen which face, as ``person:face`` marks (what ``saw()`` reads)."""

    def roll(self, site: str) -> float:
        """A number in [0, 1) fixed by the seed, the turn and the call site."""
        return random.Random(f"{self.seed}:{self.turn}|{site}").random()

    @property
    def vars(self) -> dict[str, Value]:
        """The variables by name (a copy)."""
        return dict(zip(self.names, self.values, strict=True))


class Facts(Protocol):
    """What a condition reads: the engine's state, or an :class:`Env` while effects run."""

    @property
    def face(self) -> str: ...
    @property
    def values(self) -> Sequence[Value]: ...
    @property
    def items(self) -> Collection[str]: ...
    @property
    def visits(self) -> Mapping[str, int]: ...
    @property
    def taken(self) -> Collection[str]: ...
    @property
    def seen(self) -> Collection[str]: ...
    def roll(self, site: str) -> float: ...


Eval = Callable[[Any], Any]
"""A compiled expression: a condition or a value takes :class:`Facts`, an effect an
:class:`Env`."""


@dataclass(frozen=True)
class Scope:
    """The names an expression may use: declared variables, scenes, items, choices.

    A variable is read at run time by its position among ``variables`` without ``face``
    (the order the story declares them in)."""

    variables: Mapping[str, Type]
    scenes: Collection[str]
    items: Collection[str]
    choices: Collection[str]
    people: Collection[str] = ()
    """The story's people (for ``saw()``; its faces are the values of ``face``)."""
    cache: dict[tuple[str, str], Compiled] = field(default_factory=dict, compare=False)
    index: dict[str, int] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        names = [name for name in self.variables if name != "face"]
        self.index.update({name: i for i, name in enumerate(names)})


@dataclass(frozen=True)
class Compiled:
    """A checked expression: its source, what it reads and writes, and how to run it."""

    source: str
    mode: str  # "condition" or "effect"
    run: Eval
    reads: frozenset[str]
    writes: frozenset[str]
    tree: ast.AST

    def __call__(self, env: Env) -> Any:
        return self.run(env)


# --------------------------------------------------------------------------- compiler

_FORBIDDEN_NAMES = {
    ast.Attribute: "attribute access ('.')",
    ast.Subscript: "subscripts ('[...]')",
    ast.Lambda: "lambda",
    ast.IfExp: "'x if y else z'",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.Dict: "dictionaries",
    ast.JoinedStr: "f-strings",
    ast.Starred: "'*' unpacking",
    ast.NamedExpr: "':='",
    ast.Await: "await",
    ast.Yield: "yield",
}

_ARITH: dict[type[ast.operator], Callable[[int, int], int]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: lambda a, b: a // b if b else 0,
    ast.Mod: lambda a, b: a % b if b else 0,
}

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}

_CONSTANT_NAMES = {"true": True, "false": False, "True": True, "False": False}

#: Function name -> (what its one argument names, result type). ``None`` result: an effect.
FUNCTIONS: dict[str, tuple[str, Type | None]] = {
    "visited": ("scene", BOOL),
    "visits": ("scene", INT),
    "has": ("item", BOOL),
    "chose": ("choice", BOOL),
    "chance": ("percent", BOOL),
    "saw": ("sight", BOOL),
    "give": ("item", None),
    "take": ("item", None),
}


class _Compiler:
    def __init__(self, scope: Scope, source: str) -> None:
        self.scope = scope
        self.source = source
        self.text = source.strip()  # what ast.parse saw
        self.reads: set[str] = set()
        self.writes: set[str] = set()

    # -- helpers

    def fail(self, node: ast.AST | None, diagnostic: Diagnostic, message: str,
             hint: str = "") -> ExprError:
        line, col = getattr(node, "lineno", 1), getattr(node, "col_offset", 0)
        return ExprError(diagnostic, message, _index(self.text, line, col, in_bytes=True), hint)

    def var_type(self, node: ast.Name) -> Type:
        name = node.id
        found = self.scope.variables.get(name)
        if found is None:
            options = [*self.scope.variables, *FUNCTIONS]
            raise self.fail(node, D.UNKNOWN_VARIABLE,
                            D.UNKNOWN_VARIABLE.message(name=name), suggest(name, options))
        return found

    def check_range(self, node: ast.AST, value: int) -> None:
        """A whole-number literal must lie within the story's range."""
        if abs(value) > INT_LIMIT:
            shown = str(value) if value < 10**24 else f"{str(value)[:20]}..."
            raise self.fail(node, D.NUMBER_OUT_OF_RANGE,
                            f"the number {shown} is out of range: numbers in a "
                            f"story lie within -{INT_LIMIT:,}..{INT_LIMIT:,}")

    def literal_arg(self, call: ast.Call, fname: str) -> ast.Constant:
        if call.keywords or len(call.args) != 1:
            raise self.fail(call, D.TYPE_ERROR, f"{fname}() takes exactly one argument")
        arg = call.args[0]
        if not isinstance(arg, ast.Constant) or isinstance(arg.value, bool):
            raise self.fail(arg, D.TYPE_ERROR, f"the argument of {fname}() must be a literal")
        return arg

    # -- expressions

    def expr(self, node: ast.AST, depth: int = 0) -> tuple[Eval, Type]:
        if depth > MAX_DEPTH:
            raise self.fail(node, D.BAD_EXPRESSION, "expression is nested too deeply")
        d = depth + 1
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                return (lambda e, v=value: v), BOOL
            if isinstance(value, int):
                self.check_range(node, value)
                return (lambda e, v=value: v), INT
            if isinstance(value, str):
                return (lambda e, v=value: v), STR
            raise self.fail(node, D.TYPE_ERROR, f"{value!r} is not allowed: use whole numbers, "
                            "\"text\" or true/false")
        if isinstance(node, ast.Name):
            if node.id in _CONSTANT_NAMES:
                v = _CONSTANT_NAMES[node.id]
                return (lambda e: v), BOOL
            ty = self.var_type(node)
            self.reads.add(node.id)
            name = node.id
            if name == "face":
                return (lambda e: e.face), ty
            at = self.scope.index[name]
            return (lambda e: e.values[at]), ty
        if isinstance(node, ast.BoolOp):
            parts = [self.expect(v, BOOL, d) for v in node.values]
            return _joined(parts, isinstance(node.op, ast.And)), BOOL
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                inner = self.expect(node.operand, BOOL, d)
                return (lambda e: not inner(e)), BOOL
            if isinstance(node.op, ast.USub | ast.UAdd):
                inner = self.expect(node.operand, INT, d)
                if isinstance(node.op, ast.USub):
                    return (lambda e: -inner(e)), INT
                return inner, INT
            raise self.fail(node, D.FORBIDDEN_CONSTRUCT, "'~' is not allowed")
        if isinstance(node, ast.BinOp):
            fn = _ARITH.get(type(node.op))
            if fn is None:
                hint = "use // for whole-number division" if isinstance(node.op, ast.Div) else ""
                raise self.fail(node, D.FORBIDDEN_CONSTRUCT, "this operator is not allowed", hint)
            left = self.expect(node.left, INT, d)
            right = self.expect(node.right, INT, d)
            return (lambda e: fn(left(e), right(e))), INT
        if isinstance(node, ast.Compare):
            return self.compare(node, d), BOOL
        if isinstance(node, ast.Call):
            return self.call(node, d)
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            raise self.fail(node, D.TYPE_ERROR, "a list may only follow 'in'")
        for kind, what in _FORBIDDEN_NAMES.items():
            if isinstance(node, kind):
                raise self.fail(node, D.FORBIDDEN_CONSTRUCT,
                                f"{what} is not allowed in story expressions")
        raise self.fail(node, D.FORBIDDEN_CONSTRUCT, f"'{type(node).__name__}' is not allowed here")

    def expect(self, node: ast.AST, want: Type, depth: int) -> Eval:
        fn, got = self.expr(node, depth)
        if want.kind != got.kind:
            raise self.fail(node, D.TYPE_ERROR, f"expected {want.describe()}, got {got.describe()}",
                            "compare with ==, <, > to get true/false" if want is BOOL else "")
        return fn

    def check_member(self, ty: Type, node: ast.AST) -> None:
        """An enum compared with a text literal: the literal must be one of its values."""
        if (ty.kind == "enum" and isinstance(node, ast.Constant)
                and isinstance(node.value, str) and node.value not in ty.values):
            raise self.fail(node, D.VALUE_NOT_ALLOWED, f'"{node.value}" is not {ty.describe()}',
                            suggest(node.value, ty.values))

    def compare(self, node: ast.Compare, depth: int) -> Eval:
        left_node = node.left
        left, lty = self.expr(left_node, depth)
        steps: list[tuple[Callable[[Any, Any], bool], Eval]] = []
        for i, (op, right_node) in enumerate(zip(node.ops, node.comparators, strict=True)):
            if isinstance(op, ast.In | ast.NotIn):
                if not isinstance(right_node, ast.Tuple | ast.List | ast.Set):
                    raise self.fail(right_node, D.TYPE_ERROR,
                                    "'in' needs a list: x in (\"a\", \"b\")")
                if i + 1 < len(node.ops):
                    raise self.fail(node.comparators[i + 1], D.TYPE_ERROR,
                                    "nothing can be compared with the list after 'in'",
                                    "join the comparisons with 'and'")
                if lty.kind == "bool":
                    raise self.fail(left_node, D.TYPE_ERROR,
                                    "'in' needs a number or text on its left")
                options: list[Any] = []
                for elt in right_node.elts:
                    value = _literal(elt)
                    if value is None:
                        raise self.fail(elt, D.TYPE_ERROR, "a list after 'in' holds only literals",
                                        "whole numbers or \"text\"")
                    if ((lty.kind == "int" and isinstance(value, int))
                            or (lty.is_text and isinstance(value, str))):
                        if isinstance(value, int):
                            self.check_range(elt, value)
                        self.check_member(lty, elt)
                        options.append(value)
                    else:
                        raise self.fail(elt, D.TYPE_ERROR, f"expected {lty.describe()}")
                frozen = frozenset(options)
                if isinstance(op, ast.In):
                    steps.append((_is_in, _always(frozen)))
                else:
                    steps.append((_is_not_in, _always(frozen)))
                left_node, lty = right_node, lty
                continue
            cmp = _COMPARE.get(type(op))
            if cmp is None:
                raise self.fail(node, D.FORBIDDEN_CONSTRUCT, "'is' is not allowed", "use == or !=")
            right, rty = self.expr(right_node, depth)
            if isinstance(op, ast.Eq | ast.NotEq):
                ok = lty.kind == rty.kind or (lty.is_text and rty.is_text)
            else:
                ok = lty.kind == rty.kind == "int"
            if not ok:
                raise self.fail(right_node, D.TYPE_ERROR,
                                f"cannot compare {lty.describe()} with {rty.describe()}")
            self.check_member(lty, right_node)
            self.check_member(rty, left_node)
            steps.append((cmp, right))
            left_node, lty = right_node, rty
        if len(steps) == 1:
            (cmp, right), = steps
            constant = _literal(node.comparators[0])
            if constant is not None and not isinstance(node.ops[0], ast.In | ast.NotIn):
                kind = type(node.ops[0])
                name = node.left.id if isinstance(node.left, ast.Name) else None
                if name == "face":
                    return _FACE_AGAINST[kind](constant)
                if name in self.scope.index:
                    return _VALUE_AGAINST[kind](self.scope.index[name], constant)
                return _against(left, kind, constant)
            return lambda e: cmp(left(e), right(e))

        def chain(e: Env) -> bool:
            a = left(e)
            for cmp, right in steps:
                b = right(e)
                if not cmp(a, b):
                    return False
                a = b
            return True

        return chain

    def call(self, node: ast.Call, depth: int) -> tuple[Eval, Type]:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, D.FORBIDDEN_CONSTRUCT, "only the story functions may be called",
                            "functions: " + ", ".join(FUNCTIONS))
        fname = node.func.id
        spec = FUNCTIONS.get(fname)
        if spec is None:
            # saw() is as close to a misspelt has() ("hsa") as has(): the older names first.
            hint = suggest(fname, [f for f in FUNCTIONS if f != "saw"]) \
                or suggest(fname, ["saw"])
            raise self.fail(node, D.UNKNOWN_FUNCTION, D.UNKNOWN_FUNCTION.message(name=fname),
                            hint or "functions: " + ", ".join(FUNCTIONS))
        kind, result = spec
        if result is None:
            raise self.fail(node, D.EFFECT_OR_CONDITION,
                            f"{fname}() changes the story: use it under 'do'")
        if kind == "sight":
            return self.saw(node), BOOL
        arg = self.literal_arg(node, fname)
        value = arg.value
        if kind == "percent":
            if not isinstance(value, int) or not 0 <= value <= 100:
                raise self.fail(arg, D.TYPE_ERROR, "chance() takes a whole number from 0 to 100")
            site = f"{self.source}@{node.col_offset}"
            return (lambda e: e.roll(site) * 100 < value), BOOL
        name = self.check_ref(kind, arg)
        self.reads.add(f"{kind}:{name}")
        if fname == "visited":
            return (lambda e: e.visits.get(name, 0) > 0), BOOL
        if fname == "visits":
            return (lambda e: e.visits.get(name, 0)), INT
        if fname == "has":
            return (lambda e: name in e.items), BOOL
        return (lambda e: name in e.taken), BOOL

    def saw(self, node: ast.Call) -> Eval:
        """``saw("person", "face")``: the mark ``person:face`` among the state's sights."""
        if node.keywords or len(node.args) != 2:
            raise self.fail(node, D.TYPE_ERROR, "saw() takes two arguments: a person and a face",
                            'for example saw("neighbour", "veil")')
        names: list[str] = []
        faces = self.scope.variables["face"].values if "face" in self.scope.variables else ()
        for arg, known, unknown in ((node.args[0], self.scope.people, D.UNKNOWN_PERSON),
                                    (node.args[1], faces, D.UNKNOWN_FACE)):
            if not isinstance(arg, ast.Constant) or not isinstance(arg.value, str):
                raise self.fail(arg, D.TYPE_ERROR, "the arguments of saw() must be text literals")
            if arg.value not in known:
                raise self.fail(arg, unknown, unknown.message(name=arg.value),
                                suggest(arg.value, known))
            names.append(arg.value)
        mark = sight(*names)
        self.reads.add(f"saw:{mark}")
        return lambda e: mark in e.seen

    def check_ref(self, kind: str, arg: ast.Constant) -> str:
        """The name ``arg`` gives, if it is a known scene, item or choice; else E201/E204/E207."""
        value = arg.value
        known = {"scene": self.scope.scenes, "item": self.scope.items,
                 "choice": self.scope.choices}[kind]
        if not isinstance(value, str) or value not in known:
            unknown = {"scene": D.UNKNOWN_SCENE, "item": D.UNKNOWN_ITEM,
                       "choice": D.UNKNOWN_CHOICE}[kind]
            raise self.fail(arg, unknown, f"unknown {kind} {value!r}", suggest(str(value), known))
        return value

    # -- effects

    def statement(self, node: ast.stmt) -> Callable[[Env], None]:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            call = node.value
            if isinstance(call.func, ast.Name) and call.func.id in ("give", "take"):
                arg = self.literal_arg(call, call.func.id)
                item = self.check_ref("item", arg)
                self.writes.add(f"item:{item}")
                if call.func.id == "give":
                    return lambda e: e.items.add(item)
                return lambda e: e.items.discard(item)
            raise self.fail(call, D.EFFECT_OR_CONDITION,
                            "only give() and take() can stand alone under 'do'")
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if len(targets) != 1 or not isinstance(targets[0], ast.Name):
                raise self.fail(node, D.FORBIDDEN_CONSTRUCT, "assign to one variable at a time")
            target = targets[0]
            ty = self.var_type(target)
            name = target.id
            self.writes.add(name)
            if isinstance(node, ast.AugAssign):
                fn = _ARITH.get(type(node.op))
                if ty.kind != "int":
                    raise self.fail(node, D.TYPE_ERROR, f"'{name}' is {ty.describe()}: "
                                    "only whole numbers can be added to",
                                    f"use {name} = ... to set it")
                if fn is None:
                    raise self.fail(node, D.FORBIDDEN_CONSTRUCT,
                                    "this operator is not allowed here",
                                    "use +=, -=, *=, //= or %=")
                value = self.expect(node.value, INT, 0)
                at = self.scope.index[name]
                step = _literal(node.value)
                if isinstance(step, int) and isinstance(node.op, ast.Add | ast.Sub):
                    # The usual effect (``trust += 1``): one closure, the range inline.
                    return _bump(at, step if isinstance(node.op, ast.Add) else -step,
                                 *_range(ty))

                def grown(e: Env) -> int:
                    old: Any = e.values[at]  # an int: var_type() said so above
                    return fn(old, value(e))

                return self._store(name, ty, grown)
            value_fn, vty = self.expr(node.value)
            if ty.kind != vty.kind and not (ty.is_text and vty.is_text):
                raise self.fail(node.value, D.TYPE_ERROR,
                                f"'{name}' is {ty.describe()}, not {vty.describe()}")
            self.check_member(ty, node.value)
            if ty.kind == "enum" and vty.kind == "enum" and set(vty.values) - set(ty.values):
                raise self.fail(node.value, D.TYPE_ERROR, f"'{name}' is {ty.describe()}")
            if ty.kind == "enum" and vty.kind == "str" and not isinstance(node.value, ast.Constant):
                raise self.fail(node.value, D.TYPE_ERROR, f"'{name}' is {ty.describe()}: set it to "
                                "one of those values, not to any text")
            return self._store(name, ty, value_fn)
        if isinstance(node, ast.Expr):
            raise self.fail(node, D.EFFECT_OR_CONDITION, "an effect must change something",
                            "use = or += to change a variable, give() or take() for items")
        raise self.fail(node, D.FORBIDDEN_CONSTRUCT,
                        f"'{type(node).__name__}' is not allowed in effects")

    def _store(self, name: str, ty: Type, value: Eval) -> Callable[[Env], None]:
        if name == "face":
            def set_face(e: Env) -> None:
                e.face = value(e)
            return set_face
        at = self.scope.index[name]
        if ty.kind == "int":
            # Every int variable has a range: its own min..max, else the story's.
            low, high = _range(ty)

            def clamp(e: Env) -> None:
                e.values[at] = clamp_int(value(e), low, high)
            return clamp

        def store(e: Env) -> None:
            e.values[at] = value(e)
        return store


def sight(person: str, face: str) -> str:
    """The mark that ``person`` has seen the hero in ``face`` (what ``saw()`` looks for)."""
    return f"{person}:{face}"


def _range(ty: Type) -> tuple[int, int]:
    """The range an int variable of type ``ty`` is kept in: its own, within the story's."""
    return clamp_int(ty.low, None, None) if ty.low is not None else -INT_LIMIT, \
        clamp_int(ty.high, None, None) if ty.high is not None else INT_LIMIT


def _bump(at: int, step: int, low: int, high: int) -> Callable[[Env], None]:
    """The effect that adds ``step`` to the int variable at ``at``, kept in ``low..high``."""
    def bump(e: Env) -> None:
        value: Any = e.values[at]
        value += step
        e.values[at] = low if value < low else high if value > high else value
    return bump


def _joined(parts: list[Eval], both: bool) -> Eval:
    """``parts`` joined by ``and`` (``both``) or ``or``, short-circuiting; the common lengths
    without a loop, since conditions run at every step."""
    if len(parts) == 2:
        a, b = parts
        return (lambda e: a(e) and b(e)) if both else (lambda e: a(e) or b(e))
    if both:
        return lambda e: all(p(e) for p in parts)
    return lambda e: any(p(e) for p in parts)


_AGAINST: dict[type[ast.cmpop], Callable[[Eval, Any], Eval]] = {
    ast.Eq: lambda f, v: lambda e: f(e) == v,
    ast.NotEq: lambda f, v: lambda e: f(e) != v,
    ast.Lt: lambda f, v: lambda e: f(e) < v,
    ast.LtE: lambda f, v: lambda e: f(e) <= v,
    ast.Gt: lambda f, v: lambda e: f(e) > v,
    ast.GtE: lambda f, v: lambda e: f(e) >= v,
}


_VALUE_AGAINST: dict[type[ast.cmpop], Callable[[int, Any], Eval]] = {
    ast.Eq: lambda at, v: lambda e: e.values[at] == v,
    ast.NotEq: lambda at, v: lambda e: e.values[at] != v,
    ast.Lt: lambda at, v: lambda e: e.values[at] < v,
    ast.LtE: lambda at, v: lambda e: e.values[at] <= v,
    ast.Gt: lambda at, v: lambda e: e.values[at] > v,
    ast.GtE: lambda at, v: lambda e: e.values[at] >= v,
}
"""A variable compared with a literal, read in place: the commonest condition."""

_FACE_AGAINST: dict[type[ast.cmpop], Callable[[Any], Eval]] = {
    ast.Eq: lambda v: lambda e: e.face == v,
    ast.NotEq: lambda v: lambda e: e.face != v,
    ast.Lt: lambda v: lambda e: e.face < v,
    ast.LtE: lambda v: lambda e: e.face <= v,
    ast.Gt: lambda v: lambda e: e.face > v,
    ast.GtE: lambda v: lambda e: e.face >= v,
}


def _against(left: Eval, op: type[ast.cmpop], value: Any) -> Eval:
    """``left <op> value`` for a literal ``value``: one call fewer than the general case."""
    return _AGAINST[op](left, value)


def _parse(source: str, mode: str) -> ast.AST:
    if not isinstance(source, str):
        raise ExprError(D.TYPE_ERROR, "an expression must be text")
    if len(source) > MAX_LENGTH:
        raise ExprError(D.BAD_EXPRESSION, f"expression is longer than {MAX_LENGTH} characters")
    if not source.strip():
        raise ExprError(D.BAD_EXPRESSION, "empty expression")
    text = source.strip()
    try:
        with warnings.catch_warnings():  # e.g. "invalid decimal literal" for '1and': no noise
            warnings.simplefilter("ignore", SyntaxWarning)
            return ast.parse(text, mode="eval" if mode == "condition" else "exec")
    except SyntaxError as err:
        col = len(source) - len(source.lstrip())
        col += _index(text, err.lineno or 1, (err.offset or 1) - 1, in_bytes=False)
        raise ExprError(D.BAD_EXPRESSION, f"cannot read expression: {err.msg}", col,
                        _syntax_hint(source, mode)) from None
    except (ValueError, RecursionError, MemoryError) as err:
        raise ExprError(D.BAD_EXPRESSION, f"cannot read expression: {err}") from None


_NEWLINE = re.compile(r"\r\n|\r|\n")


def _index(text: str, lineno: int, col: int, in_bytes: bool) -> int:
    """Where a (1-based line, 0-based column) position falls in ``text``, as a string index.

    ``ast`` counts columns in UTF-8 bytes (``SyntaxError`` in characters) and restarts them
    on each line; an index counts characters from the start of the whole expression.
    """
    starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    start = starts[min(max(lineno, 1), len(starts)) - 1]
    end = _NEWLINE.search(text, start)
    line = text[start:end.start() if end else len(text)]
    if in_bytes:
        col = len(line.encode("utf-8", "surrogatepass")[:max(col, 0)].decode("utf-8", "ignore"))
    return start + min(max(col, 0), len(line))


def _literal(node: ast.AST) -> int | str | None:
    """The value of a literal list element (``3``, ``-1``, ``"text"``), or None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _literal(node.operand)
        return -inner if isinstance(inner, int) else None
    if isinstance(node, ast.Constant) and isinstance(node.value, int | str) \
            and not isinstance(node.value, bool):
        return node.value
    return None


def _syntax_hint(source: str, mode: str = "condition") -> str:
    if "&&" in source or "||" in source:
        return "write 'and' / 'or'"
    if "!" in source.replace("!=", ""):
        return "write 'not'"
    if mode == "effect":
        return "effects look like: trust += 1, mood = \"calm\", give(\"mask\")"
    if "=" in source and "==" not in source:
        return "use == to compare; '=' belongs under 'do'"
    return "conditions look like: trust >= 2 and visited(\"market\")"


def compile_condition(source: str, scope: Scope) -> Compiled:
    """Parse and check a condition (true/false); raises ExprError with a column."""
    return _compile(source, scope, "condition")


def compile_effect(source: str, scope: Scope) -> Compiled:
    """Parse and check one effect line (``x += 1``, ``give("item")``); raises ExprError."""
    return _compile(source, scope, "effect")


def _compile(source: str, scope: Scope, mode: str) -> Compiled:
    key = (mode, source)
    cached = scope.cache.get(key)
    if cached is not None:
        return cached
    tree = _parse(source, mode)
    comp = _Compiler(scope, source)
    offset = len(source) - len(source.lstrip())
    try:
        if mode == "condition":
            assert isinstance(tree, ast.Expression)
            run = comp.expect(tree.body, BOOL, 0)
        else:
            assert isinstance(tree, ast.Module)
            if not tree.body:
                raise ExprError(D.BAD_EXPRESSION, "empty effect")
            steps = [comp.statement(s) for s in tree.body]
            if len(steps) == 1:
                run = steps[0]
            else:
                def run(e: Env) -> None:
                    for step in steps:
                        step(e)
    except ExprError as err:
        err.col += offset
        raise
    except RecursionError:
        raise ExprError(D.BAD_EXPRESSION, "expression is nested too deeply") from None
    result = Compiled(source, mode, run, frozenset(comp.reads), frozenset(comp.writes), tree)
    scope.cache[key] = result
    return result


def all_of(conds: Sequence[Compiled]) -> Compiled:
    """One condition that holds when all of ``conds`` (compiled conditions) hold: it reads
    what they read, and its tree is their ``and``."""
    if not conds or any(c.mode != "condition" for c in conds):
        raise ValueError("all_of() takes one or more conditions")
    if len(conds) == 1:
        return conds[0]
    bodies: list[ast.expr] = []
    for c in conds:
        assert isinstance(c.tree, ast.Expression)
        bodies.append(c.tree.body)
    run = _joined([c.run for c in conds], True)
    source = " and ".join(f"({c.source.strip()})" for c in conds)
    return Compiled(source, "condition", run, frozenset().union(*(c.reads for c in conds)),
                    frozenset(), ast.Expression(body=ast.BoolOp(op=ast.And(), values=bodies)))


def conditional(cond: Compiled, then: Sequence[Compiled],
                otherwise: Sequence[Compiled] = ()) -> Compiled:
    """An effect that runs ``then`` when ``cond`` holds, else ``otherwise`` (all compiled).

    It reads what the condition and both branches read and writes what either branch writes.
    Its tree is one ``if`` statement holding the branches' statements, so that a tool
    reading statements sees that nothing in it is done unconditionally (an ``x = 1`` under
    it does not set ``x`` anew whatever it held)."""
    if cond.mode != "condition" or any(e.mode != "effect" for e in (*then, *otherwise)):
        raise ValueError("a conditional effect takes a condition and effects")
    assert isinstance(cond.tree, ast.Expression)
    then_runs = tuple(e.run for e in then)
    else_runs = tuple(e.run for e in otherwise)
    test = cond.run

    def run(env: Env) -> None:
        for step in (then_runs if test(env) else else_runs):
            step(env)

    def body(effects: Sequence[Compiled]) -> list[ast.stmt]:
        return [s for e in effects for s in getattr(e.tree, "body", [])]

    tree = ast.Module(body=[ast.If(test=cond.tree.body, body=body(then) or [ast.Pass()],
                                   orelse=body(otherwise))], type_ignores=[])
    source = f"if {cond.source.strip()}: " + "; ".join(e.source.strip() for e in then)
    if otherwise:
        source += " else: " + "; ".join(e.source.strip() for e in otherwise)
    reads = cond.reads.union(*(e.reads for e in (*then, *otherwise)))
    writes = frozenset().union(*(e.writes for e in (*then, *otherwise)))
    return Compiled(source, "effect", run, reads, writes, tree)
