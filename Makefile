# Roundtable: `make run` serves the app with demo data; `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000
# Exact versions of every runtime and dev dependency; every install below is held to them.
LOCK   := requirements.lock

.PHONY: run test test-repeat serve db demo bench clean a11y-tools lock lint

# The web server and, beside it, the worker (huey: sends e-mail, runs periodic tasks), with one
# command; Ctrl-C stops both. E-mail goes to the development outbox: http://$(HOST):$(PORT)/dev/outbox
run: $(VENV)/.installed db
	@export ROUNDTABLE_DEV_OUTBOX=1 PUBLIC_URL=http://$(HOST):$(PORT); \
	$(BIN)/huey_consumer app.tasks.huey --workers 2 --max-delay 1 --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Worker started; the development outbox is http://$(HOST):$(PORT)/dev/outbox"; \
	$(FLASK) run --host $(HOST) --port $(PORT)

db: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty

test: $(VENV)/.installed-dev a11y-tools lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The browser tests five times in a row: a test that fails by chance shows up here (issue 19).
REPEAT ?= 5
test-repeat: $(VENV)/.installed-dev a11y-tools
	@for n in $$(seq 1 $(REPEAT)); do echo "== browser tests, run $$n of $(REPEAT)"; \
	  $(BIN)/python -m pytest -q tests/browser $(PYTEST_ARGS) || exit 1; done

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

$(VENV)/.installed: pyproject.toml $(LOCK) | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(LOCK) $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	touch $@

# Pin again from pyproject.toml's ranges (keeps current pins that still fit). Newer versions:
# make lock LOCK_ARGS=--upgrade, or LOCK_ARGS="--upgrade-package flask".
lock: | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet 'pip-tools>=7.4'
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --all-extras --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file $(LOCK) $(LOCK_ARGS) pyproject.toml

# ruff (lint and import order, configured in pyproject.toml); `make test` runs it first.
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) instance/roundtable.db*
