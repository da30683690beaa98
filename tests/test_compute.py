"""Cost of an epoch (compute) and the learning curve (data), notebook 08."""
import numpy as np
import pytest

import deeplearn_helpers as dl


def _digits(n=200):
    X, y = dl.load_digits()
    return X[:n], y[:n]


def test_counts():
    m = dl.MLP(input_dim=64, hidden=[16], output_dim=10)
    assert dl.n_weights(m) == 64 * 16 + 16 * 10
    assert m.n_params == dl.n_weights(m) + 16 + 10
    assert dl.multiply_adds(m, 100) == 3 * (64 * 16 + 16 * 10) * 100


def test_time_epoch_is_positive_and_leaves_the_model_alone():
    X, y = _digits()
    m = dl.MLP(input_dim=64, hidden=[8], output_dim=10, activation="relu")
    before = {k: v.copy() for k, v in m.params.items()}
    t = dl.time_epoch(m, X, y, repeats=2)
    assert isinstance(t, float) and 0 < t < 10
    assert all(np.array_equal(before[k], m.params[k]) for k in before)


def test_width_and_data_sweeps():
    X, y = _digits()
    s = dl.epoch_time_vs_width(X, y, widths=[4, 8], depth=2, repeats=1)
    assert s.kind == "width" and list(s.values) == [4, 8] and s.seconds.shape == (2,)
    assert list(s.n_params) == [dl.MLP(input_dim=64, hidden=[w, w], output_dim=10).n_params
                                for w in (4, 8)]
    assert np.allclose(s.megabytes, s.n_params * 8e-6)
    d = dl.epoch_time_vs_data(X, y, sizes=[20, 200], width=8, repeats=1)
    assert d.kind == "data" and list(d.n_examples) == [20, 200]
    assert d.multiply_adds[1] == 10 * d.multiply_adds[0]


def test_loglog_slope_of_a_power_law():
    x = np.array([1.0, 2, 4, 8])
    assert dl.loglog_slope(x, 3 * x ** 1.5) == pytest.approx(1.5)


def test_learning_curve():
    X, y = dl.load_digits()
    Xtr, Xte, ytr, yte = dl.train_test_split(X[:400], y[:400], seed=0)
    def make(s):
        return dl.MLP(input_dim=64, hidden=[8], output_dim=10, activation="relu", seed=s)

    lc = dl.learning_curve(make, Xtr, ytr, Xte, yte, sizes=[10, 100], steps=20, seeds=(0, 1))
    assert list(lc.sizes) == [10, 100] and list(lc.epochs) == [20, 7]     # ceil(20 * 32 / 100)
    assert lc.test_error.shape == lc.train_error.shape == (2,)
    assert np.all((0 <= lc.test_error) & (lc.test_error <= 1))
    again = dl.learning_curve(make, Xtr, ytr, Xte, yte, sizes=[10, 100], steps=20, seeds=(0, 1))
    assert np.array_equal(lc.test_error, again.test_error)
    assert "test error" in lc.summary()


@pytest.mark.parametrize("call, word", [
    (lambda X, y: dl.epoch_time_vs_width(X, y, widths=[0]), "widths"),
    (lambda X, y: dl.epoch_time_vs_width(X, y, widths=[]), "widths"),
    (lambda X, y: dl.epoch_time_vs_width(X, y, widths=[4], depth=0), "depth"),
    (lambda X, y: dl.epoch_time_vs_width(X, y, widths=[4], repeats=0), "repeats"),
    (lambda X, y: dl.epoch_time_vs_width(X, y[:5], widths=[4]), "X, y"),
    (lambda X, y: dl.epoch_time_vs_data(X, y, sizes=[2.5]), "sizes"),
    (lambda X, y: dl.epoch_time_vs_data(X, y, sizes=[10], width=0), "width"),
    (lambda X, y: dl.epoch_time_vs_data(X, y, sizes=[10, 51]), "sizes: expected integers in 1..50"),
    (lambda X, y: dl.multiply_adds(dl.MLP(), 0), "n"),
    (lambda X, y: dl.loglog_slope([1, 2], [1, -1]), "x, t"),
    (lambda X, y: dl.loglog_slope([1], [1]), "x, t"),
    (lambda X, y: dl.time_epoch(dl.MLP(input_dim=64, output_dim=10), X, y, repeats=0), "repeats"),
])
def test_compute_bad_input(call, word):
    X, y = _digits(50)
    with pytest.raises(ValueError, match=word):
        call(X, y)


@pytest.mark.parametrize("kwargs, word", [
    (dict(sizes=[0]), "sizes"),
    (dict(sizes=[10_000]), "sizes"),
    (dict(sizes=[]), "sizes"),
    (dict(sizes=[10], seeds=()), "seeds"),
    (dict(sizes=[10], steps=0), "steps"),
    (dict(sizes=[10], make_model=None), "make_model"),
])
def test_learning_curve_bad_input(kwargs, word):
    X, y = _digits(100)
    args = dict(make_model=lambda s: dl.MLP(input_dim=64, output_dim=10, seed=s),
                X_train=X[:80], y_train=y[:80], X_test=X[80:], y_test=y[80:])
    args.update(kwargs)
    with pytest.raises(ValueError, match=word):
        dl.learning_curve(**args)


def test_plots():
    import matplotlib.pyplot as plt
    X, y = _digits(100)
    s = dl.epoch_time_vs_width(X, y, widths=[4, 8, 16], repeats=1)
    ax = dl.plot_compute_sweep(s, what="n_params")
    assert ax.get_xscale() == "log" and "parameters" in ax.get_ylabel()
    assert dl.plot_compute_sweep(s).get_ylabel() == "CPU seconds per epoch"
    d = dl.epoch_time_vs_data(X, y, sizes=[25, 50, 100], repeats=1)
    assert [t.get_text() for t in dl.plot_compute_sweep(d).get_xticklabels()] == ["25", "50", "100"]
    with pytest.raises(ValueError, match="what"):
        dl.plot_compute_sweep(s, what="flops")
    lc = dl.LearningCurve(np.array([10, 100]), np.array([0.0, 0.01]), np.array([0.3, 0.1]),
                          np.array([5, 1]))
    assert "Learning curve" in dl.plot_learning_curve(lc).get_title()
    ax = dl.plot_learning_curve(lc, loglog=True)            # the power law: a straight line
    assert ax.get_yscale() == ax.get_xscale() == "log" and len(ax.lines) == 2
    fit = ax.lines[1].get_ydata()
    assert np.allclose(fit, [30, 10])                          # exactly a n^b through 2 points
    plt.close("all")
