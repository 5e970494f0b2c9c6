"""Integration tests: the commands, the bundled and starter stories, plain mode and saves on
real files, end to end without a terminal."""
