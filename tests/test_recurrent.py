"""Recurrent layers and attention: finite-difference gradients through time over several
lengths and batch sizes (with and without peepholes and masks), the slide's properties, and
bad input."""
import warnings

import numpy as np
import pytest
from conftest import raises
from hypothesis import given, settings
from hypothesis import strategies as st

from deeplearn_helpers.gradcheck import numerical_gradient, rel_error
from deeplearn_helpers.layers.attention import attention_backward, attention_forward
from deeplearn_helpers.layers.recurrent import (
    embedding_backward,
    embedding_forward,
    lstm_backward,
    lstm_forward,
    rnn_backward,
    rnn_forward,
)

SHAPES = st.tuples(st.integers(1, 3), st.integers(1, 6), st.integers(1, 3), st.integers(1, 4),
                   st.integers(0, 2**31))


def check_all(f, arrays, grads, tol=1e-7):
    """Every analytic gradient against centered finite differences of the scalar f()."""
    for a, g in zip(arrays, grads, strict=True):
        assert rel_error(g, numerical_gradient(f, a)) < tol


@settings(max_examples=30, deadline=None)
@given(SHAPES, st.sampled_from(["tanh", "sigmoid"]))
def test_rnn_gradients_through_time(shape, activation):
    n, T, D, Hd, seed = shape
    r = np.random.default_rng(seed)
    X, h0 = r.normal(size=(n, T, D)), r.normal(size=(n, Hd))
    Wx, Wh, b = r.normal(size=(Hd, D)), 0.5 * r.normal(size=(Hd, Hd)), r.normal(size=Hd)
    H, cache = rnn_forward(X, h0, Wx, Wh, b, activation)
    dH = r.normal(size=H.shape)
    f = lambda: float(np.sum(rnn_forward(X, h0, Wx, Wh, b, activation)[0] * dH))  # noqa: E731
    check_all(f, [X, h0, Wx, Wh, b], rnn_backward(dH, cache))


@settings(max_examples=30, deadline=None)
@given(SHAPES, st.booleans())
def test_lstm_gradients_through_time(shape, peephole):
    n, T, D, Hd, seed = shape
    r = np.random.default_rng(seed)
    X, h0, c0 = r.normal(size=(n, T, D)), r.normal(size=(n, Hd)), r.normal(size=(n, Hd))
    Wx, Wh, b = r.normal(size=(4 * Hd, D)), 0.5 * r.normal(size=(4 * Hd, Hd)), r.normal(size=4 * Hd)
    P = r.normal(size=(3, Hd)) if peephole else None
    H, cache = lstm_forward(X, h0, c0, Wx, Wh, b, peephole=P)
    dH = r.normal(size=H.shape)
    f = lambda: float(np.sum(lstm_forward(X, h0, c0, Wx, Wh, b, peephole=P)[0] * dH))  # noqa: E731
    grads = lstm_backward(dH, cache)
    assert len(grads) == (7 if peephole else 6)
    check_all(f, [X, h0, c0, Wx, Wh, b] + ([P] if peephole else []), grads)


def test_lstm_one_step_is_the_slides_formula():
    """T = 1, no peepholes: c = f c0 + i g, h = o tanh(c), gates stacked i, f, g, o."""
    r = np.random.default_rng(0)
    x, h0, c0 = r.normal(size=(2, 1, 3)), r.normal(size=(2, 4)), r.normal(size=(2, 4))
    Wx, Wh, b = r.normal(size=(16, 3)), r.normal(size=(16, 4)), r.normal(size=16)
    a = x[:, 0] @ Wx.T + h0 @ Wh.T + b
    s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    i, f, g, o = s(a[:, :4]), s(a[:, 4:8]), np.tanh(a[:, 8:12]), s(a[:, 12:])
    H, cache = lstm_forward(x, h0, c0, Wx, Wh, b)
    assert np.allclose(cache["C"][:, 0], f * c0 + i * g)
    assert np.allclose(H[:, 0], o * np.tanh(f * c0 + i * g))


