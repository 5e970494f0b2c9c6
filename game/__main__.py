"""``python -m game``: the same as the ``face-of-another`` command."""

from game.cli import main

raise SystemExit(main())
