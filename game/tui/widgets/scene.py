"""The scene pane: what the last move told, the scene's title and prose, the people present;
or, after a move that stayed in the scene, what it told and only what it changed.

Story text is always shown with markup off, so ``[words in brackets]`` survive. Text can
appear at once or be typed out (the "text reveal" setting); :meth:`ScenePane.finish_reveal`
shows the rest at once.
"""

from __future__ import annotations

from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from game.engine import PersonView, View
from game.i18n import _
from game.session import Changes
from game.text import clean

TICKS_PER_SECOND = 30


class Prose(Static):
    """A block of story text, never parsed as markup, without control sequences."""

    def __init__(self, text: str = "", *, classes: str = "", id: str | None = None) -> None:
        text = clean(text)
        super().__init__(text, markup=False, classes=classes, id=id)
        self.full_text = text

    def tell(self, text: str) -> None:
        """Show ``text`` (cleaned) in full."""
        self.full_text = clean(text)
        self.update(self.full_text)


def _retell(prose: Prose, text: str) -> None:
    prose.tell(text)


class PersonCard(Vertical):
    """Someone present: their name and how they react to the hero's face."""

    def __init__(self, person: PersonView) -> None:
        super().__init__(classes="person", id=f"person-{person.id}")
        self.person = person
        self.name_line = Prose(person.name, classes="person-name")
        self.name_line.display = not person.prose  # prose names the person itself
        self.reaction = Prose(person.reaction.text if person.reaction else "",
                              classes="person-reaction")

    def compose(self):  # type: ignore[no-untyped-def]
        yield self.name_line
        yield self.reaction

    def retell(self, person: PersonView) -> None:
        """The same person and reaction, in another language."""
        self.person = person
        _retell(self.name_line, person.name)
        _retell(self.reaction, person.reaction.text if person.reaction else "")

    def flash(self, seconds: float) -> None:
        """Highlight the card for ``seconds``: its reaction has just changed."""
        self.add_class("-changed")
        self.set_timer(seconds, lambda: self.remove_class("-changed"))


