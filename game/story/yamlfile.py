"""The one place that reads YAML: safe, fast, and able to say where each value came from.

Only a regular file is read, and only up to :data:`~game.story.limits.MAX_FILE_BYTES` (see
:mod:`game.files`): a FIFO, a device or a folder in its place is a located problem, never a
hang. The file is composed into a node tree by libyaml (the C loader, where PyYAML has it),
then turned into plain Python values by a small constructor that knows only the safe scalar
types. Python object tags, merge keys and duplicate keys are refused; aliases are allowed but
an alias bomb (aliases that expand to far more values, or far more text, than a file may
hold) is refused before any expansion happens; a whole number outside the story's range is
refused before it is converted. The node tree is kept so that a problem found later, at a
path such as ``(3, "choices", 0, "go")``, can be traced back to its line and column.

See :mod:`game.story.limits` for every bound.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.files import FileRefused, is_regular, read_limited
from game.story.limits import (
    INT_LIMIT,
    MAX_EXPANSION,
    MAX_FILE_BYTES,
    MAX_FILE_TEXT,
    MAX_INT_DIGITS,
    MAX_STORY_BYTES,
    MAX_STORY_TEXT,
)
from game.story.problems import D, Diagnostic, Problem

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_RESOLVED: dict[tuple[str, bool], str] = {}
_resolve: Callable[[Any, type, Any, Any], str] = _BaseLoader.resolve
"""PyYAML's tag resolution (untyped in its stubs), given the type it has."""


class _Loader(_BaseLoader):
    """The C loader, with scalar tag resolution memoised (story files repeat their keys)."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0] and len(value) < 64:
            key = (value, implicit[1])
            tag = _RESOLVED.get(key)
            if tag is None:
                tag = _RESOLVED[key] = _resolve(self, kind, value, implicit)
                if len(_RESOLVED) > 50_000:
                    _RESOLVED.clear()
            return tag
        return _resolve(self, kind, value, implicit)

_T = "tag:yaml.org,2002:"
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}
_SAFE_SCALARS = {f"{_T}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}

Path_ = tuple[int | str, ...]


class _Refused(Exception):
    def __init__(self, node: Node, diagnostic: Diagnostic, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.node, self.diagnostic, self.message, self.hint = node, diagnostic, message, hint


@dataclass
class YamlDoc:
    """A parsed YAML file: its data, its node tree, and the problems found reading it."""

    path: str
    data: Any = None
    root: Node | None = None
    problems: list[Problem] = field(default_factory=list)
    text: int = 0
    """How many characters of text the file holds, every alias expanded."""
    source: str = ""
    """The file's text as read (to point inside a scalar, as the word lint does)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, where: Path_, diagnostic: Diagnostic, message: str,
                hint: str | None = None,
                col_offset: int = 0, key: bool = False) -> Problem:
        """A problem located at ``where`` (a path of keys and indexes into the data)."""
        line, col = locate(self.root, where, key=key)
        return diagnostic.at(self.path, line, col + col_offset, message, hint)


_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}


class _OutOfRange(Exception):
    """A number outside ``-INT_LIMIT..INT_LIMIT`` (or not finite)."""


def _int(text: str) -> int | str:
    """A YAML 1.1 integer (``12``, ``0x1f``, ``0o17``, ``017``, ``0b101``, ``1_000``), or the
    text itself if it is not one; raises :class:`_OutOfRange` outside the story's range,
    without converting a long digit string."""
    t = text.replace("_", "")
    sign = -1 if t.startswith("-") else 1
    t = t.lstrip("+-")
    base, digits = 10, t
    if t[:2] in ("0x", "0X"):
        base, digits = 16, t[2:]
    elif t[:2] in ("0o", "0O"):
        base, digits = 8, t[2:]
    elif t[:2] in ("0b", "0B"):
        base, digits = 2, t[2:]
    elif len(t) > 1 and t.startswith("0") and t.isdigit():
        base = 8
    if len(digits.lstrip("0")) > MAX_INT_DIGITS:
        if digits and not digits.strip(_DIGITS[base]):
            raise _OutOfRange(text)
        return text
    try:
        value = sign * int(digits, base)
    except ValueError:
        return text
    if abs(value) > INT_LIMIT:
        raise _OutOfRange(text)
    return value


def _float(text: str) -> float | str:
    """A YAML 1.1 float, or the text itself; raises :class:`_OutOfRange` for one that is
    not finite or lies outside the story's range (a whole-number field would take it)."""
    t = text.replace("_", "").lower()
    if t in (".inf", "+.inf", "-.inf", ".nan"):
        raise _OutOfRange(text)
    try:
        value = float(t)
    except ValueError:
        return text
    if not math.isfinite(value) or abs(value) > INT_LIMIT:
        raise _OutOfRange(text)
    return value


