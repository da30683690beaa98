"""The training loop: stochastic gradient descent exactly as the slide writes it.

    For t = 1, ..., T:
        For (x, y) in D_train:
            theta <- theta - eta_t * grad_theta Loss(x, y, theta)

``batch_size=1`` is that loop (the examples visited in a seeded random order each epoch, or
in order with ``shuffle=False``); a larger ``batch_size`` averages the gradient over that many
examples; ``batch_size=None`` is full-batch gradient descent on TrainLoss.

The loop knows nothing about plots or widgets: they listen through ``callback``.
"""
import math
from dataclasses import dataclass, field

import numpy as np

from ._checks import is_int, is_real
from . import losses as _losses
from .optim import Optimizer, make_optimizer

REGULARIZATIONS = (None, "l1", "l2")
DIVERGENCE_FACTOR = 1e8      # TrainLoss this many times its start (or 1) counts as diverged


@dataclass
class History:
    """Per-epoch record of training.  Index 0 is before training, index t after epoch t.

    train_loss, test_loss: TrainLoss (and the same average on the test set), measured in eval
    mode after each epoch; train_error, test_error: fraction misclassified (empty for
    regression); diverged: True if the loss became NaN, infinite or 1e8 times its start
    (training stopped there, the model was put back to its parameters at the start of that
    epoch).
    """
    train_loss: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    train_error: list = field(default_factory=list)
    test_error: list = field(default_factory=list)
    epochs: list = field(default_factory=list)
    diverged: bool = False
    diverged_epoch: int = None
    stopped_early: bool = False
    message: str = ""

    @property
    def epoch(self):
        """The number of epochs trained so far."""
        return self.epochs[-1] if self.epochs else 0

    def summary(self):
        """One line: epochs, final TrainLoss (4 significant digits), errors, divergence."""
        parts = [f"epoch {self.epoch}", f"TrainLoss {self.train_loss[-1]:.4g}"]
        if self.test_loss:
            parts.append(f"TestLoss {self.test_loss[-1]:.4g}")
        if self.train_error:
            parts.append(f"train error {self.train_error[-1]:.1%}")
        if self.test_error:
            parts.append(f"test error {self.test_error[-1]:.1%}")
        return ", ".join(parts) + (f"  [{self.message}]" if self.message else "")

    def __repr__(self):
        return f"History({self.summary()})"


def epochs_to_reach(history, target):
    """The first epoch t with TrainLoss <= target (0 = already at the start), or None if never."""
    if not isinstance(history, History):
        raise ValueError(f"history: expected a History, got {history!r}")
    if not is_real(target) or not math.isfinite(target):
        raise ValueError(f"target: expected a finite number, got {target!r}")
    for t, value in zip(history.epochs, history.train_loss):
        if value <= target:
            return int(t)
    return None


def evaluate(model, X, y, loss, classification=None):
    """(TrainLoss, error rate or None) of a model on (X, y) in eval mode, no argument checks."""
    F = model.forward(X, train=False)[0]
    value = _losses.get_loss(loss)(F, y)[0]
    if classification is None:
        classification = _is_classification(loss, y)
    return value, (_losses.error_rate(F, y) if classification else None)


def _is_classification(loss, y):
    return loss != "squared" or (y.ndim == 1 and bool(np.all((y == 1) | (y == -1))))


