"""The claims of notebooks 07 (double descent, lottery tickets), 08 (computation, data) and 10
(summary: the answers of the "predict, then run" exercises), each through the same package
calls, with the same arguments, as the notebook.  (To be merged into tests/test_claims.py.)"""
import numpy as np
import pytest

import deeplearn_helpers as dl

X, Y = dl.load_digits()
X_train, X_test, y_train, y_test = dl.train_test_split(X, Y, test_fraction=0.25, seed=0)


# --- 07_depth_mysteries ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dd():
    return dl.double_descent(X_train[:100], y_train[:100], X_test, y_test)


def test_07_double_descent_peaks_at_the_interpolation_threshold(dd):
    """Claim: the test error peaks near the threshold p = n (here exactly at p = n = 100; text:
    82.4%, worse than with 10 features) and the TrainLoss reaches 0 only there."""
    n = dd.n_train
    assert 0.8 * n <= dd.peak <= 1.25 * n
    assert dd.peak == n
    i = int(np.argmax(dd.test_error))
    assert dd.test_error[i] > dd.test_error[0]                     # worse than 10 features
    assert np.all(dd.train_loss[dd.n_features < n] > 1e-6)
    assert np.all(dd.train_loss[dd.n_features >= n] < 1e-12)
    assert np.any(dd.train_error[dd.n_features < n] == 0)          # training error 0 before it


def test_07_double_descent_falls_again_below_the_value_before_the_peak(dd):
    """Claim: beyond the threshold the test error falls again, below its value just before the
    peak, and (text) far below the best under-parameterised model (8.5% vs 22.8%)."""
    i = int(np.argmax(dd.test_error))
    assert dd.test_error[-1] < dd.test_error[i - 1]
    below = dd.test_error[dd.n_features < dd.n_train]
    assert dd.test_error[-1] < below.min() - 0.1
    assert np.all(np.diff(dd.test_error[i:]) < 0.01)               # falls (up to noise) after it
    assert dd.norm[i] > 100 * dd.norm[-1]                          # |w| peaks with it (right plot)


def test_07_ridge_removes_the_peak():
    """Claim: with ridge 0.1 (3 draws of V, the picture before the explorer) no peak: the test
    error falls steadily (up to 1 point of noise)."""
    ax = dl.plot_double_descent_experiment(X_train, y_train, X_test, y_test, n_train=100,
                                           ridge=0.1)
    err = ax.lines[0].get_ydata()
    assert np.all(np.diff(err) < 0.01) and err[-1] < err[0] / 4
    import matplotlib.pyplot as plt
    plt.close("all")


@pytest.fixture(scope="module")
def lottery():
    X_tr, X_te, y_tr, y_te = dl.train_test_split(X, Y, test_fraction=0.5, seed=0)
    make_model = lambda seed: dl.MLP(input_dim=64, hidden=[128], output_dim=10, activation="relu",
                                     init="he", seed=seed)
    return dl.lottery_ticket(make_model, X_tr, y_tr, X_te, y_te, rounds=12, seed=0,
                             random_seed=1000)


def test_07_lottery_ticket_at_80_percent_sparsity(lottery):
    """Claim: at some sparsity >= 80% the rewound ticket reaches at least the dense network's
    test accuracy minus 1 point, and the same mask from a fresh init does worse than the ticket
    (text: 83.2% pruned, ticket 95.7%, dense 96.2%, fresh init 93.1%)."""
    r = lottery
    ok = [i for i, s in enumerate(r.sparsity)
          if s >= 0.8 and r.ticket_accuracy[i] >= r.dense_accuracy - 0.01
          and r.random_accuracy[i] < r.ticket_accuracy[i]]
    assert ok
    i = r.sparsest_match(tolerance=0.01)
    assert r.sparsity[i] >= 0.8 and i in ok


def test_07_fresh_init_falls_off_sooner(lottery):
    """Claim ('What to notice'): the re-initialised mask is below the ticket from 60% pruned on."""
    r = lottery
    late = [i for i, s in enumerate(r.sparsity) if s >= 0.6]
    assert all(r.random_accuracy[i] < r.ticket_accuracy[i] for i in late)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_07_lottery_ticket_other_seeds(seed):
    """Claim: with seed=1 or 2 (random_seed=1001, 1002) the ticket still beats the fresh init
    beyond 80% pruned, within 1 point of the dense network somewhere beyond 80%."""
    X_tr, X_te, y_tr, y_te = dl.train_test_split(X, Y, test_fraction=0.5, seed=0)
    make_model = lambda s: dl.MLP(input_dim=64, hidden=[128], output_dim=10, activation="relu",
                                  init="he", seed=s)
    r = dl.lottery_ticket(make_model, X_tr, y_tr, X_te, y_te, rounds=12, seed=seed,
                          random_seed=1000 + seed)
    late = [i for i, s in enumerate(r.sparsity) if s >= 0.8]
    assert all(r.random_accuracy[i] < r.ticket_accuracy[i] for i in late)
    assert any(r.ticket_accuracy[i] >= r.dense_accuracy - 0.01 for i in late)


# --- 08_whats_different_today ------------------------------------------------------------------

