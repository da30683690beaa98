"""Gradient checks: backprop against centered finite differences, for every loss and model
shape (CS231n style; the single layer pairs: test_layers.py).  float64 throughout, so
agreement is ~1e-8 or better."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deeplearn_helpers as dl
from deeplearn_helpers.gradcheck import numerical_gradient, rel_error

TOL = 1e-6
ACTS = list(dl.ACTIVATIONS)
rng = np.random.default_rng(0)


def targets(loss, n, k=1, seed=0):
    r = np.random.default_rng(seed)
    if loss == "cross_entropy":
        return r.integers(0, k, n)
    if loss == "squared":
        return r.standard_normal(n) if k == 1 else r.standard_normal((n, k))
    return np.where(r.random(n) < 0.5, -1.0, 1.0)


@pytest.mark.parametrize("loss", ["squared", "logistic", "hinge"])
def test_loss_gradients_one_output(loss):
    F = rng.standard_normal(7) * 2
    y = targets(loss, 7)
    value, dF = dl.losses.get_loss(loss)(F, y)
    num = numerical_gradient(lambda: dl.losses.get_loss(loss)(F, y)[0], F)
    assert rel_error(dF, num) < TOL
    assert np.isfinite(value)


def test_cross_entropy_gradient_and_value():
    F = rng.standard_normal((6, 4))
    y = np.array([0, 1, 2, 3, 1, 0])
    value, dF = dl.cross_entropy(F, y)
    num = numerical_gradient(lambda: dl.cross_entropy(F, y)[0], F)
    assert rel_error(dF, num) < TOL
    P = np.exp(F) / np.exp(F).sum(axis=1, keepdims=True)
    assert value == pytest.approx(-np.mean(np.log(P[np.arange(6), y])), rel=1e-12)


def test_loss_values_by_hand():
    F, y = np.array([0.5, -2.0]), np.array([1.0, 1.0])
    assert dl.squared(F, y)[0] == pytest.approx((0.25 + 9.0) / 2)          # no 1/2
    assert dl.logistic(F, y)[0] == pytest.approx((np.log1p(np.exp(-0.5)) + np.log1p(np.exp(2))) / 2)
    assert dl.hinge(F, y)[0] == pytest.approx((0.5 + 3.0) / 2)


def test_logistic_is_stable_for_huge_margins():
    F, y = np.array([1e4, -1e4]), np.array([1.0, 1.0])
    value, dF = dl.logistic(F, y)
    assert value == pytest.approx(1e4 / 2) and np.all(np.isfinite(dF))


def _randomize_offsets(model, seed):
    """Biases, gamma and beta start at 0 / 1; random values make the check stricter and
    keep ReLU pre-activations off the kink z = 0 (where a dead layer would put them)."""
    r = np.random.default_rng(seed + 100)
    for name, p in model.params.items():
        if name[0] in "bg":
            p += 0.3 * r.standard_normal(p.shape)


def _check(model, loss, n=9, seed=0):
    X = np.random.default_rng(seed).standard_normal((n, model.input_dim))
    y = targets(loss, n, model.output_dim, seed)
    _randomize_offsets(model, seed)
    errors = dl.check_model_gradients(model, X, y, loss=loss, seed=seed)
    assert set(errors) == set(model.params)
    bad = {k: e for k, e in errors.items() if not e < TOL}
    assert not bad, f"{model}: {bad}"


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
@pytest.mark.parametrize("act", ACTS)
@pytest.mark.parametrize("bias", [True, False])
def test_mlp_gradients_every_depth_activation_bias(depth, act, bias):
    model = dl.MLP(input_dim=3, hidden=[4, 5, 3][:depth], activation=act, bias=bias, seed=depth)
    _check(model, "squared")


@pytest.mark.parametrize("loss", ["squared", "logistic", "hinge"])
def test_mlp_gradients_every_binary_loss(loss):
    _check(dl.MLP(input_dim=2, hidden=[6, 4], activation="tanh", seed=1), loss)


@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize("act", ["sigmoid", "tanh", "relu"])
def test_mlp_gradients_batch_norm(depth, act):
    _check(dl.MLP(input_dim=2, hidden=[5] * depth, activation=act, batch_norm=True, seed=2),
           "logistic")


@pytest.mark.parametrize("bias", [True, False])
def test_mlp_gradients_dropout_with_fixed_mask(bias):
    model = dl.MLP(input_dim=2, hidden=[7, 7], activation="tanh", dropout=0.5, bias=bias, seed=3)
    _check(model, "squared")
    # the mask really is random without a seed, and held fixed with one
    X = np.ones((4, 2))
    assert not np.allclose(model.loss_and_grads(X, np.ones(4))[0],
                           [model.loss_and_grads(X, np.ones(4))[0] for _ in range(5)])
    same = [model.loss_and_grads(X, np.ones(4), seed=1)[0] for _ in range(2)]
    assert same[0] == same[1]


def test_mlp_gradients_everything_at_once():
    model = dl.MLP(input_dim=4, hidden=[6, 5, 4], output_dim=3, activation="relu",
                   batch_norm=True, dropout=0.3, seed=4)
    _check(model, "cross_entropy", n=12)


@pytest.mark.parametrize("loss", ["cross_entropy", "squared"])
def test_mlp_gradients_multiclass(loss):
    _check(dl.MLP(input_dim=3, hidden=[5], output_dim=4, activation="sigmoid", seed=5), loss)


def test_linear_predictor_gradients():
    for bias in (False, True):
        model = dl.LinearPredictor(input_dim=3, bias=bias, init="normal", seed=0)
        _check(model, "logistic")


@settings(max_examples=60, deadline=None, derandomize=True)   # the same draws on every run
@given(input_dim=st.integers(1, 4), hidden=st.lists(st.integers(1, 6), max_size=3),
       output_dim=st.integers(1, 3), act=st.sampled_from(ACTS),
       bias=st.booleans(), batch_norm=st.booleans(), n=st.integers(2, 8),
       seed=st.integers(0, 1000))
def test_mlp_gradients_random_shapes(input_dim, hidden, output_dim, act, bias, batch_norm, n, seed):
    model = dl.MLP(input_dim=input_dim, hidden=hidden, output_dim=output_dim, activation=act,
                   bias=bias, batch_norm=batch_norm, seed=seed)
    loss = "cross_entropy" if output_dim > 1 else "squared"
    if batch_norm and n < 4:
        n = 4   # with 2 examples batch norm outputs +-1 whatever V is: V's gradient is ~eps
    X = np.random.default_rng(seed).standard_normal((n, input_dim))
    y = targets(loss, n, output_dim, seed)
    _randomize_offsets(model, seed)
    errors = dl.check_model_gradients(model, X, y, loss=loss, seed=seed)
    # ReLU's kink: a finite difference that straddles z = 0 is not a derivative.  Skip such
    # draws rather than loosen the tolerance (rare with these sizes).
    if act == "relu":
        Zs = [c["act"][1] for c in model.forward(X, train=True)[1][:-1]]   # sigma's input
        if any(np.min(np.abs(Z)) < 1e-3 for Z in Zs):
            return
    # Batch norm over a few examples with a tiny variance is sharply curved, which costs the
    # finite differences (not backprop) a digit; a real bug shows as 1e-2 or worse.
    assert max(errors.values()) < (1e-5 if batch_norm else TOL), errors


def test_gradcheck_catches_a_wrong_gradient(monkeypatch):
    """The check can fail: break the tanh derivative and the error jumps."""
    model = dl.MLP(input_dim=2, hidden=[4], activation="tanh", seed=0)
    X, y = rng.standard_normal((5, 2)), rng.standard_normal(5)
    sigma = dl.ACTIVATIONS["tanh"][0]
    monkeypatch.setitem(dl.ACTIVATIONS, "tanh", (sigma, lambda Z, H: 1.0 - H))   # not 1 - H^2
    assert dl.check_model_gradients(model, X, y)["V1"] > 1e-3


def test_gradcheck_leaves_batchnorm_statistics_alone():
    model = dl.MLP(input_dim=2, hidden=[3], batch_norm=True, seed=0)
    before = [a.copy() for a in model.running[1]]
    dl.check_model_gradients(model, rng.standard_normal((4, 2)), np.ones(4))
    assert all(np.array_equal(a, b) for a, b in zip(before, model.running[1]))


@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_mlp_gradients_eight_hidden_layers(act):
    """The package promises any depth: 8 hidden layers of different widths, with batch norm."""
    model = dl.MLP(input_dim=2, hidden=[5, 4, 6, 3, 5, 4, 3, 4], activation=act, seed=7)
    _check(model, "squared", n=10, seed=3)
    bn = dl.MLP(input_dim=2, hidden=[4] * 8, activation=act, batch_norm=True, seed=8)
    _check(bn, "logistic", n=10, seed=4)
