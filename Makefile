# Ý Kiến — the two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test install system-deps messages bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { scripts/system-deps.sh --venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

system-deps:
	@scripts/system-deps.sh

demo: $(STAMP) system-deps
	$(BIN)/ykien demo --port $(PORT)

test: $(STAMP)
	@scripts/system-deps.sh --e2e
	BIN=$(BIN) scripts/test.sh

messages: $(STAMP)
	cd ykien && ../$(BIN)/ykien makemessages -l en --no-obsolete --no-location && ../$(BIN)/ykien compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

# Benchmarks (not part of `make test`): each prints RESULT lines.
bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench,cluster]'
	$(BIN)/python bench/duplicates.py
	$(BIN)/python bench/opinion_groups.py