class _Builder:
    """Turns a node tree into Python values, refusing anything unsafe."""

    def __init__(self) -> None:
        self.seen: dict[int, Any] = {}
        self.aliased = False

    def build(self, node: Node) -> Any:
        done = self.seen.get(id(node))
        if done is not None:
            self.aliased = True
            return done
        if isinstance(node, ScalarNode):
            tag = node.tag
            if tag == _T + "str":
                return node.value
            if tag not in _SAFE_SCALARS:
                raise self.refuse_tag(node)
            value = node.value
            try:
                if tag == _T + "int":
                    return _int(value)
                if tag == _T + "float":
                    return _float(value)
            except _OutOfRange:
                shown = value if len(value) <= 24 else f"{value[:20]}..."
                raise _Refused(node, D.NUMBER_OUT_OF_RANGE,
                               f"the number {shown} is out of range: numbers "
                               f"in a story lie within -{INT_LIMIT:,}..{INT_LIMIT:,}",
                               "if it is text, put it in quotes") from None
            if tag == _T + "bool":
                return _BOOLS.get(value.lower(), value)
            if tag == _T + "null":
                return None
            return value  # a timestamp stays as written
        if isinstance(node, SequenceNode):
            if node.tag != _T + "seq":
                raise self.refuse_tag(node)
            out: list[Any] = []
            self.seen[id(node)] = out
            out.extend(self.build(child) for child in node.value)
            return out
        if isinstance(node, MappingNode):
            if node.tag != _T + "map":
                raise self.refuse_tag(node)
            result: dict[Any, Any] = {}
            self.seen[id(node)] = result
            for knode, vnode in node.value:
                if knode.tag == _T + "merge":
                    raise _Refused(knode, D.NOT_ALLOWED, "merge keys ('<<') are not supported",
                                   "write the keys out, or use an alias for the whole value")
                key = self.build(knode)
                if isinstance(key, list | dict):
                    raise _Refused(knode, D.WRONG_TYPE, "a key must be a plain value")
                if key in result:
                    raise _Refused(knode, D.DUPLICATE_KEY, D.DUPLICATE_KEY.message(name=key),
                                   "the later value would silently replace the first")
                result[key] = self.build(vnode)
            return result
        raise _Refused(node, D.NOT_ALLOWED, "unsupported YAML node")  # pragma: no cover

    @staticmethod
    def refuse_tag(node: Node) -> _Refused:
        return _Refused(node, D.NOT_ALLOWED, f"tag '{node.tag}' is not allowed in story files",
                        "story files hold plain text, numbers, lists and mappings")


def _expanded_size(root: Node) -> tuple[int, int]:
    """How many values the tree has, and how many characters its scalars hold, with every
    alias expanded (memoised per node: nothing is expanded; both counts stop growing once
    far over their limits)."""
    sizes: dict[int, tuple[int, int]] = {}
    cap_values, cap_text = MAX_EXPANSION * 10, MAX_FILE_TEXT * 10

    def size(node: Node) -> tuple[int, int]:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = (1, 0)  # guards against recursive aliases
        values, text = 1, 0
        if isinstance(node, SequenceNode | MappingNode):
            children = node.value if isinstance(node, SequenceNode) else \
                [n for pair in node.value for n in pair]
            for child in children:
                v, t = size(child)
                values, text = values + v, text + t
        else:
            text = len(node.value)
        sizes[id(node)] = (min(values, cap_values), min(text, cap_text))
        return sizes[id(node)]

    return size(root)


@dataclass
class Budget:
    """What is left for the files of one story (or one translation) together: bytes read,
    and characters of text with aliases expanded. Each file read takes its share."""

    bytes: int = MAX_STORY_BYTES
    text: int = MAX_STORY_TEXT


