# The two commands of the README: `make build` (set up and build) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: build test validate lock clean

build: $(VENV)/.installed
	$(BIN)/endofwar build

test: $(VENV)/.installed
	$(BIN)/python -m pytest

validate: $(VENV)/.installed
	$(BIN)/endofwar validate

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Re-lock the exact versions after changing the ranges in pyproject.toml (the test and dask extras
# included: CI runs the corpus build's tests on a real Dask cluster).
lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	{ echo '# Exact versions the published files were built with (Parquet bytes carry the writer version).'; \
	  echo '# Regenerate after a deliberate upgrade: make lock'; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) .staging
