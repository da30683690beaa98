"""The claims of notebooks/07_depth_mysteries.ipynb, asserted through the same package calls as the
notebook makes them: a claim that fails here means the notebook's text is wrong."""

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
