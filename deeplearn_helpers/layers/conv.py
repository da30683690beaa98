"""Convolution and pooling layers: pure forward/backward pairs (numpy only).

Convolution here is cross-correlation, as in the deep learning libraries
(torch.nn.functional.conv2d): a filter K slides over the zero-padded input and each output is
its dot product with one patch,

    Y[n, f, i, j] = b[f] + sum_{c, u, v} K[f, c, u, v] * Xpad[n, c, i*s + u*d, j*s + v*d]

with stride s and dilation d.  Output size  H' = floor((H + 2p - d (kh - 1) - 1) / s) + 1.
The work is one matrix product over the patches ("im2col": the inputs each filter tap sees,
gathered with one slice per filter offset), so there is no Python loop over pixels, only
over the kh * kw offsets; the backward pass scatters the patch gradients back the same way.

A 1-D convolution (sequences, signals) is the 2-D one with height 1.
"""
import numpy as np

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


def _pad(X, p):
    """X (n, C, H, W) with p zeros around each image (np.pad is slower for tiny arrays)."""
    if p == 0:
        return X
    Xp = np.zeros((*X.shape[:2], X.shape[2] + 2 * p, X.shape[3] + 2 * p))
    Xp[:, :, p:-p, p:-p] = X
    return Xp


def _offsets(kh, kw, stride, dilation, Ho, Wo):
    """For each filter offset (u, v): the slice of the padded input it multiplies."""
    hi, wi = stride * (Ho - 1) + 1, stride * (Wo - 1) + 1
    for u in range(kh):
        for v in range(kw):
            r, c = u * dilation, v * dilation
            yield u, v, (slice(None), slice(None), slice(r, r + hi, stride),
                         slice(c, c + wi, stride))


def _conv_forward(X, K, b, stride, padding, dilation):
    """The shared 2-D computation (arguments already checked).

    cols[c, u, v] holds, for every output pixel, the input that filter tap (c, u, v) sees:
    then Y = K cols is one matrix product (F, C kh kw) @ (C kh kw, n H' W').
    """
    n, C, H, W = X.shape
    F, _, kh, kw = K.shape
    Ho = _out_size(H, kh, stride, padding, dilation)
    Wo = _out_size(W, kw, stride, padding, dilation)
    Xp = _pad(X, padding)
    cols = np.empty((C, kh, kw, n, Ho, Wo))
    for u, v, window in _offsets(kh, kw, stride, dilation, Ho, Wo):   # kh kw copies, not n H W
        cols[:, u, v] = Xp[window].transpose(1, 0, 2, 3)
    cols = cols.reshape(C * kh * kw, n * Ho * Wo)
    Y = K.reshape(F, -1) @ cols                                         # (F, n H' W')
    if b is not None:
        Y += b[:, None]
    Y = np.ascontiguousarray(Y.reshape(F, n, Ho, Wo).transpose(1, 0, 2, 3))
    return Y, (X.shape, Xp.shape, cols, K, b is not None, stride, padding, dilation)


def _conv_backward(dY, cache):
    x_shape, xp_shape, cols, K, has_b, stride, p, dilation = cache
    n, C, H, W = x_shape
    F, _, kh, kw = K.shape
    Ho, Wo = dY.shape[2], dY.shape[3]
    dYm = dY.transpose(1, 0, 2, 3).reshape(F, -1)                      # (F, n H' W')
    dK = (dYm @ cols.T).reshape(K.shape)
    db = dYm.sum(axis=1) if has_b else None
    dcols = (K.reshape(F, -1).T @ dYm).reshape(C, kh, kw, n, Ho, Wo)
    dXp = np.zeros(xp_shape)
    for u, v, window in _offsets(kh, kw, stride, dilation, Ho, Wo):
        dXp[window] += dcols[:, u, v].transpose(1, 0, 2, 3)
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
    Xp = np.pad(X, ((0, 0), (0, 0), (padding, padding))) if padding else X
    Xp = Xp[:, :, None, :]
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
    windows = _offsets(size, size, stride, 1, Ho, Wo)
    _, _, first = next(windows)
    Y = X[first].copy()
    arg = np.zeros(Y.shape, dtype=np.intp)     # which offset u * size + v holds the maximum
    for u, v, window in windows:               # a running maximum over the size^2 offsets
        larger = X[window] > Y                 # strict: the first maximum wins, as argmax
        np.copyto(Y, X[window], where=larger)
        np.copyto(arg, u * size + v, where=larger)
    return Y, (X.shape, arg, size, stride)


def maxpool2d_backward(dY, cache):
    """Gradient of max pooling: each window's dY goes to the input that was its maximum.

    dY: (n, C, H', W') -> dX: (n, C, H, W).
    """
    x_shape, arg, size, stride = cache
    dY = np.asarray(dY, dtype=np.float64)
    Ho, Wo = dY.shape[2:]
    dX = np.zeros(x_shape)
    for u, v, window in _offsets(size, size, stride, 1, Ho, Wo):
        dX[window] += dY * (arg == u * size + v)
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