def train(model, X, y, loss="squared", optimizer=None, epochs=10, batch_size=1, seed=0,
          X_test=None, y_test=None, callback=None, shuffle=True, step_size=None,
          regularization=None, reg_rate=0.0, history=None, masks=None):
    """Train ``model`` in place; return its History.

    X: (n, input_dim), y: (n,) targets (or (n, k) for squared loss with k outputs).
    optimizer: an Optimizer, or a name ('sgd', 'momentum', 'adagrad', 'rmsprop', 'adam')
      with ``step_size`` (default 0.1); None means SGD.
    batch_size: 1 (per-example SGD, the slide's loop), any k, or None for the full batch.
    regularization: None, 'l1' (adds reg_rate * sum |V|) or 'l2' (reg_rate * sum V^2) to
      the loss, over the weight matrices (not biases, not batch-norm gamma/beta).
    callback(epoch, model, history): called after every epoch; returning True stops training.
    history: a History to continue (epochs count on from its last one); None starts anew.
    masks: {param name: 0/1 array of its shape}; those parameters are multiplied by their
      mask before training and after every step (pruned weights stay 0: lottery tickets).
    """
    X = model._check_X(X)
    y = _losses.check_targets(y, loss, model.output_dim, X.shape[0])
    n = X.shape[0]
    if (X_test is None) != (y_test is None):
        raise ValueError("X_test, y_test: give both or neither")
    if X_test is not None:
        X_test = model._check_X(X_test)
        y_test = _losses.check_targets(y_test, loss, model.output_dim, X_test.shape[0])
    if not is_int(epochs) or epochs < 0:
        raise ValueError(f"epochs: expected an integer >= 0, got {epochs!r}")
    if batch_size is None:
        batch_size = n
    elif not is_int(batch_size) or batch_size < 1:
        raise ValueError(f"batch_size: expected an integer >= 1 or None (full batch), "
                         f"got {batch_size!r}")
    batch_size = min(int(batch_size), n)
    if model.batch_norm and batch_size < 2:
        raise ValueError("batch_size: batch norm needs batches of at least 2 examples")
    if seed is not None and not is_int(seed):
        raise ValueError(f"seed: expected an int or None, got {seed!r}")
    if regularization not in REGULARIZATIONS:
        raise ValueError(f"regularization: expected one of None, 'l1', 'l2', got {regularization!r}")
    if not is_real(reg_rate) or not reg_rate >= 0 or not math.isfinite(reg_rate):
        raise ValueError(f"reg_rate: expected a finite number >= 0, got {reg_rate!r}")
    if callback is not None and not callable(callback):
        raise ValueError("callback: expected a function callback(epoch, model, history)")
    if history is not None and not isinstance(history, History):
        raise ValueError("history: expected a History (from an earlier train) or None")
    masks = _check_masks(masks, model.params)
    opt = _make_optimizer(optimizer, step_size)

    loss_fn = _losses.get_loss(loss)
    rng = np.random.default_rng() if seed is None else None
    weights = [l[0] for l in model.layers] + [model.output_layer[0]]
    reg = (regularization, float(reg_rate)) if regularization and reg_rate > 0 else None
    hist = history if history is not None else History()
    cls = (_is_classification(loss, y),
           _is_classification(loss, y_test) if X_test is not None else None)
    if not hist.epochs:
        _record(hist, model, X, y, X_test, y_test, loss, 0, cls)
    start = hist.epoch
    P = model.params
    for k, m in masks.items():
        P[k] *= m
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for t in range(start + 1, start + epochs + 1):
            opt.t = t
            snapshot = {k: v.copy() for k, v in P.items()}
            if shuffle:     # epoch t's order depends on (seed, t) only: training continues exactly
                order = (rng if seed is None else np.random.default_rng([seed, t])).permutation(n)
            else:
                order = np.arange(n)
            Xp, yp = X[order], y[order]
            ok = True
            for i in range(0, n, batch_size):
                Xb, yb = Xp[i:i + batch_size], yp[i:i + batch_size]
                if Xb.shape[0] < 2 and model.batch_norm:
                    continue                     # batch norm cannot use a batch of one
                value, grads = model._loss_and_grads(Xb, yb, loss_fn)
                if reg:
                    _add_regularization(P, grads, weights, reg)
                if not math.isfinite(value):
                    ok = False
                    break
                opt.step(P, grads)
                for k, m in masks.items():
                    P[k] *= m
            if ok:
                ok = _record(hist, model, X, y, X_test, y_test, loss, t, cls)
            if not ok:
                for k, v in snapshot.items():
                    P[k][...] = v
                hist.diverged, hist.diverged_epoch = True, t
                hist.message = (f"diverged in epoch {t}: TrainLoss blew up; "
                                "try a smaller step size")
                break
            if callback is not None and callback(t, model, hist):
                hist.stopped_early = True
                break
    return hist


