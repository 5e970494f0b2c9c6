"""Face of Another: an interactive fiction game for the terminal."""

import os as _os

__version__ = "0.1.0"

# The game uses no pydantic plugins. Without this, the first model class makes pydantic scan
# the metadata of every installed package for plugin entry points: a fifth of the start-up.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
