"""Per-layer activations and gradients of a deep network; their pictures; bad input."""
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl  # noqa: E402

X, Y = dl.make_dataset("spiral", n=50, noise=0.1, seed=0)




@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_gradients_are_backprops(activation):
    model = dl.MLP(2, [6, 5, 4], activation=activation, init="he", seed=1)
    before = {k: v.copy() for k, v in model.params.items()}
    stats = dl.layer_stats(model, X, Y, loss="squared")
    loss, grads = model.loss_and_grads(X, Y, loss="squared")
    assert stats.names == ["V1", "V2", "V3", "w"]
    assert stats.loss == pytest.approx(loss)
    for name, g in zip(stats.names, stats.grads, strict=True):
        np.testing.assert_array_equal(g, grads[name])
    np.testing.assert_allclose(stats.grad_norms, [np.linalg.norm(grads[k]) for k in stats.names])
    assert stats.first_to_last == pytest.approx(stats.grad_norms[0] / stats.grad_norms[-1])
    for a, b in zip(stats.activations, model.hidden_units(X), strict=True):
        np.testing.assert_allclose(a, b)                  # no dropout or batch norm: train = eval
    assert all(np.array_equal(before[k], model.params[k]) for k in before)
    assert stats.activation == activation


def test_init_layer_stats_builds_the_named_network():
    stats = dl.init_layer_stats(X, Y, init="xavier", depth=4, width=7, activation="tanh", seed=3)
    assert [a.shape for a in stats.activations] == [(50, 7)] * 4
    assert [g.shape for g in stats.grads] == [(7, 2), (7, 7), (7, 7), (7, 7), (1, 7)]
    assert stats.label == "tanh, Xavier"
    same = dl.layer_stats(dl.MLP(2, depth=4, width=7, activation="tanh", init="xavier", seed=3),
                          X, Y)
    np.testing.assert_array_equal(stats.grad_norms, same.grad_norms)
    assert dl.init_layer_stats(X, Y, "normal", 0.1).label == "sigmoid, normal s=0.1"


def test_small_sigmoid_init_vanishes_and_tanh_xavier_does_not():
    small = dl.init_layer_stats(X, Y, "normal", 0.1, depth=10, width=32, activation="sigmoid")
    assert small.first_to_last < 1e-6
    assert np.all(np.diff(np.log10(small.grad_norms)) > 0)        # shrinking layer by layer
    good = dl.init_layer_stats(X, Y, "xavier", 1.0, depth=10, width=32, activation="tanh")
    assert 0.1 < good.first_to_last < 10


def test_bad_input():
    with raises(r"model: expected an MLP with at least one hidden layer"):
        dl.layer_stats(dl.LinearPredictor(), X, Y)
    with raises(r"model: expected an MLP"):
        dl.layer_stats("net", X, Y)
    with raises(r"X: expected shape \(n, 2\)"):
        dl.layer_stats(dl.MLP(), X[:, :1], Y)
    with raises(r"y: expected 50 targets"):
        dl.layer_stats(dl.MLP(), X, Y[:3])
    with raises(r"loss: expected one of squared, logistic"):
        dl.layer_stats(dl.MLP(), X, Y, loss="mse")
    with raises(r"X: expected shape \(n, input_dim\)"):
        dl.init_layer_stats(X[:, 0], Y)
    with raises(r"init: expected one of normal, xavier, he, zeros"):
        dl.init_layer_stats(X, Y, init="glorot")


def test_pictures_and_widget():
    stats = [dl.init_layer_stats(X, Y, i, s, depth=3, width=4) for i, s in
             [("normal", 0.1), ("he", 1.0)]]
    relu = dl.init_layer_stats(X, Y, "he", depth=3, width=4, activation="relu")
    fig, axes = plt.subplots(1, 3)
    assert dl.plot_activation_histograms(relu, ax=axes[0]) is axes[0]
    assert dl.plot_gradient_histograms(stats[0], ax=axes[1]) is axes[1]
    assert dl.plot_grad_norms(stats, ax=axes[2]) is axes[2]
    assert len(dl.plot_layer_stats(stats).axes) == 4
    assert len(dl.plot_init_panels(stats[0]).axes) == 3
    plt.close("all")


def test_activation_histograms_show_the_variation_with_x():
    stats = dl.init_layer_stats(X, Y, "normal", 0.1, depth=3, width=4)
    ax = dl.plot_activation_histograms(stats)                   # centred: h - its mean over x
    lo, hi = ax.images[0].get_extent()[2:]
    assert [lo, hi] == [-0.5, 0.5]
    img = ax.images[0].get_array()
    assert img[:, -1].argmax() in (19, 20)                       # layer 3: all of it near 0
    raw = dl.plot_activation_histograms(stats, centered=False)
    assert list(raw.images[0].get_extent()[2:]) == [0.0, 1.0]
    plt.close("all")


def test_explorer_redraws_with_its_controls(monkeypatch):
    import deeplearn_helpers.widgets.making_it_work as mw
    drawn = []
    real = mw.plot_init_panels
    monkeypatch.setattr(mw, "plot_init_panels",
                        lambda stats, fig: drawn.append(stats.label) or real(stats, fig=fig))
    box = dl.init_explorer(X, Y, depth=3, width=4)
    box.controls["init_scale"].value = 10.0
    box.controls["activation"].value = "tanh"
    box.controls["init"].value = "normal"
    assert drawn == ["relu, He", "relu, He x 10", "tanh, He x 10", "tanh, normal s=10"]
    plt.close("all")
