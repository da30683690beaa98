"""Tests for deeplearn_helpers.data: toy datasets, digits, train/test split, bad input."""

import ast
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deeplearn_helpers.data import (
    CLASSIFICATION_DATASETS,
    DATASETS,
    LINEAR_W,
    load_digits,
    make_dataset,
    train_test_split,
)

SEEDS = st.integers(0, 2**32 - 1)
NOISES = st.floats(0.0, 1.0)


def identical(a, b):
    """Bit-identical arrays: same shape, dtype and bytes."""
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


# --- make_dataset: shapes, labels, balance ---


def test_dataset_names():
    assert CLASSIFICATION_DATASETS == ("linear", "xor", "circle", "gaussians", "moons", "spiral")
    assert DATASETS == CLASSIFICATION_DATASETS + ("sine",)


@pytest.mark.parametrize("name", CLASSIFICATION_DATASETS)
@given(n=st.integers(1, 300), noise=NOISES, seed=SEEDS)
@settings(max_examples=30, deadline=None)
def test_classification_shapes_labels_balance(name, n, noise, seed):
    X, y = make_dataset(name, n=n, noise=noise, seed=seed)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.float64
    assert np.isfinite(X).all()
    assert set(np.unique(y)) <= {-1.0, 1.0}
    assert (y == 1.0).sum() == math.ceil(n / 2)  # half and half, +1 gets the odd one


@given(n=st.integers(1, 300), noise=NOISES, seed=SEEDS)
@settings(max_examples=50, deadline=None)
def test_sine_shapes_and_range(n, noise, seed):
    X, y = make_dataset("sine", n=n, noise=noise, seed=seed)
    assert X.shape == (n, 1) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.float64
    assert (X >= -1).all() and (X <= 1).all()


def test_default_n_is_200():
    X, y = make_dataset("xor")
    assert X.shape == (200, 2) and y.shape == (200,)


@pytest.mark.parametrize("name", CLASSIFICATION_DATASETS)
def test_n_equals_one_still_valid(name):
    X, y = make_dataset(name, n=1, seed=3)
    assert X.shape == (1, 2) and y.shape == (1,)
    assert y[0] in (-1.0, 1.0) and np.isfinite(X).all()


@pytest.mark.parametrize("name", CLASSIFICATION_DATASETS)
def test_classes_are_interleaved(name):
    _, y = make_dataset(name, n=200, seed=0)
    assert set(y[:20]) == {-1.0, 1.0}
    assert set(y[-20:]) == {-1.0, 1.0}
    assert np.count_nonzero(np.diff(y)) > 50  # many class changes along the order


# --- determinism ---


@pytest.mark.parametrize("name", DATASETS)
@given(seed=SEEDS, noise=NOISES)
@settings(max_examples=20, deadline=None)
def test_same_seed_bit_identical(name, seed, noise):
    X1, y1 = make_dataset(name, n=50, noise=noise, seed=seed)
    X2, y2 = make_dataset(name, n=50, noise=noise, seed=seed)
    assert identical(X1, X2) and identical(y1, y2)


@pytest.mark.parametrize("name", DATASETS)
def test_different_seed_different_data(name):
    X1, _ = make_dataset(name, n=50, seed=0)
    X2, _ = make_dataset(name, n=50, seed=1)
    assert not np.array_equal(X1, X2)


def test_numpy_int_arguments_accepted():
    X1, y1 = make_dataset("moons", n=np.int64(30), seed=np.int32(4))
    X2, y2 = make_dataset("moons", n=30, seed=4)
    assert identical(X1, X2) and identical(y1, y2)


def test_seed_none_gives_fresh_valid_data():
    X1, y1 = make_dataset("circle", n=40, seed=None)
    X2, _ = make_dataset("circle", n=40, seed=None)
    assert X1.shape == (40, 2) and (y1 == 1).sum() == 20
    assert not np.array_equal(X1, X2)


@pytest.mark.parametrize("name", CLASSIFICATION_DATASETS)
def test_noise_moves_the_same_clean_points(name):
    X0, y0 = make_dataset(name, n=2000, noise=0.0, seed=5)
    X1, y1 = make_dataset(name, n=2000, noise=0.1, seed=5)
    assert identical(y0, y1)
    shift = X1 - X0
    assert abs(shift.mean()) < 0.01
    assert shift.std() == pytest.approx(0.1, rel=0.05)


