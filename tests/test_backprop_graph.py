"""The computation graph of one example: forward values, backward gradients from the model's own
backprop, finite-difference checks of every node, the stepper order, its picture and widget."""
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl

x, y = np.array([1.0, -0.5]), 1.0


def net(activation="sigmoid", width=3, seed=0):
    return dl.MLP(input_dim=2, hidden=[width], bias=False, activation=activation, seed=seed)


def by_name(nodes):
    return {n.name: n for n in nodes}


def test_nodes_in_forward_order_with_the_slides_names_and_shapes():
    nodes = dl.computation_graph(net(), x, y)
    assert [n.name for n in nodes] == ["x", "V", "z", "h", "w", "f", "Loss"]
    shapes = {n.name: (np.shape(n.value), np.shape(n.grad)) for n in nodes}
    assert shapes == {"x": ((2,), (2,)), "V": ((3, 2), (3, 2)), "z": ((3,), (3,)),
                      "h": ((3,), (3,)), "w": ((3,), (3,)), "f": ((), ()), "Loss": ((), ())}
    assert [n.kind for n in nodes] == ["input", "parameter", "operation", "operation",
                                       "parameter", "operation", "operation"]
    assert by_name(nodes)["f"].parents == ("w", "h") and all(n.rule for n in nodes)


def test_forward_values_follow_the_slide():
    n = by_name(dl.computation_graph(net(), x, y))
    np.testing.assert_allclose(n["z"].value, n["V"].value @ x)
    np.testing.assert_allclose(n["h"].value, 1 / (1 + np.exp(-n["z"].value)))
    assert n["f"].value == pytest.approx(n["w"].value @ n["h"].value)
    assert n["Loss"].value == pytest.approx((n["f"].value - y) ** 2)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "linear"])
def test_gradients_are_the_models_backprop_and_obey_the_chain_rule(activation):
    model = net(activation, seed=2)
    n = by_name(dl.computation_graph(model, x, y))
    _, grads = model.loss_and_grads(x[None, :], np.array([y]))
    np.testing.assert_allclose(n["V"].grad, grads["V1"], rtol=1e-12)
    np.testing.assert_allclose(n["w"].grad, grads["w"][0], rtol=1e-12)
    assert n["Loss"].grad == 1.0
    assert n["f"].grad == pytest.approx(2 * (n["f"].value - y))
    np.testing.assert_allclose(n["h"].grad, n["f"].grad * n["w"].value)
    np.testing.assert_allclose(n["V"].grad, np.outer(n["z"].grad, x))
    np.testing.assert_allclose(n["x"].grad, n["V"].value.T @ n["z"].grad)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "linear"])
@pytest.mark.parametrize("seed", [0, 1])
def test_every_node_agrees_with_finite_differences(activation, seed):
    errors = dl.check_graph_gradients(net(activation, width=4, seed=seed), x, y)
    assert list(errors) == ["x", "V", "z", "h", "w", "f", "Loss"]
    assert max(errors.values()) < 1e-7


def test_a_backprop_bug_is_caught(monkeypatch):
    """The check is not vacuous: forget sigma'(z) in the graph's backward step and z, x show it.

    (dLoss/dV comes from MLP.backward, which is not patched here.)"""
    import deeplearn_helpers.lessons.backprop_graph as bg
    monkeypatch.setattr(bg, "activation_backward", lambda dH, cache: dH)
    errors = dl.check_graph_gradients(net(), x, y)
    assert min(errors[k] for k in ("z", "x")) > 1e-2
    assert max(errors[k] for k in ("V", "h", "w", "f", "Loss")) < 1e-7


def test_graph_steps_forward_then_backward():
    nodes = dl.computation_graph(net(), x, y)
    steps = dl.graph_steps(nodes)
    assert len(steps) == 14
    assert steps[:7] == [(n.name, "forward") for n in nodes]
    assert [s[0] for s in steps[7:]] == ["Loss", "f", "w", "h", "z", "V", "x"]
    assert {s[1] for s in steps[7:]} == {"backward"}


def test_the_graph_does_not_change_the_model():
    model = net()
    before = {k: v.copy() for k, v in model.params.items()}
    dl.check_graph_gradients(model, x, y)
    assert all(np.array_equal(model.params[k], before[k]) for k in before)


def test_picture_and_widget():
    nodes = dl.computation_graph(net(), x, y)
    for step in (None, 0, 6, 7, 13):
        ax = dl.plot_computation_graph(nodes, step=step)
        assert ax.get_title(loc="left").startswith("forward" if step in (0, 6) else "backward")
    plt.close("all")
    plt.close("all")


def test_the_explorer_redraws_the_chosen_step(monkeypatch):
    pytest.importorskip("ipywidgets")
    import deeplearn_helpers.widgets.optimization as wo
    steps = []

    def spy(nodes, step=None, ax=None):
        steps.append(step)
        return dl.plot_computation_graph(nodes, step=step, ax=ax)
    monkeypatch.setattr(wo, "plot_computation_graph", spy)
    box = dl.backprop_explorer(net(), x, y)
    assert box.controls["step"].max == 13 and steps == [0]
    box.controls["step"].value = 9
    box.controls["step"].value = 13
    assert steps == [0, 9, 13]
    plt.close("all")




@pytest.mark.parametrize("model", [
    dl.MLP(input_dim=2, hidden=[3], seed=0),                          # bias
    dl.MLP(input_dim=2, hidden=[3, 3], bias=False, seed=0),           # two hidden layers
    dl.MLP(input_dim=2, hidden=[3], output_dim=2, bias=False, seed=0),
    dl.MLP(input_dim=2, hidden=[3], bias=False, dropout=0.5, seed=0),
    dl.LinearPredictor(input_dim=2),
    "net",
])
def test_only_the_slides_network(model):
    with raises(r"model: expected the slide's network"):
        dl.computation_graph(model, x, y)


def test_bad_input_names_the_parameter():
    with raises(r"x: expected ONE example, shape \(2,\), got shape \(3,\)"):
        dl.computation_graph(net(), [1.0, 2.0, 3.0], y)
    with raises(r"x: expected ONE example"):
        dl.computation_graph(net(), np.ones((2, 2)), y)
    with raises(r"x: expected ONE example, 2 numbers"):
        dl.computation_graph(net(), "ab", y)
    with raises(r"x: contains NaN"):
        dl.computation_graph(net(), [np.nan, 1.0], y)
    with raises(r"y: expected 1 targets"):
        dl.computation_graph(net(), x, [1.0, 2.0])
    with raises(r"y: expected finite numbers, got NaN"):
        dl.computation_graph(net(), x, np.inf)
    with raises(r"h: expected a step in \(0, 1\)"):
        dl.check_graph_gradients(net(), x, y, h=0)
    with raises(r"nodes: expected the list of Nodes"):
        dl.graph_steps([1, 2])
    with raises(r"step: expected None or an integer from 0 to 13"):
        dl.plot_computation_graph(dl.computation_graph(net(), x, y), step=14)
    plt.close("all")
