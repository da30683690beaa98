"""Argument checks shared by the whole package (numpy only); lessons use them too.

One dialect: a bad argument raises ``ValueError("name: expected <allowed>, got <value>")``
before anything changes.  Each check returns the value normalised (a numpy integer becomes
an ``int``, an array-like an array), so callers write ``n = check_int(n, "n")``.
"""
import functools
import math
import numbers

import numpy as np


def is_int(value):
    """True for Python and numpy integers, False for bool (True is not a count)."""
    return isinstance(value, (numbers.Integral, np.integer)) and not isinstance(
        value, (bool, np.bool_))


def is_real(value):
    """True for Python and numpy real numbers, False for bool."""
    return isinstance(value, (numbers.Real, np.floating, np.integer)) and not isinstance(
        value, (bool, np.bool_))


def bad(name, expected, value=None, got=None):
    """The ValueError of the one dialect: ``name: expected <expected>, got <value!r>``.

    got: a description to show instead of repr(value), e.g. "shape (3, 2)".
    """
    return ValueError(f"{name}: expected {expected}, got {repr(value) if got is None else got}")


def check_choice(value, name, allowed):
    """``value`` is one of ``allowed`` (strings, or None); returns it."""
    if not any(value is a or (isinstance(value, str) and value == a) for a in allowed):
        raise bad(name, "one of " + ", ".join(str(a) for a in allowed), value)
    return value


def check_int(value, name, low=1):
    """An int >= low (numpy ints fine, bool not); returns an ``int``."""
    if not is_int(value) or value < low:
        raise bad(name, f"an int >= {low}", value)
    return int(value)


def check_number(value, name, low=-math.inf, high=math.inf, bounds="[]"):
    """A finite real number in the interval from low to high; returns a ``float``.

    bounds: "[]", "[)", "(]" or "()", whether each end is included.
    """
    ok = is_real(value) and math.isfinite(value) and (
        (low <= value if bounds[0] == "[" else low < value)
        and (value <= high if bounds[1] == "]" else value < high))
    if not ok:
        if high == math.inf:
            where = f">= {low:g}" if bounds[0] == "[" else f"> {low:g}"
        else:
            where = f"in {bounds[0]}{low:g}, {high:g}{bounds[1]}"
        raise bad(name, f"a finite number {where}", value)
    return float(value)


# Shorthands: an int >= 1; a finite number >= 0; a finite number in the open interval (low, high).
check_positive_int = functools.partial(check_int, low=1)
check_nonnegative_float = functools.partial(check_number, low=0.0)
check_open_interval = functools.partial(check_number, bounds="()")


def check_bool(value, name):
    """True or False (numpy bools fine); returns a ``bool``."""
    if not isinstance(value, (bool, np.bool_)):
        raise bad(name, "True or False", value)
    return bool(value)


def check_seed(value, name="seed"):
    """A seed for ``np.random.default_rng``: None or an int >= 0; returns it."""
    if value is not None and (not is_int(value) or value < 0):
        raise bad(name, "None or an int >= 0", value)
    return None if value is None else int(value)


def check_step_size(step_size, name="step_size"):
    """A step size: a finite number > 0, or a schedule t -> eta_t (checked at t = 1)."""
    if not callable(step_size):
        if not is_real(step_size) or not step_size > 0 or not math.isfinite(step_size):
            raise bad(name, "a finite number > 0 or a schedule t -> eta_t", step_size)
        return float(step_size)
    try:
        eta1 = step_size(1)
    except Exception as e:                              # a schedule that cannot run
        raise bad(name, "a schedule t -> eta_t", got=f"one that failed at t=1: {e}") from None
    check_schedule_value(eta1, 1, name)
    return step_size


def check_schedule_value(eta, t, name="step_size"):
    """eta_t, a schedule's value at t: a finite number > 0; returns a ``float``."""
    if not (is_real(eta) and eta > 0 and math.isfinite(eta)):
        raise bad(name, "a finite number > 0 from the schedule", got=f"{eta!r} at t={t}")
    return float(eta)


def check_finite_array(a, name, ndim=None):
    """A numeric array (of ``ndim`` dims if given) without NaN/inf; returns np.asarray(a)."""
    try:
        a = np.asarray(a)
    except (ValueError, TypeError):                     # ragged nested lists
        raise bad(name, "a numeric array", got="a ragged sequence") from None
    if a.dtype.kind not in "biuf":
        raise bad(name, "a numeric array", got=f"dtype {a.dtype}")
    if ndim is not None and a.ndim != ndim:
        raise bad(name, f"a {ndim}-D array", got=f"shape {a.shape}")
    if a.dtype.kind == "f" and not np.isfinite(a).all():
        raise bad(name, "finite numbers", got="NaN or inf")
    return a


def check_X(X, input_dim, name="X"):
    """Inputs of a model: finite numbers of shape (n, input_dim), n >= 1; returns float64."""
    X = check_finite_array(X, name)
    if X.dtype.kind == "b":
        raise bad(name, "a numeric array", got="dtype bool")
    if X.ndim != 2 or X.shape[1] != input_dim or X.shape[0] == 0:
        raise bad(name, f"shape (n, {input_dim}) with n >= 1", got=f"shape {X.shape}")
    return X.astype(np.float64, copy=False)
