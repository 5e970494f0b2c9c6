"""The Textual app and :func:`make_app`, the one factory used by the command line and the tests.

The app is a thin shell: the session layer holds the game (see :mod:`game.session`); the app
holds the story, the profile (endings seen, choices taken, settings) and the current session,
and moves between screens.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from game.i18n import N_, _, ngettext
from game.paths import default_saves_dir, default_story_dir
from game.profile import Profile
from game.saves.store import QUICK, SLOTS, SaveError, SaveStore, label
from game.session import Session, facts
from game.session.language import in_language
from game.session.session import newest_slot
from game.session.watch import Edit, StoryWatcher, read_edit
from game.story.i18n import choose_language
from game.story.runtime import Story
from game.text import sentence
from game.tui.commands import GameCommands, Palette
from game.tui.screens.base import LocalizedBindings
from game.tui.themes import REVEAL_SPEED, THEMES
from game.tui.words import SEARCH_COMMANDS

if TYPE_CHECKING:
    from game.engine import Action
    from game.story.problems import Problem

Start = Literal["title", "play"]


def _strip_controls_everywhere() -> None:
    """Have Textual drop every control character from whatever it draws, as a net under the
    widgets that clean story text (:func:`game.text.clean`) themselves.

    Textual's ``Content`` strips only a few (BEL, BS, VT, FF, CR): an ESC in a story's text,
    a save's summary or an error message would reach the terminal. Its table is extended in
    place (tests/hostile/test_tui_text.py checks that this still works)."""
    import textual.content

    table = textual.content._CONTROL_STRIP_TRANSLATE
    controls = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000)]
    table.update(dict.fromkeys(controls))


_strip_controls_everywhere()


def _on_slot(action: Callable[[str | None], bool]) -> Callable[[str | None], None]:
    """``action`` as a slot screen's callback, which Textual wants to return None."""
    def callback(slot: str | None) -> None:
        action(slot)
    return callback


WATCH_SECONDS = 0.5
"""How often ``play --watch`` looks at the story's files."""
SETTLE_SECONDS = 0.4
"""How long number keys and Enter on the choices do nothing after the choices change (or the
rest of a text is shown at once): a key typed for the list before must not take a choice of
the new one."""


