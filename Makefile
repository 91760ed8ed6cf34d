# Lookout: `make run` serves the product on its embedded default; `make test` runs the whole suite.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
PG_URL  ?= postgres://postgres@127.0.0.1:5432/lookout
HOST    ?= 127.0.0.1
PORT    ?= 8000
# The suite on every core, one test file to a process (a file's fixtures are built once).
PYTEST_ARGS ?= -n auto --dist loadfile

.DEFAULT_GOAL := help
.PHONY: help setup system-deps run test test-pg fuzz soak load audit lint fmt check sweep seed reset-db services

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)  ## Create the virtualenv and install the pinned, hashed dependencies

run: setup  ## Migrate, load the shipped real data, sweep, and serve on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo_data
	$(BIN)/python manage.py local_admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

system-deps:  ## Install Debian's chromium and poppler-utils for the browser and PDF tests, if missing
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils)

test: setup system-deps  ## Run the whole suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
	$(BIN)/pytest $(PYTEST_ARGS)

test-pg: setup system-deps services  ## Run the whole suite on PostgreSQL
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS)

fuzz: setup  ## Schemathesis over every API operation as anonymous, editor and reviewer (EXAMPLES=500 for the soak)
	bash tests/security/run_schemathesis.sh

soak: setup services  ## Hardening at full size on both databases (1,000 mutations per importer, 4x500 writes, 20 worker kills)
	bash bench/soak/run.sh

load: setup services  ## Load benchmark: gunicorn on PostgreSQL, 20 clients for 60 s (bench/README.md)
	$(BIN)/python bench/load.py

audit: setup  ## Known vulnerabilities in the pinned dependencies (needs the advisory service)
	$(BIN)/pip-audit --strict -r requirements.txt -r requirements-dev.txt

services:  ## Start PostgreSQL and Redis if they are down
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no

lint: setup  ## ruff, mypy with the Django and DRF stubs (strict on the engine and importers), the size limits
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python scripts/code_size.py

fmt: setup  ## Format and fix what ruff can
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: setup  ## Django system checks and the missing-migrations check
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

seed: setup  ## Load the real fixtures (idempotent)
	$(BIN)/python manage.py seed

reset-db: setup  ## Flush the database and load the shipped data again
	$(BIN)/python manage.py flush --no-input
	$(BIN)/python manage.py demo_data

sweep: setup  ## Re-evaluate every jurisdiction
	$(BIN)/python manage.py sweep
