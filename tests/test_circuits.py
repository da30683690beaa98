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
    with raises(r"name: expected one of AND, OR, NOT, XOR, full adder, got 'NAND'"):
        dl.truth_table("NAND")
    with raises(r"name: expected one of .*, got 3"):
        dl.truth_table_data(3)
    with raises(r"name: expected one of"):
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
    ([[[1, 2]], [[1, 2]]], None,
     r"weights: expected layer 2 to take 1 inputs \(the units of layer 1\), got 2"),
    ([[[1, np.nan]], [1]], None, r"weights: expected layer 1 to be a finite 2-D matrix"),
    ([[1, 2], [1]], None, r"weights: expected layer 1 to be a finite 2-D matrix .*got shape"),
    ([[[1, 2]], [1]], [0], r"biases: expected None or a list of 2 \(one per layer\), got \[0\]"),
    ([[[1, 2]], [1]], [[0, 0], 0], r"biases: expected layer 1 to have 1 finite numbers, got shape"),
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
    with raises(r"image_shape: expected rows \* cols = 2 \(the inputs\), got \(8, 8\)"):
        dl.plot_weight_images(dl.MLP(hidden=[3]))


def test_widgets_draw_and_redraw(xor_net):
    X, y, _ = xor_net
    box = dl.width_explorer(X, y, width=2, epochs=2)
    assert box.draws == 1
    box.controls["width"].value = 3
    assert box.draws == 2 and box.controls["width"].max == 32
    box = dl.depth_explorer(X, y, depth=1, epochs=2)
    box.controls["depth"].value = 2
    assert box.draws == 2 and box.controls["depth"].max == 4
    box.controls["depth"].value = 1                       # back to a trained value: redrawn
    assert box.draws == 3
    net = dl.MLP(hidden=[4], seed=0)
    box = dl.width_explorer(X, y, width=4, model=net, epochs=2)
    assert box.draws == 1
    with raises(r"model: expected a network trained by the recipe at \('width', 3\), got"):
        dl.width_explorer(X, y, width=3, model=net)
    with raises(r"model: expected a network trained by the recipe at \('depth', 2\), got"):
        dl.depth_explorer(X, y, depth=2, model=net)
    box = dl.linear_explorer(X, y)
    box.controls["angle"].value = 90.0
    box.controls["length"].value = 2.0
    assert box.draws == 3


def test_plot_depth_comparison_outputs_only(xor_net):
    X, y, net = xor_net
    fig = dl.plot_depth_comparison([net, net], X, y, diagrams=False, names=["a", "b"])
    assert [ax.get_title() for ax in fig.axes] == [f"{n}\ntraining error 0.0%" for n in "ab"]


def test_plot_layer_units_draws_the_data_on_every_unit(xor_net):
    X, y, _ = xor_net
    net = dl.MLP(input_dim=2, hidden=[4, 2], activation="tanh", seed=0)
    fig = dl.plot_layer_units(net, X, y, n_units=3)
    units = [ax for ax in fig.axes if ax.get_title().startswith("$h")]
    assert len(units) == 3 + 2                      # 3 of layer 1, both of layer 2
    assert all(len(ax.collections) == 2 for ax in units)     # +1 and -1 points on each
    assert [ax.get_title() for ax in units][:2] == ["$h^{(1)}_{1}$", "$h^{(1)}_{2}$"]
    assert fig.axes[-1].get_title().startswith("output")
    with raises(r"model: expected a network with at least one hidden layer, got"):
        dl.plot_layer_units(dl.LinearPredictor(), X, y)


def test_loss_surface_widens_to_hold_the_path():
    X, y = dl.make_dataset("linear", n=20, seed=0)
    ax = dl.plot_linear_loss_surface(X, y, path=[[0, 0], [3.2, -1]])
    assert ax.get_xlim() == (-4.0, 4.0)
    ax = dl.plot_linear_loss_surface(X, y, path=[[0, 0], [1, 1]])
    assert ax.get_xlim() == (-2.0, 2.0)


# --- the recipes of notebooks 00, 02, 03 (lessons/hidden_layers.py) ------------------------------

def test_best_line_error_is_the_smallest_cluster_on_xor():
    X, y = dl.make_dataset("xor", n=200, noise=0.05, seed=0)
    sizes = [np.sum((np.sign(X[:, 0]) == a) & (np.sign(X[:, 1]) == b))
             for a in (-1, 1) for b in (-1, 1)]
    assert dl.best_line_error(X, y) == min(sizes) / 200
    X, y = dl.make_dataset("linear", n=50, noise=0.05, seed=0)
    assert dl.best_line_error(X, y) == 0.0
    assert dl.best_line_error(X, -y) == 0.0                  # a line with the other sign
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]])
    assert dl.best_line_error(X, np.array([1.0, -1.0, 1.0])) == pytest.approx(1 / 3)


def test_best_line_error_is_a_lower_bound_for_trained_lines():
    X, y = dl.make_dataset("moons", n=60, noise=0.1, seed=0)
    best = dl.best_line_error(X, y)
    model = dl.LinearPredictor(input_dim=2, bias=True)
    dl.train(model, X, y, loss="hinge", optimizer=dl.SGD(0.05), epochs=50, seed=0)
    assert best <= dl.error_rate(model.predict(X), y)


def test_train_errors_repeats_the_recipe_per_seed():
    X, y = dl.make_dataset("circle", n=40, noise=0.1, seed=0)
    errors = dl.train_errors(dl.width_model, X, y, seeds=[0, 3], width=2, epochs=2)
    assert errors.shape == (2,)
    assert errors[1] == dl.width_model(X, y, 2, epochs=2, seed=3)[1].train_error[-1]
    with raises(r"seeds: expected an int >= 0, got -1"):
        dl.train_errors(dl.width_model, X, y, seeds=[-1], width=2)


def test_roadmap_model_and_bad_names():
    X, y = dl.make_dataset("circle", n=30, noise=0.05, seed=0)
    model, hist = dl.roadmap_model(X, y, "2 hidden layers of 8 units", seed=0)
    assert model.hidden == [8, 8] and hist.epoch == 60
    assert dl.roadmap_model(X, y, "linear predictor")[0].hidden == []
    with raises(r"name: expected one of linear predictor, .*, got 'deep'"):
        dl.roadmap_model(X, y, "deep")


def test_depth_model_recipe():
    X, y = dl.make_dataset("spiral", n=30, seed=0)
    model, hist = dl.depth_model(X, y, 2, width=3, epochs=1, seed=4)
    ref = dl.MLP(input_dim=2, hidden=[3, 3], activation="tanh", init_scale=2.0, seed=4)
    assert model.hidden == [3, 3] and model.activation == "tanh" and hist.epoch == 1
    assert not np.array_equal(model.params["V1"], ref.params["V1"])     # trained from ref
    dl.train(ref, X, y, loss="squared", optimizer=dl.Adam(0.02), epochs=1, batch_size=16, seed=4)
    assert np.allclose(model.params["V1"], ref.params["V1"], rtol=1e-9, atol=1e-12)


def test_single_unit_errors(xor_net):
    X, y, net = xor_net
    (errors,) = dl.single_unit_errors(net, X, y)
    H = net.hidden_units(X)[0]
    for j in range(2):
        e = np.mean(np.where(H[:, j] >= 0.5, 1.0, -1.0) != y)
        assert errors[j] == pytest.approx(min(e, 1 - e))
    assert np.all(errors <= 0.5)
