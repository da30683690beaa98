"""Double descent with random features: a network whose hidden layer is frozen at random.

    h_j(x) = relu(v_j . x),   v_j ~ N(0, I / input_dim) drawn once, never trained
    f_theta(x) = w . h(x),    theta = w only

With p features and n training points, TrainLoss(w) = 1/n |H w - y|^2 is a least-squares
problem (H: (n, p), row i is h(x_i)).  We take its *minimum-norm* solution

    w = H^+ y        (the pseudo-inverse: the smallest |w| among all minimisers)

which is also where gradient descent from w = 0 ends.  For p < n it cannot fit every
point; at p = n (the *interpolation threshold*) exactly one w fits them all and |w| blows
up; for p > n many w fit, and the smallest is smooth again.  The test error peaks at the
threshold and falls beyond it: double descent.  Everything runs in well under a second.

For k classes (integer labels 0..k-1) each class gets its own output and one-hot targets
(squared loss, k least-squares problems sharing H); the predicted class is the argmax.
"""
from dataclasses import dataclass

import numpy as np

from .._checks import (
    check_finite_array,
    check_nonnegative_float,
    check_positive_int,
    check_seed,
    is_int,
)


def draw_features(input_dim, n_features, seed=0):
    """The frozen first layer V: (n_features, input_dim), V_ji ~ N(0, 1 / input_dim)."""
    input_dim = check_positive_int(input_dim, "input_dim")
    n_features = check_positive_int(n_features, "n_features")
    seed = check_seed(seed)
    V = np.random.default_rng(seed).standard_normal((n_features, input_dim))
    return V / np.sqrt(input_dim)


def relu_features(X, V):
    """H = relu(X V^T): row i is h(x_i).  X: (n, input_dim), V: (p, input_dim) -> H: (n, p)."""
    return np.maximum(X @ V.T, 0.0)


def min_norm_fit(H, Y, ridge=0.0):
    """The minimum-norm least-squares w = H^+ Y, or with ridge > 0 argmin |Hw - Y|^2 + ridge |w|^2.

    H: (n, p); Y: (n,) or (n, k) -> w: (p,) or (p, k).  ridge = 0 uses np.linalg.lstsq
    (the pseudo-inverse); ridge > 0 solves w = H^T (H H^T + ridge I)^{-1} Y when p > n, else
    (H^T H + ridge I)^{-1} H^T Y (the same w, the smaller system).
    """
    H = check_finite_array(H, "H", ndim=2)
    Y = check_finite_array(Y, "Y")
    if Y.ndim not in (1, 2) or Y.shape[0] != H.shape[0]:
        raise ValueError(f"Y: expected shape ({H.shape[0]},) or ({H.shape[0]}, k), got {Y.shape}")
    ridge = check_nonnegative_float(ridge, "ridge")
    n, p = H.shape
    if ridge == 0.0:
        return np.linalg.lstsq(H, Y, rcond=None)[0]
    if p > n:
        return H.T @ np.linalg.solve(H @ H.T + ridge * np.eye(n), Y)
    return np.linalg.solve(H.T @ H + ridge * np.eye(p), H.T @ Y)


@dataclass
class DoubleDescent:
    """Results of ``double_descent``, averaged over the seeds (one entry per feature count).

    n_features: (m,) feature counts p;  n_train: the number of training points n (the
    threshold p = n);  test_error, train_error: fraction misclassified (NaN for regression);
    test_loss, train_loss: mean squared loss (summed over the k outputs);  norm: |w|
    (Frobenius for k outputs);  ridge: the ridge used (0: minimum norm).
    """
    n_features: np.ndarray
    n_train: int
    test_error: np.ndarray
    train_error: np.ndarray
    test_loss: np.ndarray
    train_loss: np.ndarray
    norm: np.ndarray
    ridge: float = 0.0

    @property
    def peak(self):
        """The feature count p where the test error (test loss for regression) is largest."""
        return int(self.n_features[int(np.argmax(self._curve))])

    @property
    def _curve(self):
        return self.test_loss if np.all(np.isnan(self.test_error)) else self.test_error

    def summary(self):
        """Three rows: the best p below the threshold, the peak, and the largest p."""
        p, c = self.n_features, self._curve
        below = np.flatnonzero(p < self.n_train)
        rows = ([("best p < n", below[np.argmax(-c[below])])] if below.size else []) + [
            ("peak", int(np.argmax(c))), ("largest p", len(p) - 1)]
        lines = [f"{'':<12} {'p':>4}   TrainLoss   test error   |w|"]
        lines += [f"{name:<12} {p[i]:4d}   {_fmt(self.train_loss[i]):>9}   "
                  f"{self.test_error[i]:10.1%}   {self.norm[i]:.4g}" for name, i in rows]
        return "\n".join(lines)


