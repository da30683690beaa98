"""Convolution and pooling layers: pure forward/backward pairs (numpy only).

Convolution here is cross-correlation, as in the deep learning libraries
(torch.nn.functional.conv2d): a filter K slides over the zero-padded input and each output is
its dot product with one patch,

    Y[n, f, i, j] = b[f] + sum_{c, u, v} K[f, c, u, v] * Xpad[n, c, i*s + u*d, j*s + v*d]

with stride s and dilation d.  Output size  H' = floor((H + 2p - d (kh - 1) - 1) / s) + 1.
The work is done by one matrix product over the patches ("im2col", built with numpy's
sliding windows), so there is no Python loop over pixels; the backward pass scatters the
patch gradients back with one loop over the kh * kw filter offsets.

A 1-D convolution (sequences, signals) is the 2-D one with height 1.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .._checks import bad, check_int


def _check_array(a, name, ndim, shape_text):
    try:
        a = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError):
        raise bad(name, f"a numeric array of shape {shape_text}", got=type(a).__name__) from None
    if a.ndim != ndim:
        raise bad(name, f"a {ndim}-D array of shape {shape_text}", got=f"shape {a.shape}")
    return a


def _out_size(size, k, stride, padding, dilation):
    return (size + 2 * padding - dilation * (k - 1) - 1) // stride + 1


def _patches(Xp, kh, kw, stride, dilation, Ho, Wo):
    """Every patch of the padded input, a view.  Xp: (n, C, Hp, Wp) -> (n, C, Ho, Wo, kh, kw)."""
    eh, ew = dilation * (kh - 1) + 1, dilation * (kw - 1) + 1
    win = sliding_window_view(Xp, (eh, ew), axis=(2, 3))[..., ::dilation, ::dilation]
    return win[:, :, ::stride, ::stride][:, :, :Ho, :Wo]


def _conv_forward(X, K, b, stride, padding, dilation):
    """The shared 2-D computation (arguments already checked)."""
    n, C, H, W = X.shape
    F, _, kh, kw = K.shape
    Ho = _out_size(H, kh, stride, padding, dilation)
    Wo = _out_size(W, kw, stride, padding, dilation)
    p = padding
    Xp = np.pad(X, ((0, 0), (0, 0), (p, p), (p, p))) if p else X
    cols = _patches(Xp, kh, kw, stride, dilation, Ho, Wo)            # (n, C, Ho, Wo, kh, kw)
    cols = cols.transpose(0, 2, 3, 1, 4, 5).reshape(n * Ho * Wo, C * kh * kw)
    Y = cols @ K.reshape(F, -1).T                                     # (n Ho Wo, F)
    if b is not None:
        Y += b
    Y = Y.reshape(n, Ho, Wo, F).transpose(0, 3, 1, 2)
    return np.ascontiguousarray(Y), (X.shape, Xp.shape, cols, K, b is not None,
                                     stride, padding, dilation)


def _conv_backward(dY, cache):
    x_shape, xp_shape, cols, K, has_b, stride, p, dilation = cache
    n, C, H, W = x_shape
    F, _, kh, kw = K.shape
    Ho, Wo = dY.shape[2], dY.shape[3]
    dYm = dY.transpose(0, 2, 3, 1).reshape(-1, F)                     # (n Ho Wo, F)
    dK = (dYm.T @ cols).reshape(K.shape)
    db = dYm.sum(axis=0) if has_b else None
    dcols = (dYm @ K.reshape(F, -1)).reshape(n, Ho, Wo, C, kh, kw)
    dXp = np.zeros(xp_shape)
    hi, wi = stride * (Ho - 1) + 1, stride * (Wo - 1) + 1
    for u in range(kh):                      # one loop over filter offsets, not over pixels
        for v in range(kw):
            r, c = u * dilation, v * dilation
            dXp[:, :, r:r + hi:stride, c:c + wi:stride] += dcols[:, :, :, :, u, v].transpose(
                0, 3, 1, 2)
    dX = dXp[:, :, p:p + H, p:p + W] if p else dXp
    return dX, dK, db


def _check_conv(X, K, b, stride, padding, dilation, d):
    """Checks shared by conv1d and conv2d; d = 1 or 2 spatial dimensions."""
    shape_x = "(n, C, L)" if d == 1 else "(n, C, H, W)"
    shape_k = "(F, C, k)" if d == 1 else "(F, C, kh, kw)"
    X = _check_array(X, "X", d + 2, shape_x)
    K = _check_array(K, "K", d + 2, shape_k)
    if K.shape[1] != X.shape[1]:
        raise bad("K", f"{X.shape[1]} input channels (K.shape[1] == X.shape[1])",
                  got=f"shape {K.shape}")
    if min(K.shape) < 1 or min(X.shape) < 1:
        raise bad("X, K", "non-empty arrays", got=f"shapes {X.shape} and {K.shape}")
    if b is not None:
        b = _check_array(b, "b", 1, "(F,)")
        if b.shape != (K.shape[0],):
            raise bad("b", f"shape ({K.shape[0]},) (one bias per filter) or None",
                      got=f"shape {b.shape}")
    stride = check_int(stride, "stride", 1)
    padding = check_int(padding, "padding", 0)
    dilation = check_int(dilation, "dilation", 1)
    for size, k, axis in zip(X.shape[2:], K.shape[2:], "HW" if d == 2 else "L", strict=True):
        span = dilation * (k - 1) + 1
        if span > size + 2 * padding:
            raise bad("K", f"a kernel spanning at most the padded input's {axis} = "
                      f"{size + 2 * padding}", got=f"span {span} (shape {K.shape})")
    return X, K, b, stride, padding, dilation


def conv2d_forward(X, K, b=None, stride=1, padding=0, dilation=1):
    """2-D convolution (cross-correlation), as torch.nn.functional.conv2d.

    X: (n, C, H, W), K: (F, C, kh, kw), b: (F,) or None -> Y: (n, F, H', W'), cache.
    H' = floor((H + 2 padding - dilation (kh - 1) - 1) / stride) + 1, the same for W'.
    """
    X, K, b, stride, padding, dilation = _check_conv(X, K, b, stride, padding, dilation, 2)
    return _conv_forward(X, K, b, stride, padding, dilation)


def conv2d_backward(dY, cache):
    """Gradients of conv2d.  dY: (n, F, H', W') -> dX (n, C, H, W), dK (F, C, kh, kw), db (F,).

    db is None when the forward pass had no bias.
    """
    return _conv_backward(np.asarray(dY, dtype=np.float64), cache)


def conv1d_forward(X, K, b=None, stride=1, padding=0, dilation=1):
    """1-D convolution (cross-correlation), as torch.nn.functional.conv1d.

    X: (n, C, L), K: (F, C, k), b: (F,) or None -> Y: (n, F, L'), cache;
    L' = floor((L + 2 padding - dilation (k - 1) - 1) / stride) + 1.  Dilation d spreads the
    filter's taps d apart (WaveNet's dilated convolutions).
    """
    X, K, b, stride, padding, dilation = _check_conv(X, K, b, stride, padding, dilation, 1)
    # a 1-D signal is an image of height 1: pad only along L
    n, C, L = X.shape
    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding)))[:, :, None, :]
    Y, cache = _conv_forward(Xp, K[:, :, None, :], b, stride, 0, dilation)
    return Y[:, :, 0, :], (cache, padding, L)


def conv1d_backward(dY, cache):
    """Gradients of conv1d.  dY: (n, F, L') -> dX (n, C, L), dK (F, C, k), db (F,) or None."""
    cache2d, padding, L = cache
    dX, dK, db = _conv_backward(np.asarray(dY, dtype=np.float64)[:, :, None, :], cache2d)
    return dX[:, :, 0, padding:padding + L], dK[:, :, 0, :], db


def maxpool2d_forward(X, size=2, stride=None):
    """Max pooling, as torch.nn.functional.max_pool2d: "is the pattern there somewhere nearby?"

    Y[n, c, i, j] = max over the size x size window at (i stride, j stride).
    X: (n, C, H, W) -> Y: (n, C, H', W'), H' = floor((H - size) / stride) + 1; stride None = size.
    """
    X = _check_array(X, "X", 4, "(n, C, H, W)")
    size = check_int(size, "size", 1)
    stride = size if stride is None else check_int(stride, "stride", 1)
    if size > min(X.shape[2:]):
        raise bad("size", f"a window of at most the input's H, W = {X.shape[2:]}", got=size)
    Ho, Wo = (X.shape[2] - size) // stride + 1, (X.shape[3] - size) // stride + 1
    win = _patches(X, size, size, stride, 1, Ho, Wo).reshape(*X.shape[:2], Ho, Wo, -1)
    arg = win.argmax(axis=-1)                                   # (n, C, H', W'): which offset
    Y = np.take_along_axis(win, arg[..., None], axis=-1)[..., 0]
    return Y, (X.shape, arg, size, stride)


def maxpool2d_backward(dY, cache):
    """Gradient of max pooling: each window's dY goes to the input that was its maximum.

    dY: (n, C, H', W') -> dX: (n, C, H, W).
    """
    x_shape, arg, size, stride = cache
    dY = np.asarray(dY, dtype=np.float64)
    Ho, Wo = dY.shape[2:]
    dX = np.zeros(x_shape)
    hi, wi = stride * (Ho - 1) + 1, stride * (Wo - 1) + 1
    for u in range(size):                    # one loop over window offsets, not over pixels
        for v in range(size):
            dX[:, :, u:u + hi:stride, v:v + wi:stride] += dY * (arg == u * size + v)
    return dX


def flatten_forward(X):
    """Each example's volume as one vector.  X: (n, ...) -> Y: (n, prod(...)), cache."""
    X = np.asarray(X)
    if X.ndim < 2:
        raise bad("X", "an array of at least 2 dims (n, ...)", got=f"shape {X.shape}")
    return X.reshape(X.shape[0], -1), X.shape


def flatten_backward(dY, cache):
    """dY: (n, prod(...)) -> dX: (n, ...), the shape of flatten's input."""
    return np.asarray(dY).reshape(cache)
