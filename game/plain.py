"""Plain text mode: the whole game over standard input and output, line by line.

It writes only new text (no screen clearing, no colour unless the output is a terminal), so a
screen reader, a script or a transcript test can play the whole game.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game.engine import (
    Action,
    ActionError,
    ChangeFace,
    Choose,
    FaceView,
    GameState,
    PersonView,
    View,
)
from game.i18n import _, ngettext, pgettext
from game.saves.store import SaveError, SaveStore, label
from game.session import Changes, Outcome, Session, face_names, facts
from game.session.faces import Refused
from game.session.language import language_name, languages_of
from game.session.watch import StoryWatcher, read_edit
from game.story.runtime import Story
from game.text import MAX_LINE, choice_number, clean, one_line, roman

if TYPE_CHECKING:
    from game.profile import Profile

ECHO = 40
"""The most characters of the player's own typing said back in a message."""


def help_text(faces: Sequence[str]) -> str:
    """The ``help`` command's list, in the player's language: the commands themselves stay in
    English (they work in every language), their descriptions are translated. ``faces``, the
    names to type for the story's faces, are the examples of ``face NAME``."""
    # TRANSLATORS: a placeholder in a command's usage in the plain mode's help ("face NAME"):
    # the name of a face, which the player types in place of it.
    name = pgettext("command placeholder", "NAME")
    # TRANSLATORS: a placeholder in a command's usage in the plain mode's help ("save [SLOT]"):
    # the slot, 1 to 9, which the player may type after the command.
    slot = pgettext("command placeholder", "SLOT")
    # TRANSLATORS: a placeholder in a command's usage in the plain mode's help
    # ("language [CODE]"): a language code, en, ru or pt.
    code = pgettext("command placeholder", "CODE")
    rows: list[tuple[tuple[str, str], ...]] = [
        # TRANSLATORS: the plain mode's help lists the commands (which stay in English) each
        # with what it does; this and the next descriptions follow them, in lower case.
        (("1, 2, 3 ...", _("take the choice with that number")),),
        # TRANSLATORS: {examples} is a list of the commands that change to each of the story's
        # faces, as the player types them ("face NAME, face NAME"): they stay as they are.
        ((f"face {name}", _("change your face ({examples})").format(
            examples=", ".join(f"face {face}" for face in faces))),),
        (("mask", _("put the mask on")), ("unmask", _("take the mask off"))),
        (("look", _("describe the scene again")),),
        (("status", _("what you carry and what you know")),),
        (("journal", _("the story so far, in your own words")),),
        (("undo", _("take back your last action")), ("redo", _("take it again"))),
        # TRANSLATORS: N is a number the player types after the command ("back 3").
        ((f"back {pgettext('command placeholder', 'N')}", _("take back your last N actions")),),
        ((f"save [{slot}]", _("save (slots 1 to 9; without a slot, the quicksave)")),),
        ((f"load [{slot}]", _("load (without a slot, the most recent save)")),),
        (("saves", _("list the saves")),),
        (("restart", _("start again from the beginning")),),
        # TRANSLATORS: the codes are en, ru and pt; keep them.
        ((f"language [{code}]", _("play on in another language (en, ru, pt)")),),
        # TRANSLATORS: what the help command shows.
        (("help", _("this list")), ("quit", _("leave the game"))),
    ]
    usage = max(len(row[0][0]) for row in rows) + 3
    pairs = [row for row in rows if len(row) > 1]
    left = max(25, *(len(row[0][1]) + 2 for row in pairs))
    second = max(len(row[1][0]) for row in pairs) + 3
    # TRANSLATORS: the heading of the plain mode's help.
    lines = [_("Commands:")]
    for (command, description), *more in rows:
        if more:
            (other, what), = more
            description = f"{description.ljust(left)}{other.ljust(second)}{what}"
        lines.append(f"  {command.ljust(usage)}{description}")
    return "\n".join(lines)