def double_descent(X_train, y_train, X_test, y_test, n_features=None, seeds=(0, 1, 2, 3, 4),
                   ridge=0.0):
    """Test error of random-ReLU-feature models against the number of features p.

    For each p and seed: V = draw_features(input_dim, p, seed), H = relu(X V^T),
    w = min_norm_fit(H, y), with X centred by the mean of X_train.  (Pixels are all >= 0:
    uncentred, many features v_j . x would be positive on every image, i.e. linear, H would
    lose rank, and the threshold would drift past p = n.)
    X_train: (n, input_dim), X_test: (m, input_dim); y: integer labels 0..k-1 (classification,
    one-hot targets) or floats (regression; labels in {-1, +1} also get an error rate via sign).
    n_features: feature counts (default: n and 24 counts from n/10 to 20 n).
    Returns a DoubleDescent with the means over ``seeds``.
    """
    X_train = check_finite_array(X_train, "X_train", ndim=2)
    X_test = check_finite_array(X_test, "X_test", ndim=2)
    y_train = check_finite_array(y_train, "y_train", ndim=1)
    y_test = check_finite_array(y_test, "y_test", ndim=1)
    n, d = X_train.shape
    if X_test.shape[1] != d:
        raise ValueError(f"X_test: expected {d} columns like X_train, got shape {X_test.shape}")
    if len(y_train) != n or len(y_test) != len(X_test):
        raise ValueError("y_train, y_test: expected one target per row of X_train, X_test")
    if n_features is None:
        n_features = np.unique(np.append(np.round(n * np.geomspace(0.1, 20, 24)), n)
                               .astype(int).clip(1))
    counts = np.asarray(n_features)
    if counts.ndim != 1 or counts.size == 0 or not all(is_int(c) and c >= 1 for c in counts):
        raise ValueError(f"n_features: expected a list of integers >= 1, got {n_features!r}")
    seeds = [check_seed(s) for s in seeds] if np.ndim(seeds) == 1 and len(seeds) else None
    if seeds is None or any(s is None for s in seeds):
        raise ValueError(f"seeds: expected a non-empty list of ints >= 0, got {seeds!r}")
    ridge = check_nonnegative_float(ridge, "ridge")
    Y_train, classes = _targets(y_train, y_train, y_test)
    Y_test, _ = _targets(y_test, y_train, y_test)
    mean = X_train.mean(axis=0)         # centred inputs: see the note in the docstring
    X_train, X_test = X_train - mean, X_test - mean

    rows = []
    for p in counts.tolist():
        per_seed = []
        for seed in seeds:
            V = draw_features(d, p, seed)
            H_train, H_test = relu_features(X_train, V), relu_features(X_test, V)
            w = min_norm_fit(H_train, Y_train, ridge)
            F_train, F_test = H_train @ w, H_test @ w
            per_seed.append([_error(F_test, y_test, classes), _error(F_train, y_train, classes),
                             _sq(F_test, Y_test), _sq(F_train, Y_train), np.linalg.norm(w)])
        rows.append(np.mean(per_seed, axis=0))
    R = np.array(rows)
    return DoubleDescent(counts.astype(int), n, R[:, 0], R[:, 1], R[:, 2], R[:, 3], R[:, 4],
                         ridge)


def _fmt(v):
    """A loss to 3 digits, or 0 when it is round-off (below 1e-12): an interpolating fit."""
    return "0" if abs(v) < 1e-12 else f"{v:.3g}"


def _targets(y, y_train, y_test):
    """One-hot (n, k) targets for integer labels; y itself (n,) for real targets."""
    if np.issubdtype(y_train.dtype, np.integer) and np.issubdtype(y_test.dtype, np.integer):
        if min(y_train.min(), y_test.min()) < 0:
            raise ValueError("y_train, y_test: integer class labels must be 0..k-1")
        k = int(max(y_train.max(), y_test.max())) + 1
        return np.eye(k)[y], "multiclass"
    y = y.astype(float)
    pm1 = all(np.all((v == 1) | (v == -1)) for v in (y_train, y_test))
    return y, ("sign" if pm1 else None)


def _error(F, y, classes):
    if classes == "multiclass":
        return float(np.mean(np.argmax(F, axis=1) != y))
    if classes == "sign":
        return float(np.mean(np.where(F >= 0, 1.0, -1.0) != y))
    return np.nan


def _sq(F, Y):
    R = F - Y
    return float(np.sum(R * R) / F.shape[0])