def test_sine_noise_is_gaussian_in_y():
    X0, y0 = make_dataset("sine", n=2000, noise=0.0, seed=2)
    X1, y1 = make_dataset("sine", n=2000, noise=0.2, seed=2)
    assert identical(X0, X1)
    assert (y1 - y0).std() == pytest.approx(0.2, rel=0.05)


# --- noise=0 gives the clean set ---


@given(seed=SEEDS)
@settings(max_examples=50, deadline=None)
def test_linear_clean_is_separable_through_origin(seed):
    X, y = make_dataset("linear", n=200, noise=0.0, seed=seed)
    margin = y * (X @ np.array(LINEAR_W))
    assert (margin >= 0.1 - 1e-12).all()  # f(x) = w.x, no bias, gets every point right


def test_linear_noise_can_break_separability():
    X, y = make_dataset("linear", n=500, noise=0.3, seed=0)
    assert (np.sign(X @ np.array(LINEAR_W)) != y).any()


@given(seed=SEEDS)
@settings(max_examples=50, deadline=None)
def test_xor_clean_labels_and_gap(seed):
    X, y = make_dataset("xor", n=200, noise=0.0, seed=seed)
    assert np.array_equal(y, np.sign(X[:, 0] * X[:, 1]))
    assert (np.abs(X) >= 0.25 - 1e-12).all()  # away from the axes
    # every quadrant is used
    quadrants = {(a, b) for a, b in np.sign(X)}
    assert quadrants == {(1, 1), (1, -1), (-1, 1), (-1, -1)}


@given(seed=SEEDS)
@settings(max_examples=50, deadline=None)
def test_xor_clean_separable_by_two_hidden_units(seed):
    X, y = make_dataset("xor", n=200, noise=0.0, seed=seed)
    V = np.array([[20.0, 20.0], [-20.0, -20.0]])
    b = np.array([-12.0, -12.0])  # h_j = sigma(v_j . x + b_j): |x1 + x2| > 0.6
    H = 1 / (1 + np.exp(-(X @ V.T + b)))
    f = H @ np.array([1.0, 1.0]) - 0.5
    assert np.array_equal(np.sign(f), y)


@given(seed=SEEDS)
@settings(max_examples=50, deadline=None)
def test_circle_clean_labels_match_radius(seed):
    X, y = make_dataset("circle", n=200, noise=0.0, seed=seed)
    r = np.linalg.norm(X, axis=1)
    assert (r[y > 0] <= 0.5 + 1e-12).all()
    assert ((r[y < 0] >= 0.8 - 1e-12) & (r[y < 0] <= 1.2 + 1e-12)).all()


def test_gaussians_clean_blobs():
    X, y = make_dataset("gaussians", n=4000, noise=0.0, seed=0)
    np.testing.assert_allclose(X[y > 0].mean(axis=0), [0.6, 0.6], atol=0.02)
    np.testing.assert_allclose(X[y < 0].mean(axis=0), [-0.6, -0.6], atol=0.02)
    np.testing.assert_allclose(X[y > 0].std(axis=0), [0.2, 0.2], rtol=0.05)


@given(seed=SEEDS)
@settings(max_examples=50, deadline=None)
def test_moons_clean_on_their_arcs(seed):
    X, y = make_dataset("moons", n=200, noise=0.0, seed=seed)
    up, down = X[y > 0], X[y < 0]
    np.testing.assert_allclose(np.linalg.norm(up - [-0.4, -0.2], axis=1), 0.8)
    np.testing.assert_allclose(np.linalg.norm(down - [0.4, 0.2], axis=1), 0.8)
    assert (up[:, 1] >= -0.2 - 1e-12).all() and (down[:, 1] <= 0.2 + 1e-12).all()


@given(seed=SEEDS)
@settings(max_examples=50, deadline=None)
def test_spiral_clean_on_its_arms(seed):
    X, y = make_dataset("spiral", n=200, noise=0.0, seed=seed)
    r = np.linalg.norm(X, axis=1)
    assert (r <= 1.3 + 1e-12).all()
    angle = 3 * np.pi * r / 1.3 + np.where(y > 0, 0.0, np.pi)
    np.testing.assert_allclose(X, r[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]),
                               atol=1e-12)


def test_spiral_has_about_one_and_a_half_turns():
    X, _ = make_dataset("spiral", n=2000, noise=0.0, seed=0)
    turns = 3 * np.pi * np.linalg.norm(X, axis=1).max() / 1.3 / (2 * np.pi)
    assert 1.4 <= turns <= 2.0


