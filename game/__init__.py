"""Face of Another: an interactive fiction game for the terminal."""

__version__ = "0.1.0"
