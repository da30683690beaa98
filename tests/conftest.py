"""Shared test settings and helpers.

- matplotlib draws off screen (Agg) in every test.
- ``raises(match)``: the ValueError a bad argument must raise, its message matched by regex
  (``from conftest import raises``).
- Under CI (CI=true) hypothesis draws the same examples on every run (derandomize), so a red
  CI is reproducible with `CI=true make test`; on a developer's machine it explores afresh.
- With DL_PERTURB=<seed> in the environment (`make test-perturbed`, tools/perturbed.py) every
  model's initial parameters are multiplied by (1 + 1e-12 * noise) in this process
  (tests/perturb/perturb_init.py; notebook kernels get the same through an IPython startup
  file), and pytest's header says so.
"""
import importlib.util
import os
import sys
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")

# tests/decks/ holds notebooks that the slide tests present (test_slides.py statically,
# test_browser_slides.py in a browser); nbval does not re-run them (their widget cell would
# fail strict nbval by design, see DESIGN.md). One conftest.py only: tests import
# `from conftest import raises`, which a second conftest.py would shadow.
collect_ignore_glob = ["decks/*.ipynb"]

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")


def _load_perturb_init():
    path = Path(__file__).resolve().parent / "perturb" / "perturb_init.py"
    if "perturb_init" in sys.modules:
        return sys.modules["perturb_init"]
    spec = importlib.util.spec_from_file_location("perturb_init", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["perturb_init"] = module
    spec.loader.exec_module(module)
    return module


perturb_init = _load_perturb_init()
PERTURB_SEED = perturb_init.install_from_env()


# The longest modules first.  `make test-browser` (like make test) runs pytest-xdist with
# --dist loadscope and --no-loadscope-reorder: a free worker takes the next module (or
# notebook) in this order, so a long module that came last would keep one worker busy alone
# at the end.
LONGEST_FIRST = ("tests/test_browser_slides.py", "tests/test_browser.py")


def pytest_collection_modifyitems(config, items):
    def rank(item):
        path = item.nodeid.split("::")[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)
    items.sort(key=rank)                    # stable: the rest keeps pytest's order


def pytest_report_header(config):
    if PERTURB_SEED is None:
        return None
    npy = os.environ.get("NPY_DISABLE_CPU_FEATURES", "")
    return [f"rounding perturbed (DL_PERTURB={PERTURB_SEED}): every initial parameter x "
            f"(1 + {perturb_init.SCALE:g} N(0,1)); NPY_DISABLE_CPU_FEATURES={npy!r}"]


@pytest.fixture(autouse=True)
def _matplotlib_settings_restored():
    """Every test starts from the same matplotlib settings: a claims test that runs a
    notebook's first cell calls dl.style("lecture"), which must not leak into the next test."""
    with matplotlib.rc_context():
        yield


@pytest.fixture(autouse=True, scope="module")
def _lecture_style_switched_off():
    """A module-scoped fixture that runs a notebook's first cell switches the lecture style
    on outside any single test's rc_context: switch it off when the module is done."""
    yield
    from deeplearn_helpers.plot.style import style
    style("default")


def raises(match):
    """``with raises("step_size: expected"):`` -- a ValueError whose message matches."""
    return pytest.raises(ValueError, match=match)
