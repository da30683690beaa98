"""Small argument validators shared by the package (numpy only).

Each check raises ``ValueError`` before anything is computed, with a message that names
the parameter and the allowed values, e.g.
``"make_dataset: n must be a positive int, got 0"``. ``where`` (optional) is the calling
function's name, put in front of the message. Each returns the value, normalised (e.g.
a numpy integer becomes a Python ``int``), so callers can write ``n = check_...(n, "n")``.

Keep this a plain list of small functions with docstrings; add new ones at the end.
"""

import numbers

import numpy as np


def _error(where, message):
    """The ValueError to raise: ``"where: message"`` (just ``message`` if where is None)."""
    return ValueError(f"{where}: {message}" if where else message)


def is_int(value):
    """True for Python and numpy integers, False for bool (True is not a count)."""
    return isinstance(value, (numbers.Integral, np.integer)) and not isinstance(
        value, (bool, np.bool_)
    )


def is_real(value):
    """True for Python and numpy real numbers, False for bool."""
    return isinstance(value, (numbers.Real, np.floating, np.integer)) and not isinstance(
        value, (bool, np.bool_)
    )


def check_choice(value, name, allowed, where=None):
    """Check that ``value`` is one of ``allowed`` (a sequence of strings); return it."""
    if not isinstance(value, str) or value not in allowed:
        raise _error(where, f"unknown {name} {value!r}; allowed: {', '.join(allowed)}")
    return value


def check_positive_int(value, name, where=None):
    """Check ``value`` is an int >= 1 (numpy ints fine, bool not); return it as ``int``."""
    if not is_int(value) or value < 1:
        raise _error(where, f"{name} must be a positive int (1, 2, ...), got {value!r}")
    return int(value)


def check_nonnegative_float(value, name, where=None):
    """Check ``value`` is a finite real number >= 0 (bool not); return it as ``float``."""
    if not is_real(value) or not np.isfinite(value) or value < 0:
        raise _error(where, f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def check_open_interval(value, name, low, high, where=None):
    """Check ``low < value < high`` for a finite real ``value`` (bool not); return a float."""
    if not is_real(value) or not np.isfinite(value) or not low < value < high:
        raise _error(where, f"{name} must be a number in ({low}, {high}), got {value!r}")
    return float(value)


def check_seed(value, name="seed", where=None):
    """Check a seed for ``np.random.default_rng``: None or an int >= 0; return it."""
    if value is None:
        return None
    if not is_int(value) or value < 0:
        raise _error(where, f"{name} must be None or an int >= 0, got {value!r}")
    return int(value)


def check_finite_array(a, name, ndim=None, where=None):
    """Check ``a`` is a numeric array (of ``ndim`` dims if given) without NaN/inf.

    a: array-like -> returns np.asarray(a) (no copy if already an array).
    """
    try:
        a = np.asarray(a)
    except (ValueError, TypeError) as err:  # ragged nested lists
        raise _error(where, f"{name} must be a numeric array: {err}") from None
    if a.dtype.kind not in "biuf":
        raise _error(where, f"{name} must be a numeric array, got dtype {a.dtype}")
    if ndim is not None and a.ndim != ndim:
        raise _error(where, f"{name} must be {ndim}-D, got shape {a.shape}")
    if a.dtype.kind == "f" and not np.isfinite(a).all():
        raise _error(where, f"{name} must be finite (no NaN or inf)")
    return a


def check_same_length(a, b, name_a, name_b, where=None):
    """Check ``len(a) == len(b)`` (same number of examples, the first axis)."""
    if len(a) != len(b):
        raise _error(
            where, f"{name_a} and {name_b} must have the same length, got {len(a)} and {len(b)}"
        )
