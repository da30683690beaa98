"""Datasets for the notebooks: toy 2-D sets, a 1-D regression and the 8x8 digits.

Everything is seeded (``np.random.default_rng(seed)``: same seed, bit-identical arrays)
and nothing is downloaded: the digits ship with the package in ``data/digits.npz``.

Classification sets follow the lecture: ``y`` in {-1, +1} and a predictor is right when
``sign(f(x)) == y``. All 2-D sets are centred at the origin and lie roughly inside
[-1.5, 1.5]^2, so one plotting plane suits all of them.
"""

from pathlib import Path

import numpy as np

from ._checks import (
    bad,
    check_choice,
    check_finite_array,
    check_nonnegative_float,
    check_open_interval,
    check_positive_int,
    check_seed,
)

CLASSIFICATION_DATASETS = ("linear", "xor", "circle", "gaussians", "moons", "spiral")
DATASETS = CLASSIFICATION_DATASETS + ("sine",)

LINEAR_W = (0.6, 0.8)  # the true w of "linear": y = sign(w . x), a line through the origin

_DIGITS_FILE = Path(__file__).with_name("data") / "digits.npz"
_digits_cache = None  # (X, y), read-only, filled by the first load_digits()


# --- clean 2-D point clouds: labels y (n,) in {-1,+1} -> points X (n, 2) ---


def _linear(y, rng):
    """Two classes on either side of the line w.x = 0, w = LINEAR_W, gap 0.1 to each side.

    x = t w + s w_perp with t = y * U(0.1, 1), s ~ U(-1, 1); so sign(w . x) = y.
    y: (n,) -> X: (n, 2), |x_i| <= 1.4.
    """
    w = np.array(LINEAR_W)
    w_perp = np.array([-w[1], w[0]])
    t = y * rng.uniform(0.1, 1.0, len(y))
    s = rng.uniform(-1.0, 1.0, len(y))
    return t[:, None] * w + s[:, None] * w_perp


def _xor(y, rng):
    """Four round clusters, one per quadrant: y = sign(x1 * x2).

    Cluster centres (+-0.6, +-0.6), radius 0.35, so every point is >= 0.25 from the axes
    and |x1 + x2| >= 0.70 for y = +1 but <= 0.50 for y = -1: the band |x1 + x2| < 0.6
    (two hidden units) separates the clean set.
    y: (n,) -> X: (n, 2), |x_i| <= 0.95.
    """
    n = len(y)
    side = rng.choice([-1.0, 1.0], n)
    centre = 0.6 * np.column_stack([side, side * y])
    return centre + _uniform_disk(n, 0.0, 0.35, rng)


def _circle(y, rng):
    """y = +1 inside the disk r <= 0.5, y = -1 in the ring 0.8 <= r <= 1.2 (r = |x|).

    y: (n,) -> X: (n, 2), |x| <= 1.2.
    """
    inner = _uniform_disk(len(y), 0.0, 0.5, rng)
    ring = _uniform_disk(len(y), 0.8, 1.2, rng)
    return np.where(y[:, None] > 0, inner, ring)


def _gaussians(y, rng):
    """Two Gaussian blobs: x ~ N(y * (0.6, 0.6), 0.2^2 I).

    y: (n,) -> X: (n, 2), |x_i| <~ 1.4.
    """
    return 0.6 * y[:, None] * np.ones(2) + 0.2 * rng.standard_normal((len(y), 2))


def _moons(y, rng):
    """Two interleaving half circles of radius 0.8 (scikit-learn's moons, centred, x0.8).

    y = +1: upper half circle around (-0.4, -0.2); y = -1: lower half around (0.4, 0.2).
    y: (n,) -> X: (n, 2), x1 in [-1.2, 1.2], x2 in [-0.6, 0.6].
    """
    angle = rng.uniform(0.0, np.pi, len(y))
    arc = 0.8 * np.column_stack([np.cos(angle), np.sin(angle)])
    upper = np.array([-0.4, -0.2]) + arc
    lower = np.array([0.4, 0.2]) - arc
    return np.where(y[:, None] > 0, upper, lower)


