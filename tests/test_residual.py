"""Residual blocks and the plain/residual deep stack: gradient checks and the skip's effect on
the gradient that reaches the first layers."""
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.gradcheck import numerical_gradient, rel_error


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "linear"])
def test_residual_block_gradients(activation):
    r = np.random.default_rng(0)
    H, V, b = r.normal(size=(4, 3)), r.normal(size=(3, 3)), r.normal(size=3)
    out, cache = dl.residual_forward(H, V, b, activation)
    dout = r.normal(size=out.shape)
    dH, dV, db = dl.residual_backward(dout, cache)
    f = lambda: float(np.sum(dl.residual_forward(H, V, b, activation)[0] * dout))  # noqa: E731
    for a, g in ((H, dH), (V, dV), (b, db)):
        assert rel_error(g, numerical_gradient(f, a)) < 1e-7


@pytest.mark.parametrize("residual", [False, True])
@pytest.mark.parametrize("depth, output_dim", [(0, 1), (1, 1), (4, 3)])
def test_model_gradients(residual, depth, output_dim):
    model = dl.ResidualMLP(input_dim=3, width=4, depth=depth, output_dim=output_dim,
                           activation="tanh", residual=residual, seed=1)
    r = np.random.default_rng(0)
    X = r.normal(size=(5, 3))
    y, loss = ((r.integers(0, 3, 5), "cross_entropy") if output_dim == 3
               else (r.normal(size=5), "squared"))
    errors = dl.check_model_gradients(model, X, y, loss=loss)
    assert set(errors) == set(model.params) and max(errors.values()) < 1e-6


def test_the_skip_carries_the_gradient_to_the_first_layer():
    """Depth 20, sigmoid: without skips the first layer's gradient is many orders of magnitude
    below the last layer's; with skips they are of the same order."""
    X, y = dl.make_dataset("moons", n=100, seed=0)
    ratios = {}
    for residual in (False, True):
        m = dl.ResidualMLP(width=8, depth=20, activation="sigmoid", residual=residual, seed=0)
        g = m.layer_gradient_norms(X, y, "logistic")
        ratios[residual] = g[0] / g[-1]
    assert ratios[False] < 1e-6
    assert 0.1 < ratios[True] < 10


def test_bad_input():
    with raises(r"depth: expected an int >= 0, got -1"):
        dl.ResidualMLP(depth=-1)
    with raises(r"residual: expected"):
        dl.ResidualMLP(residual="yes")
