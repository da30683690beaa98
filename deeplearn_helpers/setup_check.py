"""A one-line check that the notebooks' environment is complete."""
import importlib
import sys


def check_environment():
    """'ok' line if Python >= 3.10, numpy, matplotlib, ipywidgets and the digits data are there.

    Raises RuntimeError naming what is missing and how to get it (``make lab`` installs all).
    """
    missing = []
    if sys.version_info < (3, 10):  # noqa: UP036  (tells a user of an older Python what to do)
        missing.append(f"Python >= 3.10 (this is {sys.version.split()[0]})")
    for mod in ("numpy", "matplotlib", "ipywidgets"):
        try:
            importlib.import_module(mod)
        except ImportError:
            missing.append(mod)
    from .data import load_digits
    try:
        X, _ = load_digits()
    except OSError:
        missing.append("the digits data file deeplearn_helpers/data/digits.npz")
    if missing:
        raise RuntimeError("missing: " + ", ".join(missing) + "; run `make lab` to set up")
    return f"Environment ok: Python >= 3.10, numpy, matplotlib, ipywidgets, {len(X)} digits."