@given(seed=SEEDS)
@settings(max_examples=50, deadline=None)
def test_sine_clean_is_sin_pi_x(seed):
    X, y = make_dataset("sine", n=100, noise=0.0, seed=seed)
    assert np.array_equal(y, np.sin(np.pi * X[:, 0]))


# --- ranges: one plotting plane [-1.5, 1.5]^2 centred at the origin ---


@pytest.mark.parametrize("name", CLASSIFICATION_DATASETS)
@given(seed=SEEDS)
@settings(max_examples=20, deadline=None)
def test_clean_sets_inside_plotting_square(name, seed):
    X, _ = make_dataset(name, n=300, noise=0.0, seed=seed)
    if name == "gaussians":  # unbounded tails: nearly all inside
        assert (np.abs(X) <= 1.5).all(axis=1).mean() > 0.99
    else:
        assert (np.abs(X) <= 1.5).all()


@pytest.mark.parametrize("name", CLASSIFICATION_DATASETS)
def test_sets_centred_and_mostly_inside_with_default_noise(name):
    X, _ = make_dataset(name, n=4000, seed=0)
    assert (np.abs(X) <= 1.5).all(axis=1).mean() > 0.99
    assert np.abs(X.mean(axis=0)).max() < 0.05
    assert np.abs(X).max(axis=0).min() > 0.5  # uses the plane, not a speck in the middle


# --- load_digits ---


def test_digits_shape_dtype_range():
    X, y = load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.array_equal(X * 16, np.round(X * 16))  # pixel counts 0..16, divided by 16


def test_digits_all_ten_classes():
    _, y = load_digits()
    counts = np.bincount(y, minlength=10)
    assert counts.shape == (10,) and (counts >= 170).all() and counts.sum() == 1797


def test_digits_content_matches_uci_file():
    X, y = load_digits()
    assert np.array_equal(y[:10], np.arange(10))
    np.testing.assert_array_equal(X[0, :8] * 16, [0, 0, 5, 13, 9, 1, 0, 0])
    assert round(X.sum() * 16) == 561718


def test_digits_returns_copies():
    X, y = load_digits()
    X[:] = -1.0
    y[:] = 99
    X2, y2 = load_digits()
    assert X2.min() == 0.0 and y2.max() == 9
    assert X2.flags.writeable and y2.flags.writeable


def test_data_modules_import_numpy_and_stdlib_only():
    package = Path(__file__).resolve().parents[1] / "deeplearn_helpers"
    for module in ("data.py", "_checks.py"):
        tree = ast.parse((package / module).read_text())
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
        assert imported <= {"numpy", "numbers", "math", "pathlib", "importlib", "functools"}, module


# --- train_test_split ---


@given(n=st.integers(2, 300), test_fraction=st.floats(0.001, 0.999), seed=SEEDS)
@settings(max_examples=100, deadline=None)
def test_split_sizes_disjoint_and_aligned(n, test_fraction, seed):
    X = np.arange(n * 3, dtype=np.float64).reshape(n, 3)  # row i starts with 3i
    y = np.arange(n)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=test_fraction, seed=seed)
    n_test = min(max(round(n * test_fraction), 1), n - 1)
    assert X_te.shape == (n_test, 3) and y_te.shape == (n_test,)
    assert X_tr.shape == (n - n_test, 3) and y_tr.shape == (n - n_test,)
    assert set(y_tr).isdisjoint(y_te)
    assert sorted(np.concatenate([y_tr, y_te])) == list(range(n))
    assert np.array_equal(X_tr[:, 0], 3 * y_tr) and np.array_equal(X_te[:, 0], 3 * y_te)
    assert y_tr.dtype == y.dtype and X_tr.dtype == X.dtype


def test_split_default_quarter():
    X, y = make_dataset("xor", n=200, seed=0)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y)
    assert len(X_te) == 50 and len(X_tr) == 150


def test_split_deterministic_and_seed_dependent():
    X, y = load_digits()
    a = train_test_split(X, y, seed=7)
    b = train_test_split(X, y, seed=7)
    c = train_test_split(X, y, seed=8)
    assert all(identical(u, v) for u, v in zip(a, b))
    assert not np.array_equal(a[3], c[3])


def test_split_returns_copies():
    X = np.zeros((10, 2))
    y = np.zeros(10)
    X_tr, X_te, y_tr, _ = train_test_split(X, y)
    X_tr[:] = 5.0
    y_tr[:] = 5.0
    assert (X == 0).all() and (y == 0).all()


