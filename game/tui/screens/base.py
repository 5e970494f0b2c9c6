"""What every screen of the game shares: its keys described in the player's language."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import ActiveBinding, Binding

from game.i18n import _

if TYPE_CHECKING:
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
