# Roundtable: `make run` serves the app with demo data; `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test serve db demo bench clean a11y-tools

run: $(VENV)/.installed db
	$(FLASK) run --host $(HOST) --port $(PORT)

db: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty

test: $(VENV)/.installed-dev a11y-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# axe-core and the Nu Html Checker (vnu-jar) for tests/browser/test_pages_a11y.py.
# Needs npm (and Java to run the checker); without npm the checks are skipped.
A11Y := tests/a11y
a11y-tools:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) -s --no-print-directory $(A11Y)/node_modules/.installed; \
	else echo "npm not found: accessibility checks will be skipped (see README, Accessibility checks)"; fi

$(A11Y)/node_modules/.installed: $(A11Y)/package.json $(A11Y)/package-lock.json
	npm ci --prefix $(A11Y) --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@ || \
	  { echo "npm could not install the accessibility tools: those checks will be skipped"; test -z "$$CI"; }

bench: $(VENV)/.installed
	$(BIN)/python bench/render.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) instance/roundtable.db*