def test_split_smallest_sets():
    X_tr, X_te, y_tr, y_te = train_test_split(np.ones((2, 1)), np.ones(2), test_fraction=0.01)
    assert len(X_tr) == 1 and len(X_te) == 1
    X_tr, X_te, _, _ = train_test_split(np.ones((3, 1)), np.ones(3), test_fraction=0.99)
    assert len(X_tr) == 1 and len(X_te) == 2


# --- bad input: ValueError naming the parameter and what is allowed ---


@pytest.mark.parametrize("name", ["spirals", "Spiral", "", None, 3])
def test_bad_name(name):
    with pytest.raises(ValueError, match="name: expected one of ") as info:
        make_dataset(name)
    assert "linear, xor, circle, gaussians, moons, spiral, sine, got" in str(info.value)


def test_bad_name_message_exactly():
    with pytest.raises(ValueError) as info:
        make_dataset("spirals")
    assert str(info.value) == (
        "name: expected one of linear, xor, circle, gaussians, moons, spiral, sine, "
        "got 'spirals'"
    )


@pytest.mark.parametrize("n", [0, -5, 2.0, 2.5, True, "10", None, np.float64(3)])
def test_bad_n(n):
    with pytest.raises(ValueError, match=r"n: expected an int >= 1, got "):
        make_dataset("xor", n=n)


@pytest.mark.parametrize("noise", [-0.1, float("nan"), float("inf"), "0.1", None, True])
def test_bad_noise(noise):
    with pytest.raises(ValueError, match=r"noise: expected a finite number >= 0, got "):
        make_dataset("xor", noise=noise)


@pytest.mark.parametrize("seed", [1.5, "0", -1, True, [1, 2]])
def test_bad_seed(seed):
    with pytest.raises(ValueError, match=r"seed: expected None or an int >= 0, got "):
        make_dataset("xor", seed=seed)


def test_bad_seed_in_split():
    with pytest.raises(ValueError, match=r"seed: expected None or an int >= 0, got 0.5"):
        train_test_split(np.ones((4, 1)), np.ones(4), seed=0.5)


@pytest.mark.parametrize("test_fraction", [0, 1, 0.0, 1.0, -0.2, 1.5, float("nan"), True, "0.2"])
def test_bad_test_fraction(test_fraction):
    message = r"test_fraction: expected a finite number in \(0, 1\), got "
    with pytest.raises(ValueError, match=message):
        train_test_split(np.ones((4, 1)), np.ones(4), test_fraction=test_fraction)


def test_mismatched_lengths():
    with pytest.raises(ValueError, match=r"y: expected 5 entries \(one per row of X\), got 4"):
        train_test_split(np.ones((5, 2)), np.ones(4))


@pytest.mark.parametrize("X", [np.ones(5), np.ones((5, 2, 1)), 3.0])
def test_wrong_ndim_X(X):
    with pytest.raises(ValueError, match="X: expected a 2-D array, got shape"):
        train_test_split(X, np.ones(5))


@pytest.mark.parametrize("y", [np.ones((5, 1)), 3.0])
def test_wrong_ndim_y(y):
    with pytest.raises(ValueError, match="y: expected a 1-D array, got shape"):
        train_test_split(np.ones((5, 2)), y)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_X(bad):
    X = np.ones((5, 2))
    X[2, 1] = bad
    with pytest.raises(ValueError, match=r"X: expected finite numbers, got NaN or inf"):
        train_test_split(X, np.ones(5))


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_y(bad):
    y = np.ones(5)
    y[0] = bad
    with pytest.raises(ValueError, match=r"y: expected finite numbers, got NaN or inf"):
        train_test_split(np.ones((5, 2)), y)


def test_non_numeric_X():
    with pytest.raises(ValueError, match="X: expected a numeric array, got dtype <U1"):
        train_test_split(np.array([["a", "b"], ["c", "d"]]), np.ones(2))


def test_too_few_examples_to_split():
    message = r"X: expected at least 2 examples \(rows\) to split, got 1"
    with pytest.raises(ValueError, match=message):
        train_test_split(np.ones((1, 2)), np.ones(1))


def test_name_checked_before_other_arguments():
    # the first bad argument in signature order is the one reported
    with pytest.raises(ValueError, match="name: expected one of"):
        make_dataset("nope", n=0, noise=-1, seed=-1)