def test_08_parameters_grow_like_width_and_width_squared():
    """Claim: parameters grow like m with one hidden layer, like m^2 with three (counted)."""
    widths = np.array([16, 32, 64, 128, 256, 512, 1024, 2048])
    d1 = [dl.MLP(input_dim=64, hidden=[m], output_dim=10).n_params for m in widths]
    d3 = [dl.MLP(input_dim=64, hidden=[m] * 3, output_dim=10).n_params for m in widths[:6]]
    assert dl.loglog_slope(widths, d1) == pytest.approx(1.0, abs=0.02)
    assert dl.loglog_slope(widths[3:6], d3[3:]) == pytest.approx(2.0, abs=0.2)


def test_08_epoch_time_grows_with_the_data():
    """Claim: twice the data, about twice the time (slope 1).  Timing, so only a loose check:
    8x the examples take more than 2x the time (the count says 8x)."""
    s = dl.epoch_time_vs_data(X, Y, sizes=[1000, 8000], width=256)
    assert s.seconds[1] > 2 * s.seconds[0]
    assert s.multiply_adds[1] == 8 * s.multiply_adds[0]


@pytest.fixture(scope="module")
def curve():
    make_model = lambda seed: dl.MLP(input_dim=64, hidden=[64], output_dim=10, activation="relu",
                                     init="he", seed=seed)
    return dl.learning_curve(make_model, X_train, y_train, X_test, y_test,
                             sizes=[20, 40, 80, 160, 320, 640, 1347], steps=300, seeds=(0, 1, 2))


def test_08_learning_curve_falls(curve):
    """Claim: the test error at the largest size is below that at the smallest (text: 3.6% vs
    33.0%), falling at every step; roughly a power law (slope about -0.55)."""
    assert curve.test_error[-1] < curve.test_error[0]
    assert np.all(np.diff(curve.test_error) < 0)
    assert -0.8 < dl.loglog_slope(curve.sizes, curve.test_error) < -0.3


def test_08_small_sets_are_memorised(curve):
    """Claim: with little data the training error is 0 while the test error is large; with more
    data the training error rises a little and the gap closes."""
    assert curve.train_error[0] == 0 and curve.test_error[0] > 0.25
    assert curve.train_error[-1] > 0
    gap = curve.test_error - curve.train_error
    assert gap[-1] < gap[0] / 5


# --- 10_summary: the answers of the exercises ----------------------------------------------------

def test_10_parameter_count():
    assert dl.MLP(input_dim=64, hidden=[32, 32], output_dim=10).n_params == 3466


def test_10_line_against_xor():
    Xx, yx = dl.make_dataset("xor", n=200, noise=0.1, seed=0)
    errors = []
    for model in (dl.LinearPredictor(input_dim=2, bias=True),
                  dl.MLP(input_dim=2, hidden=[4], activation="tanh")):
        hist = dl.train(model, Xx, yx, loss="logistic", optimizer=dl.Adam(0.05), epochs=50,
                        batch_size=20)
        errors.append(hist.train_error[-1])
    assert errors[0] >= 0.25 and errors[1] == 0


def test_10_step_sizes():
    Xs, ys = dl.make_dataset("sine", n=50, noise=0.1, seed=0)
    hists = {eta: dl.train(dl.MLP(input_dim=1, hidden=[16], activation="tanh"), Xs, ys,
                           loss="squared", optimizer=dl.SGD(eta), epochs=30, batch_size=1)
             for eta in (0.01, 0.1, 1.0, 10.0)}
    assert [h.diverged for h in hists.values()] == [False, False, True, True]
    assert hists[0.1].train_loss[-1] < hists[0.01].train_loss[-1]


def test_10_over_parameterization():
    Xx, yx = dl.make_dataset("xor", n=100, noise=0.1, seed=0)
    solved = {}
    for width in (2, 16):
        runs = dl.train_many(lambda seed: dl.MLP(input_dim=2, hidden=[width], activation="tanh",
                                                 seed=seed),
                             Xx, yx, seeds=range(10), optimizer="adam", step_size=0.05,
                             loss="logistic", epochs=60, batch_size=10)
        solved[width] = sum(h.train_error[-1] == 0 for _, h in runs)
    assert solved[2] < 10 and solved[16] == 10


def test_10_vanishing_gradients():
    model = dl.MLP(input_dim=64, hidden=[32] * 10, output_dim=10, activation="sigmoid",
                   init="normal", init_scale=0.1, seed=0)
    _, grads = model.loss_and_grads(X[:100], Y[:100], loss="cross_entropy")
    ratio = np.linalg.norm(grads["V1"]) / np.linalg.norm(grads["V10"])
    assert ratio < 1e-6                                   # "many orders of magnitude"
    assert 1e-3 < ratio / (0.1 * np.sqrt(32) / 4) ** 9 < 1e3  # the "Why?" estimate, in order


def test_10_double_descent_exercise():
    dd = dl.double_descent(X_train[:50], y_train[:50], X_test, y_test,
                           n_features=[25, 50, 100, 400])
    assert dd.peak == 50
    assert int(dd.n_features[np.argmin(dd.test_error)]) == 400
