"""Random ReLU features and minimum-norm least squares (double descent, notebook 07)."""
import numpy as np
import pytest

import deeplearn_helpers as dl


def _digits(n_train=40, n_test=60):
    X, y = dl.load_digits()
    Xtr, Xte, ytr, yte = dl.train_test_split(X, y, test_fraction=0.25, seed=0)
    return Xtr[:n_train], ytr[:n_train], Xte[:n_test], yte[:n_test]


def test_draw_features_is_seeded_with_variance_one_over_d():
    V = dl.draw_features(64, 3000, seed=1)
    assert V.shape == (3000, 64)
    assert np.array_equal(V, dl.draw_features(64, 3000, seed=1))
    assert not np.array_equal(V, dl.draw_features(64, 3000, seed=2))
    assert V.var() == pytest.approx(1 / 64, rel=0.05)


def test_relu_features_are_relu_of_v_dot_x():
    rng = np.random.default_rng(0)
    X, V = rng.standard_normal((5, 3)), rng.standard_normal((4, 3))
    H = dl.relu_features(X, V)
    assert H.shape == (5, 4)
    np.testing.assert_allclose(H[2, 1], max(0.0, V[1] @ X[2]))


@pytest.mark.parametrize("n, p", [(10, 30), (30, 10)])
@pytest.mark.parametrize("k", [None, 3])
def test_min_norm_fit_is_the_pseudo_inverse(n, p, k):
    rng = np.random.default_rng(1)
    H = rng.standard_normal((n, p))
    Y = rng.standard_normal(n if k is None else (n, k))
    w = dl.min_norm_fit(H, Y)
    np.testing.assert_allclose(w, np.linalg.pinv(H) @ Y, atol=1e-10)
    if p > n:                        # interpolates, and lies in the row space of H (minimum norm)
        np.testing.assert_allclose(H @ w, Y, atol=1e-10)
        null = np.linalg.svd(H)[2][n:]
        np.testing.assert_allclose(null @ w, 0, atol=1e-10)


@pytest.mark.parametrize("n, p", [(10, 30), (30, 10)])
def test_ridge_fit_solves_the_penalised_problem(n, p):
    rng = np.random.default_rng(2)
    H, Y = rng.standard_normal((n, p)), rng.standard_normal((n, 2))
    w = dl.min_norm_fit(H, Y, ridge=0.5)
    np.testing.assert_allclose(w, np.linalg.solve(H.T @ H + 0.5 * np.eye(p), H.T @ Y), atol=1e-10)


def test_double_descent_shapes_and_interpolation():
    Xtr, ytr, Xte, yte = _digits()
    dd = dl.double_descent(Xtr, ytr, Xte, yte, n_features=[5, 20, 40, 80], seeds=(0, 1))
    assert dd.n_train == 40 and list(dd.n_features) == [5, 20, 40, 80]
    for a in (dd.test_error, dd.train_error, dd.test_loss, dd.train_loss, dd.norm):
        assert a.shape == (4,) and np.all(np.isfinite(a))
    assert dd.train_loss[0] > 0.1 and np.all(dd.train_loss[2:] < 1e-10)   # p >= n fits exactly
    assert dd.peak in (5, 20, 40, 80)
    again = dl.double_descent(Xtr, ytr, Xte, yte, n_features=[5, 20, 40, 80], seeds=(0, 1))
    assert np.array_equal(dd.test_error, again.test_error)
    assert "peak" in dd.summary()


def test_double_descent_default_grid_contains_the_threshold():
    Xtr, ytr, Xte, yte = _digits(n_train=30)
    dd = dl.double_descent(Xtr, ytr, Xte, yte, seeds=(0,))
    assert 30 in dd.n_features and dd.n_features[0] == 3 and dd.n_features[-1] == 600


def test_double_descent_regression_targets():
    X, y = dl.make_dataset("sine", n=30, noise=0.1, seed=0)
    Xt, yt = dl.make_dataset("sine", n=50, noise=0.0, seed=1)
    dd = dl.double_descent(X, y, Xt, yt, n_features=[5, 60], seeds=(0,))
    assert np.all(np.isnan(dd.test_error)) and np.all(np.isfinite(dd.test_loss))
    X, y = dl.make_dataset("circle", n=30, seed=0)
    dd = dl.double_descent(X, y, X, y, n_features=[5, 60], seeds=(0,))
    assert np.all(np.isfinite(dd.test_error))                 # labels +-1: error via sign


@pytest.mark.parametrize("kwargs, word", [
    (dict(n_features=[0, 10]), "n_features"),
    (dict(n_features=[2.5]), "n_features"),
    (dict(n_features=[]), "n_features"),
    (dict(seeds=()), "seeds"),
    (dict(seeds=(-1,)), "seed"),
    (dict(ridge=-1.0), "ridge"),
])
def test_double_descent_bad_input(kwargs, word):
    Xtr, ytr, Xte, yte = _digits()
    with pytest.raises(ValueError, match=word):
        dl.double_descent(Xtr, ytr, Xte, yte, **kwargs)


def test_bad_data_and_fit_input():
    Xtr, ytr, Xte, yte = _digits()
    with pytest.raises(ValueError, match="X_test"):
        dl.double_descent(Xtr, ytr, Xte[:, :10], yte)
    with pytest.raises(ValueError, match="y_train"):
        dl.double_descent(Xtr, ytr[:5], Xte, yte)
    with pytest.raises(ValueError, match="Y"):
        dl.min_norm_fit(np.ones((4, 3)), np.ones(5))
    with pytest.raises(ValueError, match="H"):
        dl.min_norm_fit(np.array([[np.nan]]), np.ones(1))
    with pytest.raises(ValueError, match="n_features"):
        dl.draw_features(3, 0)


def test_plots_and_explorer(monkeypatch):
    import matplotlib.pyplot as plt

    import deeplearn_helpers.widgets.mysteries as mysteries
    Xtr, ytr, Xte, yte = _digits()
    dd = dl.double_descent(Xtr, ytr, Xte, yte, n_features=[5, 40, 80], seeds=(0,))
    assert dl.plot_double_descent(dd) is not None
    assert dl.plot_weight_norm(dd) is not None
    ax = dl.plot_double_descent_experiment(Xtr, ytr, Xte, yte, n_train=20, ridge=0.1)
    assert "ridge $\\lambda$ = 0.1" in ax.get_title()
    titles = []                                # every redraw's title: the widget really redraws

    def spy(*args, **kwargs):
        titles.append(dl.plot_double_descent_experiment(*args, **kwargs).get_title())
    monkeypatch.setattr(mysteries, "plot_double_descent_experiment", spy)
    Xtr, ytr, Xte, yte = _digits(n_train=100)
    box = dl.double_descent_explorer(Xtr, ytr, Xte, yte, n_train=40)
    assert titles == ["40 training digits, minimum norm"]
    box.controls["ridge"].value = 1.0
    box.controls["n_train"].value = 60
    assert titles[1:] == ["40 training digits, ridge $\\lambda$ = 1",
                          "60 training digits, ridge $\\lambda$ = 1"]
    assert box.controls["n_train"].min == 40 and box.controls["n_train"].max == 100
    plt.close("all")
