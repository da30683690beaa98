"""Sweeps over training runs (success rate, width sweep, epochs to reach, per-setting and
per-optimizer runs) and their pictures; bad input."""
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
from conftest import raises

import deeplearn_helpers as dl  # noqa: E402

X, Y = dl.make_dataset("xor", n=20, noise=0.05, seed=0)




def test_success_rate_counts_final_trainloss():
    runs = dl.train_many(lambda s: dl.MLP(2, [4], seed=s), X, Y, seeds=range(4),
                         optimizer="adam", step_size=0.05, epochs=30, batch_size=None)
    finals = np.array([h.train_loss[-1] for _, h in runs])
    threshold = float(np.median(finals))
    assert dl.success_rate(runs, threshold) == np.mean(finals <= threshold)
    assert dl.success_rate(runs, 1e9) == 1.0


def test_width_sweep_is_train_many_per_width_stopping_at_success():
    kw = dict(seeds=range(3), threshold=0.2, activation="tanh", init="xavier",
              optimizer="adam", step_size=0.05, epochs=40)
    rates = dl.width_sweep(X, Y, [1, 8], **kw)
    for m, rate in zip([1, 8], rates):
        runs = dl.train_many(lambda s: dl.MLP(2, [m], activation="tanh", init="xavier", seed=s),
                             X, Y, range(3), optimizer="adam", step_size=0.05, epochs=40,
                             batch_size=None, loss="squared")
        assert rate == dl.success_rate(runs, 0.2)     # stopping early changes no verdict


def test_epochs_to_reach():
    h = dl.History(train_loss=[1.0, 0.6, 0.4, 0.5], epochs=[0, 1, 2, 3])
    assert dl.epochs_to_reach(h, 0.45) == 2
    assert dl.epochs_to_reach(h, 1.0) == 0
    assert dl.epochs_to_reach(h, 0.1) is None


def test_final_losses_and_train_optimizers():
    settings = [dict(activation="tanh"), dict(activation="relu", init="normal", init_scale=30.0)]
    values, hists = dl.final_losses(lambda **kw: dl.MLP(2, [8, 8], seed=0, **kw), X, Y,
                                    settings, optimizer="sgd", step_size=0.05, epochs=20)
    assert not hists[0].diverged and values[0] == hists[0].train_loss[-1]
    assert hists[1].diverged and values[1] == np.inf
    runs = dl.train_optimizers(lambda: dl.MLP(2, [4], seed=0), X, Y, {"sgd": 0.1, "adam": 0.01},
                               epochs=3, batch_size=None)
    assert list(runs) == ["sgd", "adam"] and all(len(h.train_loss) == 4 for h in runs.values())


def test_bad_input():
    runs = dl.train_many(lambda s: dl.MLP(2, [2], seed=s), X, Y, seeds=[0], epochs=1)
    with raises(r"threshold: expected a finite number"):
        dl.success_rate(runs, float("nan"))
    with raises(r"runs: expected a non-empty list"):
        dl.success_rate([], 0.1)
    with raises(r"widths: expected a non-empty list of integers >= 1"):
        dl.width_sweep(X, Y, [0, 2])
    with raises(r"seeds: expected a non-empty list"):
        dl.width_sweep(X, Y, [2], seeds=[])
    with raises(r"threshold: expected a finite number"):
        dl.width_sweep(X, Y, [2], threshold="small")
    with raises(r"history: expected a History"):
        dl.epochs_to_reach([1.0, 0.5], 0.5)
    with raises(r"target: expected a finite number"):
        dl.epochs_to_reach(runs[0][1], None)
    with raises(r"settings: expected a non-empty list of dicts"):
        dl.final_losses(lambda **kw: dl.MLP(**kw), X, Y, [])
    with raises(r"step_sizes: unknown optimizer 'lbfgs'"):
        dl.train_optimizers(lambda: dl.MLP(), X, Y, {"lbfgs": 1.0})
    with raises(r"make_model: expected a function"):
        dl.train_optimizers(dl.MLP(), X, Y, {"sgd": 1.0})


def test_pictures():
    h = dl.History(train_loss=[1.0, 0.5, 0.2], epochs=[0, 1, 2], train_error=[0.5, 0.2, 0.0],
                   test_error=[0.5, 0.3, 0.2])
    fig, axes = plt.subplots(1, 4)
    assert dl.plot_success_rates([2, 8], {"xor": [0.1, 1.0]}, ax=axes[0], n_seeds=20,
                                 threshold=0.1) is axes[0]
    assert dl.plot_loss_grid([[0.01, np.inf], [2e5, 1.0]], ["a", "b"], ["c", "d"],
                             ax=axes[1]) is axes[1]
    assert dl.plot_train_losses({"adam": h, "plain": h}, target=0.3, ax=axes[2]) is axes[2]
    assert dl.plot_error_curves({"p=0": h}, ax=axes[3]) is axes[3]
    plt.close("all")
