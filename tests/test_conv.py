"""Convolution, pooling and flatten layers: against a loop-over-pixels reference (the
definition), gradient-checked by finite differences over many shapes, strides, paddings and
dilations, and bad input."""
import numpy as np
import pytest
from conftest import raises
from hypothesis import given, settings
from hypothesis import strategies as st

from deeplearn_helpers.gradcheck import numerical_gradient, rel_error
from deeplearn_helpers.layers.conv import (
    conv1d_backward,
    conv1d_forward,
    conv2d_backward,
    conv2d_forward,
    flatten_backward,
    flatten_forward,
    maxpool2d_backward,
    maxpool2d_forward,
)


def conv2d_reference(X, K, b, stride, padding, dilation):
    """The definition, one output pixel at a time."""
    n, C, H, W = X.shape
    F, _, kh, kw = K.shape
    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho = (H + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    Wo = (W + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    Y = np.zeros((n, F, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            patch = Xp[:, :, i * stride:i * stride + dilation * (kh - 1) + 1:dilation,
                       j * stride:j * stride + dilation * (kw - 1) + 1:dilation]
            Y[:, :, i, j] = np.tensordot(patch, K, axes=([1, 2, 3], [1, 2, 3]))
    return Y + (0 if b is None else b[None, :, None, None])


@st.composite
def conv_case(draw, dims=2):
    n, C, F = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    k = [draw(st.integers(1, 3)) for _ in range(dims)]
    stride, padding = draw(st.integers(1, 3)), draw(st.integers(0, 2))
    dilation = draw(st.integers(1, 2))
    size = [draw(st.integers(max(1, dilation * (kk - 1) + 1 - 2 * padding), 7)) for kk in k]
    bias = draw(st.booleans())
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    X = rng.normal(size=(n, C, *size))
    K = rng.normal(size=(F, C, *k))
    b = rng.normal(size=F) if bias else None
    return X, K, b, stride, padding, dilation


@settings(max_examples=60, deadline=None)
@given(conv_case())
def test_conv2d_is_the_definition(case):
    X, K, b, s, p, d = case
    Y, _ = conv2d_forward(X, K, b, stride=s, padding=p, dilation=d)
    assert np.allclose(Y, conv2d_reference(X, K, b, s, p, d), atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(conv_case())
def test_conv2d_gradients(case):
    X, K, b, s, p, d = case
    Y, cache = conv2d_forward(X, K, b, stride=s, padding=p, dilation=d)
    dY = np.random.default_rng(1).normal(size=Y.shape)
    dX, dK, db = conv2d_backward(dY, cache)
    f = lambda: float(np.sum(conv2d_forward(X, K, b, stride=s, padding=p, dilation=d)[0] * dY))  # noqa: E731
    assert rel_error(dX, numerical_gradient(f, X)) < 1e-7
    assert rel_error(dK, numerical_gradient(f, K)) < 1e-7
    if b is None:
        assert db is None
    else:
        assert rel_error(db, numerical_gradient(f, b)) < 1e-7


@settings(max_examples=40, deadline=None)
@given(conv_case(dims=1))
def test_conv1d_is_conv2d_of_height_one_and_its_gradients_check(case):
    X, K, b, s, p, d = case
    Y, cache = conv1d_forward(X, K, b, stride=s, padding=p, dilation=d)
    ref = conv2d_reference(np.pad(X, ((0, 0), (0, 0), (p, p)))[:, :, None, :], K[:, :, None, :],
                           b, s, 0, d)[:, :, 0, :]
    assert np.allclose(Y, ref, atol=1e-12)
    dY = np.random.default_rng(2).normal(size=Y.shape)
    dX, dK, db = conv1d_backward(dY, cache)
    assert dX.shape == X.shape and dK.shape == K.shape
    f = lambda: float(np.sum(conv1d_forward(X, K, b, stride=s, padding=p, dilation=d)[0] * dY))  # noqa: E731
    assert rel_error(dX, numerical_gradient(f, X)) < 1e-7
    assert rel_error(dK, numerical_gradient(f, K)) < 1e-7


def test_slide_example_2x2_filter_over_3x4_input_gives_2x3():
    X = np.arange(12.0).reshape(1, 1, 3, 4)
    K = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    Y, _ = conv2d_forward(X, K)
    assert Y.shape == (1, 1, 2, 3)
    assert np.all(Y == -5.0)            # x[i, j] - x[i+1, j+1] = -5 everywhere


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 2), st.integers(1, 3), st.integers(2, 9), st.integers(2, 9),
       st.integers(1, 3), st.sampled_from([None, 1, 2, 3]), st.integers(0, 2**31))
def test_maxpool_is_the_window_maximum_and_routes_the_gradient(n, C, H, W, size, stride, seed):
    size = min(size, H, W)
    # values 0.1 apart: no two inputs within the finite-difference step of each other
    X = 0.1 * np.random.default_rng(seed).permutation(n * C * H * W).reshape(n, C, H, W)
    Y, cache = maxpool2d_forward(X, size, stride)
    s = size if stride is None else stride
    Ho, Wo = (H - size) // s + 1, (W - size) // s + 1
    ref = np.array([[[[X[a, c, i * s:i * s + size, j * s:j * s + size].max() for j in range(Wo)]
                      for i in range(Ho)] for c in range(C)] for a in range(n)])
    assert np.array_equal(Y, ref)
    dY = np.random.default_rng(seed + 1).normal(size=Y.shape)
    dX = maxpool2d_backward(dY, cache)
    f = lambda: float(np.sum(maxpool2d_forward(X, size, stride)[0] * dY))  # noqa: E731
    assert rel_error(dX, numerical_gradient(f, X)) < 1e-7


def test_flatten_round_trip():
    X = np.arange(24.0).reshape(2, 3, 2, 2)
    Y, cache = flatten_forward(X)
    assert Y.shape == (2, 12) and np.array_equal(flatten_backward(Y, cache), X)


X4, K4 = np.zeros((2, 3, 5, 5)), np.zeros((4, 3, 3, 3))


CONV1 = dict(X=np.zeros((2, 3, 5)), K=np.zeros((4, 3, 3)))
SPAN = "K: expected a kernel spanning at most the padded input's"


@pytest.mark.parametrize("call, message", [
    (lambda: conv2d_forward(np.zeros((3, 5, 5)), K4),
     r"X: expected a 4-D array of shape \(n, C, H, W\), got shape \(3, 5, 5\)"),
    (lambda: conv2d_forward(X4, np.zeros((4, 2, 3, 3))), r"K: expected 3 input channels"),
    (lambda: conv2d_forward(X4, np.zeros((4, 3, 7, 7))), SPAN + " H = 5"),
    (lambda: conv2d_forward(X4, np.zeros((4, 3, 8, 8)), padding=1), SPAN + " H = 7"),
    (lambda: conv2d_forward(X4, K4, stride=1.5), r"stride: expected an int >= 1, got 1.5"),
    (lambda: conv2d_forward(X4, K4, stride=0), r"stride: expected an int >= 1, got 0"),
    (lambda: conv2d_forward(X4, K4, padding=-1), r"padding: expected an int >= 0, got -1"),
    (lambda: conv2d_forward(X4, K4, b=np.zeros(3)), r"b: expected shape \(4,\)"),
    (lambda: conv1d_forward(**CONV1, dilation=3), SPAN + " L = 5, got span 7"),
    (lambda: conv1d_forward(np.zeros((2, 3, 5, 1)), CONV1["K"]), r"X: expected a 3-D array"),
    (lambda: maxpool2d_forward(X4, size=6), r"size: expected a window of at most"),
    (lambda: maxpool2d_forward(X4, size=2, stride=0), r"stride: expected an int >= 1, got 0"),
    (lambda: flatten_forward(np.zeros(3)), r"X: expected an array of at least 2 dims"),
])
def test_bad_input_names_the_parameter(call, message):
    with raises(message):
        call()
