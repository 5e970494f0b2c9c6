"""Unit tests: one module or function at a time, with no terminal and no server."""
