# Newsroom: `make run` sets everything up and serves the archive; `make test` runs the suite.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Local development runs with DEBUG on (and its throwaway secret key); see newsroom/settings.py.
DEV := DJANGO_DEBUG=1

.DEFAULT_GOAL := help
.PHONY: help install migrate load run test lint format superuser clean bench-mentions fuzz

help:
	@echo "make run        set up (virtualenv, install, migrate, load fixtures) and serve on http://127.0.0.1:$(PORT)/"
	@echo "make test       lint, format check, migration check, then the whole test suite with coverage"
	@echo "make load       migrate and load the seed archive (idempotent)"
	@echo "make superuser  create an admin account for /admin/"
	@echo "make bench-mentions  time mention detection on 10,000 generated articles"
	@echo "make fuzz       the hostile-input test with 5,000 generated requests (FUZZ_EXAMPLES=n)"
	@echo "make format     reformat the code with ruff"
	@echo "make clean      remove the virtualenv, caches and the local SQLite database"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(DEV) $(BIN)/python manage.py migrate --noinput

load: migrate
	$(DEV) $(BIN)/python manage.py load_archive

run: load
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	DJANGO_SETTINGS_MODULE=newsroom.test_settings $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --cov --cov-report=term-missing:skip-covered

FUZZ_EXAMPLES ?= 5000
fuzz: install
	NEWSROOM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/test_hostile_input.py -p no:cacheprovider

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench-mentions: install
	$(BIN)/python -m bench.mentions --articles 10000

superuser: migrate
	$(DEV) $(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .coverage htmlcov staticfiles db.sqlite3
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
