# Ý Kiến — the two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp
# Front-end libraries (Leaflet, its marker clusters; axe-core for the browser tests) from the npm
# registry, as package-lock.json pins them; Django serves them from node_modules (settings.py).
NODE_STAMP := node_modules/.installed-stamp

.PHONY: demo test install system-deps messages bench screenshots clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { scripts/system-deps.sh --venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || scripts/system-deps.sh --node
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: install Node.js and npm (Debian: nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

system-deps:
	@scripts/system-deps.sh

demo: $(STAMP) $(NODE_STAMP) system-deps
	$(BIN)/ykien demo --port $(PORT)

test: $(STAMP) $(NODE_STAMP)
	@scripts/system-deps.sh --e2e
	BIN=$(BIN) scripts/test.sh

# The staff areas' screenshots in docs/staff/, taken by the browser test that tours every demo role.
screenshots: $(STAMP) $(NODE_STAMP)
	@scripts/system-deps.sh --e2e
	YKIEN_TESTING=1 YKIEN_DOC_SCREENSHOTS=1 $(BIN)/pytest tests/e2e/test_e2e_staff_tour.py -q

messages: $(STAMP)
	cd ykien && ../$(BIN)/ykien makemessages -l en --no-obsolete --no-location && ../$(BIN)/ykien compilemessages

clean:
	rm -rf $(VENV) var node_modules .pytest_cache .mypy_cache .ruff_cache

# Benchmarks (not part of `make test`): each prints RESULT lines.
bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench,cluster]'
	$(BIN)/python bench/duplicates.py
	$(BIN)/python bench/opinion_groups.py
	$(BIN)/python bench/pickers.py
