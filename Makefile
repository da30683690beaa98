# deeplearn: feedforward neural networks, taught in Jupyter notebooks.
#
#   make lab    set everything up, then start JupyterLab on notebooks/00_roadmap.ipynb
#   make test   set everything up, then lint (ruff) and run the tests: unit tests, claims and
#               every notebook (nbval strict); make test-browser runs the browser tests
#   make help   every target
#
# A fresh machine needs only Python >= 3.10 (with its venv module) and make: the targets
# create $(VENV) if it is missing, install pip in it and this package editable with what
# the target needs, every package at the exact version pinned in constraints.txt (`make
# lock` regenerates that file; pyproject.toml keeps the ranges for `pip install` users).
# The install is redone only when pyproject.toml or constraints.txt changes (stamp files
# $(VENV)/.installed-*).
#
# Variables (override on the command line, e.g. `make lab PORT=9000`):
#   PYTHON       interpreter used to create the venv       (default: python3)
#   VENV         the virtual environment's folder           (default: .venv)
#   PORT         JupyterLab's port on 127.0.0.1              (default: 8888)
#   NOTEBOOK     notebook that `make lab` opens              (default: notebooks/00_roadmap.ipynb)
#   LAB_ARGS     extra arguments for `jupyter lab`, e.g. LAB_ARGS=--no-browser
#   PYTEST_ARGS  extra arguments for pytest, e.g. PYTEST_ARGS='-x tests/test_models.py'
#   JOBS         pytest worker processes for make test / test-perturbed (default: auto,
#                one per core, pytest-xdist); JOBS=1 runs the suite in one process
#   USER_UID     user id deciding --allow-root (default: `id -u`; --allow-root only for 0)
#   LOCK         the pip constraints file installs use       (default: constraints.txt;
#                LOCK= installs from pyproject.toml's ranges instead, e.g. on a Python
#                the pinned versions do not support)
#   DL_PERTURB   noise seed of `make test-perturbed`         (default: 1)
#   BENCH_ARGS   extra arguments for tools/bench.py, e.g. BENCH_ARGS=--quick
#   NOTEBOOKS    notebooks for `make notebooks` / `make bench-notebooks` (default: all)

PYTHON      ?= python3
VENV        ?= .venv
PORT        ?= 8888
NOTEBOOK    ?= notebooks/00_roadmap.ipynb
LAB_ARGS    ?=
PYTEST_ARGS ?=
USER_UID    ?= $(shell id -u)
LOCK        ?= constraints.txt
DL_PERTURB  ?= 1
BENCH_ARGS  ?=
NOTEBOOKS   ?=
JOBS        ?= auto

VENV_PY    := $(VENV)/bin/python
comma      := ,
# Jupyter refuses to run as root unless told to; say so only when we ARE root (containers, CI).
ALLOW_ROOT  = $(if $(filter 0,$(strip $(USER_UID))),--allow-root)
LAB_URL     = http://127.0.0.1:$(PORT)/lab/tree/$(NOTEBOOK)

# One BLAS thread: the lecture's matrices are tiny, so threads only add overhead (and on a
# busy 2-core machine they slow notebooks down many times); results are the same.
export OMP_NUM_THREADS      ?= 1
export OPENBLAS_NUM_THREADS ?= 1
export MKL_NUM_THREADS      ?= 1

# pytest on JOBS workers; each test module and each notebook (its cells share one kernel)
# stays on one worker (--dist loadscope), taken in collection order, the longest first
# (tests/conftest.py).
PYTEST_JOBS = $(if $(filter 1,$(strip $(JOBS))),,-n $(JOBS) --dist loadscope --no-loadscope-reorder)

# The browser tests (pytest marker `browser`: JupyterLab and the handouts in headless
# Chromium, a system package the project does not install) have their own target,
# test-browser; make test and test-perturbed need Python only.
NOT_BROWSER = -m "not browser"

# Exits non-zero unless the interpreter it runs in is Python >= 3.10.
CHECK_PY   := import sys; sys.exit(sys.version_info < (3, 10))

# What `make lint` checks.
LINT_PATHS := deeplearn_helpers tests notebooks benchmarks tools

# pip's constraint option for every install (nothing when LOCK is empty).
PIP_LOCK    = $(if $(LOCK),-c $(LOCK) )

.PHONY: help test lint lint-fix test-browser test-perturbed lab bench bench-notebooks notebooks lock \
        slides clean distclean

help:
	@echo "make lab             set up and start JupyterLab on $(NOTEBOOK) (PORT=$(PORT))"
	@echo "make test            set up, lint, and run the tests: unit tests, claims, every notebook (nbval strict)"
	@echo "make test-browser    the browser tests: decks presented, the playground played and the handout"
	@echo "                     opened in headless Chromium (needs /usr/bin/chromium; CI runs it)"
	@echo "make lint            ruff over $(LINT_PATHS)"
	@echo "make lint-fix        let ruff fix what it can (then re-read the diff)"
	@echo "make test-perturbed  make test's tests with rounding perturbed: initial parameters x (1 + 1e-12 noise),"
	@echo "                     numpy's AVX2/AVX-512 kernels off (DL_PERTURB=$(DL_PERTURB) is the noise seed)"
	@echo "make bench           set up (adds torch==2.13.0), run benchmarks/ and time the notebooks,"
	@echo "                     as the machine is and with numpy's AVX-512 kernels off (BENCH_ARGS=--quick)"
	@echo "make bench-notebooks each notebook's nbval time (kernel start included), both ways"
	@echo "make notebooks       re-execute the notebooks in place (NOTEBOOKS='notebooks/01_*.ipynb' for some)"
	@echo "make slides          static reveal.js handouts in build/slides/, offline (npm fetches reveal.js once)"
	@echo "make lock            regenerate $(or $(LOCK),constraints.txt): exact versions of everything make test/lab install"
	@echo "make clean           remove caches and install stamps;  make distclean  also removes $(VENV)"

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

