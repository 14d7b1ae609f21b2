# The Information Sharing Hub. `make serve` to preview, `make test` to test.
# Every target creates and reuses its own virtual environment in .venv.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# MkDocs prints a notice about its 2.0 release (see README, "What is coming");
# the tests and CI hush it, a maintainer's preview does not.
TESTENV := NO_MKDOCS_2_WARNING=1
# One test worker more than there are cores: the browser tests wait on Chromium, a
# process of its own, and the extra worker keeps the cores busy meanwhile. Workers
# take tests from one another when they run out (worksteal), so none sits idle at
# the end while another still has a queue.
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
PYTEST := $(PY) -m pytest -q -n $(WORKERS) --dist worksteal
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install install-test serve build check themes new schemas test test-fast lint format screenshots bench browser-deps clean

help:
	@echo "make serve        preview the site with live reload on http://$(HOST)/"
	@echo "make build        strict build of the site into site/"
	@echo "make check        check all content in a few seconds, without a build"
	@echo "make new TYPE=post|case-study|guidance TITLE=\"...\"   start a new item from its template"
	@echo "make themes [FILES=\"a.md b.md\"] [FORMAT=json]        explain every item's themes"
	@echo "make schemas      rewrite schemas/*.schema.json and the field reference in CONTRIBUTING.md"
	@echo "make test         the whole test suite (installs what it needs, including Chromium)"
	@echo "make screenshots  PNGs of key pages, desktop and mobile, light and dark"
	@echo "make bench        the build benchmark (see docs/about/performance.md)"

# Each command installs only what it needs: the build's dependencies for serve,
# build and check; the test tools for test; the comparison stack for bench.
PIP := $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt

$(VENV)/.installed-build: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-build
	$(PIP) -e ".[test]"
	@touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-build
	$(PIP) -e ".[bench]"
	@touch $@

install: $(VENV)/.installed-build
install-test: $(VENV)/.installed-test

# mkdocs.yml is read by MkDocs with a loader that can run code: the hub reads it
# safely first and refuses Python tags before MkDocs ever sees the file.
PREFLIGHT := $(PY) -m ishub preflight

# --dirty: after the first build, a save rebuilds the changed page and the listings
# it changes, not the whole site (see docs/about/performance.md); --no-strict keeps
# the preview running while a draft still has a warning (make build stays strict).
serve: install
	$(PREFLIGHT)
	$(PY) -m mkdocs serve --dev-addr $(HOST) --livereload --dirty --no-strict

build: install
	$(PREFLIGHT)
	$(PY) -m mkdocs build --strict --clean --site-dir site

check: install
	$(PY) -m ishub check

themes: install
	$(PY) -m ishub themes $(if $(FORMAT),--format $(FORMAT)) $(FILES)

new: install
	@test -n "$(TYPE)" -a -n "$(TITLE)" || { echo 'Usage: make new TYPE=post|case-study|guidance TITLE="Our first year"'; exit 2; }
	$(PY) -m ishub new "$(TYPE)" "$(TITLE)"

schemas: install
	$(PY) -m ishub schema

# Debian's Chromium (never a downloaded browser), newsboat for the feed-reader
# test, Debian's Java for the HTML checker, and from the npm registry axe-core
# for the accessibility checks, Lighthouse for the accessibility score (it runs
# Debian's Chromium, downloading none) and vnu-jar (the Nu Html Checker) for HTML validity.
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v newsboat >/dev/null || ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium newsboat default-jre-headless >/dev/null; \
	  else echo "Install Debian's chromium, newsboat and Java: sudo apt-get install chromium newsboat default-jre-headless"; exit 1; fi; fi
	@test -f node_modules/axe-core/axe.min.js -a -f node_modules/vnu-jar/build/dist/vnu.jar -a -f node_modules/lighthouse/package.json || npm ci --no-audit --no-fund --loglevel=error

test: install-test browser-deps
	$(TESTENV) $(PYTEST)

test-fast: install-test
	$(TESTENV) $(PYTEST) -m "not browser"

lint: install-test
	$(PY) -m ruff check hooks tests bench
	$(PY) -m ruff format --check hooks tests bench

format: install-test
	$(PY) -m ruff format hooks tests bench
	$(PY) -m ruff check --fix hooks tests bench

screenshots: install-test browser-deps
	$(TESTENV) $(PY) tests/browser/screenshots.py

bench: $(VENV)/.installed-bench
	$(TESTENV) $(PY) bench/run.py $(ARGS)

clean:
	rm -rf site .pytest_cache screenshots bench/out
