# Newsroom: `make run` sets everything up and serves the archive; `make test` runs the suite.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Local development runs with DEBUG on (and its throwaway secret key); see newsroom/settings.py.
DEV := DJANGO_DEBUG=1
# The browser tests drive the system Chromium; Playwright must never fetch a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
BROWSER_TESTS := tests/browser
CHROMIUM ?= /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help install browser-deps migrate load run test test-browser screenshots lint format superuser clean bench-mentions bench-quotes bench-exports fuzz loadtest audit bench

help:
	@echo "make run        set up (virtualenv, install, migrate, load fixtures) and serve on http://127.0.0.1:$(PORT)/"
	@echo "make test       lint, format check, migration check, then the whole test suite with coverage"
	@echo "make test-browser  only the browser tests (Chromium: journeys, accessibility, layout)"
	@echo "make screenshots    PNGs of each main page at desktop and phone width, in screenshots/"
	@echo "make load       migrate and load the seed archive (idempotent)"
	@echo "make superuser  create an admin account for /admin/"
	@echo "make bench-mentions  time mention detection on 10,000 generated articles"
	@echo "make bench-quotes    time quotation extraction on 10,000 articles built from the seeds"
	@echo "make bench-exports   stream CSV exports of 100,000 articles (own PostgreSQL database): time, memory"
	@echo "make fuzz       the hostile-input test with 5,000 generated requests (FUZZ_EXAMPLES=n)"
	@echo "make loadtest   gunicorn on PostgreSQL under wrk, 64 connections (LOADTEST_DURATION=s)"
	@echo "make audit      known vulnerabilities in the pinned requirements (pip-audit)"
	@echo "make bench      time every page on PostgreSQL at 1,000, 10,000 and 100,000 articles"
	@echo "make format     reformat the code with ruff"
	@echo "make clean      remove the virtualenv, caches and the local SQLite database"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# axe-core for the accessibility tests, from package-lock.json (test tooling, not the app).
$(BROWSER_TESTS)/node_modules/.package-lock.json: $(BROWSER_TESTS)/package-lock.json
	cd $(BROWSER_TESTS) && npm ci --no-audit --no-fund --loglevel=error

browser-deps: install $(BROWSER_TESTS)/node_modules/.package-lock.json
	@test -x "$(CHROMIUM)" || { echo "Chromium is missing: apt-get install chromium (or set NEWSROOM_CHROMIUM)." >&2; exit 1; }

migrate: install
	$(DEV) $(BIN)/python manage.py migrate --noinput

load: migrate
	$(DEV) $(BIN)/python manage.py load_archive

run: load
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint browser-deps
	DJANGO_SETTINGS_MODULE=newsroom.test_settings $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --cov --cov-report=term-missing:skip-covered

loadtest: install
	bench/loadtest.sh

audit: install
	.ci/audit

FUZZ_EXAMPLES ?= 5000
fuzz: install
	NEWSROOM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/test_hostile_input.py -p no:cacheprovider

test-browser: browser-deps
	$(BIN)/pytest $(BROWSER_TESTS)

screenshots: browser-deps
	rm -rf screenshots
	NEWSROOM_SCREENSHOTS=$(CURDIR)/screenshots $(BIN)/pytest $(BROWSER_TESTS)/test_main_pages.py
	@echo "Screenshots of each main page, desktop and phone: $(CURDIR)/screenshots/"

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs the local PostgreSQL (BENCH_POSTGRES=postgres://user@host:port to use another), Redis
# for the warm figures, and wrk for requests per second (installed from Debian if missing).
bench: install
	@command -v wrk >/dev/null || { echo "bench: installing wrk (Debian package) for the load figures"; \
	  apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || echo "bench: no wrk, no load figures"
	$(BIN)/python -m bench.pages

bench-mentions: install
	$(BIN)/python -m bench.mentions --articles 10000

bench-quotes: install
	$(DEV) $(BIN)/python -m bench.quotes --articles 10000

# Needs PostgreSQL at 127.0.0.1:5432 (user postgres); creates and drops its own database.
bench-exports: install
	$(BIN)/python -m bench.exports --articles 100000

superuser: migrate
	$(DEV) $(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .coverage htmlcov staticfiles db.sqlite3
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
