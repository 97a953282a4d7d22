# The two commands of the README: `make run` (fresh machine -> running demo) and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
EMPLOYEES ?= 2000
PYTEST_ARGS ?=

.PHONY: run test install lint migrate seed static messages worker clean-db

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --employees $(EMPLOYEES)

# Static files collected for WhiteNoise: the demo runs with DEBUG off, as people will see it.
static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: seed static
	@echo "Open http://$(HOST):$(PORT)/ — demo logins are listed in README.md"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

worker: install
	$(VENV)/bin/celery -A config worker --loglevel=INFO

APPS := core workforce assessment vacancies reports
# Catalogs live with each app (app/locale/<lang>/LC_MESSAGES/django.po); compiled .mo files are
# committed so a fresh machine needs no gettext tools. locale/ (first in LOCALE_PATHS) supplies what
# Django's, DRF's, django-filter's and simple-history's own catalogs lack; it is edited by hand and
# only compiled here. Uzbek Cyrillic (uz_Cyrl) is never extracted or edited: build_uz_cyrl_catalogs
# generates it from the Uzbek Latin catalogs (and compiles it). tests/core/test_catalogs.py fails on
# any untranslated, fuzzy or stale entry.
messages: install
	for app in $(APPS); do (cd $$app && mkdir -p locale && DJANGO_SETTINGS_MODULE=config.settings.local PYTHONPATH=.. \
	  ../$(VENV)/bin/django-admin makemessages -l uz -l ru -l en --no-obsolete --no-location) || exit 1; done
	$(PY) manage.py build_uz_cyrl_catalogs
	$(PY) manage.py compilemessages --ignore=.venv --ignore=staticfiles -l uz -l uz_Cyrl -l ru -l en

clean-db:
	rm -f db.sqlite3 db.sqlite3-shm db.sqlite3-wal
