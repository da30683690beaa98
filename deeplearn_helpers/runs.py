"""Many training runs and what they record: conveniences for experiments, built on ``train``."""
import numpy as np

from ._checks import bad, check_choice
from .optim import Optimizer
from .train import make_train_optimizer, train


def train_many(make_model, X, y, seeds, optimizer="sgd", step_size=None, **train_kwargs):
    """Train one model per seed: the same recipe from different random starts.

    make_model(seed) -> a fresh model; optimizer: a name (a fresh optimizer per seed, with
    ``step_size``) or a function () -> Optimizer; the rest as in ``train`` (its ``seed`` is the
    model's seed too, so the shuffling differs between runs).  Returns [(model, History)].
    """
    if isinstance(optimizer, Optimizer):
        raise bad("optimizer", "a name or a function () -> Optimizer (every seed starts with "
                  "a fresh optimizer state)", optimizer)
    runs = []
    for seed in seeds:
        model = make_model(seed)
        opt = optimizer() if callable(optimizer) else make_train_optimizer(optimizer, step_size)
        runs.append((model, train(model, X, y, optimizer=opt, seed=seed, **train_kwargs)))
    return runs


class WeightPath:
    """A callback for ``train`` that records one parameter after every epoch (and at the start).

    ``values``: (T + 1, size) array, row t the flattened parameter after epoch t.
    """

    def __init__(self, model, name):
        check_choice(name, "name", list(model.params))
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