def _spiral(y, rng):
    """Two interleaved spirals of 1.5 turns (like TensorFlow Playground's).

    s ~ U(0, 1): radius r = 1.3 s, angle = 3 pi s (+ pi for y = -1),
    x = r (cos angle, sin angle). Neighbouring arms are 1.3 / 3 = 0.43 apart.
    y: (n,) -> X: (n, 2), |x| <= 1.3.
    """
    s = rng.uniform(0.0, 1.0, len(y))
    angle = 3.0 * np.pi * s + np.where(y > 0, 0.0, np.pi)
    return 1.3 * s[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])


def _uniform_disk(n, r_min, r_max, rng):
    """n points uniform (in area) in the ring r_min <= |x| <= r_max: -> (n, 2)."""
    r = np.sqrt(rng.uniform(r_min**2, r_max**2, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    return r[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])


_GENERATORS = {
    "linear": _linear,
    "xor": _xor,
    "circle": _circle,
    "gaussians": _gaussians,
    "moons": _moons,
    "spiral": _spiral,
}


def _check_same_length(a, b, name_a, name_b):
    """``len(b) == len(a)``: one entry of b per row of a."""
    if len(a) != len(b):
        raise bad(name_b, f"{len(a)} entries (one per row of {name_a})", len(b))


# --- public API ---


def make_dataset(name, n=200, noise=0.1, seed=0):
    """A seeded toy dataset: 2-D classification or 1-D regression ("sine").

    Classification (name in CLASSIFICATION_DATASETS): x = clean point + noise * N(0, I),
    y in {-1, +1}, ceil(n/2) of them +1, in shuffled order.
    Regression ("sine"): x ~ U(-1, 1), y = sin(pi x) + noise * N(0, 1).
    The clean points depend only on (name, n, seed), so changing ``noise`` moves the
    same points; noise=0 gives the clean set.

    name: one of DATASETS. n: number of examples (int >= 1). noise: std of the Gaussian
    noise (>= 0, in the units of x for classification, of y for "sine"). seed: int >= 0
    or None (fresh randomness).
    Returns X: (n, 2) float64 and y: (n,) float64 in {-1.0, +1.0}, or for "sine"
    X: (n, 1) float64 and y: (n,) float64.
    """
    name = check_choice(name, "name", DATASETS)
    n = check_positive_int(n, "n")
    noise = check_nonnegative_float(noise, "noise")
    seed = check_seed(seed)

    rng = np.random.default_rng(seed)
    if name == "sine":
        X = rng.uniform(-1.0, 1.0, (n, 1))
        y = np.sin(np.pi * X[:, 0]) + noise * rng.standard_normal(n)
        return X, y
    n_pos = n - n // 2
    y = np.where(rng.permutation(n) < n_pos, 1.0, -1.0)
    X = _GENERATORS[name](y, rng) + noise * rng.standard_normal((n, 2))
    return X, y


def load_digits():
    """The 8x8 handwritten digits (UCI optdigits test set, as shipped by scikit-learn).

    x = pixel counts / 16, one row per image (row-major 8x8; ``X[i].reshape(8, 8)``).
    Returns X: (1797, 64) float64 in [0, 1] and y: (1797,) int64 in 0..9.
    Loaded once and cached; each call returns fresh copies.
    """
    global _digits_cache
    if _digits_cache is None:
        with np.load(_DIGITS_FILE) as archive:
            X = archive["pixels"].astype(np.float64) / 16.0
            y = archive["labels"].astype(np.int64)
        X.flags.writeable = False
        y.flags.writeable = False
        _digits_cache = (X, y)
    X, y = _digits_cache
    return X.copy(), y.copy()


def train_test_split(X, y, test_fraction=0.25, seed=0):
    """Split the examples at random into a training and a test set.

    n_test = round(n * test_fraction) (Python's round), clipped to [1, n - 1];
    a seeded permutation puts the first n_test examples in the test set.
    X: (n, d), y: (n,), test_fraction in (0, 1), seed: int >= 0 or None.
    Returns X_train: (n - n_test, d), X_test: (n_test, d), y_train: (n - n_test,),
    y_test: (n_test,), copies with the dtypes of X and y.
    """
    X = check_finite_array(X, "X", ndim=2)
    y = check_finite_array(y, "y", ndim=1)
    _check_same_length(X, y, "X", "y")
    test_fraction = check_open_interval(test_fraction, "test_fraction", 0, 1)
    seed = check_seed(seed)
    n = len(X)
    if n < 2:
        raise bad("X", "at least 2 examples (rows) to split", got=f"{n}")

    n_test = min(max(round(n * test_fraction), 1), n - 1)
    order = np.random.default_rng(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]
