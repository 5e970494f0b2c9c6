"""What every screen of the game shares: its keys described in the player's language."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from textual.await_complete import AwaitComplete
from textual.binding import ActiveBinding, Binding

from game.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object


def relabel(binding: Binding, description: str, tooltip: str) -> Binding:
    """``binding`` with this description and tooltip (itself if they are what it has)."""
    if description == binding.description and tooltip == binding.tooltip:
        return binding
    return replace(binding, description=description, tooltip=tooltip)


class LocalizedBindings(_ScreenBase):
    """A screen mixin: the bindings it reports (to the footer, the help page, the keys panel)
    have their descriptions and tooltips translated, app-level and Textual's own included.

    The bindings themselves keep the English, marked with ``N_``; it is translated each time
    the bindings are read, so a change of language shows at the next redraw.
    """

    def localize_binding(self, binding: Binding) -> Binding:
        """``binding`` as the player reads it (override for descriptions with placeholders)."""
        group = binding.group
        if group is not None and group.description:
            description = _(group.description)
            if description != group.description:
                binding = replace(binding, group=replace(group, description=description))
        return relabel(binding, _(binding.description), _(binding.tooltip))

    async def relanguage(self) -> None:
        """Draw the screen again in the current language (after a change in the settings)."""
        await self.recompose()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The screen's active bindings, described in the current language."""
        bindings: dict[str, ActiveBinding] = {}
        for key, active in super().active_bindings.items():
            binding = self.localize_binding(active.binding)
            tooltip = binding.tooltip if active.tooltip == active.binding.tooltip \
                else _(active.tooltip)
            bindings[key] = active._replace(binding=binding, tooltip=tooltip)
        return bindings


class DismissOnce(_ScreenBase):
    """A screen mixin for fast typing: the screen is dismissed at most once, and only while it
    is the one on top; :attr:`leaving` tells handlers that run late to do nothing.

    Keys arrive in bursts: a second Enter can be handled while the screen the first one
    dismissed is still on its way out, and Textual's ``dismiss`` would then pop whatever
    screen is on top (or none, and raise).
    """

    _dismissed = False

    @property
    def gone(self) -> bool:
        """The screen was dismissed, or is no longer (or not yet) in the app."""
        return self._dismissed or not self.is_attached or self not in self.app.screen_stack

    @property
    def leaving(self) -> bool:
        """The screen is gone, or another screen is over it: a key, choice or callback meant
        for it is stale."""
        if self.gone:
            return True
        stack = self.app.screen_stack
        return not stack or stack[-1] is not self

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Dismiss the screen with ``result``, unless it is :attr:`leaving` (then nothing)."""
        if self.leaving:
            # Textual leaves ``nothing`` unannotated; it makes an AwaitComplete already done.
            return cast("Callable[[], AwaitComplete]", AwaitComplete.nothing)()
        self._dismissed = True
        return super().dismiss(result)