class ScenePane(VerticalScroll):
    """The scrolling story pane of the play screen."""

    can_focus = False

    def __init__(self, first: View | None = None, *, cps: int = 0,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self._first = first
        """The view to compose with (saves a round of mounting at start-up)."""
        self.cps = cps
        """Characters per second for the typewriter (0: instant)."""
        self._pending: list[Prose] = []
        self._shown = 0
        self._timer: Timer | None = None

    # -- rendering

    @staticmethod
    def _blocks(v: View) -> list[Prose | PersonCard | Vertical]:
        blocks: list[Prose | PersonCard | Vertical] = []
        blocks.extend(Prose(e.text, classes="event") for e in v.events if e.text)
        blocks.append(Prose(v.title.text, classes="scene-title", id="scene-title"))
        blocks.extend(Prose(p.text, classes="para") for p in v.paragraphs)
        narration = Prose("", classes="event face-event", id="face-event")
        narration.display = False
        blocks.append(narration)
        blocks.append(Vertical(*(PersonCard(p) for p in v.people), id="people"))
        if v.ending is not None:
            # TRANSLATORS: the banner of an ending; {ending} is the ending's title.
            banner = _("THE END · {ending}").format(ending=v.ending.text)
            blocks.append(Prose(banner, classes="ending-banner", id="ending-banner"))
        return blocks

    def compose(self):  # type: ignore[no-untyped-def]
        if self._first is not None:
            yield from self._blocks(self._first)

    def on_mount(self) -> None:
        if self._first is not None:
            self._first = None
            self._start_reveal()

    async def show(self, v: View, reveal: bool = True) -> None:
        """Draw a scene afresh: events above the title and prose, then the people (typed out
        unless ``reveal`` is False, or the reveal setting is instant)."""
        self.finish_reveal()
        await self.remove_children()
        await self.mount_all(self._blocks(v))
        self.scroll_home(animate=False)
        if reveal:
            self._start_reveal()

    async def retell(self, v: View) -> None:
        """The same moment in another language: each text replaced where it stands, so the
        pane keeps its layout and scroll (it may be behind a dialog). If the blocks do not
        match the view's, the scene is drawn afresh."""
        self.finish_reveal()
        told = [e.text for e in v.events if e.text]
        events = [w for w in self.query(".event").results(Prose) if w.id != "face-event"]
        narration = self.query_one("#face-event", Prose)
        paras = list(self.query(".para").results(Prose))
        cards = list(self.query(PersonCard).results(PersonCard))
        banners = list(self.query("#ending-banner").results(Prose))
        whole = bool(self.query("#scene-title"))  # not what a move changed (see show_changes)
        if (not whole or narration.display or len(events) != len(told)
                or len(paras) != len(v.paragraphs)
                or [c.person.id for c in cards] != [p.id for p in v.people]
                or len(banners) != (v.ending is not None)):
            y = self.scroll_y
            await self.show(v, reveal=False)
            self.call_after_refresh(self.scroll_to, y=y, animate=False)
            return
        for widget, text in zip(events, told, strict=True):
            _retell(widget, text)
        _retell(self.query_one("#scene-title", Prose), v.title.text)
        for widget, para in zip(paras, v.paragraphs, strict=True):
            _retell(widget, para.text)
        for card, person in zip(cards, v.people, strict=True):
            card.retell(person)
        if v.ending is not None:
            _retell(banners[0], _("THE END · {ending}").format(ending=v.ending.text))

    async def show_changes(self, v: View, changes: Changes, highlight_seconds: float,
                           hint: str = "") -> list[str]:
        """After a move that stayed in the scene (a choice without ``go``, a face change in
        place): its events, then only what it changed (paragraphs that appeared or changed,
        the people whose reaction changed, highlighted), and ``hint`` (how to read the whole
        scene again), in place of the scene.

        Returns the ids of the people whose reaction changed.
        """
        self.finish_reveal()
        await self.remove_children()
        told = "\n\n".join(e.text for e in v.events if e.text)
        narration = Prose(told, classes="event face-event", id="face-event")
        narration.display = bool(told)
        cards = [PersonCard(p) for p in changes.people]
        blocks: list[Prose | Vertical] = [narration]
        blocks.extend(Prose(p.text, classes="para") for p in changes.paragraphs)
        blocks.append(Vertical(*cards, id="people"))
        if hint:
            blocks.append(Prose(hint, classes="look-hint", id="look-hint"))
        await self.mount_all(blocks)
        if highlight_seconds > 0:
            for card in cards:
                card.flash(highlight_seconds)
        self.scroll_home(animate=False)
        self._start_reveal()
        return [p.id for p in changes.people]

    # -- the typewriter

    def _start_reveal(self) -> None:
        if self.cps <= 0:
            return
        self._pending = [w for w in self.query(Prose).results(Prose) if w.full_text]
        for widget in self._pending:
            widget.update("")
        self._shown = 0
        self._timer = self.set_interval(1 / TICKS_PER_SECOND, self._tick)

    def _tick(self) -> None:
        budget = max(1, round(self.cps / TICKS_PER_SECOND))
        while budget > 0 and self._pending:
            widget = self._pending[0]
            take = min(budget, len(widget.full_text) - self._shown)
            self._shown += take
            budget -= take
            widget.update(widget.full_text[: self._shown])
            if self._shown >= len(widget.full_text):
                self._pending.pop(0)
                self._shown = 0
        if not self._pending:
            self.finish_reveal()

    @property
    def revealing(self) -> bool:
        """Whether text is still being typed out."""
        return bool(self._pending)

    def finish_reveal(self) -> None:
        """Show all the text at once."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        for widget in self._pending:
            widget.update(widget.full_text)
        self._pending = []
        self._shown = 0
