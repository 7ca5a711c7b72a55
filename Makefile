# Simpul's commands. `make run` serves the demo; `make test` runs everything CI runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint bench install install-dev messages test-deps serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@bash scripts/system-packages.sh runtime
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed messages
install-dev: $(VENV)/.installed-dev messages

# Compiled catalogs are build products (.mo is ignored by git); gettext's msgfmt makes them.
messages: | $(BIN)/python
	@command -v msgfmt >/dev/null || bash scripts/system-packages.sh gettext
	@$(MANAGE) compilemessages --ignore='.venv/*' -v0

run: export SIMPUL_HTTPS ?= 0
run: install
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) simpul_demo
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) reindex
	@echo "Simpul: http://127.0.0.1:8000  (Ctrl+C stops it; the worker runs beside it)"
	$(MANAGE) simpul_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn simpul.wsgi --bind 127.0.0.1:8000 --workers 3 --threads 3 --access-logfile - --error-logfile -

test-deps:
	@bash scripts/system-packages.sh test

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Database tests run twice, on SQLite and on a PostgreSQL server the session starts itself;
# browser tests drive Debian's Chromium, on both databases too.
test: install-dev test-deps lint
	@echo "==> unit and integration tests on SQLite"
	$(BIN)/pytest -m "not browser"
	@echo "==> unit and integration tests on PostgreSQL"
	$(BIN)/pytest -m "not browser" --postgres
	@echo "==> browser tests (headless Chromium) on SQLite"
	$(BIN)/pytest -m browser
	@echo "==> browser tests (headless Chromium) on PostgreSQL"
	$(BIN)/pytest -m browser --postgres

# Benchmarks rewrite their sections of docs/benchmarks.md (oai.py prints its table to copy
# there, as union.py does); the catalog, OAI-PMH and union ones build 1,000,000 records on
# each database, about an hour and a half in all on a 2-core machine.
bench: install-dev test-deps
	$(BIN)/python bench/run.py
	$(BIN)/python bench/search_engine.py 1000000
	$(BIN)/python bench/catalog.py --records 1000000
	$(BIN)/python bench/catalog.py --records 1000000 --postgres
	$(BIN)/python bench/circulation.py
	$(BIN)/python bench/circulation.py --postgres
	$(BIN)/python bench/oai.py --records 1000000
	$(BIN)/python bench/oai.py --records 1000000 --postgres
	$(BIN)/python bench/union.py --records 1000000 --harvest 100000
	$(BIN)/python bench/union.py --records 1000000 --harvest 100000 --postgres

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache .mypy_cache .ruff_cache
