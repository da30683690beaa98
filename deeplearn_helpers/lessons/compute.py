"""Computation: what one epoch of training costs in time and memory.

One epoch of minibatch SGD touches every weight a few times per example: the forward pass
Z = X V^T (1 multiply-add per weight and example), the backward pass dX = dZ V and
dV = dZ^T X (2 more), so

    multiply-adds per epoch ~ 3 * (number of weights) * n

and memory for the parameters is d * 8 bytes (float64, theta in R^d: d parameters).  With one hidden
layer of width m the weights grow like m (expected log-log slope 1 against width); with
several hidden layers the m x m matrices grow like m^2 (slope 2); against the number of
examples n the time grows like n (slope 1).  The measured times only approach these slopes
when the arithmetic outweighs Python's fixed cost per minibatch step.

Times are processor seconds (time.process_time: the CPU time of this process, so other
programs on a busy machine do not count; with a multi-threaded BLAS, the threads' times add
up), the fastest of a few repeats: they vary from machine to machine; the counts
(parameters, multiply-adds) do not.
"""
import time
from dataclasses import dataclass

import numpy as np

from .._checks import check_finite_array, check_positive_int, check_seed
from ..models import MLP
from ..optim import SGD
from ..train import train


def n_weights(model):
    """The number of entries of the weight matrices (biases and batch-norm parameters not)."""
    return int(sum(model.params[k].size for k in model.weight_names))


def multiply_adds(model, n):
    """Multiply-adds of one epoch over n examples: 3 * (weights) * n (forward 1, backward 2)."""
    n = check_positive_int(n, "n")
    return 3 * n_weights(model) * n


def time_epoch(model, X, y, loss="cross_entropy", batch_size=32, repeats=3, step_size=0.01,
               seed=0):
    """Processor seconds of one epoch of ``train`` (its SGD steps and its evaluation), the
    fastest of ``repeats`` runs (the one least disturbed by other work on the machine).

    Each repeat trains a copy of ``model`` for one epoch with SGD(step_size), minibatches of
    ``batch_size``; only that epoch is timed, not the evaluation before it.
    X: (n, input_dim), y: (n,).
    """
    repeats = check_positive_int(repeats, "repeats")
    check_positive_int(batch_size, "batch_size")
    seconds = []
    for _ in range(repeats):
        m = model.copy()
        hist = train(m, X, y, loss=loss, epochs=0)              # records epoch 0, untimed
        start = time.process_time()
        train(m, X, y, loss=loss, optimizer=SGD(step_size), epochs=1, batch_size=batch_size,
              seed=seed, history=hist)
        seconds.append(time.process_time() - start)
    return float(np.min(seconds))


@dataclass
class ComputeSweep:
    """Cost of one epoch against a size: ``values`` (widths or numbers of examples), and per
    value the measured ``seconds`` (fastest of the repeats), the parameter count ``n_params``
    (memory: 8 bytes each), ``multiply_adds`` per epoch and ``n_examples``.
    ``kind``: 'width' or 'data'."""
    kind: str
    values: np.ndarray
    seconds: np.ndarray
    n_params: np.ndarray
    multiply_adds: np.ndarray
    n_examples: np.ndarray
    depth: int

    @property
    def megabytes(self):
        """Memory of the parameters in MB (float64: 8 bytes each)."""
        return self.n_params * 8 / 1e6


def _sweep_args(X, y, values, name, depth, repeats, seed):
    X = check_finite_array(X, "X", ndim=2)
    y = check_finite_array(y, "y", ndim=1)
    if len(X) != len(y):
        raise ValueError(f"X, y: expected the same number of rows, got {len(X)} and {len(y)}")
    if np.ndim(values) != 1 or len(values) == 0:
        raise ValueError(f"{name}: expected a non-empty list of integers >= 1, got {values!r}")
    values = [check_positive_int(v, name) for v in values]
    return X, y, values, check_positive_int(depth, "depth"), check_positive_int(
        repeats, "repeats"), check_seed(seed)


def _classes(y):
    return int(np.max(y)) + 1


def epoch_time_vs_width(X, y, widths, depth=1, batch_size=32, repeats=3, seed=0):
    """Time of one epoch on (X, y) for MLPs with ``depth`` hidden ReLU layers of each width.

    X: (n, input_dim), y: (n,) integer labels 0..k-1 (cross-entropy, k outputs).  -> ComputeSweep.
    """
    X, y, widths, depth, repeats, seed = _sweep_args(X, y, widths, "widths", depth, repeats, seed)
    rows = []
    for m in widths:
        model = MLP(input_dim=X.shape[1], hidden=[m] * depth, output_dim=_classes(y),
                    activation="relu", init="he", seed=seed)
        rows.append((time_epoch(model, X, y, batch_size=batch_size, repeats=repeats, seed=seed),
                     model.n_params, multiply_adds(model, len(X)), len(X)))
    return _sweep("width", widths, rows, depth)


def epoch_time_vs_data(X, y, sizes, width=256, depth=1, batch_size=32, repeats=3, seed=0):
    """Time of one epoch on n examples, n in ``sizes``, for one MLP (``depth`` x ``width``).

    The n examples are the first n rows of X (n <= N: no example is repeated).
    X: (N, input_dim), y: (N,) labels 0..k-1.  -> ComputeSweep.
    """
    X, y, sizes, depth, repeats, seed = _sweep_args(X, y, sizes, "sizes", depth, repeats, seed)
    if max(sizes) > len(X):
        raise ValueError(f"sizes: expected integers in 1..{len(X)} (the rows of X), "
                         f"got {max(sizes)}")
    width = check_positive_int(width, "width")
    model = MLP(input_dim=X.shape[1], hidden=[width] * depth, output_dim=_classes(y),
                activation="relu", init="he", seed=seed)
    rows = []
    for n in sizes:
        rows.append((time_epoch(model, X[:n], y[:n], batch_size=batch_size, repeats=repeats,
                                seed=seed), model.n_params, multiply_adds(model, n), n))
    return _sweep("data", sizes, rows, depth)


def _sweep(kind, values, rows, depth):
    s, p, f, n = (np.array(c) for c in zip(*rows, strict=True))
    return ComputeSweep(kind, np.array(values), s, p, f, n, depth)


def loglog_slope(x, t):
    """The slope b of the least-squares line log t = a + b log x (t ~ x^b).

    x, t: (m,) > 0, m >= 2.
    """
    x = check_finite_array(x, "x", ndim=1).astype(float)
    t = check_finite_array(t, "t", ndim=1).astype(float)
    if len(x) != len(t) or len(x) < 2 or np.any(x <= 0) or np.any(t <= 0):
        raise ValueError("x, t: expected two arrays of the same length >= 2, all entries > 0")
    return float(np.polyfit(np.log(x), np.log(t), 1)[0])
