# sec-redline: `make demo` runs the MP087 example, `make test` the whole suite.
# Both create .venv and install what they need (system packages too, for tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out/mp087
EXAMPLE := examples/mp087

.PHONY: demo demo-multi test test-fast check bench venv system-deps clean help

help:
	@echo "make demo   - build the MP087 Annex A redline and Modification Report into $(OUT)/"
	@echo "make demo-multi - the illustrative MP900 example: one modification across Section A, Section G"
	@echo "             and Appendix AD, into out/mp900/"
	@echo "make test   - install test dependencies (LibreOffice included) and run every test"
	@echo "make test-fast - the tests to run often (under a minute): leaves out the hostile, libreoffice,"
	@echo "             browser and slow families (pytest markers); make test runs them all"
	@echo "make check  - lint (ruff) and type-check (mypy) the code"
	@echo "make bench  - measure speed and memory (benchmarks/run.py)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install whenever pyproject.toml changes.  The venv's own pip is used as it comes (no self-upgrade: a
# fresh venv reaches no further than the packages sec-redline needs); editable installs need pip 21.3 or later.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(BIN)/sec-redline redline $(EXAMPLE)/section-G-6.17.txt $(EXAMPLE)/mp087.changes.yaml -o $(OUT)
	$(BIN)/sec-redline apply $(EXAMPLE)/section-G-6.17.txt $(EXAMPLE)/mp087.changes.yaml -o $(OUT)/section-G.amended.txt
	$(BIN)/sec-redline report $(EXAMPLE)/mp087.report.yaml --changes $(EXAMPLE)/mp087.changes.yaml --base $(EXAMPLE)/section-G-6.17.txt -o $(OUT)
	@echo
	@echo "MP087 outputs are in $(OUT)/:"
	@ls -1 $(OUT) | sed 's/^/  /'
	@echo
	@echo "To browse versions in a web browser (docs/serve.md), record the example release in a store, then serve it:"
	@echo "  $(BIN)/sec-redline release examples/release/release.yaml -o out/release --store out/versions.sqlite"
	@echo "  $(BIN)/sec-redline serve --store out/versions.sqlite    # open http://127.0.0.1:8765/ ; Ctrl-C stops"

MULTI := examples/mp900-multi
demo-multi: venv
	$(BIN)/sec-redline redline $(MULTI)/base $(MULTI)/mp900.changes.yaml -o out/mp900/annex
	$(BIN)/sec-redline apply $(MULTI)/base $(MULTI)/mp900.changes.yaml -o out/mp900/amended
	$(BIN)/sec-redline diff $(MULTI)/base out/mp900/amended
	$(BIN)/sec-redline verify out/mp900/annex/annex-a.docx $(MULTI)/base
	$(BIN)/sec-redline report $(MULTI)/mp900.report.yaml --changes $(MULTI)/mp900.changes.yaml --base $(MULTI)/base \
		--documents modification-report -o out/mp900/report

# LibreOffice (headless Writer + its Python bridge) checks our Word output; poppler-utils' pdftotext reads
# our PDFs back as a user would copy them, and pdftoppm renders pages; Chromium (headless) drives the HTML
# comparison page.
system-deps:
	@if command -v soffice >/dev/null 2>&1 && /usr/bin/python3 -c 'import uno' >/dev/null 2>&1 \
	    && command -v pdftotext >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1; then \
	  echo "LibreOffice, python3-uno, poppler-utils and Chromium are installed"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui python3-uno poppler-utils chromium fonts-liberation2 fonts-dejavu-core >/dev/null; \
	else \
	  echo "LibreOffice, poppler-utils or Chromium is missing: run 'sudo make system-deps' (their tests will be skipped)"; \
	fi

test: venv system-deps
	$(BIN)/python -m pytest

test-fast: venv
	$(BIN)/python -m pytest -m "not hostile and not libreoffice and not browser and not slow"


clean:
	rm -rf out .pytest_cache .hypothesis

# The comparison benchmark runs docx-trackdiff beside us: a bench-only extra, not a dependency.
$(VENV)/.bench-installed: pyproject.toml | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

bench: venv $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks.run

# Lint, types and complexity: ruff (rules in pyproject.toml), mypy (strict for both packages) and radon (at most
# three blocks ranked E or F, each explained: tools/complexity.py), installed into .venv.
$(VENV)/.check-installed: pyproject.toml | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,check]'
	touch $@

check: $(VENV)/.check-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python tools/complexity.py legal_text sec_redline
