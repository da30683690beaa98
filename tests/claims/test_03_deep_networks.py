"""The claims of notebooks/03_deep_networks.ipynb, asserted through the same package calls as the
notebook makes them: a claim that fails here means the notebook's text is wrong."""

import numpy as np
import pytest

import deeplearn_helpers as dl
from deeplearn_helpers.widgets.networks import depth_model

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
