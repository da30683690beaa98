# deeplearn: feedforward neural networks, taught in Jupyter notebooks.
#
#   make lab    set everything up, then start JupyterLab on notebooks/00_roadmap.ipynb
#   make test   set everything up, then run all tests (unit tests + every notebook, nbval strict)
#
# A fresh machine needs only Python >= 3.10 (with its venv module) and make: the targets
# create $(VENV) if it is missing, upgrade pip in it and install this package editable
# with what the target needs. The install is redone only when pyproject.toml changes
# (stamp files $(VENV)/.installed-*).
#
# Variables (override on the command line, e.g. `make lab PORT=9000`):
#   PYTHON       interpreter used to create the venv       (default: python3)
#   VENV         the virtual environment's folder           (default: .venv)
#   PORT         JupyterLab's port on 127.0.0.1              (default: 8888)
#   NOTEBOOK     notebook that `make lab` opens              (default: notebooks/00_roadmap.ipynb)
#   LAB_ARGS     extra arguments for `jupyter lab`, e.g. LAB_ARGS=--no-browser
#   PYTEST_ARGS  extra arguments for pytest, e.g. PYTEST_ARGS='-x tests/test_models.py'
#   USER_UID     user id deciding --allow-root (default: `id -u`; --allow-root only for 0)

PYTHON      ?= python3
VENV        ?= .venv
PORT        ?= 8888
NOTEBOOK    ?= notebooks/00_roadmap.ipynb
LAB_ARGS    ?=
PYTEST_ARGS ?=
USER_UID    ?= $(shell id -u)

VENV_PY    := $(VENV)/bin/python
# Jupyter refuses to run as root unless told to; say so only when we ARE root (containers, CI).
ALLOW_ROOT  = $(if $(filter 0,$(strip $(USER_UID))),--allow-root)
LAB_URL     = http://127.0.0.1:$(PORT)/lab/tree/$(NOTEBOOK)

# One BLAS thread: the lecture's matrices are tiny, so threads only add overhead (and on a
# busy 2-core machine they slow notebooks down many times); results are the same.
export OMP_NUM_THREADS      ?= 1
export OPENBLAS_NUM_THREADS ?= 1
export MKL_NUM_THREADS      ?= 1

# Exits non-zero unless the interpreter it runs in is Python >= 3.10.
CHECK_PY   := import sys; sys.exit(sys.version_info < (3, 10))

.PHONY: help test lab bench notebooks clean distclean

help:
	@echo "make lab     set up and start JupyterLab on $(NOTEBOOK) (PORT=$(PORT))"
	@echo "make test    set up and run all tests (unit tests + every notebook, nbval strict)"
	@echo "make bench   set up (adds torch==2.13.0) and run the benchmarks in benchmarks/"
	@echo "make notebooks  re-execute the notebooks in place (NOTEBOOKS='notebooks/01_*.ipynb' for some)"
	@echo "make clean   remove caches and install stamps;  make distclean  also removes $(VENV)"

# --- set-up -----------------------------------------------------------------------------

$(VENV_PY):
	@$(PYTHON) -c '$(CHECK_PY)' 2>/dev/null || { \
	  echo "error: deeplearn needs Python >= 3.10, but PYTHON=$(PYTHON) is:" \
	       "$$($(PYTHON) --version 2>&1 || true)" >&2; \
	  echo "       Install Python 3.10 or newer and pass it, e.g.: make $(or $(MAKECMDGOALS),test) PYTHON=python3.12" >&2; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "error: could not create $(VENV) with $(PYTHON) (Debian/Ubuntu: apt-get install python3-venv)" >&2; \
	  exit 1; }

# pip install -e '.[EXTRA]' into the venv, after upgrading pip; $(1) is the extra (or empty).
define install
@$(VENV_PY) -c '$(CHECK_PY)' || { \
  echo "error: $(VENV) was made with Python < 3.10; remove it (make distclean) and retry" >&2; \
  exit 1; }
$(VENV_PY) -m pip install --upgrade pip
$(VENV_PY) -m pip install -e '.$(if $(1),[$(1)])'
@touch $@
endef

$(VENV)/.installed-test: pyproject.toml | $(VENV_PY)
	$(call install,test)

$(VENV)/.installed-lab: pyproject.toml | $(VENV_PY)
	$(call install,)

$(VENV)/.installed-bench: pyproject.toml | $(VENV_PY)
	$(call install,bench)

# --- the targets ------------------------------------------------------------------------

# All tests: tests/ and every notebook under nbval strict (see addopts in pyproject.toml).
test: $(VENV)/.installed-test
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

# JupyterLab on 127.0.0.1 only, with a token made fresh at each launch (passed through the
# environment, so it does not show in `ps`).
lab: $(VENV)/.installed-lab
	@TOKEN=$$($(VENV_PY) -c 'import secrets; print(secrets.token_hex(24))') && \
	echo "" && \
	echo "Open: $(LAB_URL)?token=$$TOKEN" && \
	echo "" && \
	export JUPYTER_TOKEN="$$TOKEN" && \
	exec $(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
	  --ServerApp.port_retries=0 --ServerApp.root_dir="$(CURDIR)" $(ALLOW_ROOT) \
	  $(LAB_ARGS) $(wildcard $(NOTEBOOK))

# Re-execute every notebook in place (after changing what they call), then commit them.
notebooks: $(VENV)/.installed-test
	$(VENV_PY) tools/execute_notebooks.py $(NOTEBOOKS)

bench: $(VENV)/.installed-bench
	$(VENV_PY) benchmarks/bench_train.py
	$(VENV_PY) benchmarks/bench_playground.py

clean:
	rm -rf build dist *.egg-info .pytest_cache .hypothesis test-artifacts
	rm -f $(VENV)/.installed-*
	find . \( -path ./.git -o -path ./.venv -o -path ./$(VENV) \) -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints \) \
	  -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