# pip install -e '.[EXTRAS]' into the venv, pip itself first, every package at its version
# in $(LOCK); $(1) is the extras (or empty).
define install
@$(VENV_PY) -c '$(CHECK_PY)' || { \
  echo "error: $(VENV) was made with Python < 3.10; remove it (make distclean) and retry" >&2; \
  exit 1; }
$(VENV_PY) -m pip install $(PIP_LOCK)--upgrade pip
$(VENV_PY) -m pip install $(PIP_LOCK)-e '.$(if $(1),[$(1)])'$(if $(LOCK), || { \
  echo "error: pip could not install the versions pinned in $(LOCK) (made with" \
       "$$(sed -n 's/^# Made with \(Python [0-9.]*\).*/\1/p' $(LOCK))) into $(VENV)" \
       "which has $$($(VENV_PY) --version)." >&2; \
  echo "       Use that Python (make distclean; make $(or $(MAKECMDGOALS),test) PYTHON=...)" \
       "or install from pyproject.toml's ranges: make $(or $(MAKECMDGOALS),test) LOCK=" >&2; \
  exit 1; })
@echo "$(LOCK)" > $@
endef

ifneq ($(LOCK),)
$(LOCK):
	@echo "error: $(LOCK) is missing; regenerate it with: make lock" >&2; exit 1
endif

$(VENV)/.installed-test: pyproject.toml $(LOCK) | $(VENV_PY)
	$(call install,test)

$(VENV)/.installed-lab: pyproject.toml $(LOCK) | $(VENV_PY)
	$(call install,)

# The benchmarks time the notebooks too (nbval), so bench gets the test extra as well.
$(VENV)/.installed-bench: pyproject.toml $(LOCK) | $(VENV_PY)
	$(call install,test$(comma)bench)

# --- the targets ------------------------------------------------------------------------

# Lint first (quick, and the most common failure), then the tests: tests/ (but the browser
# tests) and every notebook under nbval strict (see addopts in pyproject.toml).
test: lint
	$(VENV_PY) -m pytest $(PYTEST_JOBS) $(NOT_BROWSER) $(PYTEST_ARGS)

# The end-to-end tests in headless Chromium (tests/test_browser*.py, test_slides_export.py):
# a lecturer's decks presented slide by slide, the playground played, the handout opened.
test-browser: $(VENV)/.installed-test
	$(VENV_PY) -m pytest $(PYTEST_JOBS) -m browser tests $(PYTEST_ARGS)

# ruff (configured in pyproject.toml); on findings, what to do next.
lint: $(VENV)/.installed-test
	@$(VENV)/bin/ruff check --output-format concise $(LINT_PATHS) || { \
	  echo "" >&2; \
	  echo "make lint: ruff found the problems listed above (file:line:col: rule message), by rule:" >&2; \
	  $(VENV)/bin/ruff check --statistics $(LINT_PATHS) >&2 || true; \
	  echo "Fix each at its file:line (a rule's meaning: $(VENV)/bin/ruff rule E501)." \
	       "Those marked [*] ruff can fix itself: make lint-fix, then read the diff." >&2; \
	  exit 1; }
	@echo "make lint: ruff is clean over $(LINT_PATHS)"

lint-fix: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)

# make test's tests again with floating-point rounding perturbed (tools/perturbed.py): every
# initial parameter x (1 + 1e-12 N(0,1)) in pytest and in every notebook kernel, and numpy's
# AVX2/AVX-512 kernels off. Outputs that nbval compares must not notice.
test-perturbed: $(VENV)/.installed-test
	DL_PERTURB=$(DL_PERTURB) $(VENV_PY) tools/perturbed.py $(PYTEST_JOBS) $(NOT_BROWSER) $(PYTEST_ARGS)

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

# Static reveal.js handouts in build/slides/ that open offline (reveal.js, MathJax 2,
# require.js, jQuery from their npm packages, fetched once with npm; see tools/make_slides.py).
slides: $(VENV)/.installed-test
	$(VENV_PY) tools/make_slides.py $(NOTEBOOKS)

# Every script in benchmarks/ and the notebook times, each as the machine is and with numpy's
# AVX-512 kernels off (tools/bench.py; OpenBLAS's own settings are left alone).
bench: $(VENV)/.installed-bench
	$(VENV_PY) tools/bench.py $(BENCH_ARGS)

bench-notebooks: $(VENV)/.installed-test
	$(VENV_PY) tools/time_notebooks.py $(NOTEBOOKS)

# Regenerate the pins: a fresh venv in a temporary folder, made with $(PYTHON), where
# pip installs '.[test]' from pyproject.toml's ranges; then pip freeze (tools/lock.py).
lock:
	$(PYTHON) tools/lock.py --python $(PYTHON) --output $(or $(LOCK),constraints.txt)

clean:
	rm -rf build dist *.egg-info .pytest_cache .hypothesis test-artifacts
	rm -f $(VENV)/.installed-*
	find . \( -path ./.git -o -path ./.venv -o -path ./$(VENV) \) -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints \) \
	  -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