def read_yaml(path: Path, display: str | None = None, digest: Any = None,
              budget: Budget | None = None) -> YamlDoc:
    """Read one YAML file; problems are collected in the result, never raised.

    ``digest``, a hashlib object, is fed the file's bytes (the story's content hash).
    ``budget``, shared by the files of one story, bounds what they hold together.
    """
    shown = display or str(path)
    doc = YamlDoc(shown)
    try:
        raw = read_limited(path, MAX_FILE_BYTES)
    except FileRefused as err:
        if err.why == "too_large":
            doc.problems.append(D.TOO_LARGE.at(shown, 1, 1, err.describe(),
                                               "split it into smaller files"))
        else:
            doc.problems.append(D.NOT_REGULAR_FILE.at(
                shown, 1, 1, D.NOT_REGULAR_FILE.message(what=err.describe())))
        return doc
    except (OSError, ValueError) as err:
        if os.path.exists(path) and not is_regular(path):  # a socket cannot even be opened
            what = FileRefused(path, "special", 0).describe()
            doc.problems.append(D.NOT_REGULAR_FILE.at(
                shown, 1, 1, D.NOT_REGULAR_FILE.message(what=what)))
        else:
            doc.problems.append(D.UNREADABLE.at(shown, 1, 1,
                                                f"cannot read the file: {_reason(err)}"))
        return doc
    if budget is not None:
        budget.bytes -= len(raw)
        if budget.bytes < 0:
            doc.problems.append(D.TOO_LARGE.at(shown, 1, 1, "the story's files together are "
                                               f"larger than {MAX_STORY_BYTES:,} bytes"))
            return doc
    if digest is not None:
        digest.update(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _byte_position(raw, err.start)
        doc.problems.append(D.UNREADABLE.at(
            shown, line, col, f"cannot read the file: byte 0x{raw[err.start]:02x} here is not "
            "UTF-8 text", "save the file as UTF-8"))
        return doc
    doc = parse_yaml(text, shown)
    if budget is not None and doc.data is not None:
        budget.text -= doc.text
        if budget.text < 0:
            doc.problems.append(D.TOO_LARGE.at(shown, 1, 1, "the story's files together hold "
                                               f"more than {MAX_STORY_TEXT:,} characters of text",
                                               "aliases count as many times as they are used"))
            doc.data = None
    return doc


def _reason(err: Exception) -> str:
    """Why a file could not be opened, without the path (the problem carries it)."""
    return getattr(err, "strerror", None) or str(err)


def parse_yaml(text: str, display: str) -> YamlDoc:
    """Parse YAML text (see :func:`read_yaml`)."""
    doc = YamlDoc(display, source=text)
    loader = _Loader(text)
    try:
        doc.root = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(x) for x in (err.context, err.problem) if x) or "invalid YAML"
        hint = _yaml_hint(message)
        better = _open_quote(text, err) or _indentation(text, line)
        if better is not None:
            line, col, message, hint = better
        doc.problems.append(D.YAML_SYNTAX.at(display, line, col, message, hint))
        return doc
    except yaml.YAMLError as err:
        doc.problems.append(D.YAML_SYNTAX.at(display, 1, 1, str(err).splitlines()[0]))
        return doc
    finally:
        loader.dispose()
    if doc.root is None:
        return doc
    builder = _Builder()
    try:
        doc.data = builder.build(doc.root)
        if builder.aliased or "&" in text:  # no '&', no anchor: nothing can be aliased
            values, doc.text = _expanded_size(doc.root)
            if values > MAX_EXPANSION:
                raise _Refused(doc.root, D.ALIAS_EXPANSION,
                               "aliases in this file expand to more than "
                               f"{MAX_EXPANSION:,} values",
                               "an alias bomb? use fewer nested aliases")
            if doc.text > MAX_FILE_TEXT:
                raise _Refused(doc.root, D.ALIAS_EXPANSION,
                               "aliases in this file expand to more than "
                               f"{MAX_FILE_TEXT:,} characters of text",
                               "an alias bomb? write the text out, or use fewer aliases")
        else:
            doc.text = len(text)
    except _Refused as err:
        mark = err.node.start_mark
        doc.problems.append(
            err.diagnostic.at(display, mark.line + 1, mark.column + 1, err.message, err.hint))
        doc.data = None
    except RecursionError:
        doc.problems.append(D.ALIAS_EXPANSION.at(display, 1, 1, "the file is nested too deeply"))
        doc.data = None
    return doc


_TAB = re.compile(r"tab", re.I)

Explained = tuple[int, int, str, str]
"""A YAML error said better: line, column, message and hint."""