def _slide_lstm(X, h0, c0, Wx, Wh, b, P=None):
    """The module docstring's formulas, one step at a time, nothing fused: a reference."""
    s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    Hd, (h, c), H, C = h0.shape[1], (h0, c0), [], []
    for t in range(X.shape[1]):
        a = X[:, t] @ Wx.T + h @ Wh.T + b
        a_i, a_f, a_g, a_o = (a[:, k * Hd:(k + 1) * Hd] for k in range(4))
        if P is not None:
            a_i, a_f = a_i + P[0] * c, a_f + P[1] * c
        c = s(a_f) * c + s(a_i) * np.tanh(a_g)
        h = s(a_o + (0 if P is None else P[2] * c)) * np.tanh(c)
        H.append(h)
        C.append(c)
    return np.stack(H, axis=1), np.stack(C, axis=1)


@settings(max_examples=30, deadline=None)
@given(SHAPES, st.booleans())
def test_lstm_matches_the_formulas_step_by_step_and_leaves_its_inputs_alone(shape, peephole):
    """The fused forward (one exp for all gates, in place) and backward (derivatives for all t
    at once) compute the slide's LSTM and change none of their arguments."""
    n, T, D, Hd, seed = shape
    r = np.random.default_rng(seed)
    args = [r.normal(size=(n, T, D)), r.normal(size=(n, Hd)), r.normal(size=(n, Hd)),
            2 * r.normal(size=(4 * Hd, D)), r.normal(size=(4 * Hd, Hd)), r.normal(size=4 * Hd)]
    P = r.normal(size=(3, Hd)) if peephole else None
    copies = [a.copy() for a in args] + ([P.copy()] if peephole else [])
    H, cache = lstm_forward(*args, peephole=P)
    H_ref, C_ref = _slide_lstm(*args, P)
    assert np.allclose(H, H_ref, rtol=1e-12, atol=1e-14)
    assert np.allclose(cache["C"], C_ref, rtol=1e-12, atol=1e-14)
    dH, dc = r.normal(size=H.shape), r.normal(size=(n, Hd))
    dH_copy, dc_copy = dH.copy(), dc.copy()
    lstm_backward(dH, cache, dc)
    for a, b in zip(args + ([P] if peephole else []) + [dH, dc], copies + [dH_copy, dc_copy],
                    strict=True):
        assert np.array_equal(a, b)


def test_lstm_saturated_gates_are_exact_and_quiet():
    """Pre-activations of +-1000: e^{-z} overflows inside, yet no warning and no NaN; the
    gates are exactly 0 or 1 and g = -1 or 1."""
    x = np.array([[[1.0], [-1.0]]])                             # n = 1, T = 2, D = 1
    Wx, Wh, b = np.full((4, 1), 1000.0), np.zeros((4, 1)), np.zeros(4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        H, cache = lstm_forward(x, np.zeros((1, 1)), np.zeros((1, 1)), Wx, Wh, b)
    assert cache["C"][0, :, 0].tolist() == [1.0, 0.0]           # c_1 = 1 * 1; c_2 = 0 * c_1 + 0
    assert H[0, :, 0].tolist() == [np.tanh(1.0), 0.0]


def test_simple_rnn_with_a_scalar_weight_0_1_forgets_like_0_1_to_the_t():
    """The slide's illustration: with a linear-ish scalar recurrence h_t = 0.1 h_{t-1} + x_t,
    the gradient of h_T w.r.t. x_1 is 0.1^(T-1); here through tanh near 0 it is close."""
    T = 6
    X = np.zeros((1, T, 1))
    H, cache = rnn_forward(X, np.zeros((1, 1)), np.ones((1, 1)), 0.1 * np.ones((1, 1)),
                           np.zeros(1))
    dH = np.zeros_like(H)
    dH[0, -1] = 1.0
    dX = rnn_backward(dH, cache)[0]
    assert np.allclose(dX[0, :, 0], 0.1 ** np.arange(T - 1, -1, -1))


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 3), st.integers(1, 5), st.integers(1, 5), st.integers(1, 4),
       st.integers(1, 3), st.booleans(), st.integers(0, 2**31))
def test_attention_gradients_with_and_without_mask(n, Tq, Tk, d, dv, masked, seed):
    r = np.random.default_rng(seed)
    Q, K, V = r.normal(size=(n, Tq, d)), r.normal(size=(n, Tk, d)), r.normal(size=(n, Tk, dv))
    mask = None
    if masked:
        mask = r.random((n, Tq, Tk)) < 0.6
        mask[..., 0] = True                                 # every query sees one key
    out, A, cache = attention_forward(Q, K, V, mask)
    assert np.allclose(A.sum(-1), 1.0)
    if masked:
        assert np.all(A[~mask] == 0.0)
    dout = r.normal(size=out.shape)
    f = lambda: float(np.sum(attention_forward(Q, K, V, mask)[0] * dout))  # noqa: E731
    check_all(f, [Q, K, V], attention_backward(dout, cache))


