# Two commands on a fresh machine with Python 3.12+ and make: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-test.txt | cksum | cut -d' ' -f1)
DEV_ENV := DEBUG=1

.PHONY: run test install lint format messages bench bench-region loadtest clean

$(STAMP): requirements.txt requirements-test.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend $(BIN)/python manage.py seed_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# PYTEST_ARGS: extra arguments, e.g. `make test PYTEST_ARGS='-m "not browser"'` or a test file.
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract new strings into the catalogues and compile them (needs GNU gettext; the compiled .mo files are committed).
messages: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l nl -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore="tests/*" --ignore="docs/*"
	$(DEV_ENV) $(BIN)/python manage.py fill_english_catalogue
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv

# Load test: gunicorn on PostgreSQL on loopback, locust with 50 users for 60 seconds.
loadtest: $(STAMP)
	PYTHON=$(BIN)/python tests/load/stack.sh loadtest

# Benchmark at Ghent scale: every measured page and API list against a bare Django page, warm and cold (about 10
# minutes; docs/performance.md). Not part of `make test`.
bench: $(STAMP)
	PYTHON=$(BIN)/python tests/load/stack.sh bench

# The same benchmark at region scale (20,000 areas, 5,000 organisations, 100,000 offers, 50,000 signals).
bench-region: $(STAMP)
	SEED_SCALE="--areas 20000 --organisations 5000 --offers 100000 --signals 50000 --covenants 300" \
		BENCH_LABEL="Region scale" PYTHON=$(BIN)/python tests/load/stack.sh bench

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
