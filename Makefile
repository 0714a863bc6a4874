# Every target bootstraps .venv on first use, so a fresh clone needs only Python 3.11+, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install when the dependency list changes.
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test build publish serve-prod bench mutation screenshots lint clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version.split()[0]'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

$(STAMP)-bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $@

$(STAMP)-mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,mutation]'
	@touch $@

run: $(STAMP)
	$(BIN)/smm serve

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# publish/: the site with the simulator at /simulator/app/ on the same origin, the nginx config
# and the replicas' settings (simulator/publish.py). SMM_APP_URL=https://… points it elsewhere.
publish: $(STAMP)
	$(BIN)/python -m simulator.publish build

# The published layout on this machine: nginx (Debian's package, run as you, with its own config
# and temp folders) in front of REPLICAS Streamlit processes (default 2), on http://localhost:PORT/.
serve-prod: $(STAMP)
	@test -x /usr/sbin/nginx || { echo "make serve-prod needs nginx: sudo apt-get install -y --no-install-recommends nginx" >&2; exit 1; }
	$(BIN)/python -m simulator.publish serve --replicas $(or $(REPLICAS),2) --port $(or $(PORT),8080)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)-bench
	$(BIN)/python -m bench

# Mutation score per area (bench/mutation.py): a seeded sample of SAMPLE mutants per area (80
# unless given), run as one mutmut run with JOBS workers (2 unless given): about half an hour on
# this machine's two cores. FULL=1 runs every mutant instead (about ten hours here; the results
# file gives the estimate), AREAS=engine,cli picks areas. Not part of `make test`.
mutation: $(STAMP)-mutation
	$(BIN)/python -m bench.mutation $(if $(AREAS),--areas $(AREAS)) $(if $(FULL),,--sample $(or $(SAMPLE),80)) --jobs $(or $(JOBS),2)

screenshots: $(STAMP)
	$(BIN)/python -m scripts.screenshots

clean:
	rm -rf $(VENV) site publish .pytest_cache .hypothesis mutants
