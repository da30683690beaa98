"""Logic circuits from sigmoid units (circuits.py), and the pictures and widgets of notebooks 02
and 03 (plot/networks.py, widgets/networks.py): unit tests and bad input."""
import itertools

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.lessons import circuits as C

# --- gates ---------------------------------------------------------------------------------------

BITS2 = np.array(list(itertools.product([0, 1], repeat=2)))
LOGIC = {"AND": lambda a, b: a & b, "OR": lambda a, b: a | b, "XOR": lambda a, b: a ^ b}


def test_unit_is_sigma_of_a_scaled_weighted_sum():
    """g = sigma(k (u . x - c))."""
    a, b = np.array([0.0, 1.0, 0.3]), np.array([1.0, 1.0, -2.0])
    got = C.unit([a, b], [2.0, -1.0], 0.5, steepness=3.0)
    assert np.allclose(got, dl.sigmoid(3.0 * (2.0 * a - b - 0.5)))
    assert C.unit([1, 1], [1, 1], 1.5).shape == (1,)


@pytest.mark.parametrize("name", ["AND", "OR", "XOR"])
def test_two_input_gates_match_python_logic(name):
    gate = getattr(C, name)
    out = gate(BITS2[:, 0], BITS2[:, 1])
    assert np.array_equal((out > 0.5).astype(int), LOGIC[name](BITS2[:, 0], BITS2[:, 1]))
    assert np.all((out < 1e-4) | (out > 1 - 1e-4))


def test_not():
    assert np.array_equal(C.NOT(np.array([0, 1])) > 0.5, [True, False])


def test_xor_is_a_second_layer_over_or_and_and():
    a, b = BITS2.T
    assert np.allclose(C.XOR(a, b), C.unit([C.OR(a, b), C.AND(a, b)], [1, -1], 0.5))


def test_full_adder_adds():
    """a + b + c_in = 2 c_out + sum for all 8 inputs."""
    X = np.array(list(itertools.product([0, 1], repeat=3)))
    s, c = C.full_adder(*X.T)
    assert np.array_equal(2 * (c > 0.5) + (s > 0.5), X.sum(axis=1))


def test_steepness_matters_for_composed_gates():
    """Single gates stay right for any k > 0; XOR and the adder need steep enough units."""
    assert dl.truth_table("AND", steepness=1).exact
    assert not dl.truth_table("XOR", steepness=1).exact
    assert not dl.truth_table("full adder", steepness=2).exact
    assert dl.truth_table("full adder", steepness=3).exact


# --- truth tables --------------------------------------------------------------------------------

def test_truth_table_shapes_and_text():
    t = dl.truth_table("full adder")
    assert t.inputs.shape == (8, 3) and t.outputs.shape == (8, 2) and t.expected.shape == (8, 2)
    assert t.input_names == ("a", "b", "c_in") and t.output_names == ("sum", "c_out")
    text = str(t)
    assert "a  b  c_in" in text and "exact sum" in text and len(text.splitlines()) == 12


def test_a_wrong_model_table_is_not_exact():
    model = dl.MLP(input_dim=2, hidden=[2], seed=0)        # untrained
    model.params["b"][:] = 5.0                              # always "1"
    t = dl.truth_table("AND", model=model)
    assert not t.exact
    assert "NOT exact: 3 output bits differ" in str(t)


def test_truth_table_data():
    X, Y = dl.truth_table_data("full adder")
    assert X.shape == (8, 3) and Y.shape == (8, 2) and X.dtype == float
    assert np.array_equal(2 * Y[:, 1] + Y[:, 0], X.sum(axis=1))
    X, Y = dl.truth_table_data("XOR")
    assert Y.shape == (4,) and np.array_equal(Y, [0, 1, 1, 0])


def test_learn_circuit_one_output():
    model, hist = dl.learn_circuit("XOR", hidden=(4,), epochs=400, seed=0)
    assert model.output_dim == 1 and hist.epoch == 400
    assert dl.truth_table("XOR", model=model).exact


# --- hand-set networks ---------------------------------------------------------------------------

def test_network_from_weights_sets_every_parameter():
    V1, V2, w = [[1, 2], [3, 4], [5, 6]], [[1, 0, -1]], [2]
    net = dl.network_from_weights([V1, V2, w], biases=[[0.1, 0.2, 0.3], -1, 0.5],
                                  activation="tanh")
    assert net.hidden == [3, 1] and net.bias and net.activation == "tanh"
    assert np.array_equal(net.params["V1"], V1) and np.array_equal(net.params["b2"], [-1.0])
    x = np.array([[0.3, -0.7]])
    h1 = np.tanh(x @ np.array(V1, float).T + [0.1, 0.2, 0.3])
    h2 = np.tanh(h1 @ np.array(V2, float).T - 1)
    assert np.allclose(net.predict(x), 2 * h2[:, 0] + 0.5)


def test_network_from_weights_without_biases():
    net = dl.network_from_weights([[[1.0, -1.0]], [3.0]])
    assert not net.bias and set(net.params) == {"V1", "w"}
    assert np.allclose(net.predict(np.array([[2.0, 0.0]])), 3 * dl.sigmoid(2.0))


# --- bad input -----------------------------------------------------------------------------------

def test_unknown_circuit():
    with raises(r"name: unknown circuit 'NAND'; allowed: AND, OR, NOT, XOR, full adder"):
        dl.truth_table("NAND")
    with raises(r"name: unknown circuit"):
        dl.truth_table_data(3)
    with raises(r"name: unknown circuit"):
        dl.learn_circuit("adder")


