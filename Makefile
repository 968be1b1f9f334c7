# gaptrack: `make run` starts the dashboard, `make test` runs every test.
# Both create .venv with the project and its test dependencies on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test build bench load load-proxy lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/gaptrack serve --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q --durations=10 $(PYTEST_ARGS)

build: $(STAMP)
	$(BIN)/gaptrack build

bench: $(STAMP)
	$(BIN)/python benchmarks/rerun.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/save.py
	$(BIN)/python benchmarks/publish.py
	$(BIN)/python benchmarks/first_paint.py

load: $(STAMP)
	$(BIN)/python benchmarks/load.py --sessions 50 --reruns 20 --servers 1 --rebuilds 3 --floor

load-proxy: $(STAMP)
	$(BIN)/python benchmarks/load.py --sessions 50 --reruns 20 --servers 2 --rebuilds 3 --proxy --target 2.5

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
