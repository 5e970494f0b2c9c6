# Two commands on a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: play test lint check bench clean

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

test: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m game check story --strict
	$(PY) -m pytest

check: $(VENV)/.installed
	$(PY) -m game check story

bench: $(VENV)/.installed
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) build dist *.egg-info