def _record(hist, model, X, y, X_test, y_test, loss, t, cls=(None, None)):
    """Append epoch t's losses and errors; False (nothing appended) if they are not finite."""
    tr, tr_err = evaluate(model, X, y, loss, cls[0])
    te, te_err = evaluate(model, X_test, y_test, loss, cls[1]) if X_test is not None else (None, None)
    # Diverged: not finite, or 1e8 times worse than at the start (on its way to infinity;
    # a run that blows up the loss this far never comes back in practice).
    limit = DIVERGENCE_FACTOR * max(1.0, hist.train_loss[0]) if hist.train_loss else math.inf
    if not (math.isfinite(tr) and tr < limit) or (te is not None and not math.isfinite(te)):
        return False
    hist.epochs.append(t)
    hist.train_loss.append(tr)
    if tr_err is not None:
        hist.train_error.append(tr_err)
    if te is not None:
        hist.test_loss.append(te)
        if te_err is not None:
            hist.test_error.append(te_err)
    return True


def _add_regularization(P, grads, weights, reg):
    kind, rate = reg
    for name in weights:
        grads[name] = grads[name] + (2.0 * rate * P[name] if kind == "l2"
                                     else rate * np.sign(P[name]))


def regularization_penalty(model, regularization, reg_rate):
    """The penalty added to TrainLoss: reg_rate * sum |V| (l1) or reg_rate * sum V^2 (l2)."""
    if regularization not in REGULARIZATIONS:
        raise ValueError(f"regularization: expected one of None, 'l1', 'l2', got {regularization!r}")
    if not regularization:
        return 0.0
    Ws = [model.params[l[0]] for l in model.layers] + [model.params[model.output_layer[0]]]
    f = np.abs if regularization == "l1" else np.square
    return float(reg_rate * sum(f(W).sum() for W in Ws))


def _check_masks(masks, params):
    if masks is None:
        return {}
    if not isinstance(masks, dict):
        raise ValueError("masks: expected a dict {parameter name: 0/1 array} or None")
    out = {}
    for k, m in masks.items():
        if k not in params:
            raise ValueError(f"masks: unknown parameter {k!r}; allowed: {', '.join(params)}")
        m = np.asarray(m, dtype=float)
        if m.shape != params[k].shape or not np.all((m == 0) | (m == 1)):
            raise ValueError(f"masks: the mask of {k!r} must be 0/1 of shape {params[k].shape}")
        out[k] = m
    return out


def _make_optimizer(optimizer, step_size):
    if isinstance(optimizer, Optimizer):
        if step_size is not None:
            raise ValueError("step_size: give it to the optimizer, not to train, when "
                             "optimizer is an Optimizer object")
        return optimizer
    if optimizer is None:
        optimizer = "sgd"
    if not isinstance(optimizer, str):
        raise ValueError(f"optimizer: expected an Optimizer or one of 'sgd', 'momentum', "
                         f"'adagrad', 'rmsprop', 'adam', got {optimizer!r}")
    return make_optimizer(optimizer, 0.1 if step_size is None else step_size)





def train_many(make_model, X, y, seeds, optimizer="sgd", step_size=None, **train_kwargs):
    """Train one model per seed: the same recipe from different random starts.

    make_model(seed) -> a fresh model; optimizer: a name (a fresh optimizer per seed, with
    ``step_size``) or a function () -> Optimizer; the rest as in ``train`` (its ``seed`` is the
    model's seed too, so the shuffling differs between runs).  Returns [(model, History)].
    """
    if isinstance(optimizer, Optimizer):
        raise ValueError("optimizer: give a name or a function () -> Optimizer, so that every "
                         "seed starts with a fresh optimizer state")
    runs = []
    for seed in seeds:
        model = make_model(seed)
        opt = optimizer() if callable(optimizer) else _make_optimizer(optimizer, step_size)
        runs.append((model, train(model, X, y, optimizer=opt, seed=seed, **train_kwargs)))
    return runs


class WeightPath:
    """A callback for ``train`` that records one parameter after every epoch (and at the start).

    ``values``: (T + 1, size) array, row t the flattened parameter after epoch t.
    """

    def __init__(self, model, name):
        if name not in model.params:
            raise ValueError(f"name: unknown parameter {name!r}; allowed: {', '.join(model.params)}")
        self.name, self._rows = name, [model.params[name].ravel().copy()]

    def __call__(self, epoch, model, history):
        self._rows.append(model.params[self.name].ravel().copy())
        return False

    @property
    def values(self):
        return np.array(self._rows)


def weight_path(model, name="w"):
    """A WeightPath callback recording ``model.params[name]``; pass it as ``callback=``."""
    return WeightPath(model, name)
