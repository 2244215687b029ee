# The two Quickstart commands: `make demo` and `make test`. Everything lives in .venv.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-test lint bench docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	bash scripts/setup-system.sh

demo: install
	bash scripts/demo.sh $(BIN)

test: install-test
	bash scripts/test.sh $(BIN)

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: install-test
	$(BIN)/pytest -m slow -p no:cacheprovider benchmarks tests

# Rewrite the generated blocks of docs/ from the code (--check: only report what is stale).
docs: install
	$(BIN)/python scripts/gen_docs.py
