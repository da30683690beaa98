"""The claims of notebooks 02 (one hidden layer) and 03 (deep networks), asserted through the
same package calls, with the same arguments, as the notebooks make.  (Merged into
tests/test_claims.py by the lead.)"""
import numpy as np
import pytest

import deeplearn_helpers as dl
from deeplearn_helpers.widgets.networks import depth_model, width_model

# --- 02_neural_networks -------------------------------------------------------------------------


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


# --- 03_deep_networks ---------------------------------------------------------------------------

RECIPE = dict(loss="squared", optimizer="adam", step_size=0.02, epochs=100, batch_size=16, seed=0)


@pytest.fixture(scope="module")
def spiral_nets():
    X, y = dl.make_dataset("spiral", n=200, noise=0.05, seed=0)
    nets = {L: dl.MLP(input_dim=2, hidden=[8] * L, activation="tanh", init_scale=2.0, seed=0)
            for L in (1, 2, 3)}
    hists = {L: dl.train(net, X, y, **RECIPE) for L, net in nets.items()}
    return X, y, nets, hists


def test_depth_fits_the_spiral(spiral_nets):
    """1 hidden layer: more than a quarter wrong; 3 layers: under 5%; 2 in between."""
    _, _, nets, hists = spiral_nets
    err = {L: h.train_error[-1] for L, h in hists.items()}
    assert err[1] > 0.25
    assert err[3] < 0.05
    assert err[3] < err[2] < err[1]
    assert [nets[L].n_params for L in (1, 2, 3)] == [33, 105, 177]


def test_not_just_more_parameters(spiral_nets):
    """One hidden layer of 44 units: 177 parameters, as many as 3 layers, and > 20% error."""
    X, y, nets, _ = spiral_nets
    wide = dl.MLP(input_dim=2, hidden=[44], activation="tanh", init_scale=2.0, seed=0)
    assert wide.n_params == nets[3].n_params == 177
    assert dl.train(wide, X, y, **RECIPE).train_error[-1] > 0.20


def test_depth_explorer_uses_the_notebook_recipe(spiral_nets):
    X, y, _, hists = spiral_nets
    assert depth_model(X, y, 3)[1].train_loss == hists[3].train_loss


@pytest.mark.parametrize("name", list(dl.CIRCUITS))
def test_every_wired_truth_table_is_exact(name):
    """Each circuit's truth table is exact, and its units are within 1e-4 of 0 or 1."""
    table = dl.truth_table(name)
    assert table.exact
    assert table.max_error < 1e-4
    assert "exact: every output" in str(table)


def test_the_learned_full_adder_reproduces_the_table():
    adder, hist = dl.learn_circuit("full adder", hidden=(8,), epochs=500, seed=0)
    table = dl.truth_table("full adder", model=adder)
    assert table.exact
    assert table.max_error < 0.1            # real values close to 0 and 1, not bits


@pytest.fixture(scope="module")
def digits_net():
    X_digits, y_digits = dl.load_digits()
    X_train, X_test, y_train, y_test = dl.train_test_split(X_digits, y_digits, test_fraction=0.25,
                                                           seed=0)
    net = dl.MLP(input_dim=64, hidden=[32], output_dim=10, activation="relu", init="he", seed=0)
    hist = dl.train(net, X_train, y_train, loss="cross_entropy", optimizer="adam", step_size=0.01,
                    epochs=15, batch_size=32, seed=0, X_test=X_test, y_test=y_test,
                    regularization="l2", reg_rate=1e-3)
    return net, hist, X_train


def test_digits_test_accuracy_at_least_90_percent(digits_net):
    _, hist, _ = digits_net
    assert 1 - hist.test_error[-1] >= 0.90


def test_almost_blank_weight_pictures_are_unused_units(digits_net):
    """A picture that is almost blank belongs to a unit that is 0 on every training image."""
    net, _, X_train = digits_net
    size = np.abs(net.params["V1"]).max(axis=1)
    blank = size < 0.1 * np.median(size)
    assert blank.any()
    H = net.hidden_units(X_train)[0]
    assert np.all(H[:, blank] == 0)
