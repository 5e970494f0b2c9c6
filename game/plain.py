"""Plain text mode: the whole game over standard input and output, line by line.

It writes only new text (no screen clearing, no colour unless the output is a terminal), so a
screen reader, a script or a transcript test can play the whole game.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import TextIO

from game.engine import ActionError, ChangeFace, Choose, GameState, View, view
from game.playthrough import Playthrough
from game.saves.store import SaveError, SaveStore, label
from game.story.i18n import translated
from game.story.loader import read_story
from game.story.model import Story
from game.tools.watch import StoryWatcher

HELP = """\
Commands:
  1, 2, 3 ...   take the choice with that number
  face NAME     change your face (face bandaged, face masked, face bare)
  mask          put the mask on          unmask   take the mask off
  look          describe the scene again
  status        what you carry and what you know
  undo          take back your last action
  save [SLOT]   save (slots 1 to 9; without a slot, the quicksave)
  load [SLOT]   load (without a slot, the most recent save)
  saves         list the saves
  restart       start again from the beginning
  help          this list                quit     leave the game"""

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


class PlainGame:
    """One plain-text play session: feed it lines, it writes what the player reads."""

    def __init__(self, story: Story, out: TextIO, seed: int = 0, saves: Path | None = None,
                 width: int | None = None, color: bool = False, watch: bool = False) -> None:
        self.story = story
        self.out = out
        self.width = width
        self.color = color
        self.game = Playthrough(story, SaveStore(saves) if saves else None, seed)
        self.last_act = -1
        self.watcher = StoryWatcher(story.root) if watch else None

    @property
    def state(self) -> GameState:
        return self.game.state

    # -- writing

    def say(self, text: str = "") -> None:
        if self.width and text:
            text = "\n".join(textwrap.fill(part, self.width) if part else ""
                             for part in text.split("\n"))
        self.out.write(text + "\n")

    def heading(self, text: str) -> None:
        self.say(f"\033[1m{text}\033[0m" if self.color else text)

    def show_scene(self, v: View) -> None:
        if v.act and v.act != self.last_act:
            self.last_act = v.act
            self.heading(f"ACT {ROMAN[v.act] if v.act < len(ROMAN) else v.act}")
            self.say()
        self.heading(f"== {v.title.text} ==")
        self.say()
        for p in v.paragraphs:
            self.say(p.text)
            self.say()
        if v.ending is not None:
            self.show_people(v)
            self.heading(f"THE END: {v.ending.text}")
            self.say()
            self.say("Type undo to step back, restart to play again, or quit.")
            return
        self.show_people(v)
        self.show_choices(v)

    def show_people(self, v: View) -> None:
        for person in v.people:
            if person.reaction is not None:
                self.say(f"{person.name}: {person.reaction.text}")
        if v.people:
            self.say()

    def show_choices(self, v: View) -> None:
        others = [f for f in v.faces if not f.current]
        faces = ""
        if others:
            names = [f.id if f.enabled else f"{f.id} (not yet: {f.reason})" for f in others]
            faces = " You could change to: " + ", ".join(names) + "."
        self.say(f"Your face: {v.face.label.lower()}.{faces}")
        self.say()
        for c in v.choices:
            if c.enabled:
                mark = " (done before)" if c.taken else ""
                self.say(f"{c.number}. {c.label.text}{mark}")
            else:
                why = f": {c.reason.text}" if c.reason else ""
                self.say(f"{c.number}. {c.label.text} (unavailable{why})")
        self.say()

    def show_events(self, v: View) -> None:
        for line in v.events:
            if line.text:
                self.say(line.text)
                self.say()

    # -- playing

    def start(self) -> None:
        """Show the first scene."""
        self.show_scene(view(self.story, self.state))

    def step(self, action: ChangeFace | Choose) -> None:
        before = self.state
        try:
            self.game.act(action)
        except ActionError as err:
            self.say(str(err))
            self.say()
            return
        v = view(self.story, self.state)
        self.show_events(v)
        if self.state.scene != before.scene or v.is_ending:
            self.show_scene(v)
        else:
            self.show_people(v)
            self.show_choices(v)

    def reload_if_changed(self) -> None:
        """With ``--watch``: if a story file changed, reload and replay to the same point."""
        if self.watcher is None or not self.watcher.changed():
            return
        story, problems = read_story(self.story.root)
        errors = [p for p in problems if p.severity == "error"]
        if story is None or errors:
            self.say(f"The story changed, but it has {len(errors)} error"
                     f"{'s' if len(errors) != 1 else ''}; playing on with the last good version:")
            for problem in errors[:10]:
                self.say(f"  {problem.format()}")
            self.say()
            return
        story = translated(story, self.story.language)
        result = self.game.reload(story)
        self.story = story
        note = f"The story changed: replayed {result.replayed} of {result.total} moves"
        self.say(f"{note} (stopped: {result.stopped})." if result.stopped else f"{note}.")
        self.say()
        self.last_act = -1
        self.show_scene(view(self.story, self.state))

    def handle(self, line: str) -> bool:
        """Handle one line of input; returns False when the player quits."""
        self.reload_if_changed()
        words = line.strip().split()
        if not words:
            return True
        cmd, rest = words[0].lower(), words[1:]
        v = view(self.story, self.state)
        if cmd.isdigit():
            choice = v.choice_by_number(int(cmd))
            if choice is None:
                count = len(v.choices)
                hint = (" Type restart or quit." if not count else " Choose 1." if count == 1
                        else f" Choose 1 to {count}.")
                self.say(f"There is no choice {cmd}.{hint}")
                self.say()
            elif not choice.enabled:
                self.say(f"Not now{': ' + choice.reason.text if choice.reason else '.'}")
                self.say()
            else:
                self.step(Choose(choice=choice.id))
        elif cmd in ("face", "mask", "unmask", "wear"):
            self.change_face(cmd, rest, v)
        elif cmd in ("look", "l"):
            self.show_scene(v)
        elif cmd in ("status", "inventory", "i"):
            self.show_status(v)
        elif cmd == "undo":
            if not self.game.can_undo():
                self.say("There is nothing to undo.")
                self.say()
            else:
                self.game.undo()
                self.say("You take it back.")
                self.say()
                self.show_scene(view(self.story, self.state))
        elif cmd == "restart":
            self.game.restart()
            self.last_act = -1
            self.start()
        elif cmd in ("save", "load", "saves"):
            self.saves_command(cmd, rest)
        elif cmd in ("help", "?", "h"):
            self.say(HELP)
            self.say()
        elif cmd in ("quit", "exit", "q"):
            self.say("You leave the story here.")
            return False
        else:
            self.say(f"Unknown command '{words[0]}'. Type a number, face NAME, look, undo, "
                     "help or quit.")
            self.say()
        return True

    def saves_command(self, cmd: str, rest: list[str]) -> None:
        store = self.game.store
        if store is None:
            self.say("Saving is off in this game.")
            self.say()
            return
        try:
            if cmd == "saves":
                self.list_saves(store)
            elif cmd == "save":
                info = self.game.save(rest[0] if rest else "quick")
                self.say(f"Saved to {info.label}.")
                self.say()
            else:
                slot = rest[0] if rest else None
                if slot is None:
                    newest = store.newest(self.story.meta.id)
                    if newest is None:
                        self.say("There is no save to load.")
                        self.say()
                        return
                    slot = newest.slot
                warnings = self.game.load(slot)
                self.say(f"Loaded {label(slot)}.")
                for warning in warnings:
                    self.say(f"Note: {warning}.")
                self.say()
                self.last_act = -1
                self.show_scene(view(self.story, self.state))
        except SaveError as err:
            self.say(f"{str(err)[0].upper()}{str(err)[1:]}.")
            self.say()

    def list_saves(self, store: SaveStore) -> None:
        slots = store.slots()
        if not slots:
            self.say("There are no saves yet. Type save, or save 1 to 9.")
        for info in slots:
            if info.save is None:
                self.say(f"{info.label}: damaged, left as it is ({info.error})")
                continue
            s = info.save.summary
            minutes = int(info.save.play_time // 60)
            when = info.save.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
            day = f", day {s.day}" if s.day else ""
            self.say(f"{info.label}: {s.scene_title}, {s.face.lower()}{day}, "
                     f"{minutes} min played, saved {when}")
        self.say()

    def change_face(self, cmd: str, rest: list[str], v: View) -> None:
        if cmd == "mask":
            target = "masked"
        elif cmd == "unmask":
            if v.face.id != "masked":
                self.say("You are not wearing the mask.")
                self.say()
                return
            options = [f.id for f in v.faces if f.enabled]
            target = "bandaged" if "bandaged" in options else (options[0] if options else "")
            if not target:
                self.say("You cannot take the mask off here.")
                self.say()
                return
        elif not rest:
            names = ", ".join(f.id + (" (now)" if f.current else "") for f in v.faces)
            self.say(f"Faces here: {names}. Type face NAME.")
            self.say()
            return
        else:
            target = self._face_named(rest[0].lower())
            if target is None:
                self.say(f"There is no face '{rest[0]}'. Faces: "
                         f"{', '.join(self.story.faces)}.")
                self.say()
                return
        if target == v.face.id:
            self.say(f"Your face is already {v.face.label.lower()}.")
            self.say()
            return
        self.step(ChangeFace(face=target))

    def _face_named(self, name: str) -> str | None:
        for fid, face in self.story.meta.faces.items():
            if name in (fid, face.label.lower()) or (len(name) >= 3 and fid.startswith(name)):
                return fid
        return None

    def show_status(self, v: View) -> None:
        items = ", ".join(i.text for i in v.items) or "nothing of note"
        self.say(f"You carry: {items}.")
        for s in v.status:
            value = ("yes" if s.value else "no") if isinstance(s.value, bool) else s.value
            self.say(f"{s.label}: {value}")
        self.say()


def run_plain(story: Story, stdin: TextIO, stdout: TextIO, seed: int = 0,
              saves: Path | None = None, watch: bool = False) -> int:
    """Play on the given streams until ``quit`` or the end of input; returns the exit code."""
    tty = stdout.isatty()
    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1 if tty else None
    game = PlainGame(story, stdout, seed=seed, saves=saves, width=width, color=tty, watch=watch)
    game.start()
    interactive = stdin.isatty()
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        try:
            line = stdin.readline()
            if not line or not game.handle(line):
                break
        except KeyboardInterrupt:  # pragma: no cover - interactive only
            stdout.write("\n")
            break
        stdout.flush()
    return 0
