"""Sweeps over training runs: how often a recipe works, and how fast.

    success rate   = (number of seeds whose final TrainLoss <= threshold) / (number of seeds)
    epochs to reach = min { t : TrainLoss after epoch t <= target }

Every run is a plain ``dl.train`` (through ``dl.train_many`` for many seeds).
"""
import math

import numpy as np

from .._checks import is_int, is_real
from ..models import MLP
from ..optim import OPTIMIZERS
from ..runs import train_many
from ..train import History, epochs_to_reach, train


def success_rate(runs, threshold):
    """The fraction of runs whose final TrainLoss is <= threshold.  runs: [(model, History)]."""
    if not is_real(threshold) or not math.isfinite(threshold):
        raise ValueError(f"threshold: expected a finite number, got {threshold!r}")
    if not runs:
        raise ValueError("runs: expected a non-empty list of (model, History) pairs")
    return float(np.mean([h.train_loss[-1] <= threshold and not h.diverged for _, h in runs]))


def width_sweep(X, y, widths, seeds=range(20), threshold=0.1, depth=1, activation="relu",
                optimizer="adam", step_size=0.05, epochs=100, loss="squared", batch_size=None,
                init="he"):
    """Success rate of ``len(seeds)`` random starts for every hidden width (over-parameterization).

    The model for width m and seed s: MLP(input_dim -> depth x [m] -> 1, activation, init,
    seed=s), trained by dl.train_many with a fresh ``optimizer`` (a name) at ``step_size``
    for at most ``epochs`` epochs: a run stops as soon as its TrainLoss is <= threshold
    (it has succeeded; the rest of its epochs would change nothing here).
    X: (n, d), y: (n,).  Returns an array (len(widths),) of rates.
    """
    widths = list(widths)
    if not widths or not all(is_int(w) and w >= 1 for w in widths):
        raise ValueError(f"widths: expected a non-empty list of integers >= 1, got {widths!r}")
    if not is_real(threshold) or not math.isfinite(threshold):
        raise ValueError(f"threshold: expected a finite number, got {threshold!r}")
    seeds = list(seeds)
    if not seeds:
        raise ValueError("seeds: expected a non-empty list of seeds")
    X = np.asarray(X)

    def done(epoch, model, history):
        return history.train_loss[-1] <= threshold

    rates = []
    for m in widths:
        runs = train_many(lambda s: MLP(input_dim=X.shape[1], depth=depth, width=m,
                                        activation=activation, init=init, seed=s),
                          X, y, seeds, optimizer=optimizer, step_size=step_size, loss=loss,
                          epochs=epochs, batch_size=batch_size, callback=done)
        rates.append(success_rate(runs, threshold))
    return np.array(rates)




def final_losses(make_model, X, y, settings, **train_kwargs):
    """Train one model per setting and return each one's final TrainLoss (inf if it diverged).

    make_model(**setting) -> a fresh model; settings: a list of dicts (e.g. activation and
    init); train_kwargs go to dl.train (loss, optimizer as a name with step_size, epochs, ...).
    Returns (array (len(settings),), [History]).
    """
    settings = list(settings)
    if not settings or not all(isinstance(s, dict) for s in settings):
        raise ValueError("settings: expected a non-empty list of dicts of model arguments")
    values, histories = [], []
    for s in settings:
        h = train(make_model(**s), X, y, **train_kwargs)
        histories.append(h)
        values.append(np.inf if h.diverged else h.train_loss[-1])
    return np.array(values), histories


def train_optimizers(make_model, X, y, step_sizes, **train_kwargs):
    """Train the same start with every optimizer: {name: History}.

    make_model() -> a fresh model (the same start each time); step_sizes: {optimizer name
    (one of OPTIMIZERS): eta}; the rest as in dl.train (loss, epochs, batch_size, ...).
    """
    if not callable(make_model):
        raise ValueError("make_model: expected a function () -> a fresh model")
    if not isinstance(step_sizes, dict) or not step_sizes:
        raise ValueError("step_sizes: expected a dict {optimizer name: step size}")
    for name in step_sizes:
        if name not in OPTIMIZERS:
            raise ValueError(f"step_sizes: unknown optimizer {name!r}; allowed: "
                             f"{', '.join(OPTIMIZERS)}")
    return {name: train(make_model(), X, y, optimizer=name, step_size=eta, **train_kwargs)
            for name, eta in step_sizes.items()}
