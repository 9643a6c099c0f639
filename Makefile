# The two commands of the README: `make build` (set up and build) and `make test` (which also
# installs the browser the site tests need, when it can).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: build test browser validate lock clean

build: $(VENV)/.installed
	$(BIN)/endofwar build

test: $(VENV)/.installed browser
	$(BIN)/python -m pytest

# The site tests drive a browser, which pip does not bring (tests/site_browser.py finds one:
# ENDOFWAR_BROWSER, Debian's /usr/bin/chromium, or Playwright's own Chromium), through Playwright's
# driver, which needs libatomic1. Either missing: on Debian, install its chromium and libatomic1
# packages as root or through sudo; elsewhere, without either, or when ENDOFWAR_BROWSER names no
# browser, say in one line what to run.
browser: $(VENV)/.installed
	@$(BIN)/python tests/site_browser.py >/dev/null 2>&1 || { \
	  ID=; [ -r /etc/os-release ] && . /etc/os-release; \
	  if [ -n "$$ENDOFWAR_BROWSER" ] || [ "$$ID" != debian ]; then $(BIN)/python tests/site_browser.py >/dev/null; exit 1; fi; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then SUDO=sudo; \
	  else $(BIN)/python tests/site_browser.py >/dev/null; exit 1; fi; \
	  echo "make test: installing what the site tests need from Debian ($${SUDO:+sudo }apt-get install chromium libatomic1)"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libatomic1 >/dev/null && \
	  $(BIN)/python tests/site_browser.py >/dev/null; }

validate: $(VENV)/.installed
	$(BIN)/endofwar validate

$(VENV)/.installed: pyproject.toml requirements.lock src/endofwar/__init__.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Re-lock the exact versions after changing the ranges in pyproject.toml (the test and dask extras
# included: CI runs the corpus build's tests on a real Dask cluster).
lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,dask,network]'
	{ echo '# Exact versions the published files were built with (Parquet bytes carry the writer version).'; \
	  echo '# Regenerate after a deliberate upgrade: make lock'; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) .staging
