"""The claims of notebooks/04_optimization_sgd.ipynb, asserted through the same package calls as the
notebook makes them: a claim that fails here means the notebook's text is wrong."""

import numpy as np
import pytest

import deeplearn_helpers as dl

X4, Y4 = dl.make_dataset("sine", n=50, noise=0.1, seed=0)


def make_model():
    return dl.MLP(input_dim=1, hidden=[10], activation="sigmoid", seed=0)


@pytest.fixture(scope="module")
def gd_vs_sgd():
    sgd = dl.train_step_sizes(make_model, X4, Y4, [0.2], epochs=40, batch_size=1)
    gd = dl.train_step_sizes(make_model, X4, Y4, [0.1, 0.3, 0.5], epochs=1000, batch_size=None)
    return sgd, gd


def test_04_sgd_reaches_the_target_with_fewer_gradient_evaluations_than_gd(gd_vs_sgd):
    """Claim: per-example SGD reaches TrainLoss 0.1 with fewer gradient evaluations than
    full-batch GD, whichever of the three GD step sizes (text: ~1,500 vs more than 30,000)."""
    sgd, gd = gd_vs_sgd
    n = len(X4)
    (_, h_sgd), = sgd.values()
    e_sgd = dl.evaluations_to_reach(h_sgd, 0.1, n)
    assert e_sgd is not None and e_sgd <= 2000
    e_gd = [dl.evaluations_to_reach(h, 0.1, n) for _, h in gd.values()]
    assert all(e is None or e > e_sgd for e in e_gd)
    assert min(e for e in e_gd if e is not None) > 30000
    table = dl.evaluations_table({"SGD": sgd, "GD": gd}, target=0.1, n_examples=n)
    assert f"{e_sgd:,}" in table


@pytest.fixture(scope="module")
def step_sizes():
    return dl.train_step_sizes(make_model, X4, Y4, [0.01, 0.2, 1.0], epochs=60, batch_size=1)


def test_04_the_largest_step_size_diverges_and_the_history_says_so(step_sizes):
    """Claim: eta = 1 (the largest shown) diverges, History.diverged and its message say so;
    eta = 0.01 is slow (TrainLoss still > 5x that of eta = 0.2 after 60 epochs)."""
    (_, small), (_, good), (_, large) = step_sizes.values()
    assert large.diverged and "diverged in epoch" in large.message
    assert "diverged" in large.summary()
    assert not small.diverged and not good.diverged
    assert small.train_loss[-1] > 5 * good.train_loss[-1]
    assert good.train_loss[-1] < 0.05


def test_04_schedules_trade_speed_for_calm():
    """Text: constant eta = 0.3 ends lowest but bounces; eta_0/sqrt(t) is smoother but still on
    the plateau; eta_0/t stalls there (TrainLoss > 0.2)."""
    schedules = [dl.schedule(kind, 0.3) for kind in ("constant", "inv_sqrt", "inv")]
    runs = dl.train_step_sizes(make_model, X4, Y4, schedules, epochs=60, batch_size=1)
    (_, const), (_, sqrt), (_, inv) = runs.values()
    assert const.train_loss[-1] < sqrt.train_loss[-1] < inv.train_loss[-1]
    assert np.std(const.train_loss[-10:]) > 2 * np.std(sqrt.train_loss[-10:])
    assert sqrt.train_loss[-1] > 0.1 and inv.train_loss[-1] > 0.2


def test_04_backprop_agrees_with_finite_differences():
    """Claim: backprop and finite differences agree to 1e-6 (every node of the graph, and
    dl.check_model_gradients for theta = (V, w))."""
    net = dl.MLP(input_dim=2, hidden=[3], bias=False, seed=0)
    x, y1 = np.array([1.0, -0.5]), 1.0
    errors = dl.check_graph_gradients(net, x, y1)
    assert list(errors) == ["x", "V", "z", "h", "w", "f", "Loss"]
    assert max(errors.values()) < 1e-9
    assert max(dl.check_model_gradients(net, x[None, :], np.array([y1])).values()) < 1e-6
    assert len(dl.graph_steps(dl.computation_graph(net, x, y1))) == 14
