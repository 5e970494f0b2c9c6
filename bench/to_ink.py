"""Translate a story to ink source, for bench/engine.py: our engine against an ink runtime.

This is a benchmark tool, not a feature of the game. The translation keeps what decides how
much work a step is: the same scene graph, the same choices in each scene under the same
conditions, the same effects, and the same prose to print. What it translates:

- each scene is a knot; entering it runs the scene's ``do`` effects, then moves the face to
  the first allowed one if the scene does not allow the current face, then reaches a
  ``- (menu)`` gather that prints the scene's paragraphs (an ``if``/``else`` paragraph as an
  ink conditional) and offers the choices; an ending scene prints its text and ends;
- each choice is a labelled ink choice ``(c_<id>)``: ``*`` (once-only) for ``once: true``,
  ``+`` (sticky) otherwise, since our choices can be taken again while they stay in view.
  Its ``if`` and ``requires`` both become ink conditions (a disabled choice is not offered:
  the random player only takes enabled ones); its ``text`` is printed, its ``do`` effects
  run, then it diverts to its ``go`` scene, or back to the menu when it has none;
- each face the hero could change to in a scene is one more sticky choice, offered when it
  is not the current face and the face's ``requires`` holds; it runs the scene's face rules
  (the first that matches, by ``to``, ``from``, ``if`` and ``once``) with their text, effects
  and ``go``, else prints the face's ``change_text``;
- variables become ink ``VAR v_<name>``, items ``VAR item_<id>`` (true while carried), the
  face ``VAR face_now``; an effect on an int with ``min``/``max`` is clamped with MIN/MAX;
- expressions: ``and or not``, comparisons (chains split), ``+ - * // %``, literals;
  ``visits("s")`` is the knot's read count, ``visited("s")`` that count ``> 0``,
  ``has("i")`` the item's VAR, ``chose("s.c")`` the labelled choice's read count,
  ``chance(n)`` is ``RANDOM(1, 100) <= n``; ``give``/``take`` set the item's VAR.

What it does not translate: people and their reactions, titles, status labels and
translations (no text is resolved for them); ``//`` truncates in ink where ours floors, and
ints without declared bounds are not clamped; ``chance`` draws from ink's own generator, not
from our seed; the prose is reduced to letters, digits and plain punctuation so that it
cannot be read as ink syntax. An expression it cannot translate becomes ``true`` (a
condition) or is left out (an effect), and is counted in the header comment.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.story.expr import Compiled  # noqa: E402
from game.story.runtime import Choice, FaceRule, Scene, Story  # noqa: E402

RESERVED = {
    "true", "false", "not", "and", "or", "mod", "has", "hasnt", "VAR", "CONST", "LIST",
    "INCLUDE", "EXTERNAL", "function", "return", "temp", "ref", "else", "END", "DONE",
    "stopping", "cycle", "shuffle", "once", "menu",
}
"""Names a knot must not take; a scene with one of them gets a ``scene_`` prefix."""

_UNSAFE = re.compile(r"[^\w .,;!?'()]+")
_CMP = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_ARITH = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "/", ast.Mod: "%"}


def _group(ink: str) -> str:
    """``ink`` in parentheses if it has spaces: ``(name)`` alone would be an ink list."""
    return f"({ink})" if " " in ink else ink


class Untranslatable(Exception):
    """An expression the converter does not know how to say in ink."""


def knot_name(scene_id: str) -> str:
    """The ink knot for a scene: its id, unless that could clash with ink or our VARs."""
    if scene_id in RESERVED or scene_id.upper() == scene_id or \
            scene_id.startswith(("v_", "item_", "once_", "face_now")):
        return f"scene_{scene_id}"
    return scene_id


def plain_text(text: str) -> str:
    """Prose made safe to print from ink: plain punctuation, one line, never empty."""
    return " ".join(_UNSAFE.sub(" ", text).split()) or "..."


@dataclass
class Converter:
    """Says one story's expressions and scenes in ink; counts what it had to leave out."""

    story: Story
    skipped: int = 0
    lines: list[str] = field(default_factory=list)

    def text(self, key: str) -> str:
        """The English text with this key."""
        return self.story.strings.get(key, "")

    # ------------------------------------------------------------------ expressions

    def cond(self, compiled: Compiled | None) -> str:
        """An ink condition for a story condition ("true" if there is none or it fails)."""
        if compiled is None:
            return "true"
        try:
            return self.expr(ast.parse(compiled.source.strip(), mode="eval").body)
        except (Untranslatable, SyntaxError):
            self.skipped += 1
            return "true"

    def expr(self, node: ast.AST) -> str:
        """An ink expression for a node of a story expression."""
        if isinstance(node, ast.BoolOp):
            op = " and " if isinstance(node.op, ast.And) else " or "
            return "(" + op.join(self.expr(v) for v in node.values) + ")"
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                return f"(not {self.expr(node.operand)})"
            if isinstance(node.op, ast.USub):
                return f"(0 - {self.expr(node.operand)})"
            if isinstance(node.op, ast.UAdd):
                return self.expr(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
            return f"({self.expr(node.left)} {_ARITH[type(node.op)]} {self.expr(node.right)})"
        if isinstance(node, ast.Compare):
            parts, left = [], node.left
            for op, right in zip(node.ops, node.comparators, strict=True):
                if type(op) not in _CMP:
                    raise Untranslatable(type(op).__name__)
                parts.append(f"({self.expr(left)} {_CMP[type(op)]} {self.expr(right)})")
                left = right
            return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"
        if isinstance(node, ast.Constant):
            return self.literal(node.value)
        if isinstance(node, ast.Name):
            if node.id in ("true", "True"):
                return "true"
            if node.id in ("false", "False"):
                return "false"
            if node.id == "face":
                return "face_now"
            if node.id in self.story.variables:
                return f"v_{node.id}"
            raise Untranslatable(node.id)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and len(node.args) == 1 and isinstance(node.args[0], ast.Constant):
            fname, arg = node.func.id, node.args[0].value
            if fname == "visits" and arg in self.story.scenes:
                return knot_name(str(arg))
            if fname == "visited" and arg in self.story.scenes:
                return f"({knot_name(str(arg))} > 0)"
            if fname == "has":
                return f"item_{arg}"
            if fname == "chose" and isinstance(arg, str) and "." in arg:
                scene, choice = arg.split(".", 1)
                if scene in self.story.scenes:
                    return f"{knot_name(scene)}.c_{choice}"
            if fname == "chance" and isinstance(arg, int):
                return f"(RANDOM(1, 100) <= {arg})"
        raise Untranslatable(type(node).__name__)

    @staticmethod
    def literal(value: object) -> str:
        """An ink literal for a bool, int or string."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, str):
            return '"' + re.sub(r'["\\{}|\n]', " ", value) + '"'
        raise Untranslatable(repr(value))

    def effects(self, effects: tuple[Compiled, ...], indent: str) -> None:
        """Emit ink logic lines (``~ ...``) for a list of story effects."""
        for effect in effects:
            try:
                body = ast.parse(effect.source.strip(), mode="exec").body
                for stmt in body:
                    self.lines.append(indent + self.statement(stmt))
            except (Untranslatable, SyntaxError):
                self.skipped += 1

    def statement(self, node: ast.stmt) -> str:
        """One ink logic line for one story effect."""
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Name) and node.value.args \
                and isinstance(node.value.args[0], ast.Constant):
            fname, item = node.value.func.id, node.value.args[0].value
            if fname in ("give", "take"):
                return f"~ item_{item} = {'true' if fname == 'give' else 'false'}"
        if isinstance(node, ast.Assign | ast.AugAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if not isinstance(target, ast.Name):
                raise Untranslatable("target")
            value = self.expr(node.value)
            if target.id == "face":
                return f"~ face_now = {value}"
            decl = self.story.variables.get(target.id)
            if decl is None:
                raise Untranslatable(target.id)
            name = f"v_{target.id}"
            if isinstance(node, ast.AugAssign):
                if type(node.op) not in _ARITH:
                    raise Untranslatable(type(node.op).__name__)
                value = f"({name} {_ARITH[type(node.op)]} {value})"
            if decl.type == "int":
                if decl.high is not None:
                    value = f"MIN({value}, {decl.high})"
                if decl.low is not None:
                    value = f"MAX({value}, {decl.low})"
            return f"~ {name} = {value}"
        raise Untranslatable(type(node).__name__)

    # ------------------------------------------------------------------ scenes

    def story_ink(self) -> str:
        """The whole story as ink source."""
        story = self.story
        out = self.lines
        out.append(f"VAR face_now = {self.literal(story.start_face)}")
        for name, decl in story.variables.items():
            out.append(f"VAR v_{name} = {self.literal(decl.default)}")
        for item in story.items:
            out.append(f"VAR item_{item} = false")
        for scene in self.story.scenes.values():
            for n, rule in enumerate(scene.rules, 1):
                if rule.once:
                    out.append(f"VAR once_{scene.id}_face{n} = false")
        out += ["", f"-> {knot_name(story.start)}", ""]
        for scene in self.story.scenes.values():
            self.scene(scene)
        header = (f"// {story.id}: {len(self.story.scenes)} scenes, translated by "
                  f"bench/to_ink.py; {self.skipped} expressions left untranslated")
        return "\n".join([header, *out]) + "\n"

    def scene(self, scene: Scene) -> None:
        """Emit the knot of one scene."""
        out = self.lines
        knot = knot_name(scene.id)
        out.append(f"=== {knot} ===")
        self.effects(scene.effects, "")
        allowed = scene.allowed
        if len(allowed) < len(self.story.faces) and allowed:
            outside = " and ".join(f'face_now != "{f}"' for f in allowed)
            out.append("{")
            for face in allowed:
                requires = self.story.faces[face].requires
                when = f"({outside}) and {_group(self.cond(requires))}" if requires else outside
                out += [f"- {when}:", f'    ~ face_now = "{face}"']
            out.append("}")
        if scene.ending:
            out += self.paragraphs(scene)
            out += [plain_text(self.text(scene.ending)), "-> END", ""]
            return
        out.append("- (menu)")
        out += self.paragraphs(scene)
        for choice in scene.choices:
            self.choice(choice)
        for face in allowed:
            self.face_choice(scene, face)
        out += ["- -> DONE", ""]

    def paragraphs(self, scene: Scene) -> list[str]:
        """The scene's prose, each paragraph a line (conditional ones as ink conditionals)."""
        lines = []
        for p in scene.paragraphs:
            text = plain_text(self.text(p.key))
            if p.cond is None:
                lines.append(text)
            else:
                other = f"|{plain_text(self.text(p.otherwise))}" if p.otherwise else ""
                lines.append(f"{{{self.cond(p.cond)}:{text}{other}}}")
        return lines

    def choice(self, choice: Choice) -> None:
        """Emit one choice with its conditions, outcome text, effects and divert."""
        bullet = "*" if choice.once else "+"
        conds = "".join(f" {{{self.cond(c)}}}" for c in (choice.cond, choice.requires) if c)
        label = plain_text(self.text(choice.label))
        self.lines.append(f"{bullet} (c_{choice.id}){conds} [{label}]")
        if choice.text:
            self.lines.append(f"    {plain_text(self.text(choice.text))}")
        self.effects(choice.effects, "    ")
        self.lines.append(f"    -> {knot_name(choice.go) if choice.go else 'menu'}")

    def face_choice(self, scene: Scene, face: str) -> None:
        """Emit the sticky choice that changes to ``face`` here, with the scene's face rules."""
        decl = self.story.faces[face]
        requires = f" {{{self.cond(decl.requires)}}}" if decl.requires else ""
        out = self.lines
        label = plain_text(self.text(decl.label))
        out.append(f'+ {{face_now != "{face}"}}{requires} [Face: {label}]')
        rules = [(n, r) for n, r in enumerate(scene.rules, 1) if r.to in (None, face)]
        if rules:
            out.append("    {")
            for n, rule in rules:
                out.append(f"    - {self.rule_cond(scene, n, rule)}:")
                self.rule_body(scene, n, rule, face)
            out.append("    - else:")
        indent = "        " if rules else "    "
        out.append(f'{indent}~ face_now = "{face}"')
        if decl.change:
            out.append(f"{indent}{plain_text(self.text(decl.change))}")
        out.append(f"{indent}-> menu")
        if rules:
            out.append("    }")

    def rule_cond(self, scene: Scene, n: int, rule: FaceRule) -> str:
        """The ink condition under which a face rule applies (before the face changes)."""
        parts = []
        if rule.from_ is not None:
            parts.append(f'face_now == "{rule.from_}"')
        if rule.once:
            parts.append(f"not once_{scene.id}_face{n}")
        if rule.cond is not None:
            parts.append(self.cond(rule.cond))
        return " and ".join(_group(p) for p in parts) or "true"

    def rule_body(self, scene: Scene, n: int, rule: FaceRule, face: str) -> None:
        """Emit what a face rule does: change face, tell, run effects, go."""
        indent = "        "
        self.lines.append(f'{indent}~ face_now = "{face}"')
        if rule.once:
            self.lines.append(f"{indent}~ once_{scene.id}_face{n} = true")
        if rule.text:
            self.lines.append(indent + plain_text(self.text(rule.text)))
        self.effects(rule.effects, indent)
        self.lines.append(f"{indent}-> {knot_name(rule.go) if rule.go else 'menu'}")


def to_ink(story: Story) -> str:
    """The story as ink source (see the module docstring for what is translated)."""
    return Converter(story).story_ink()


def main(argv: list[str] | None = None) -> int:
    """Command line: translate a story folder to a .ink file."""
    from game.story import load_story

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("story", type=Path, help="a story folder")
    ap.add_argument("out", type=Path, help="the .ink file to write")
    ns = ap.parse_args(argv)
    ns.out.write_text(to_ink(load_story(ns.story)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
