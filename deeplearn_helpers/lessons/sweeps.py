"""Sweeps over training runs: how often a recipe works, and how fast.

    success rate   = (number of seeds whose final TrainLoss <= threshold) / (number of seeds)
    epochs to reach = min { t : TrainLoss after epoch t <= target }

Every run is a plain ``dl.train`` (through ``dl.train_many`` for many seeds).
"""
import math
from dataclasses import dataclass

import numpy as np

from .._checks import is_int, is_real
from ..models import MLP
from ..runs import train_many
from ..train import epochs_to_reach, train


def success_rate(runs, threshold):
    """The fraction of runs whose final TrainLoss is <= threshold.  runs: [(model, History)]."""
    if not is_real(threshold) or not math.isfinite(threshold):
        raise ValueError(f"threshold: expected a finite number, got {threshold!r}")
    if not runs:
        raise ValueError(f"runs: expected a non-empty list of (model, History) pairs, got {runs!r}")
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
        raise ValueError(f"seeds: expected a non-empty list of seeds, got {seeds!r}")
    X = np.asarray(X)

    def done(epoch, model, history):
        return history.train_loss[-1] <= threshold

    rates = []
    for m in widths:
        runs = train_many(lambda s, m=m: MLP(input_dim=X.shape[1], depth=depth, width=m,
                                             activation=activation, init=init, seed=s),
                          X, y, seeds, optimizer=optimizer, step_size=step_size, loss=loss,
                          epochs=epochs, batch_size=batch_size, callback=done)
        rates.append(success_rate(runs, threshold))
    return np.array(rates)




@dataclass
class SeedRuns:
    """One recipe trained from several seeds: its final numbers, one entry per seed.

    final_loss: final TrainLoss (inf where the run diverged); train_error, test_error:
    final errors (test_error nan without test data); epochs_to_target: the first epoch with
    TrainLoss <= target (nan where never, or without a target); models, histories: the
    trained models and their Histories.
    """
    seeds: list
    final_loss: np.ndarray
    train_error: np.ndarray
    test_error: np.ndarray
    epochs_to_target: np.ndarray
    models: list
    histories: list

    def count(self, values, threshold):
        """How many seeds have ``values`` (an array of this object) <= threshold."""
        return int(np.sum(np.asarray(values) <= threshold))


def runs_over_seeds(make_model, X, y, seeds, settings=None, X_test=None, y_test=None,
                    target=None, **train_kwargs):
    """Train ``make_model(seed, **setting)`` for every seed and every setting.

    settings: {label: dict of model arguments} (None: one setting {'': {}}); seeds: ints,
    each the model's seed and dl.train's seed (shuffling, dropout masks).  target: a
    TrainLoss; a run stops once it is reached (the epochs it needed are recorded).
    train_kwargs go to dl.train (loss, optimizer as a name, step_size, epochs, batch_size).
    Returns {label: SeedRuns}.
    """
    if not callable(make_model):
        raise ValueError(f"make_model: expected a function (seed, **setting) -> model, "
                         f"got {make_model!r}")
    seeds = list(seeds)
    if not seeds or not all(is_int(s) and s >= 0 for s in seeds):
        raise ValueError(f"seeds: expected a non-empty list of ints >= 0, got {seeds!r}")
    settings = {"": {}} if settings is None else settings
    if not isinstance(settings, dict) or not settings or not all(
            isinstance(s, dict) for s in settings.values()):
        raise ValueError(f"settings: expected a non-empty dict {{label: dict of model "
                         f"arguments}}, got {settings!r}")
    if target is not None and (not is_real(target) or not math.isfinite(target)):
        raise ValueError(f"target: expected a finite number or None, got {target!r}")
    stop = None if target is None else (lambda epoch, model, h: h.train_loss[-1] <= target)
    out = {}
    for label, setting in settings.items():
        models = [make_model(s, **setting) for s in seeds]
        hs = [train(m, X, y, seed=s, X_test=X_test, y_test=y_test, callback=stop, **train_kwargs)
              for m, s in zip(models, seeds, strict=True)]
        reach = [epochs_to_reach(h, target) if target is not None else None for h in hs]
        out[label] = SeedRuns(
            seeds=seeds,
            final_loss=np.array([np.inf if h.diverged else h.train_loss[-1] for h in hs]),
            train_error=np.array([h.train_error[-1] for h in hs]),
            test_error=np.array([h.test_error[-1] if h.test_error else np.nan for h in hs]),
            epochs_to_target=np.array([np.nan if t is None else t for t in reach], dtype=float),
            models=models, histories=hs)
    return out
