# Two entry points: `make demo` installs spinscope and analyses a bundled example;
# `make test` installs everything the tests need and runs lint, type checks and the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := examples/harbour-fund-affair.txt
DEMO_AS_OF := 2025-03-12T09:00:00+00:00

.PHONY: install demo test lint typecheck browser bench lock clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/spinscope analyze $(DEMO) --as-of $(DEMO_AS_OF)
	$(BIN)/spinscope analyze $(DEMO) --as-of $(DEMO_AS_OF) --format html -o out/demo.html
	@echo "spinscope: the HTML report is out/demo.html"

browser:
	@scripts/install-browser

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) browser lint typecheck
	$(BIN)/python -m pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest_structure.py

# requirements.lock: every runtime package pinned with its hash, for deployments
lock: $(STAMP)
	$(BIN)/python scripts/lock.py

clean:
	rm -rf $(VENV) out artifacts .mypy_cache .ruff_cache .pytest_cache
