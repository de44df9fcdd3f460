# The two set-up commands of the README are `make site` and `make test`.
# Both create the virtual environment in .venv from the pinned requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet
AXE    := node_modules/axe-core/axe.min.js

.PHONY: site test check serve bench system-packages clean

site: $(READY) system-packages  ## validate the events and build site/ (the old site stays if anything fails)
	$(BIN)/python -m generator build

test: $(READY) system-packages $(AXE)  ## run every test: ruff (lint and format), then pytest
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/python -m pytest

check: $(READY)  ## validate the event files only
	$(BIN)/python -m generator check

serve: $(READY)  ## preview with live reload on http://127.0.0.1:8000
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty

bench: $(READY) system-packages  ## the performance benchmark: one table, 100 to 10,000 events (about an hour)
	$(BIN)/python tests/benchmarks/bench.py

system-packages:  ## Debian packages the build and the tests need (installed when missing)
	@.ci/system-packages

$(AXE): package-lock.json  ## axe-core for the accessibility tests, pinned in package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm is missing: the accessibility tests are skipped (and fail in CI); install Node.js and npm"; fi

$(READY): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	@touch $@

clean:
	rm -rf $(VENV) site .site-* .site.lock .pytest_cache test-output node_modules