class PlainGame:
    """One plain-text play session: feed it lines, it writes what the player reads."""

    def __init__(self, story: Story, out: TextIO, seed: int = 0, saves: Path | None = None,
                 width: int | None = None, color: bool = False, watch: bool = False,
                 opening: Sequence[Action] = (), profile: Profile | None = None) -> None:
        """With ``profile``, the choices and endings reached are recorded in it (the Endings
        page of the terminal game reads them), as the terminal game records them."""
        self.out = out
        self.width = width
        self.color = color
        self.session = Session(story, profile, seed=seed,
                               store=SaveStore(saves) if saves else None, opening=opening)
        """The game: every move, undo, save, load, language and reload goes through it."""
        self.last_act = -1
        self.profile_notes: set[str] = set() if profile is None or not profile.error \
            else {profile.error}
        """Why the profile could not be written, as told once each (the command line tells
        why it could not be read)."""
        self.watcher = StoryWatcher(facts.root(story)) if watch else None

    @property
    def story(self) -> Story:
        return self.session.story

    @property
    def state(self) -> GameState:
        return self.session.state

    # -- writing

    def say(self, text: str = "") -> None:
        """Write ``text`` and a line break, without control sequences (it comes from the story,
        a save or the player), wrapped to the terminal's width if there is one."""
        text = clean(text)
        if self.width and text:
            text = "\n".join(textwrap.fill(part, self.width) if part else ""
                             for part in text.split("\n"))
        self.out.write(text + "\n")

    def heading(self, text: str) -> None:
        if self.color:
            text = clean(text)
            text = textwrap.fill(text, self.width) if self.width and text else text
            self.out.write(f"\033[1m{text}\033[0m\n")
        else:
            self.say(text)

    def show_scene(self, v: View) -> None:
        if v.act and v.act != self.last_act:
            self.last_act = v.act
            # TRANSLATORS: the heading of an act of the story; {number} is a Roman numeral.
            self.heading(_("ACT {number}").format(
                number=roman(v.act)))
            title = self.session.act_title(v.act)
            if title:
                self.heading(title)
            self.say()
        self.heading(f"== {v.title.text} ==")
        self.say()
        for p in v.paragraphs:
            self.say(p.text)
            self.say()
        if v.ending is not None:
            self.show_people(v)
            # TRANSLATORS: the heading of an ending; {title} is the ending's title.
            self.heading(_("THE END: {title}").format(title=v.ending.text))
            self.say()
            # TRANSLATORS: undo, restart and quit are commands: keep them in English.
            self.say(_("Type undo to step back, restart to play again, or quit."))
            return
        self.show_people(v)
        self.show_choices(v)

    def show_people(self, v: View) -> None:
        self.say_reactions(v.people)

    def say_reactions(self, people: Sequence[PersonView]) -> None:
        """The people's reactions, then a blank line: each reaction in prose is a paragraph of
        its own; a labelled one is a line under the person's name."""
        shown = [(p, p.reaction) for p in people if p.reaction is not None]
        for i, (person, reaction) in enumerate(shown):
            if person.prose:
                if i:
                    self.say()
                self.say(reaction.text)
            else:
                self.say(f"{person.name}: {reaction.text}")
        if people:
            self.say()

    def show_changes(self, v: View, changes: Changes) -> None:
        """After a move that stayed in the scene: only what it changed (paragraphs that
        appeared or changed, reactions that changed), then the choices, the new ones marked."""
        for p in changes.paragraphs:
            self.say(p.text)
            self.say()
        self.say_reactions(changes.people)
        self.show_choices(v, changes.new_choices)

    def show_choices(self, v: View, new: frozenset[str] = frozenset()) -> None:
        # TRANSLATORS: a face the player cannot change to now, in a list of faces;
        # {face} is its name, {reason} why not.
        names = [self._face_name(f) if f.enabled else _("{face} (not now: {reason})").format(
                     face=f.label.lower(), reason=f.reason)
                 for f in v.faces if not f.current]
        face = v.face.label.lower()
        if names:
            # TRANSLATORS: {face} is the name of the player's face, in lower case; {faces}
            # is a list of faces (their names, and what to type for them), separated by commas.
            self.say(_("Your face: {face}. You could change to: {faces}.").format(
                face=face, faces=", ".join(names)))
        else:
            self.say(_("Your face: {face}.").format(face=face))
        self.say()
        for c in v.choices:
            number, text = c.number, c.label.text
            if not c.enabled and c.reason:
                # TRANSLATORS: a choice that cannot be taken now: {number}, its label, and why.
                self.say(_("{number}. {label} (unavailable: {reason})").format(
                    number=number, label=text, reason=c.reason.text))
            elif not c.enabled:
                self.say(_("{number}. {label} (unavailable)").format(number=number, label=text))
            elif c.taken:
                # TRANSLATORS: a choice the player has already taken in this game.
                self.say(_("{number}. {label} (done before)").format(number=number, label=text))
            elif c.id in new:
                # TRANSLATORS: a choice that the player's last move made appear.
                self.say(_("{number}. {label} (new)").format(number=number, label=text))
            else:
                self.say(f"{number}. {text}")
        self.say()

    def show_events(self, v: View) -> None:
        for line in v.events:
            if line.text:
                self.say(line.text)
                self.say()

    # -- playing

    def start(self) -> None:
        """Show the first scene."""
        self.show_scene(self.session.view)

    def step(self, action: ChangeFace | Choose) -> None:
        """Take ``action`` and show what it did."""
        try:
            outcome = self.session.act(action)
        except ActionError as err:
            self.say(err.say(_))
            self.say()
            return
        self.show_outcome(outcome)

    def show_outcome(self, outcome: Outcome) -> None:
        """Show what a move did: its events, then the scene entered or what changed in it."""
        v = outcome.after
        self.show_events(v)
        notices = outcome.item_notices()
        if notices:
            for notice in notices:
                self.say(notice)
            self.say()
        if outcome.changes is None:
            self.show_scene(v)
        else:
            self.show_changes(v, outcome.changes)
        error, self.session.save_error = self.session.save_error, None
        if error and error not in self.profile_notes:  # endings, choices could not be kept
            self.profile_notes.add(error)
            self.say(_("Note: {note}.").format(note=error))
            self.say()

    def reload_if_changed(self) -> None:
        """With ``--watch``: if a story file changed, reload and replay to the same point."""
        if self.watcher is None or not self.watcher.changed():
            return
        edit = read_edit(self.watcher.root, facts.language(self.story))
        story, errors = edit.playable, edit.errors
        if story is None:
            # TRANSLATORS: with --watch, the author's edited story has errors, listed below.
            self.say(ngettext("The story changed, but it has {n} error; playing on with the "
                              "last good version:",
                              "The story changed, but it has {n} errors; playing on with the "
                              "last good version:", len(errors)).format(n=len(errors)))
            for problem in errors[:10]:
                self.say(f"  {problem.format()}")
            self.say()
            return
        result = self.session.reload(story)
        if result.stopped:
            # TRANSLATORS: with --watch, how many of the player's {n} moves were replayed on
            # the edited story; {reason} is why the replay stopped, as in "There is no choice
            # 'go' here".
            note = ngettext("The story changed: replayed {done} of {n} move (stopped: {reason}).",
                            "The story changed: replayed {done} of {n} moves (stopped: {reason}).",
                            result.total)
        else:
            # TRANSLATORS: with --watch, how many of the player's {n} moves were replayed on
            # the edited story.
            note = ngettext("The story changed: replayed {done} of {n} move.",
                            "The story changed: replayed {done} of {n} moves.", result.total)
        self.say(note.format(done=result.replayed, n=result.total, reason=result.stopped))
        self.say()
        self.last_act = -1
        self.show_scene(self.session.view)

    def handle(self, line: str) -> bool:
        """Handle one line of input; returns False when the player quits."""
        self.reload_if_changed()
        words = clean(line).split()  # keys such as arrows or backspace typed into a pipe
        if not words:
            return True
        cmd, rest = words[0].lower(), words[1:]
        v = self.session.view
        if cmd.isdigit():
            number = choice_number(cmd)
            choice = v.choice_by_number(number) if number is not None else None
            if choice is None:
                self.say(self._no_choice(one_line(cmd, ECHO), [c.number for c in v.choices]))
                self.say()
            elif not choice.enabled:
                # TRANSLATORS: a choice that cannot be taken now; {reason} says why.
                self.say(_("Not now: {reason}").format(reason=choice.reason.text)
                         if choice.reason else _("Not now."))
                self.say()
            else:
                self.step(Choose(choice=choice.id))
        elif cmd in ("face", "mask", "unmask", "wear"):
            self.change_face(cmd, rest, v)
        elif cmd in ("look", "l"):
            self.show_scene(v)
        elif cmd in ("status", "inventory", "i"):
            self.show_status(v)
        elif cmd in ("journal", "j"):
            self.show_journal()
        elif cmd in ("undo", "back"):
            self.undo(cmd, rest)
        elif cmd == "redo":
            self.redo()
        elif cmd == "restart":
            self.session.restart()
            self.last_act = -1
            self.start()
        elif cmd in ("save", "load", "saves"):
            self.saves_command(cmd, rest)
        elif cmd in ("language", "lang"):
            self.change_language(rest)
        elif cmd in ("help", "?", "h"):
            self.say(help_text([face_names.typed_name(self.story, f)
                                for f in facts.face_ids(self.story)]))
            self.say()
        elif cmd in ("quit", "exit", "q"):
            self.say(_("You leave the story here."))
            return False
        else:
            # TRANSLATORS: {command} is what the player typed. Keep the commands face, look,
            # undo, help and quit in English; NAME stands for a face's name.
            self.say(_("Unknown command '{command}'. Type a number, face NAME, look, undo, "
                       "help or quit.").format(command=one_line(words[0], ECHO)))
            self.say()
        return True

    def show_journal(self) -> None:
        """``journal``: the playthrough retold, a scene's title heading the moves made there."""
        for n, line in enumerate(self.session.journal()):
            if line.kind == "move":
                self.say(f"  {line.text}")
                continue
            if n:
                self.say()
            self.heading(line.text)
        self.say()

    def undo(self, cmd: str, rest: list[str]) -> None:
        """``undo``, or ``back N``: take back the last move, or the last N."""
        steps = choice_number(rest[0]) if rest else (1 if cmd == "undo" else None)
        if steps is None:
            # TRANSLATORS: keep "back" in English: it is the command.
            self.say(_("Type back and a number of moves, as in: back 3."))
            self.say()
            return
        back = self.session.undo(steps)
        if back is None:
            self.say(_("There is nothing to undo."))
            self.say()
            return
        # TRANSLATORS: said after the player undoes their last action (or several).
        self.say(_("You take it back."))
        self.say()
        self.show_scene(back)

    def redo(self) -> None:
        """``redo``: take again the last move taken back."""
        try:
            outcome = self.session.redo()
        except ActionError as err:
            self.say(err.say(_))
            self.say()
            return
        if outcome is None:
            self.say(_("There is nothing to redo."))
            self.say()
            return
        # TRANSLATORS: said after the player redoes a move they had taken back.
        self.say(_("You take it again."))
        self.say()
        self.show_outcome(outcome)

    def change_language(self, rest: list[str]) -> None:
        """``language CODE``: go on in another language (nothing else changes)."""
        code = rest[0].lower() if rest else ""
        known = languages_of(self.story)
        if code not in known:
            choices = ", ".join(f"{c} ({name})" for c, name in known.items())
            # TRANSLATORS: {current} is the name of the language now in use, in that
            # language; {choices} lists the codes to type with their names: "en (English), ...".
            # Keep the command word "language" in English.
            self.say(_("Language: {current}. To change it, type language and one of: "
                       "{choices}.").format(current=language_name(facts.language(self.story)),
                                            choices=choices))
            self.say()
            return
        self.session.switch_language(code)
        self.last_act = -1
        self.show_scene(self.session.view)

    @staticmethod
    def _no_choice(typed: str, numbers: Sequence[int]) -> str:
        """What to say when the number typed is not one of the choices' ``numbers``."""
        count = len(numbers)
        if list(numbers) != list(range(1, count + 1)):  # numbers kept in the scene
            # TRANSLATORS: {number} is what the player typed; {numbers} the numbers of the
            # choices there are, separated by commas ("3, 4, 5"), or one number.
            return _("There is no choice {number}. Choose {numbers}.").format(
                number=typed, numbers=", ".join(map(str, numbers)))
        if not count:
            # TRANSLATORS: {number} is what the player typed; restart and quit are commands.
            return _("There is no choice {number}. Type restart or quit.").format(number=typed)
        if count == 1:
            # TRANSLATORS: {number} is what the player typed; there is one choice, number 1.
            return _("There is no choice {number}. Choose 1.").format(number=typed)
        # TRANSLATORS: {number} is what the player typed; the choices are numbered 1 to {count}.
        return _("There is no choice {number}. Choose 1 to {count}.").format(number=typed,
                                                                            count=count)

    def saves_command(self, cmd: str, rest: list[str]) -> None:
        store = self.session.store
        if store is None:
            self.say(_("Saving is off in this game."))
            self.say()
            return
        try:
            if cmd == "saves":
                self.list_saves(store)
            elif cmd == "save":
                info = self.session.save(rest[0] if rest else "quick")
                # TRANSLATORS: {slot} is a slot's name, as in "slot 3" or "quicksave".
                self.say(_("Saved to {slot}.").format(slot=info.label))
                self.say()
            else:
                slot = rest[0] if rest else self.session.newest_slot()
                if slot is None:
                    self.say(_("There is no save to load."))
                    self.say()
                    return
                warnings = self.session.load(slot)
                # TRANSLATORS: {slot} is a slot's name, as in "slot 3" or "quicksave".
                self.say(_("Loaded {slot}.").format(slot=label(slot)))
                for warning in warnings:
                    # TRANSLATORS: {note} is how the story changed since the save, as in "the
                    # story has changed too much to undo past this point".
                    self.say(_("Note: {note}.").format(note=warning))
                self.say()
                self.last_act = -1
                self.show_scene(self.session.view)
        except SaveError as err:
            message = str(err)
            # TRANSLATORS: a save error as a sentence: {message} is the slot and the problem,
            # as in "Slot 3: the file is empty". Keep the full stop your language ends with.
            self.say(_("{message}.").format(message=message[:1].upper() + message[1:]))
            self.say()

    def list_saves(self, store: SaveStore) -> None:
        slots = store.slots()
        if not slots:
            # TRANSLATORS: save is a command: keep it in English.
            self.say(_("There are no saves yet. Type save, or save 1 to 9."))
        for info in slots:
            if info.save is None:
                # TRANSLATORS: a damaged save in the list of saves: {slot} is its name, as in
                # "slot 3"; {problem} what is wrong, as in "the file is empty".
                self.say(_("{slot}: damaged, left as it is ({problem})").format(
                    slot=info.label, problem=info.error))
                continue
            s = info.save.summary_in(self.story)
            minutes = int(info.save.play_time // 60)
            values = {"slot": info.label, "scene": s.scene_title, "face": s.face.lower(),
                      "day": s.day, "minutes": minutes,
                      "when": info.save.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")}
            if s.day:
                # TRANSLATORS: a save in the list of saves: its slot ("slot 3"), the scene's
                # title, the face worn, the story's day, minutes played, date and time saved.
                line = ngettext("{slot}: {scene}, {face}, day {day}, {minutes} min played, "
                                "saved {when}",
                                "{slot}: {scene}, {face}, day {day}, {minutes} min played, "
                                "saved {when}", minutes)
            else:
                # TRANSLATORS: a save in the list of saves: its slot ("slot 3"), the scene's
                # title, the face worn, minutes played, date and time saved.
                line = ngettext("{slot}: {scene}, {face}, {minutes} min played, saved {when}",
                                "{slot}: {scene}, {face}, {minutes} min played, saved {when}",
                                minutes)
            self.say(line.format(**values))
        self.say()

    def change_face(self, cmd: str, rest: list[str], v: View) -> None:
        if cmd in ("mask", "unmask"):
            target = self.session.mask_on() if cmd == "mask" else self.session.mask_off()
            if isinstance(target, Refused):
                self.say(target.text)
                self.say()
                return
        elif not rest:
            # TRANSLATORS: the face the player wears, in the list of faces; {face} is its name.
            names = ", ".join(_("{face} (now)").format(face=f.label.lower()) if f.current
                              else self._face_name(f) for f in v.faces)
            # TRANSLATORS: {faces} is a list of face names. Keep "face" (a command) in English;
            # NAME stands for a face's name.
            self.say(_("Faces here: {faces}. Type face NAME.").format(faces=names))
            self.say()
            return
        else:
            typed = " ".join(rest)
            named = self.session.face_named(typed)
            if named is None:
                # TRANSLATORS: {name} is what the player typed; {faces} is a list of the faces'
                # names, each with the short name to type for it in brackets.
                self.say(_("There is no face '{name}'. Faces: {faces}.").format(
                    name=one_line(typed, ECHO), faces=", ".join(
                        face_names.shown_name(self.story, f) for f in facts.face_ids(self.story))))
                self.say()
                return
            target = named
        if target == v.face.id:
            # TRANSLATORS: {face} is the name of the player's face, in lower case.
            self.say(_("Your face is already {face}.").format(face=v.face.label.lower()))
            self.say()
            return
        self.step(ChangeFace(face=target))

    def _face_name(self, f: FaceView) -> str:
        """A face as the player reads it, with the name to type when that is another word."""
        return face_names.shown_name(self.story, f.id)

    def show_status(self, v: View) -> None:
        if v.items:
            # TRANSLATORS: {items} is a list of the things the player carries.
            self.say(_("You carry: {items}.").format(items=", ".join(i.text for i in v.items)))
        else:
            self.say(_("You carry: nothing of note."))
        for s in v.status:
            # TRANSLATORS: the value of a yes-or-no status, as in "Unmasked in public: yes".
            value = (pgettext("status value", "yes") if s.value
                     else pgettext("status value", "no")) if isinstance(s.value, bool) else s.value
            self.say(f"{s.label}: {value}")
        self.say()


def read_line(stream: TextIO, limit: int = MAX_LINE) -> tuple[str, bool]:
    """One line of input, at most ``limit`` characters: ``("", False)`` at the end of input;
    the second value is True when the line was longer (its rest is read and dropped, a piece
    at a time, so a line of any length costs little memory)."""
    line = stream.readline(limit + 1)
    if len(line) <= limit or line.endswith("\n"):
        return line, False
    while True:
        rest = stream.readline(65536)
        if not rest or rest.endswith("\n"):
            return line[:limit], True


def run_plain(story: Story, stdin: TextIO, stdout: TextIO, seed: int = 0,
              saves: Path | None = None, watch: bool = False,
              opening: Sequence[Action] = (), profile: Profile | None = None) -> int:
    """Play on the given streams until ``quit`` or the end of input; returns the exit code.
    With ``opening``, the game starts where those moves lead (``play --at``); with
    ``profile``, the choices and endings reached are recorded in it.

    An unexpected error is raised on after the game in progress is autosaved
    (:func:`game.crash.rescue`)."""
    from game.crash import rescue

    tty = stdout.isatty()
    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1 if tty else None
    game = PlainGame(story, stdout, seed=seed, saves=saves, width=width, color=tty, watch=watch,
                     opening=opening, profile=profile)
    interactive = stdin.isatty()
    try:
        game.start()
        while True:
            if interactive:
                stdout.write("> ")
                stdout.flush()
            try:
                line, too_long = read_line(stdin)
                if too_long:
                    # TRANSLATORS: the player typed a line longer than {limit} characters.
                    game.say(_("That line is too long (over {limit} characters); it was "
                               "ignored.").format(limit=MAX_LINE))
                    game.say()
                elif not line or not game.handle(line):
                    break
            except KeyboardInterrupt:  # pragma: no cover - interactive only
                stdout.write("\n")
                break
            stdout.flush()
    except BrokenPipeError:  # the reader left: nothing went wrong in the game
        raise
    except Exception as err:
        rescue(err, game.session.game)
        raise
    return 0
