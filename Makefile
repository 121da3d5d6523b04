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
	@echo "make serve      production settings on http://$(HOST):$(PORT): gunicorn and the worker"
	@echo "make observatory  grade the security headers with MDN's HTTP Observatory (A+ or fail)"
	@echo "make worker     only the background worker (it sends the e-mail)"
	@echo "make crashtest  SIGKILL the production server 30 times while writes flow; nothing may be lost"
	@echo "make bench      measure the production server on two years of data (BENCH_QUICK=1: short)"
	@echo "make lint | format | typecheck | demo | eval-coach"

$(VENV)/.installed: pyproject.toml uv.lock
	uv="$$(scripts/ensure-uv.sh)" && "$$uv" sync --frozen --quiet
	@touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json .npmrc
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

# The production configuration on loopback: gunicorn with $(WORKERS) workers, hashed and
# compressed static files, and the background worker; Ctrl+C stops them all.
WORKERS ?= 2
.PHONY: serve worker
serve: install
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) scripts/serve.sh

# Only the background worker (it sends the e-mail), configured as `make serve` is.
worker: install
	scripts/serve.sh worker

# MDN's HTTP Observatory against the production settings over TLS on localhost, with a
# certificate made for the run. The scanner only uses ports 80 and 443, so this needs
# root. Prints every test's result and fails below A+.
.PHONY: observatory
observatory: install node
	$(PY) scripts/observatory.py

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

# SIGKILL the production server (SQLite) at random moments while writes flow over HTTP;
# fails if any acknowledged write is lost. CRASH_KILLS=5 is the short version CI runs.
CRASH_KILLS ?= 30
.PHONY: crashtest
crashtest: install
	$(PY) scripts/crashtest.py --kills $(CRASH_KILLS)

# Seed (or reuse var/bench/cache), serve with gunicorn on loopback, measure with wrk.
# Fails on more than 8 queries a page or 20% growth. BENCH_QUICK=1 is CI's short run.
BENCH_QUICK ?=
.PHONY: bench
bench: install
	@command -v wrk >/dev/null 2>&1 || scripts/apt-install.sh wrk
	$(PY) scripts/bench.py $(if $(BENCH_QUICK),--quick)

clean:
	rm -rf $(VENV) node_modules var/test*.sqlite3* artifacts