class FaceApp(App[None]):
    """Face of Another in the terminal (or, through textual-serve, in a browser)."""

    CSS_PATH = "app.tcss"
    TITLE = "Face of Another"
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = [
        # TRANSLATORS: "Quit" and "Help" are footer labels on every screen: keep them short.
        Binding("ctrl+q", "request_quit", N_("Quit"), id="app.quit", priority=True,
                tooltip=N_("Leave the game (asks first if progress is unsaved)")),
        Binding("question_mark", "help", N_("Help"), id="app.help",
                tooltip=N_("How to play, and every key")),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    class StoryLoaded(Message):
        """The story folder was read again (``play --watch``), in a worker thread."""

        def __init__(self, edit: Edit) -> None:
            super().__init__()
            self.edit = edit
            """The edited story (None if it did not load) and what the loader found."""

    def __init__(self, story: Story, profile: Profile, seed: int = 0, start: Start = "title",
                 highlight_seconds: float = 2.0, saves: SaveStore | None = None,
                 watch: bool = False, language: str | None = None,
                 tracebacks: bool = False, opening: Sequence[Action] = (),
                 settle_seconds: float | None = None) -> None:
        super().__init__()
        self.settle_seconds = SETTLE_SECONDS if settle_seconds is None else settle_seconds
        """How long choosing waits after the choices change (see :data:`SETTLE_SECONDS`)."""
        self.opening: tuple[Action, ...] = tuple(opening)
        """The moves the first new game starts with (``play --at``); later games start at
        the beginning."""
        self.tracebacks = tracebacks
        """On an unexpected error, print Textual's traceback at exit (``--debug``); else
        print nothing and leave the error in :attr:`crash` for the command line's one line."""
        self.crash: Exception | None = None
        """The first unexpected error, which ended the app (its exit code is then 1)."""
        self.language = language or facts.language(story)
        """The language of the interface and the story (the settings can change it)."""
        story = in_language(story, self.language)
        self.title = facts.title(story)
        self.story = story
        """The loaded story: the engine's input. With ``watch``, replaced (never changed) by
        each edit of its files that loads cleanly."""
        self.story_problems: list[Problem] = []
        """With ``watch``: the errors of the last edit that did not load (none: all is well)."""
        self.watcher: StoryWatcher | None = None
        """With ``watch``: notices when the story's files change (None: not watching)."""
        self._watch_timer: Timer | None = None
        if watch:
            self.watcher = StoryWatcher(facts.root(story))
        self.profile = profile
        """Endings seen, choices taken and settings, kept in the saves folder."""
        self.saves = saves or SaveStore(profile.path.parent)
        """The saves folder (the profile's folder): slots 1-9, quicksave, autosaves."""
        self.timezone: tzinfo | None = None
        """The time zone save dates are shown in (None: the player's own; tests fix it)."""
        self.seed = seed
        """The seed for the story's chances in every new game."""
        self.session: Session | None = None
        """The playthrough in progress, if any."""
        self.start = start
        """The first screen: the title, or straight into a new game."""
        self.highlight_seconds = highlight_seconds
        """How long a changed reaction stays highlighted (0: not at all)."""
        for theme in THEMES.values():
            self.register_theme(theme)
        self._initial_theme()
        self.apply_settings()

    # -- setup

    def _initial_theme(self) -> None:
        # Set the theme before the first stylesheet is built, without the watcher (which
        # would parse every style sheet a second time at start-up).
        theme = THEMES[self.profile.settings.theme]
        self.set_reactive(App.theme, theme.name)
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)
        self.add_class(f"-theme-{theme.name}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_default_screen(self) -> Screen[Any]:
        from game.tui.screens.title import TitleScreen

        return TitleScreen()

    def on_mount(self) -> None:
        self.watch(self, "app_focus", self._refocus, init=False)
        if self.profile.error:
            self.notify(self.profile.error, title=_("Profile not loaded"), severity="warning",
                        timeout=10)
        if self.watcher is not None:
            self._watch_timer = self.set_interval(WATCH_SECONDS, self.check_story_files,
                                                  name="watch-story")
        if self.start == "play":
            self._start_game()

    def _refocus(self, focused: bool) -> None:
        # In a browser the app may start unfocused, and then no screen gets its AUTO_FOCUS:
        # when focus arrives and nothing holds it, give it to the screen's own choice.
        screen = self.screen
        if not focused or screen.focused is not None or not screen.AUTO_FOCUS:
            return
        for widget in screen.query(screen.AUTO_FOCUS):
            if widget.focusable:
                screen.set_focus(widget)
                break

    def apply_settings(self) -> None:
        """Apply the profile's settings: theme and key remaps (text reveal is read per scene)."""
        settings = self.profile.settings
        name = THEMES[settings.theme].name
        if self.theme != name:
            self.theme = name
        if settings.keys:
            self.set_keymap(settings.keys)

    async def switch_language(self, code: str) -> None:
        """Play on in language ``code``: the interface and the story change, the game in
        progress, its saves and its history stay where they are; every screen is redrawn."""
        if code == self.language:
            return
        self.language = code
        if self.session is not None:
            self.session.switch_language(code)
            self.story = self.session.story
        else:
            self.story = in_language(self.story, code)
        self.title = facts.title(self.story)
        for screen in self.screen_stack:
            if isinstance(screen, LocalizedBindings):
                await screen.relanguage()
        self.refresh_bindings()

    @property
    def reveal_cps(self) -> int:
        """Characters per second for story text (0: instant)."""
        return REVEAL_SPEED[self.profile.settings.reveal]

    def save_profile(self) -> None:
        """Write the profile, reporting (never raising) a failure."""
        error = self.profile.save()
        if error:
            self.notify(error, title=_("Profile not saved"), severity="warning")

    # -- unexpected errors

    async def on_event(self, event: events.Event) -> None:
        # Keys of a burst can still be queued when the app closes: with no screen left to
        # take them, Textual would raise. They are dropped.
        if isinstance(event, events.InputEvent) and not self._screen_stacks.get(
                self.current_mode):
            return
        # While text is being typed out, the first key only shows the rest of it.
        if isinstance(event, events.Key) and not event.is_forwarded and self._finish_typing():
            return
        await super().on_event(event)

    def _finish_typing(self) -> bool:
        """Show at once the rest of the text the play screen is typing out; whether it was."""
        from game.tui.screens.play import PlayScreen

        screen = self.screen
        return isinstance(screen, PlayScreen) and screen.finish_typing()

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app with exit code 1, after the game in progress is
        autosaved. Textual's traceback is printed at exit only with :attr:`tracebacks`.

        (This overrides Textual's private hook: the one place every error of a handler, a
        widget or a worker that ends the app goes through.)"""
        from game.crash import rescue

        if self.crash is None:
            self.crash = error
            rescue(error, self.session.game if self.session is not None else None)
        if self.tracebacks:
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:  # as Textual does: run_test re-raises it at its end
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()

    # -- play --watch

    def check_story_files(self) -> bool:
        """With ``watch``: if a story file changed, read the story again (in a worker); returns
        whether a reload began. The timer calls this every :data:`WATCH_SECONDS`."""
        if self.watcher is None:
            return False
        changed = self.watcher.changed()
        if changed:
            self._read_story(self.watcher.root, facts.language(self.story))
        return changed

    @work(thread=True, exclusive=True, group="watch-story", exit_on_error=False)
    def _read_story(self, root: Path, language: str = "en") -> None:
        """Read the story folder (in ``language``) off the UI thread; post the result back."""
        edit = read_edit(root, language)
        if not get_current_worker().is_cancelled:  # a newer edit is being read
            self.post_message(self.StoryLoaded(edit))

    @on(StoryLoaded)
    async def _story_loaded(self, message: StoryLoaded) -> None:
        """Play on with the edited story (replaying the moves), or show why it did not load."""
        from game.tui.screens.play import PlayScreen

        errors = message.edit.errors
        story = message.edit.playable
        changed = False
        if story is None:
            self.story_problems = errors or message.edit.problems
            count = len(self.story_problems)
            if not isinstance(self.screen, PlayScreen):  # there, the errors panel tells it
                self.notify(ngettext("The story changed, but it has {n} error; playing on with "
                                     "the last good version.",
                                     "The story changed, but it has {n} errors; playing on "
                                     "with the last good version.", count).format(n=count),
                            title=_("Story not reloaded"), severity="error", markup=False)
        elif self.session is None:
            self.story_problems = []
            self.story, self.title = story, facts.title(story)
            self.notify(_("Story reloaded."))
        else:
            self.story_problems = []
            try:
                result = self.session.reload(story)
            except Exception as err:  # the session is left as it was, on the old story
                # TRANSLATORS: {error} is a programmer's description of what went wrong.
                failed = _("The edited story could not replay your moves: {error}")
                self.notify(failed.format(error=repr(err)), title=_("Story not reloaded"),
                            severity="error", markup=False)
            else:
                changed = True
                self.story, self.title = story, facts.title(story)
                note = ngettext("Story reloaded: replayed {replayed} of {total} move.",
                                "Story reloaded: replayed {replayed} of {total} moves.",
                                result.total).format(replayed=result.replayed,
                                                     total=result.total)
                if result.stopped:
                    # TRANSLATORS: {reason} is why the replay of the moves stopped; shown on
                    # the line after "Story reloaded: ...".
                    note += "\n" + _("Stopped: {reason}").format(reason=result.stopped)
                self.notify(note, severity="warning" if result.stopped else "information",
                            markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, PlayScreen):
                await screen.story_reloaded(self.story_problems, changed)

    # -- actions

    def action_new_game(self) -> None:
        """Start a new playthrough (asking first if one in progress would be lost)."""
        from game.tui.screens.dialogs import ConfirmRestart

        if self.session is not None and self.session.unsaved:
            def restart(confirmed: bool | None) -> None:
                if confirmed:
                    self._start_game()

            self.push_screen(ConfirmRestart(), restart)
        else:
            self._start_game()

    def _start_game(self) -> None:
        opening, self.opening = self.opening, ()
        if opening:
            self._play(Session(self.story, self.profile, self.seed, self.saves,
                               opening=opening))
        else:
            self._play(self._new_session())

    def _new_session(self) -> Session:
        return Session(self.story, self.profile, self.seed, self.saves)

    def _play(self, session: Session) -> None:
        """Put ``session`` on screen, over the title."""
        from game.tui.screens.play import PlayScreen

        self.action_to_title()
        self.session = session
        self.push_screen(PlayScreen(session))

    def action_to_title(self) -> None:
        """Leave the playthrough and go back to the title screen."""
        self.session = None
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # -- saves

    def has_saves(self) -> bool:
        """Whether the saves folder holds any save file (readable or not)."""
        return any(self.saves.exists(slot) for slot in SLOTS)

    def save_to(self, slot: str | None) -> bool:
        """Save the game in progress to ``slot``; reports the result, never raises."""
        if slot is None:
            return False
        if self.session is None:
            self.notify(_("There is no game in progress to save."), severity="warning")
            return False
        try:
            info = self.session.save(slot)
        except SaveError as err:
            self.notify(sentence(err), title=_("Not saved"), severity="error", timeout=10)
            return False
        # TRANSLATORS: {slot} is a slot's name: "slot 3", "quicksave" or "autosave 1".
        self.notify(_("Saved to {slot}.").format(slot=info.label))
        return True

    def load_slot(self, slot: str | None) -> bool:
        """Load ``slot`` into a new session and play it; reports the result, never raises.

        The game on screen is left as it was if the save cannot be loaded. Warnings about
        story changes since the save are shown after the load.
        """
        if slot is None:
            return False
        session = self._new_session()
        try:
            warnings = session.load(slot)
        except SaveError as err:
            self.notify(sentence(err), title=_("Not loaded"), severity="error", timeout=10)
            return False
        self._play(session)
        # TRANSLATORS: {slot} is a slot's name ("slot 3", "quicksave", "autosave 1"), {scene}
        # the title of the scene the save was made in.
        self.notify(_("Loaded {slot}: {scene}.").format(slot=label(slot),
                                                        scene=session.view.title.text))
        if warnings:
            # TRANSLATORS: the title over notes shown after a load: what changed in the story
            # since the save, or what in the file had to be mended.
            self.notify("\n".join(f"• {sentence(w)}" for w in warnings),
                        title=_("Notes on this save"), severity="warning",
                        timeout=20)
        return True

    def action_save(self) -> None:
        """Open the save screen (slots 1 to 9)."""
        from game.tui.screens.saves import SaveScreen

        if self.session is None:
            self.notify(_("There is no game in progress to save."), severity="warning")
            return
        self.push_screen(SaveScreen(self.saves, facts.story_id(self.story), self.timezone),
                         _on_slot(self.save_to))

    def action_load(self) -> None:
        """Open the load screen (every slot with a file)."""
        from game.tui.screens.saves import LoadScreen

        if not self.has_saves():
            self.notify(_("There are no saves yet."))
            return
        ask = self.session is not None and self.session.unsaved
        self.push_screen(LoadScreen(self.saves, facts.story_id(self.story), self.timezone,
                                    ask_first=ask), _on_slot(self.load_slot))

    def action_quicksave(self) -> None:
        """Save to the quicksave, without a dialog."""
        self.save_to(QUICK)

    def action_quickload(self) -> None:
        """Load the quicksave (asking first, as the load screen does, if the game on screen
        has unsaved progress)."""
        from game.tui.screens.dialogs import ConfirmLoad

        if not self.saves.exists(QUICK):
            self.notify(_("There is no quicksave yet."))
            return
        if self.session is not None and self.session.unsaved:
            def load(confirmed: bool | None) -> None:
                if confirmed:
                    self.load_slot(QUICK)

            self.push_screen(ConfirmLoad(QUICK), load)
            return
        self.load_slot(QUICK)

    def action_continue(self) -> None:
        """Load the most recent readable save of this story."""
        newest = newest_slot(self.saves, self.story)
        if newest is None:
            self.notify(_("There is no save to continue from."))
            return
        self.load_slot(newest)

    # -- pages

    def action_endings(self) -> None:
        """Show the endings seen across playthroughs."""
        from game.tui.screens.pages import EndingsScreen

        self.push_screen(EndingsScreen())

    def action_settings(self) -> None:
        """Open the settings."""
        from game.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_help(self) -> None:
        """Show how to play and the keys of the current screen."""
        from game.tui.screens.pages import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_request_quit(self) -> None:
        """Quit, asking first if the playthrough has progress that would be lost."""
        from game.tui.screens.dialogs import ConfirmQuit

        if isinstance(self.screen, ConfirmQuit):
            return
        if self.session is not None and self.session.unsaved:
            def leave(confirmed: bool | None) -> None:
                if confirmed:
                    self.exit()

            self.push_screen(ConfirmQuit(), leave)
        else:
            self.exit()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Show a notification, never parsed as markup: the game's messages quote story text,
        save files and errors, where ``[brackets]`` are words (and a stray ``[/x]`` would end
        the app). Widgets and screens notify through here too."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        key = self.get_key_display(self.BINDINGS[0])  # type: ignore[arg-type]
        # TRANSLATORS: {key} is the key that quits, as the footer shows it ("^q").
        self.notify(_("Press {key} to quit.").format(key=key), title=_("Leaving?"))

    def action_command_palette(self) -> None:
        """Open the command palette, its prompt in the player's language.

        Unlike Textual's, it has no id: a burst of keys can open a palette while the last one
        is still being taken down, and two screens with one id would end the app."""
        # is_open wants an App[object], which no app with a result type is (App is
        # invariant); it only looks at the current screen.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(placeholder=_(SEARCH_COMMANDS)))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Our own commands quit (asking first) and change the theme (saving it); the
        # built-in ones for those would bypass both. Textual's English for the others is
        # marked in game.tui.words.
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Theme"):
                yield SystemCommand(_(command.title), _(command.help), command.callback,
                                    command.discover)


def make_app(story_dir: str | Path | None = None, saves_dir: str | Path | None = None,
             seed: int = 0, *, story: Story | None = None, start: Start = "title",
             highlight_seconds: float = 2.0, watch: bool = False,
             language: str | None = None, debug: bool = False,
             opening: Sequence[Action] = (),
             settle_seconds: float | None = None) -> FaceApp:
    """Build the app: load the story (raises StoryError if it is broken) and the profile.

    With ``watch``, the story is read again whenever its files change, and the game in
    progress replayed on it (``play --watch``). With ``debug``, an unexpected error's
    traceback is printed at exit (``--debug``). With ``opening``, the first new game starts
    where those moves lead (``play --at``). ``settle_seconds``: how long choosing waits after
    the choices change (default :data:`SETTLE_SECONDS`; tests that type fast set 0).
    """
    if story is None:
        from game.story.loader import load_story

        story = load_story(story_dir or default_story_dir())
    folder = Path(saves_dir or default_saves_dir())
    profile = Profile.load(folder)
    if language is None:
        language = choose_language(profile.settings.language, dict(os.environ))
    return FaceApp(story, profile, seed=seed, start=start, highlight_seconds=highlight_seconds,
                   saves=SaveStore(folder), watch=watch, language=language,
                   tracebacks=debug, opening=opening, settle_seconds=settle_seconds)
