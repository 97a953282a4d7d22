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

.PHONY: run test install lint migrate seed messages worker clean-db

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

run: seed
	@echo "Open http://$(HOST):$(PORT)/ — demo logins are listed in README.md"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

worker: install
	$(VENV)/bin/celery -A config worker --loglevel=INFO

APPS := core workforce assessment
# Catalogs live with each app (app/locale/<lang>/LC_MESSAGES/django.po); compiled .mo files are
# committed so a fresh machine needs no gettext tools.
messages: install
	for app in $(APPS); do (cd $$app && mkdir -p locale && DJANGO_SETTINGS_MODULE=config.settings.local PYTHONPATH=.. \
	  ../$(VENV)/bin/django-admin makemessages -l uz -l ru -l en --no-obsolete --no-location) || exit 1; done
	$(PY) manage.py compilemessages --ignore=.venv

clean-db:
	rm -f db.sqlite3 db.sqlite3-shm db.sqlite3-wal
