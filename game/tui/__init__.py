"""The Textual interface: a thin shell over the engine (see :func:`game.tui.app.make_app`)."""
