# The front door: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run seed migrate test test-migrations test-browser test-servers lint fmt messages bench load serve-prod clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the pinned packages

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --no-input

seed: migrate ## Add the fixtures' rows that are missing; never overwrites editors' changes
	$(PY) manage.py seed

run: seed ## Install, migrate SQLite, load fixtures and serve on http://$(HOST):$(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install ## Run the test suite (not the browser, multi-server or migration tests), one process per core
	$(BIN)/pytest -m "not browser and not servers and not migrations" -q -n auto

test-migrations: install ## Data migrations on a database rolled back and forward (about 20 s; once in CI)
	$(BIN)/pytest -m migrations -q -n 0

test-browser: install node_modules/.installed ## Browser journeys, axe-core and the HTML checker in headless Chromium
	$(BIN)/pytest -m browser -q

test-servers: install ## Two gunicorn servers on PostgreSQL and Redis: an edit shows on both; the lockout holds across workers without Redis
	$(BIN)/pytest -m servers -q

lint: install ## The pre-commit hooks (ruff, ruff format, django-upgrade, djhtml) and no missing migrations
	$(BIN)/pre-commit run --all-files --show-diff-on-failure
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

fmt: install ## Format and autofix with ruff, django-upgrade and djhtml
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	git ls-files '*.py' | grep -v /migrations/ | xargs $(BIN)/django-upgrade --target-version 5.2 || true
	git ls-files 'templates/*.html' | xargs $(BIN)/djhtml

# makemessages calls GNU gettext's xgettext (apt-get install gettext): only whoever adds or
# changes strings needs it. The compiled .mo is committed, so run and test need nothing.
messages: install ## Update locale/es/LC_MESSAGES/django.po from the code and templates (needs xgettext), then compile it with polib
	@command -v xgettext >/dev/null || { echo "messages needs xgettext: see README, Spanish" >&2; exit 1; }
	$(PY) manage.py makemessages --locale es --extension html,txt,py --no-obsolete \
		--ignore 'node_modules/*' --ignore 'staticfiles/*' --ignore 'bench/*' --ignore 'tests/*'
	$(PY) manage.py compile_catalogs

bench: install ## Page timings at 1,500 / 10,000 / 100,000 programs on SQLite and PostgreSQL, then gunicorn + wrk
	@command -v wrk >/dev/null || { echo "bench needs wrk: see README, System packages" >&2; exit 1; }
	$(PY) -m bench.run; status=$$?; $(PY) -m bench.run --wrk || status=1; exit $$status

load: install ## gunicorn under wrk: 32 connections for 30 s, with hostile query strings
	@command -v wrk >/dev/null || { echo "load needs wrk: see README, System packages" >&2; exit 1; }
	$(PY) -m bench.load

serve-prod: install ## Production settings: collectstatic, migrate, gunicorn (needs the variables in .env.example)
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py collectstatic --no-input -v0
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/gunicorn -c gunicorn.conf.py

clean: ## Remove the virtualenv and the SQLite database
	rm -rf $(VENV) db.sqlite3 staticfiles
