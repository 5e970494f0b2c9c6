# Two commands on a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: play test lint check bench clean browser messages

# The browser test (tests/tui/test_serve_e2e.py) drives Debian's Chromium: install it once.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

play: $(VENV)/.installed
	$(PY) -m game play

browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium chromium-driver; \
	fi

test: $(VENV)/.installed-test browser
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m game check story --strict
	$(PY) -m pytest

check: $(VENV)/.installed
	$(PY) -m game check story

$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@ $(VENV)/.installed

# bench/engine.py times the engine against bink playing the story compiled to ink; the ink
# compiler comes from npm (bench/ink). Without node and npm it times the engine alone.
bench: $(VENV)/.installed-bench
	@if ! command -v npm >/dev/null; then echo "npm not found: bench/engine.py times the engine alone"; \
	elif [ ! -d bench/ink/node_modules ]; then cd bench/ink && npm ci --no-audit --no-fund; fi
	$(PY) bench/load.py
	$(PY) bench/startup.py
	$(PY) bench/tools.py
	$(PY) bench/engine.py

# The interface's messages: extract them from the code into the template, then merge the
# template into every language's catalogue (changed English is marked fuzzy, i.e. stale).
LOCALE := game/locale
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel --quiet extract --project="Face of Another" --version=0.1.0 --copyright-holder="" \
		--add-comments=TRANSLATORS: --sort-by-file --add-location=file --width=100 \
		--output-file=$(LOCALE)/game.pot game
	$(VENV)/bin/pybabel --quiet update --domain=game --input-file=$(LOCALE)/game.pot \
		--output-dir=$(LOCALE) --previous --ignore-obsolete --width=100

clean:
	rm -rf $(VENV) build dist *.egg-info
