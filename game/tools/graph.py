"""``face-of-another graph``: the story as a graph, in Graphviz dot or Mermaid.

Scenes are nodes (endings drawn apart, scenes ``check`` calls unreachable dashed, each act a
cluster); choices with ``go`` and face rules with ``go`` are edges, labelled with the
choice's id and its ``if`` / ``requires``, or the rule's ``to`` / ``from`` / ``if``. Choices
that stay in their scene are counted in the node's label, or drawn as loops with ``stays``.

With a :class:`~game.tools.walk.Coverage`, nodes are filled by the share of random walks
that entered them, and edges carry how often they were taken (red: never).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.story import keys
from game.story.runtime import Choice, FaceRule, Scene, Story
from game.tools.check import reachable
from game.tools.walk import Coverage

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

NEVER = "#f4cccc"
RARE = "#fce5cd"
SOME = "#fff2cc"
OFTEN = "#d9ead3"
RED = "#cc0000"
LEGEND = ("red: never entered, orange: entered by under 10% of the walks, yellow: under 50%, "
          "green: 50% or more; a red edge was never taken")


@dataclass
class Edge:
    """One way from a scene: a choice or a face rule."""

    source: str
    target: str
    lines: list[str]
    """The label: the choice id or face change first, then one line per condition."""
    kind: str
    """``choice``, ``stay`` (a choice without ``go``) or ``face``."""
    key: str
    """The coverage key: ``scene.choice`` or the rule's ``scene.faceN``."""


def _act(n: int) -> str:
    return f"Act {ROMAN[n] if 0 < n < len(ROMAN) else n}"


def _choice_edge(scene: Scene, choice: Choice) -> Edge:
    lines = [choice.id + (" (once)" if choice.once else "")]
    if choice.cond:
        lines.append(f"if: {choice.cond.source}")
    if choice.requires:
        lines.append(f"requires: {choice.requires.source}")
    return Edge(scene.id, choice.go or scene.id, lines, "choice" if choice.go else "stay",
                choice.key)


def _rule_edge(scene: Scene, rule: FaceRule) -> Edge:
    head = f"face -> {rule.to}" if rule.to else "any face change"
    lines = [head + (" (once)" if rule.once else "")]
    if rule.from_:
        lines.append(f"from: {rule.from_}")
    if rule.cond:
        lines.append(f"if: {rule.cond.source}")
    return Edge(scene.id, rule.go or scene.id, lines, "face", rule.key)


def edges(story: Story, stays: bool = False) -> list[Edge]:
    """Every edge of the graph, scene by scene in story order."""
    out: list[Edge] = []
    for scene in story.scenes.values():
        for choice in scene.choices:
            if choice.go or stays:
                out.append(_choice_edge(scene, choice))
        for rule in scene.rules:
            if rule.go:
                out.append(_rule_edge(scene, rule))
    return out


class _Graph:
    """What both formats share: nodes grouped by act, edges, coverage colours."""

    def __init__(self, story: Story, coverage: Coverage | None, stays: bool) -> None:
        self.story = story
        self.cov = coverage
        self.stays = stays
        self.live = reachable(story)
        self.edges = edges(story, stays)
        self.acts: dict[int, list[Scene]] = {}
        for scene in story.scenes.values():
            self.acts.setdefault(scene.act, []).append(scene)

    def label(self, scene: Scene) -> list[str]:
        text = self.story.text
        lines = [scene.id, text(scene.title)]
        if scene.ending:
            lines[1] = f"THE END: {text(scene.ending)}"
        staying = [c for c in scene.choices if not c.go]
        if staying and not self.stays:
            n = len(staying)
            lines.append(f"+{n} choice{'s that stay' if n > 1 else ' that stays'}")
        if self.cov is not None:
            lines.append(f"entered by {self.cov.scenes[scene.id]:,}/{self.cov.walks:,} walks")
        return lines

    def fill(self, scene: Scene) -> str | None:
        if self.cov is None:
            return None
        share = self.cov.scenes[scene.id] / max(self.cov.walks, 1)
        if share == 0:
            return NEVER
        return RARE if share < 0.1 else SOME if share < 0.5 else OFTEN

    def hits(self, edge: Edge) -> int | None:
        if self.cov is None:
            return None
        counter = self.cov.rules if edge.kind == "face" else self.cov.choices
        return counter[edge.key]

    def edge_lines(self, edge: Edge) -> list[str]:
        hits = self.hits(edge)
        return edge.lines + ([f"taken {hits:,}x"] if hits is not None else [])

    def caption(self) -> str:
        if self.cov is None:
            return ""
        return f"coverage: {self.cov.walks:,} random walks. {LEGEND}"


# --------------------------------------------------------------------------- dot


def _dot_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_label(lines: list[str]) -> str:
    return _dot_str("\n".join(lines)).replace("\n", "\\n")


