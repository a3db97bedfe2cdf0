# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint check bench dist clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the pins or the package metadata change.
$(STAMP): $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	PORT=$(PORT) $(BIN)/dangjian serve --port $(PORT)

# One worker per core (pytest-xdist): each worker has its own test database.
PYTEST_WORKERS ?= auto

test: $(STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS)

# The front door, before any test: lint, format, types (the packages listed in pyproject's
# [tool.mypy]), import contracts ([tool.importlinter]), Django's checks, no missing migration.
LINTED := src tests benchmarks

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint
	$(BIN)/dangjian check
	$(BIN)/dangjian makemigrations --check --dry-run

bench: $(STAMP)
	@command -v wrk >/dev/null 2>&1 || echo "wrk is not installed: (c) uses Python client threads in the benchmark process (apt-get install wrk)"
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The offline bundle for a hospital's intranet (deploy/build_dist.py, docs/deployment.md).
dist: $(STAMP)
	$(BIN)/python deploy/build_dist.py

clean:
	rm -rf $(VENV) var .pytest_cache dist
