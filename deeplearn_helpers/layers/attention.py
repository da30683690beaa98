"""Scaled dot-product attention: "learn to look back at your notes".

    A = softmax(Q K^T / sqrt(d))      one distribution alpha over the keys per query (row)
    out = A V                         the attended average of the values

as torch.nn.functional.scaled_dot_product_attention (batch first).  A boolean mask says
which keys each query may attend to (True = may); masked scores get weight exactly 0.
"""
import numpy as np

from .._checks import bad


def _check(a, name, text):
    try:
        a = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError):
        raise bad(name, f"a numeric array of shape {text}", got=type(a).__name__) from None
    if a.ndim != 3:
        raise bad(name, f"a 3-D array of shape {text}", got=f"shape {a.shape}")
    return a


def softmax(S, axis=-1):
    """softmax(s)_j = e^{s_j} / sum_k e^{s_k} along ``axis``, stable for large s; -inf -> 0."""
    E = np.exp(S - np.max(S, axis=axis, keepdims=True))
    return E / E.sum(axis=axis, keepdims=True)


def attention_forward(Q, K, V, mask=None):
    """out = softmax(Q K^T / sqrt(d)) V.

    Q: (n, Tq, d), K: (n, Tk, d), V: (n, Tk, dv), mask: None or bool (n, Tq, Tk), True = may
    attend -> out: (n, Tq, dv), A: (n, Tq, Tk) (each row sums to 1), cache.
    """
    Q, K = _check(Q, "Q", "(n, Tq, d)"), _check(K, "K", "(n, Tk, d)")
    V = _check(V, "V", "(n, Tk, dv)")
    n, Tq, d = Q.shape
    if K.shape[0] != n or K.shape[2] != d:
        raise bad("K", f"shape (n, Tk, d) = ({n}, Tk, {d}) to match Q",
                  got=f"shape {K.shape}")
    if V.shape[:2] != K.shape[:2]:
        raise bad("V", f"shape (n, Tk, dv) = ({n}, {K.shape[1]}, dv) to match K",
                  got=f"shape {V.shape}")
    if min(Tq, K.shape[1], d) < 1:
        raise bad("Q, K", "at least one query, one key and d >= 1",
                  got=f"shapes {Q.shape}, {K.shape}")
    S = Q @ K.transpose(0, 2, 1) / np.sqrt(d)                    # scores (n, Tq, Tk)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype != np.bool_ or mask.shape != S.shape:
            raise bad("mask", f"a bool array of shape (n, Tq, Tk) = {S.shape}",
                      got=f"{mask.dtype} of shape {mask.shape}")
        if not mask.any(axis=-1).all():
            raise bad("mask", "every query allowed to attend to at least one key",
                      got="a row of all False")
        S = np.where(mask, S, -np.inf)
    A = softmax(S)
    return A @ V, A, (Q, K, V, A)


def attention_backward(dout, cache):
    """Gradients of attention.  dout: (n, Tq, dv) -> dQ (n, Tq, d), dK (n, Tk, d), dV (n, Tk, dv).

    Softmax's Jacobian row by row: dS = A * (dA - sum_k dA_k A_k); masked entries have A = 0
    and so get no gradient.
    """
    Q, K, V, A = cache
    dout = np.asarray(dout, dtype=np.float64)
    dV = A.transpose(0, 2, 1) @ dout
    dA = dout @ V.transpose(0, 2, 1)
    dS = A * (dA - np.sum(dA * A, axis=-1, keepdims=True)) / np.sqrt(Q.shape[2])
    return dS @ K, dS.transpose(0, 2, 1) @ Q, dV
