"""What the player sees: :func:`view` resolves a scene for a state into plain data."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.rules import BLOCKED, face_block, holds, visible_choices
from game.engine.state import GameState
from game.story import keys
from game.story.runtime import Story


@dataclass(frozen=True)
class Line:
    """A player-visible string and its stable key."""

    key: str
    text: str


@dataclass(frozen=True)
class PersonView:
    """Someone present, and how they react to the hero's current face."""

    id: str
    name: str
    reaction: Line | None
    prose: bool = False
    """The reaction is a sentence of prose that names the person: show it without a label."""


@dataclass(frozen=True)
class ChoiceView:
    """A choice as shown: numbered from 1, enabled or disabled with a reason."""

    number: int
    id: str
    label: Line
    enabled: bool
    reason: Line | None
    taken: bool
    """Taken before in this playthrough."""


@dataclass(frozen=True)
class FaceView:
    """A face, and whether the hero can change to it here."""

    id: str
    label: str
    current: bool
    enabled: bool
    reason: str
    art: str = "outline"
    """The drawing the story gives the face (see :class:`game.story.runtime.Face`); for the
    current face, the scene's drawing if it has one (``Scene.art``)."""


@dataclass(frozen=True)
class StatusView:
    """A variable the story shows the player (the status panel), once its value is no longer
    the default."""

    id: str
    label: str
    value: bool | int | str


@dataclass(frozen=True)
class View:
    """Everything the player sees in one state."""

    scene: str
    title: Line
    act: int
    events: tuple[Line, ...]
    paragraphs: tuple[Line, ...]
    people: tuple[PersonView, ...]
    choices: tuple[ChoiceView, ...]
    face: FaceView
    faces: tuple[FaceView, ...]
    """Every face possible in this scene, the current one included."""
    items: tuple[Line, ...]
    status: tuple[StatusView, ...]
    ending: Line | None

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    def choice_by_number(self, number: int) -> ChoiceView | None:
        """The choice shown under this number, if any."""
        return next((c for c in self.choices if c.number == number), None)


def view(story: Story, state: GameState) -> View:
    """Resolve the current scene for ``state``: prose, people, choices, faces."""
    scene = story.scenes[state.scene]
    text = story.text

    paragraphs: list[Line] = []
    for p in scene.paragraphs:
        if holds(p.cond, state):
            paragraphs.append(Line(p.key, text(p.key)))
        elif p.otherwise:
            paragraphs.append(Line(p.otherwise, text(p.otherwise)))

    people: list[PersonView] = []
    for presence in scene.people:
        if not holds(presence.cond, state):
            continue
        person = story.people[presence.id]
        reaction = next((Line(v.key, text(v.key)) for v in person.reacts.get(state.face, ())
                         if holds(v.cond, state)), None)
        people.append(PersonView(presence.id, text(person.name), reaction, person.prose))

    choices: list[ChoiceView] = []
    for n, c in enumerate(visible_choices(story, state), start=1):
        enabled = holds(c.requires, state)
        why = "" if enabled else c.why(state)
        reason = Line(why, text(why)) if why else None
        choices.append(ChoiceView(n, c.id, Line(c.label, text(c.label)), enabled, reason,
                                  c.key in state.taken))

    faces: list[FaceView] = []
    current = None
    for fid, decl in story.faces.items():
        label = text(decl.label)
        if fid == state.face:
            current = FaceView(fid, label, True, False, "", scene.art or decl.art)
            faces.append(current)
            continue
        block = face_block(story, state, fid)
        if block == BLOCKED:
            continue
        faces.append(FaceView(fid, label, False, not block, text(block) if block else "",
                              decl.art))
    assert current is not None

    status = tuple(StatusView(v.name, text(v.label), state.values[v.index])
                   for v in story.variables.values()
                   if v.label and state.values[v.index] != v.default)
    items = tuple(Line(keys.item(i), text(keys.item(i))) for i in sorted(state.items))
    ending = Line(scene.ending, text(scene.ending)) if scene.ending else None
    return View(scene=scene.id, title=Line(scene.title, text(scene.title)),
                act=scene.act, events=tuple(Line(k, text(k)) for k in state.events),
                paragraphs=tuple(paragraphs), people=tuple(people), choices=tuple(choices),
                face=current, faces=tuple(faces), items=items, status=status, ending=ending)


def unmasked_face(story: Story, v: View) -> str | None:
    """The face that taking the mask off changes to in ``v``: the first face of the story's
    ``mask.back_to`` possible here, else the first face possible here (in the story's order);
    None if no other face is possible, or if the story has no mask."""
    if story.mask is None:
        return None
    possible = [f.id for f in v.faces if f.enabled]
    preferred = (fid for fid in story.mask.back_to if fid in possible)
    return next(preferred, possible[0] if possible else None)
