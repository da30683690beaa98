"""Information (data): the learning curve, test error against the size of D_train.

Every size n gets the same model, the same optimizer and the same number of SGD steps
(so the same computation); only the amount of data differs.  The training sets are nested:
the first n examples of one seeded permutation of D_train.
"""
import math
from dataclasses import dataclass

import numpy as np

from .._checks import check_finite_array, check_positive_int, check_seed
from ..optim import Adam
from ..train import evaluate, train


@dataclass
class LearningCurve:
    """Results of ``learning_curve``, the means over the seeds, one entry per size.

    sizes: (m,) numbers of training examples n;  train_error, test_error: fraction
    misclassified after training;  epochs: the epochs that give each size its ``steps``.
    """
    sizes: np.ndarray
    train_error: np.ndarray
    test_error: np.ndarray
    epochs: np.ndarray

    def summary(self):
        """A small table: n, training error, test error."""
        lines = ["     n   train error   test error"]
        lines += [f"{n:6d}   {a:11.1%}   {b:10.1%}"
                  for n, a, b in zip(self.sizes, self.train_error, self.test_error, strict=True)]
        return "\n".join(lines)


def learning_curve(make_model, X_train, y_train, X_test, y_test, sizes, steps=400,
                   batch_size=32, step_size=0.003, loss="cross_entropy", seeds=(0,)):
    """Train on the first n examples for each n in ``sizes``; test error against n.

    make_model(seed) -> a fresh model.  Each run: Adam(step_size), minibatches of
    ``batch_size``, about ``steps`` steps (epochs = ceil(steps * batch_size / n)).
    X_train: (N, d), y_train: (N,), sizes: integers in 1..N.  -> LearningCurve (means over seeds).
    """
    X_train = check_finite_array(X_train, "X_train", ndim=2)
    y_train = check_finite_array(y_train, "y_train", ndim=1)
    X_test = check_finite_array(X_test, "X_test", ndim=2)
    y_test = check_finite_array(y_test, "y_test", ndim=1)
    if len(X_train) != len(y_train) or len(X_test) != len(y_test):
        raise ValueError("X_train, y_train (X_test, y_test): expected the same number of rows")
    if X_test.shape[1] != X_train.shape[1]:
        raise ValueError(f"X_test: expected {X_train.shape[1]} columns like X_train")
    if not callable(make_model):
        raise ValueError("make_model: expected a function seed -> model")
    N = len(X_train)
    if np.ndim(sizes) != 1 or len(sizes) == 0:
        raise ValueError(f"sizes: expected a non-empty list of integers in 1..{N}, got {sizes!r}")
    sizes = [check_positive_int(n, "sizes") for n in sizes]
    if max(sizes) > N:
        raise ValueError(f"sizes: expected integers in 1..{N} (the training set), got {max(sizes)}")
    steps, batch_size = check_positive_int(steps, "steps"), check_positive_int(batch_size,
                                                                               "batch_size")
    if np.ndim(seeds) != 1 or len(seeds) == 0 or any(check_seed(s) is None for s in seeds):
        raise ValueError(f"seeds: expected a non-empty list of ints >= 0, got {seeds!r}")

    epochs = [math.ceil(steps * min(batch_size, n) / n) for n in sizes]
    errors = np.zeros((len(seeds), len(sizes), 2))
    for i, seed in enumerate(seeds):
        order = np.random.default_rng(seed).permutation(N)
        for j, (n, ep) in enumerate(zip(sizes, epochs, strict=True)):
            Xn, yn = X_train[order[:n]], y_train[order[:n]]
            model = make_model(seed)
            hist = train(model, Xn, yn, loss=loss, optimizer=Adam(step_size), epochs=ep,
                         batch_size=batch_size, seed=seed, record_every=None)
            if hist.diverged or not hist.train_error:
                raise ValueError("learning_curve: training diverged or gave no error rate; "
                                 "use a classification loss and a smaller step_size")
            errors[i, j] = hist.train_error[-1], evaluate(model, X_test, y_test, loss)[1]
    mean = errors.mean(axis=0)
    return LearningCurve(np.array(sizes), mean[:, 0], mean[:, 1], np.array(epochs))