def test_attention_without_positions_is_permutation_equivariant():
    """Self-attention (Q = K = V = X): permuting the input permutes the output."""
    r = np.random.default_rng(0)
    X = r.normal(size=(1, 5, 3))
    perm = r.permutation(5)
    out = attention_forward(X, X, X)[0]
    assert np.allclose(attention_forward(X[:, perm], X[:, perm], X[:, perm])[0], out[:, perm])


def test_embedding_gradient_collects_repeated_symbols():
    E = np.arange(12.0).reshape(4, 3)
    ids = np.array([[0, 2, 2], [3, 0, 2]])
    Y, cache = embedding_forward(ids, E)
    assert np.array_equal(Y[1, 0], E[3])
    dY = np.ones(Y.shape)
    dE = embedding_backward(dY, cache)
    assert np.array_equal(dE[:, 0], [2, 0, 3, 1])
    f = lambda: float(np.sum(embedding_forward(ids, E)[0] * dY))  # noqa: E731
    assert rel_error(dE, numerical_gradient(f, E)) < 1e-8


Z = np.zeros


@pytest.mark.parametrize("call, message", [
    (lambda: rnn_forward([[[1.0], [2.0]], [[1.0]]], Z((2, 2)), Z((2, 1)), Z((2, 2)), Z(2)),
     r"X: expected a numeric array of shape \(n, T, D\) \(equal-length sequences\)"),
    (lambda: rnn_forward(Z((2, 0, 1)), Z((2, 2)), Z((2, 1)), Z((2, 2)), Z(2)),
     r"X: expected shape \(n, T, D\) with T >= 1, got shape \(2, 0, 1\)"),
    (lambda: rnn_forward(Z((2, 3, 1)), Z((2, 2)), Z((2, 5)), Z((2, 2)), Z(2)),
     r"Wx: expected shape \(Hd, D\) = \(2, 1\), got shape \(2, 5\)"),
    (lambda: rnn_forward(Z((2, 3, 1)), Z((3, 2)), Z((2, 1)), Z((2, 2)), Z(2)),
     r"h0: expected shape \(n, Hd\) = \(2, 2\)"),
    (lambda: rnn_forward(Z((2, 3, 1)), Z((2, 2)), Z((2, 1)), Z((2, 2)), Z(2), "relu"),
     r"activation: expected 'tanh' or 'sigmoid', got 'relu'"),
    (lambda: lstm_forward(Z((2, 3, 1)), Z((2, 2)), Z((2, 2)), Z((2, 1)), Z((2, 2)), Z(2)),
     r"Wh: expected shape \(4Hd, Hd\)"),
    (lambda: lstm_forward(Z((2, 3, 1)), Z((2, 2)), Z((2, 2)), Z((8, 1)), Z((8, 2)), Z(8),
                          peephole=Z(2)),
     r"peephole: expected shape \(3, Hd\) = \(3, 2\)"),
    (lambda: embedding_forward([[0, 4]], Z((4, 2))),
     r"ids: expected symbol ids in 0..3 \(the vocabulary\), got ids from 0 to 4"),
    (lambda: embedding_forward([[0.5]], Z((4, 2))), r"ids: expected integer symbol ids"),
    (lambda: attention_forward(Z((1, 2, 3)), Z((1, 4, 2)), Z((1, 4, 1))),
     r"K: expected shape \(n, Tk, d\) = \(1, Tk, 3\) to match Q"),
    (lambda: attention_forward(Z((1, 2, 3)), Z((1, 4, 3)), Z((1, 4, 1)), Z((1, 2, 4))),
     r"mask: expected a bool array of shape \(n, Tq, Tk\) = \(1, 2, 4\)"),
    (lambda: attention_forward(Z((1, 2, 3)), Z((1, 4, 3)), Z((1, 4, 1)),
                               np.array([[[True] * 4, [False] * 4]])),
     r"mask: expected every query allowed to attend to at least one key"),
])
def test_bad_input_names_the_parameter(call, message):
    with raises(message):
        call()
