# Closeknit: `make run` to try it, `make test` to check it. Everything installs itself.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export PATH := $(HOME)/.local/bin:$(PATH)

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Two pytest workers (pytest-xdist) suit a 2-core machine; PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
# .ci/run sets JUNIT to a file name to get a JUnit XML report of the run.
JUNIT ?=
PYTEST := scripts/run-tests.sh -n $(PYTEST_WORKERS) $(if $(JUNIT),--junitxml=$(JUNIT)) $(PYTEST_ARGS)

.PHONY: help install run migrate demo test test-fast test-pg lint format typecheck chromium node eval-coach clean

help:
	@echo "make run        install, migrate and serve on http://$(HOST):$(PORT)"
	@echo "make test       install everything (Chromium too) and run the whole suite"
	@echo "make test-pg    the whole suite on a throwaway PostgreSQL server"
	@echo "make test-fast  the suite without the browser tests"
	@echo "make lint | format | typecheck | demo"

$(VENV)/.installed: pyproject.toml uv.lock
	uv="$$(scripts/ensure-uv.sh)" && "$$uv" sync --frozen --quiet
	@touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || scripts/apt-install.sh npm
	npm ci --no-audit --no-fund --silent
	@touch $@

node: node_modules/.installed

# Debian's Chromium: Playwright's own browser download cannot work on our machines.
chromium:
	@test -x /usr/bin/chromium || scripts/apt-install.sh chromium

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

run: migrate
	@echo ""
	@echo "  Closeknit is running at http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

demo: migrate
	$(PY) manage.py demo

test: install node chromium
	$(PYTEST)

test-fast: install
	$(PYTEST) -m "not browser"

# scripts/with-postgres.sh installs PostgreSQL if needed and always stops it.
test-pg: install node chromium
	scripts/with-postgres.sh $(PYTEST)

lint: install
	uv="$$(scripts/ensure-uv.sh)" && "$$uv" lock --check --quiet
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install
	$(VENV)/bin/mypy .

# The message coach on its held-out test part: fails when a target is missed.
eval-coach: install
	$(PY) scripts/eval_coach.py

clean:
	rm -rf $(VENV) node_modules var/test*.sqlite3* artifacts
