"""Shared test settings and helpers.

- matplotlib draws off screen (Agg) in every test.
- ``raises(match)``: the ValueError a bad argument must raise, its message matched by regex
  (``from conftest import raises``).
- Under CI (CI=true) hypothesis draws the same examples on every run (derandomize), so a red
  CI is reproducible with `CI=true make test`; on a developer's machine it explores afresh.
"""
import os

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


def raises(match):
    """``with raises("step_size: expected"):`` -- a ValueError whose message matches."""
    return pytest.raises(ValueError, match=match)