def to_dot(story: Story, coverage: Coverage | None = None, stays: bool = False) -> str:
    """The story as a Graphviz digraph (``dot -Tsvg story.dot -o story.svg``)."""
    g = _Graph(story, coverage, stays)
    title = story.text(keys.STORY_TITLE) + (" | " + g.caption() if g.caption() else "")
    out = [f"digraph {_dot_str(story.id)} {{",
           f"  label={_dot_str(title)};",
           "  labelloc=t;",
           "  rankdir=TB;",
           '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica"];',
           '  edge [fontname="Helvetica", fontsize=10];',
           '  "(start)" [shape=point, width=0.15];',
           f'  "(start)" -> {_dot_str(story.start)};']

    def node(scene: Scene, indent: str) -> str:
        attrs = [f"label={_dot_label(g.label(scene))}"]
        styles = ["rounded", "filled"]
        if scene.ending:
            attrs.append("peripheries=2")
            styles.append("bold")
        if scene.id not in g.live:
            styles.append("dashed")
            attrs.append('tooltip="unreachable: no choice or face rule leads here"')
        attrs.append(f'style="{",".join(styles)}"')
        fill = g.fill(scene)
        if fill:
            attrs.append(f'fillcolor="{fill}"')
        return f"{indent}{_dot_str(scene.id)} [{', '.join(attrs)}];"

    for number in sorted(g.acts):
        scenes = g.acts[number]
        if number == 0:
            out += [node(s, "  ") for s in scenes]
            continue
        out.append(f"  subgraph cluster_act{number} {{")
        out.append(f"    label={_dot_str(_act(number))};")
        out.append('    style=rounded; color="#999999";')
        out += [node(s, "    ") for s in scenes]
        out.append("  }")
    for edge in g.edges:
        attrs = [f"label={_dot_label(g.edge_lines(edge))}"]
        if edge.kind == "face":
            attrs.append("style=dashed")
        elif edge.kind == "stay":
            attrs.append('style=dotted, color="#777777"')
        hits = g.hits(edge)
        if hits == 0:
            attrs.append(f'color="{RED}", fontcolor="{RED}"')
        out.append(f"  {_dot_str(edge.source)} -> {_dot_str(edge.target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- mermaid

_MERMAID_WORDS = {"end", "graph", "subgraph", "flowchart", "style", "class", "classdef",
                  "click", "linkstyle", "direction", "call", "href"}


def _mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: quotes, angle brackets, # and | as entity codes."""
    out = []
    for ch in text:
        out.append(f"#{ord(ch)};" if ch in '"<>#|&' else ch)
    return "".join(out)


def _mermaid_label(lines: list[str]) -> str:
    return '"' + "<br>".join(_mermaid_text(line) for line in lines) + '"'


def to_mermaid(story: Story, coverage: Coverage | None = None, stays: bool = False) -> str:
    """The story as a Mermaid flowchart (paste it into a Markdown ``mermaid`` block)."""
    g = _Graph(story, coverage, stays)
    used = set(story.scenes)

    def fresh(name: str) -> str:
        while name in used or name.lower() in _MERMAID_WORDS:
            name += "_"
        used.add(name)
        return name

    ids = {}
    for sid in story.scenes:
        ids[sid] = fresh(sid + "_") if sid.lower() in _MERMAID_WORDS else sid
    start = fresh("start_")
    out = ["flowchart TD",
           f"%% {story.text(keys.STORY_TITLE)}: scenes, choices and endings"]
    if g.caption():
        out.append(f"%% {g.caption()}")
    out += ["  classDef ending stroke-width:3px",
            "  classDef unreachable stroke-dasharray:5 5",
            f"  {start}((start))",
            f"  {start} --> {ids[story.start]}"]
    styles: list[str] = []

    def node(scene: Scene, indent: str) -> str:
        label = _mermaid_label(g.label(scene))
        nid = ids[scene.id]
        shape = "([{}])" if scene.ending else "({})"
        text = indent + nid + shape.format(label)
        classes = (["ending"] if scene.ending else []) + (
            ["unreachable"] if scene.id not in g.live else [])
        for cls in classes:
            styles.append(f"  class {nid} {cls}")
        fill = g.fill(scene)
        if fill:
            styles.append(f"  style {nid} fill:{fill}")
        return text

    for number in sorted(g.acts):
        scenes = g.acts[number]
        if number == 0:
            out += [node(s, "  ") for s in scenes]
            continue
        out.append(f'  subgraph {fresh(f"act{number}_")} ["{_act(number)}"]')
        out += [node(s, "    ") for s in scenes]
        out.append("  end")
    link = 1  # the start arrow is link 0
    for edge in g.edges:
        arrow = "-.->" if edge.kind == "face" else "-->"
        label = _mermaid_label(g.edge_lines(edge))
        out.append(f"  {ids[edge.source]} {arrow}|{label}| {ids[edge.target]}")
        if g.hits(edge) == 0:
            styles.append(f"  linkStyle {link} stroke:{RED},color:{RED}")
        elif edge.kind == "stay":
            styles.append(f"  linkStyle {link} stroke:#777777,stroke-dasharray:2 2")
        link += 1
    return "\n".join(out + styles) + "\n"


FORMATS = {"dot": to_dot, "mermaid": to_mermaid}