@pytest.mark.parametrize("k", [0, -1.0, float("nan"), float("inf"), "20", True, None])
def test_bad_steepness(k):
    with raises(r"steepness: expected a finite number > 0"):
        dl.truth_table("AND", steepness=k)
    with raises(r"steepness: expected a finite number > 0"):
        C.AND(1, 0, steepness=k)


def test_model_that_does_not_fit_the_table():
    with raises(r"model: expected a network with input_dim=3 and output_dim=2"):
        dl.truth_table("full adder", model=dl.MLP(input_dim=2, hidden=[2]))
    with raises(r"model: expected a network"):
        dl.truth_table("AND", model="net")


def test_bad_unit_arguments():
    with raises(r"weights: expected one weight per input \(2\), got 1"):
        C.unit([[0, 1], [1, 1]], [1.0], 0.5)
    with raises(r"inputs: expected a numeric array"):
        C.AND(["a", "b"], [0, 1])
    with raises(r"inputs: expected finite numbers"):
        C.OR([np.nan], [0])
    with raises(r"threshold: expected a finite number"):
        C.unit([1], [1], float("nan"))


@pytest.mark.parametrize("weights, biases, match", [
    ([], None, r"weights: expected a list"),
    ("V", None, r"weights: expected a list"),
    ([[[1, 2]], [[1, 2]]], None, r"weights: layer 2 expects 2 inputs but layer 1 has 1 units"),
    ([[[1, np.nan]], [1]], None, r"weights: layer 1 must be a finite 2-D matrix"),
    ([[1, 2], [1]], None, r"weights: layer 1 must be a finite 2-D matrix"),
    ([[[1, 2]], [1]], [0], r"biases: expected None or a list of 2"),
    ([[[1, 2]], [1]], [[0, 0], 0], r"biases: layer 1 needs 1 finite numbers"),
])
def test_bad_hand_set_weights(weights, biases, match):
    with raises(match):
        dl.network_from_weights(weights, biases)


# --- pictures and widgets of notebooks 02 and 03 -------------------------------------------------

@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def xor_net():
    X, y = dl.make_dataset("xor", n=40, noise=0.05, seed=0)
    return X, y, dl.network_from_weights([[[10, 10], [-10, -10]], [2, 2]], biases=[[-6, -6], -1])


def test_plot_sigmoid():
    ax = dl.plot_sigmoid()
    z, s = ax.lines[0].get_data()
    assert np.allclose(s, dl.sigmoid(z)) and "logistic" in ax.get_title()
    ax = dl.plot_sigmoid(steepness=(1, 5, 20))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "$\\sigma(z)$", "$\\sigma(5\\,z)$", "$\\sigma(20\\,z)$"]
    with raises(r"steepness: expected numbers > 0"):
        dl.plot_sigmoid(steepness=(1, 0))


def test_plot_units_and_output(xor_net):
    X, y, net = xor_net
    ax = dl.plot_units_and_output(net, X, y, formulas=True)
    titles = [a.get_title() for a in ax.child_axes]
    assert titles[0] == "$h_{1} = \\sigma(10x_1 + 10x_2 - 6)$"
    assert titles[1] == "$h_{2} = \\sigma(-10x_1 - 10x_2 - 6)$"
    assert "training error 0.0%" in titles[2]
    many = dl.MLP(input_dim=2, hidden=[32], seed=0)
    assert len(dl.plot_units_and_output(many, X, y).child_axes) == 33
    with raises(r"model: expected a network with at least one hidden layer"):
        dl.plot_units_and_output(dl.LinearPredictor(), X, y)


def test_plot_hidden_space(xor_net):
    X, y, net = xor_net
    ax = dl.plot_hidden_space(net, X, y)
    assert ax.get_xlabel() == "$h_1(x)$" and len(ax.lines) == 1
    with raises(r"model: expected one hidden layer of 2 units"):
        dl.plot_hidden_space(dl.MLP(hidden=[3]), X, y)


def test_plot_depth_comparison(xor_net):
    X, y, _ = xor_net
    nets = [dl.MLP(hidden=[4] * L, seed=0) for L in (1, 2)]
    fig = dl.plot_depth_comparison(nets, X, y)
    assert len(fig.axes) == 4
    assert fig.axes[0].get_title() == "1-layer network: 17 parameters"
    assert all("hidden layer" not in t.get_text() for t in fig.axes[0].texts)


def test_plot_image_grid_and_weight_images():
    X, y = dl.load_digits()
    ax = dl.plot_image_grid(X[:12].reshape(-1, 8, 8), labels=y[:12], n_cols=5)
    assert [t.get_text() for t in ax.texts] == [str(v) for v in y[:12]]
    net = dl.MLP(input_dim=64, hidden=[6], output_dim=10, seed=0)
    ax = dl.plot_weight_images(net, n_cols=3)
    assert ax.images[0].get_array().shape == (2 * 9 - 1, 3 * 9 - 1)
    with raises(r"images: expected an array \(m, rows, cols\)"):
        dl.plot_image_grid(X[:3])
    with raises(r"image_shape: \(8, 8\) does not match the 2 inputs"):
        dl.plot_weight_images(dl.MLP(hidden=[3]))


def test_widgets_draw_and_redraw(xor_net):
    X, y, _ = xor_net
    box = dl.width_explorer(X, y, width=2, epochs=2)
    box.controls["width"].value = 3                       # redraws without error
    assert box.controls["width"].max == 32
    box = dl.depth_explorer(X, y, depth=1, epochs=2)
    box.controls["depth"].value = 2
    assert box.controls["depth"].max == 4
