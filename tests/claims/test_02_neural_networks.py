"""The claims of notebooks/02_neural_networks.ipynb, asserted through the same package calls as the
notebook makes them: a claim that fails here means the notebook's text is wrong."""

import numpy as np
import pytest

import deeplearn_helpers as dl
from deeplearn_helpers.widgets.networks import width_model


def test_sigmoid_is_a_soft_step():
    """sigma(0) = 1/2, near 0 for z << 0 and near 1 for z >> 0."""
    z = np.array([-10.0, 0.0, 10.0])
    assert np.allclose(dl.sigmoid(z), [0.0, 0.5, 1.0], atol=1e-4)


def test_parameter_count():
    """2 inputs, 3 hidden units: d = 3*2 + 3 + 3 + 1 = 13; in general d = 4k + 1."""
    model = dl.MLP(input_dim=2, hidden=[3], activation="sigmoid", seed=0)
    assert {k: v.shape for k, v in model.params.items()} == {
        "V1": (3, 2), "b1": (3,), "w": (1, 3), "b": (1,)}
    assert model.n_params == 13
    for k in (1, 8, 32):
        assert dl.MLP(input_dim=2, hidden=[k]).n_params == 4 * k + 1


def _xor_by_hand():
    X, y = dl.make_dataset("xor", n=200, noise=0.05, seed=0)
    V = [[10, 10], [-10, -10]]
    w = [2, 2]
    return X, y, dl.network_from_weights([V, w], biases=[[-6, -6], -1])


def test_hand_set_weights_solve_xor_and_a_linear_predictor_does_not():
    """Hand-set 2-unit network: 0% error; the trained linear predictor: >= 25% ("about 40%")."""
    X, y, by_hand = _xor_by_hand()
    assert dl.error_rate(by_hand.predict(X), y) == 0.0
    linear = dl.LinearPredictor(input_dim=2, bias=True)
    hist = dl.train(linear, X, y, loss="squared", optimizer=dl.SGD(0.1), epochs=100,
                    batch_size=None)
    assert hist.train_error[-1] >= 0.25
    assert 0.35 <= hist.train_error[-1] <= 0.45


def test_xor_is_linearly_separable_in_the_hidden_units():
    """In the coordinates (h_1, h_2) the line w . h + b = 0 separates the classes."""
    X, y, by_hand = _xor_by_hand()
    H = by_hand.hidden_units(X)[0]
    w, b = by_hand.params["w"][0], by_hand.params["b"][0]
    assert np.all(np.sign(H @ w + b) == y)


def _circle():
    return dl.make_dataset("circle", n=200, noise=0.1, seed=0)


def _trained(width, X, y):
    model = dl.MLP(input_dim=2, hidden=[width], activation="sigmoid", seed=1)
    hist = dl.train(model, X, y, loss="squared", optimizer=dl.SGD(0.05), epochs=40, batch_size=1,
                    seed=1)
    return model, hist


def test_one_hidden_unit_fails_on_circle_and_four_succeed():
    """One hidden unit: error > 20%; four: a few percent (< 5%)."""
    X, y = _circle()
    assert _trained(1, X, y)[1].train_error[-1] > 0.20
    assert _trained(4, X, y)[1].train_error[-1] < 0.05


def test_width_explorer_uses_the_notebook_recipe():
    X, y = _circle()
    model, hist = width_model(X, y, 4)
    ref_model, ref_hist = _trained(4, X, y)
    assert hist.train_loss == ref_hist.train_loss
    assert np.array_equal(model.params["V1"], ref_model.params["V1"])


@pytest.mark.parametrize("width", [2, 3])
def test_two_or_three_units_fit_part_of_the_disk(width):
    """Better than one unit (> 20%), not as good as four (< 5%)."""
    X, y = _circle()
    assert 0.05 < width_model(X, y, width)[1].train_error[-1] < 0.20


@pytest.mark.parametrize("width", [4, 6, 8, 16, 32])
def test_from_about_four_units_the_error_is_small(width):
    X, y = _circle()
    assert width_model(X, y, width)[1].train_error[-1] < 0.07
