"""Every layer pair (layers/dense.py) against centered finite differences, over many shapes.

For a pair ``out, cache = f(x, ...)``, ``grads = f_backward(dout, cache)`` the check is
d/dx sum(f(x) * dout) == the backward's dx, for every input and parameter.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deeplearn_helpers as dl
from deeplearn_helpers.gradcheck import numerical_gradient, rel_error

TOL = 1e-6
shapes = st.tuples(st.integers(1, 7), st.integers(1, 6))
seeds = st.integers(0, 10_000)
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)


def check(f, dout, pairs, tol=TOL):
    """pairs: [(backprop gradient, the array it belongs to)]; f() reads those arrays."""
    loss = lambda: float(np.sum(f() * dout))                     # noqa: E731
    for got, x in pairs:
        assert got.shape == x.shape
        assert rel_error(got, numerical_gradient(loss, x)) < tol


@SETTINGS
@given(shape=shapes, fan_out=st.integers(1, 5), bias=st.booleans(), seed=seeds)
def test_affine(shape, fan_out, bias, seed):
    r = np.random.default_rng(seed)
    X, W = r.standard_normal(shape), r.standard_normal((fan_out, shape[1]))
    b = r.standard_normal(fan_out) if bias else None
    Z, cache = dl.affine_forward(X, W, b)
    assert Z.shape == (shape[0], fan_out)
    np.testing.assert_allclose(Z, X @ W.T + (0 if b is None else b))
    dZ = r.standard_normal(Z.shape)
    dX, dW, db = dl.affine_backward(dZ, cache)
    check(lambda: dl.affine_forward(X, W, b)[0], dZ,
          [(dX, X), (dW, W)] + ([(db, b)] if bias else []))
    assert (db is None) == (not bias)
    assert dl.affine_backward(dZ, cache, input_grad=False)[0] is None


@SETTINGS
@given(shape=shapes, act=st.sampled_from(sorted(dl.ACTIVATIONS)), seed=seeds)
def test_activations(shape, act, seed):
    r = np.random.default_rng(seed)
    Z = 2 * r.standard_normal(shape)
    Z[np.abs(Z) < 1e-3] = 0.5                                    # relu: off the kink
    H, cache = dl.activation_forward(Z, act)
    dH = r.standard_normal(shape)
    check(lambda: dl.activation_forward(Z, act)[0], dH, [(dl.activation_backward(dH, cache), Z)])


def test_activation_values():
    Z = np.array([-800.0, -2.0, 0.0, 3.0, 800.0])
    np.testing.assert_allclose(dl.sigmoid(Z), 1 / (1 + np.exp(-np.clip(Z, -700, 700))), rtol=1e-15,
                               atol=1e-300)
    np.testing.assert_allclose(dl.ACTIVATIONS["tanh"][0](Z), np.tanh(Z), rtol=1e-15, atol=1e-300)
    assert list(dl.ACTIVATIONS["relu"][0](Z)) == [0, 0, 0, 3, 800]
    assert dl.ACTIVATIONS["linear"][0](Z) is Z


@SETTINGS
@given(n=st.integers(3, 8), m=st.integers(1, 5), seed=seeds)
def test_batchnorm_train_mode(n, m, seed):
    r = np.random.default_rng(seed)
    Z, gamma, beta = r.standard_normal((n, m)), r.standard_normal(m), r.standard_normal(m)
    Y, cache = dl.batchnorm_forward(Z, gamma, beta)
    Zhat = (Z - Z.mean(0)) / np.sqrt(Z.var(0) + 1e-5)
    np.testing.assert_allclose(Y, gamma * Zhat + beta, rtol=1e-10, atol=1e-12)
    dY = r.standard_normal((n, m))
    dZ, dgamma, dbeta = dl.batchnorm_backward(dY, cache)
    # a column with a tiny variance is sharply curved: the finite differences lose a digit
    check(lambda: dl.batchnorm_forward(Z, gamma, beta)[0], dY,
          [(dZ, Z), (dgamma, gamma), (dbeta, beta)], tol=1e-5)


@SETTINGS
@given(n=st.integers(1, 8), m=st.integers(1, 5), seed=seeds)
def test_batchnorm_eval_mode(n, m, seed):
    r = np.random.default_rng(seed)
    Z, gamma, beta = r.standard_normal((n, m)), r.standard_normal(m), r.standard_normal(m)
    running = [r.standard_normal(m), r.random(m) + 0.1]
    Y, cache = dl.batchnorm_forward(Z, gamma, beta, running, train=False)
    np.testing.assert_allclose(Y, gamma * (Z - running[0]) / np.sqrt(running[1] + 1e-5) + beta)
    dY = r.standard_normal((n, m))
    dZ, dgamma, dbeta = dl.batchnorm_backward(dY, cache)
    check(lambda: dl.batchnorm_forward(Z, gamma, beta, running, train=False)[0], dY,
          [(dZ, Z), (dgamma, gamma), (dbeta, beta)])


def test_batchnorm_running_statistics_are_unbiased_averages():
    """running mean <- 0.9 mean + 0.1 batch mean; running var uses n/(n-1) (PyTorch's rule)."""
    Z = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 7.0]])
    running = [np.zeros(2), np.ones(2)]
    dl.batchnorm_forward(Z, np.ones(2), np.zeros(2), running)
    np.testing.assert_allclose(running[0], 0.1 * Z.mean(0))
    np.testing.assert_allclose(running[1], 0.9 + 0.1 * Z.var(0, ddof=1))


@SETTINGS
@given(shape=shapes, p=st.sampled_from([0.0, 0.1, 0.5, 0.9]), seed=seeds)
def test_dropout(shape, p, seed):
    r = np.random.default_rng(seed)
    H, dout = r.standard_normal(shape), r.standard_normal(shape)
    out, mask = dl.dropout_forward(H, p, np.random.default_rng(seed))
    check(lambda: dl.dropout_forward(H, p, np.random.default_rng(seed))[0], dout,
          [(dl.dropout_backward(dout, mask), H)])
    kept = out != 0
    np.testing.assert_allclose(out[kept], H[kept] / (1 - p))      # inverted: scaled by 1/(1-p)
    assert dl.dropout_forward(H, p, r, train=False)[0] is H        # eval mode: the identity


def test_dropout_keeps_the_mean():
    """E[dropout(H)] = H: the 1/(1-p) scaling keeps every unit's expected value."""
    H = np.ones((200_000, 1))
    for p in (0.2, 0.5):
        out, _ = dl.dropout_forward(H, p, np.random.default_rng(0))
        assert abs(out.mean() - 1.0) < 0.01
        assert abs(np.mean(out == 0) - p) < 0.01


@pytest.mark.parametrize("name", ["affine", "activation", "batchnorm", "dropout"])
def test_every_pair_is_exported(name):
    assert callable(getattr(dl, f"{name}_forward")) and callable(getattr(dl, f"{name}_backward"))
