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
    for m, rate in zip([1, 8], rates, strict=True):
        runs = dl.train_many(lambda s, m=m: dl.MLP(2, [m], activation="tanh", init="xavier",
                                                   seed=s),
                             X, Y, range(3), optimizer="adam", step_size=0.05, epochs=40,
                             batch_size=None, loss="squared")
        assert rate == dl.success_rate(runs, 0.2)     # stopping early changes no verdict


def test_epochs_to_reach():
    h = dl.History(train_loss=[1.0, 0.6, 0.4, 0.5], epochs=[0, 1, 2, 3])
    assert dl.epochs_to_reach(h, 0.45) == 2
    assert dl.epochs_to_reach(h, 1.0) == 0
    assert dl.epochs_to_reach(h, 0.1) is None


def test_runs_over_seeds_is_train_per_seed_and_setting():
    settings = {"tanh": dict(activation="tanh"),
                "blows up": dict(activation="relu", init="normal", init_scale=30.0)}
    runs = dl.runs_over_seeds(lambda seed, **kw: dl.MLP(2, [8, 8], seed=seed, **kw), X, Y,
                              [3, 4], settings, X_test=X, y_test=Y, optimizer="sgd",
                              step_size=0.05, epochs=20)
    assert list(runs) == ["tanh", "blows up"]
    tanh = runs["tanh"]
    for j, seed in enumerate([3, 4]):            # the same as one dl.train with that seed
        m = dl.MLP(2, [8, 8], seed=seed, activation="tanh")
        h = dl.train(m, X, Y, optimizer="sgd", step_size=0.05, epochs=20, seed=seed)
        assert tanh.final_loss[j] == h.train_loss[-1] == tanh.histories[j].train_loss[-1]
        assert tanh.train_error[j] == h.train_error[-1]
        assert np.array_equal(tanh.models[j].params["V1"], m.params["V1"])
    assert tanh.test_error[0] == tanh.histories[0].test_error[-1]
    assert np.isnan(tanh.epochs_to_target).all()
    assert np.all(runs["blows up"].final_loss == np.inf)
    assert tanh.count(tanh.final_loss, np.inf) == 2 and tanh.count(tanh.final_loss, -1) == 0


def test_runs_over_seeds_stops_at_the_target():
    runs = dl.runs_over_seeds(lambda seed: dl.MLP(2, [16], activation="tanh", seed=seed), X, Y,
                              range(3), target=0.5, optimizer="adam", step_size=0.05,
                              epochs=200, batch_size=None)[""]
    for h, t in zip(runs.histories, runs.epochs_to_target, strict=True):
        assert h.epoch == t == dl.epochs_to_reach(h, 0.5) and h.train_loss[-2] > 0.5
    assert np.isnan(runs.test_error).all()


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
    make = lambda seed: dl.MLP(seed=seed)   # noqa: E731
    with raises(r"settings: expected a non-empty dict"):
        dl.runs_over_seeds(make, X, Y, [0], settings={})
    with raises(r"seeds: expected a non-empty list of ints >= 0, got \[-1\]"):
        dl.runs_over_seeds(make, X, Y, [-1])
    with raises(r"target: expected a finite number or None, got 'low'"):
        dl.runs_over_seeds(make, X, Y, [0], target="low")
    with raises(r"make_model: expected a function"):
        dl.runs_over_seeds(dl.MLP(), X, Y, [0])


def test_pictures():
    h = dl.History(train_loss=[1.0, 0.5, 0.2], epochs=[0, 1, 2], train_error=[0.5, 0.2, 0.0],
                   test_error=[0.5, 0.3, 0.2])
    fig, axes = plt.subplots(1, 4)
    assert dl.plot_success_rates([2, 8], {"xor": [0.1, 1.0]}, ax=axes[0], n_seeds=20,
                                 threshold=0.1) is axes[0]
    ax = dl.plot_seed_grid(np.array([[0, 5], [3, 0]]), 5, ["a", "b"], ["c", "d"], ax=axes[1],
                           diverged=np.array([[0, 0], [0, 5]]))
    assert ax is axes[1]
    assert [t.get_text() for t in ax.texts] == ["0 of 5", "5 of 5", "3 of 5", "diverged"]
    assert dl.plot_train_losses({"adam": h, "plain": [h, h]}, target=0.3, ax=axes[2]) is axes[2]
    assert len(axes[2].lines) == 3 + 3 + 1         # 3 curves, 3 dots at the target, the target
    assert dl.plot_error_curves({"p=0": h}, ax=axes[3]) is axes[3]
    plt.close("all")
