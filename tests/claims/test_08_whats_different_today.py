"""The claims of notebooks/08_whats_different_today.ipynb, asserted through the same package calls as the
notebook makes them: a claim that fails here means the notebook's text is wrong."""

import numpy as np
import pytest

import deeplearn_helpers as dl

X, Y = dl.load_digits()
X_train, X_test, y_train, y_test = dl.train_test_split(X, Y, test_fraction=0.25, seed=0)

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
