# Closeknit: `make run` to try it, `make test` to check it. Everything installs itself.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export PATH := $(HOME)/.local/bin:$(PATH)

VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help install run worker demo test test-fast test-browser test-pg lint format typecheck bench ci chromium postgresql node clean

help:
	@echo "make run        install, migrate and serve on http://$(HOST):$(PORT)"
	@echo "make test       install everything (Chromium too) and run the whole suite"
	@echo "make test-pg    the suite on a throwaway PostgreSQL server"
	@echo "make lint | format | typecheck | demo | bench | worker"

$(VENV)/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet --user uv || python3 -m pip install --quiet --break-system-packages --user uv
	uv sync --frozen --quiet
	@touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

node: node_modules/.installed

chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq postgresql >/dev/null; }

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
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

test-pg: install node chromium postgresql
	scripts/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install
	$(VENV)/bin/mypy .

clean:
	rm -rf $(VENV) node_modules var/test*.sqlite3* artifacts