def _byte_position(raw: bytes, at: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte ``at`` of ``raw``."""
    start = raw.rfind(b"\n", 0, at) + 1
    return raw.count(b"\n", 0, at) + 1, len(raw[start:at].decode("utf-8", "replace")) + 1


_QUOTE_HINT = ("close it where the text ends; a quote inside the text is written \\\" "
               "within double quotes, '' within single quotes")


def _open_quote(text: str, err: yaml.MarkedYAMLError) -> Explained | None:
    """A quote left open, located at the quote itself: YAML reads on past the line, up to the
    next quote or the end of the file, and fails there, often lines later."""
    if err.context == "while scanning a quoted scalar" and err.context_mark is not None:
        mark = err.context_mark
        return (mark.line + 1, mark.column + 1, "this quote is never closed", _QUOTE_HINT)
    problem = err.problem_mark
    if problem is None:
        return None
    runaway = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line > problem.line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.start_mark.line < token.end_mark.line == problem.line:
                runaway = token
    except yaml.YAMLError:
        pass
    if runaway is None:
        return None
    mark = runaway.start_mark
    return (mark.line + 1, mark.column + 1,
            f"this quote is not closed on its line: the text runs on to line "
            f"{runaway.end_mark.line + 1}, where YAML cannot read on", _QUOTE_HINT)


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*[ \t]*:(?:[ \t]|$)")


def _starts(line: str) -> tuple[int, list[int], list[int]]:
    """A line's indent, the columns (0-based) of its list dashes and of its keys."""
    indent = len(line) - len(line.lstrip(" "))
    dashes: list[int] = []
    at = indent
    while line.startswith("- ", at) or line[at:].rstrip() == "-":
        dashes.append(at)
        at += 2
        while line.startswith(" ", at):
            at += 1
    keys = [at] if _KEY.match(line, at) else []
    return indent, dashes, keys


def _indentation(text: str, line_no: int) -> Explained | None:
    """A list item or a key on the failing line indented unlike its siblings: compared with
    the lists (or mappings) that enclose that line, the nearest in indentation."""
    lines = text.split("\n")
    if not 0 < line_no <= len(lines):
        return None
    indent, dashes, keys = _starts(lines[line_no - 1])
    item = bool(dashes) and dashes[0] == indent
    if not item and not (keys and keys[0] == indent):
        return None
    seen: list[int] = []
    floor = len(lines[line_no - 1])  # no line above is indented this far: all count
    for above in reversed(lines[:line_no - 1]):
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        i, d, k = _starts(above)
        for col in (d if item else k):
            if col <= floor and col not in seen:
                seen.append(col)
        floor = min(floor, i)
        if floor == 0:
            break
    if not seen or indent in seen:
        return None
    best = min(abs(c - indent) for c in seen)
    near = [c for c in seen if abs(c - indent) == best]
    what = "list item" if item else "key"
    if len(near) == 1:
        others = f"its siblings {near[0]}" if item else f"the keys beside it {near[0]}"
    else:
        others = "the lists around it " + " and ".join(str(c) for c in near) if item else \
            "the keys around it " + " and ".join(str(c) for c in near)
    hint = ("line its '-' up with the other items of its list" if item else
            "line it up with the other keys of its mapping")
    spaces = "1 space" if indent == 1 else f"{indent} spaces"
    return line_no, indent + 1, f"this {what} is indented {spaces}, {others}", hint


def _yaml_hint(message: str) -> str:
    if _TAB.search(message):
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "a ':' inside text? put the text in quotes"
    if "could not find expected ':'" in message:
        return "is a key missing its ':' or a quote left open?"
    return ""


def locate(root: Node | None, where: Path_, key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the node at ``where``, or of its nearest parent.

    Parts of ``where`` that name no child (pydantic's union tags) are skipped. With ``key``,
    a mapping entry is located by its key rather than its value.
    """
    if root is None:
        return 1, 1
    node = root
    for i, part in enumerate(where):
        last = i == len(where) - 1
        if isinstance(node, MappingNode):
            for knode, vnode in node.value:
                if isinstance(knode, ScalarNode) and knode.value == str(part):
                    node = knode if (last and key) else vnode
                    break
        elif isinstance(node, SequenceNode) and isinstance(part, int) \
                and 0 <= part < len(node.value):
            node = node.value[part]
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def find(root: Node | None, where: Path_) -> Node | None:
    """The node at ``where`` exactly, or None if the file has nothing there (as when a short
    form was expanded before validation)."""
    node = root
    for part in where:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value
                         if isinstance(k, ScalarNode) and k.value == str(part)), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) \
                and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def scalar_column_offset(root: Node | None, where: Path_) -> int:
    """Extra columns to add to a position inside a plain or quoted one-line scalar."""
    if root is None:
        return 0
    node = root
    for part in where:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value
                         if isinstance(k, ScalarNode) and k.value == str(part)), node)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
    if (isinstance(node, ScalarNode) and node.style in (None, "", "'", '"')
            and node.start_mark.line == node.end_mark.line):
        return 1 if node.style in ("'", '"') else 0
    return 0
