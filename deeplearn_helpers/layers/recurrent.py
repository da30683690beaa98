"""Recurrent layers over a whole sequence: forward, and backward by backpropagation through time.

The lecture's recurrent update  h_t = Encode(h_{t-1}, x_t).  The simple (Elman) network:

    h_t = sigma(Wx x_t + Wh h_{t-1} + b)          (the slide's sigma(V h_{t-1} + W x_t))

The LSTM, gates stacked (i, f, g, o) as in PyTorch:

    i_t = sigma(Wx_i x_t + Wh_i h_{t-1} [+ p_i * c_{t-1}] + b_i)    input gate
    f_t = sigma(Wx_f x_t + Wh_f h_{t-1} [+ p_f * c_{t-1}] + b_f)    forget gate
    g_t = tanh(Wx_g x_t + Wh_g h_{t-1} + b_g)                       the recurrent update
    c_t = f_t * c_{t-1} + i_t * g_t                                 additive: the gradient flows
    o_t = sigma(Wx_o x_t + Wh_o h_{t-1} [+ p_o * c_t] + b_o)        output gate
    h_t = o_t * tanh(c_t)

The bracketed terms are the slide's peephole connections V c (diagonal here, as in Gers and
Schmidhuber's LSTM); without them this is the standard LSTM of the deep learning libraries
(PyTorch's with one bias b = b_ih + b_hh).  Batch first: X (n, T, D), H (n, T, Hd).
"""
import numpy as np

from .._checks import bad, is_int
from .dense import sigmoid

RNN_ACTIVATIONS = ("tanh", "sigmoid")



def _check(a, name, shape, text):
    """a as float64 with the given shape (None = any size along that axis)."""
    try:
        a = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError):
        raise bad(name, f"a numeric array of shape {text}", got=type(a).__name__) from None
    if a.ndim != len(shape) or any(
            s is not None and s != t for s, t in zip(shape, a.shape, strict=True)):
        raise bad(name, f"shape {text}", got=f"shape {a.shape}")
    return a


def _check_sequence(X, h0, Wx, Wh, b, gates):
    """Shapes of a recurrent layer's inputs; gates = 1 (simple) or 4 (LSTM)."""
    try:
        X = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError):
        raise bad("X", "a numeric array of shape (n, T, D) (equal-length sequences)",
                  got="a ragged or non-numeric sequence") from None
    if X.ndim != 3 or X.shape[1] == 0:
        raise bad("X", "shape (n, T, D) with T >= 1", got=f"shape {X.shape}")
    n, _, D = X.shape
    Hd = np.shape(Wh)[-1] if np.ndim(Wh) == 2 else None
    if Hd is None:
        raise bad("Wh", f"a 2-D array of shape ({gates}Hd, Hd)", got=f"shape {np.shape(Wh)}")
    g = "" if gates == 1 else "4"
    Wh = _check(Wh, "Wh", (gates * Hd, Hd), f"({g}Hd, Hd) = ({gates * Hd}, {Hd})")
    Wx = _check(Wx, "Wx", (gates * Hd, D), f"({g}Hd, D) = ({gates * Hd}, {D})")
    b = _check(b, "b", (gates * Hd,), f"({g}Hd,) = ({gates * Hd},)")
    h0 = _check(h0, "h0", (n, Hd), f"(n, Hd) = ({n}, {Hd})")
    return X, h0, Wx, Wh, b


# --- the simple recurrent network --------------------------------------------------------------

def rnn_forward(X, h0, Wx, Wh, b, activation="tanh"):
    """h_t = sigma(x_t Wx^T + h_{t-1} Wh^T + b) for t = 1..T.

    X: (n, T, D), h0: (n, Hd), Wx: (Hd, D), Wh: (Hd, Hd), b: (Hd,) -> H: (n, T, Hd), cache.
    """
    if activation not in RNN_ACTIVATIONS:
        raise bad("activation", "'tanh' or 'sigmoid'", got=repr(activation))
    X, h0, Wx, Wh, b = _check_sequence(X, h0, Wx, Wh, b, 1)
    sigma = np.tanh if activation == "tanh" else sigmoid
    Zx = X @ Wx.T + b                       # the input's part of every step at once: (n, T, Hd)
    H = np.empty(Zx.shape)
    h = h0
    for t in range(X.shape[1]):
        h = sigma(Zx[:, t] + h @ Wh.T)
        H[:, t] = h
    return H, (X, h0, Wx, Wh, H, activation)


def rnn_backward(dH, cache):
    """Backpropagation through time.  dH: (n, T, Hd), the loss's gradient w.r.t. every h_t.

    -> dX (n, T, D), dh0 (n, Hd), dWx (Hd, D), dWh (Hd, Hd), db (Hd,).
    """
    X, h0, Wx, Wh, H, activation = cache
    dZ = np.empty(H.shape)
    dh = np.zeros_like(h0)                  # gradient arriving from step t + 1
    for t in reversed(range(X.shape[1])):
        dh = dh + dH[:, t]
        h = H[:, t]
        dZ[:, t] = dh * ((1.0 - h * h) if activation == "tanh" else h * (1.0 - h))
        dh = dZ[:, t] @ Wh
    H_prev = np.concatenate([h0[:, None], H[:, :-1]], axis=1)
    n, T, _ = X.shape
    dZ2 = dZ.reshape(n * T, -1)
    dWx = dZ2.T @ X.reshape(n * T, -1)
    dWh = dZ2.T @ H_prev.reshape(n * T, -1)
    return dZ @ Wx, dh, dWx, dWh, dZ2.sum(axis=0)


# --- the LSTM -----------------------------------------------------------------------------------

def _sigmoid_of_minus(a):
    """In place: a = -z -> sigma(z) = 1 / (1 + e^{-z}).  e^{-z} overflows to inf for
    z < -709, giving exactly 0, as it should."""
    np.exp(a, out=a)
    a += 1.0
    np.reciprocal(a, out=a)


def lstm_forward(X, h0, c0, Wx, Wh, b, peephole=None):
    """The LSTM over a sequence (gates i, f, g, o stacked as in PyTorch).

    X: (n, T, D), h0, c0: (n, Hd), Wx: (4Hd, D), Wh: (4Hd, Hd), b: (4Hd,),
    peephole: None or (3, Hd), the diagonal peephole weights (p_i, p_f, p_o)
    -> H: (n, T, Hd), cache (the cell states c_t are in cache["C"]).

    Computed with one exp for all four gates per step: the pre-activations are made as
    -z (i, f, o) and -2z (g), by weights scaled once, so that sigma(z) = 1 / (1 + e^{-z}) and
    tanh(z) = 2 sigma(2z) - 1 (exact identities) need no other work.
    """
    X, h0, Wx, Wh, b = _check_sequence(X, h0, Wx, Wh, b, 4)
    n, T, _ = X.shape
    Hd = h0.shape[1]
    c0 = _check(c0, "c0", (n, Hd), f"(n, Hd) = ({n}, {Hd})")
    P = None if peephole is None else _check(peephole, "peephole", (3, Hd), f"(3, Hd) = (3, {Hd})")
    scale = np.repeat([-1.0, -1.0, -2.0, -1.0], Hd)
    A = X @ (Wx.T * scale) + b * scale      # the input's part of all gates: (n, T, 4Hd)
    WhT = Wh.T * scale
    G = np.empty((T, n, 4 * Hd))            # gates i, f, g, o after their non-linearity
    H, C, TC = np.empty((n, T, Hd)), np.empty((n, T, Hd)), np.empty((T, n, Hd))
    h, c = h0, c0
    with np.errstate(over="ignore"):
        for t in range(T):
            a = G[t]
            np.matmul(h, WhT, out=a)
            a += A[:, t]
            if P is None:
                _sigmoid_of_minus(a)
            else:                           # i, f peek at c_{t-1}; o at c_t, below
                a[:, :Hd] -= P[0] * c
                a[:, Hd:2 * Hd] -= P[1] * c
                _sigmoid_of_minus(a[:, :3 * Hd])
            i, f, g, o = a[:, :Hd], a[:, Hd:2 * Hd], a[:, 2 * Hd:3 * Hd], a[:, 3 * Hd:]
            g *= 2.0
            g -= 1.0                        # tanh(z) = 2 sigma(2z) - 1
            c_prev, c = c, C[:, t]
            np.multiply(f, c_prev, out=c)
            c += i * g                      # c_t = f_t * c_{t-1} + i_t * g_t
            if P is not None:
                o -= P[2] * c
                _sigmoid_of_minus(o)
            h = H[:, t]
            np.multiply(o, np.tanh(c, out=TC[t]), out=h)     # h_t = o_t * tanh(c_t)
    return H, {"X": X, "h0": h0, "c0": c0, "Wx": Wx, "Wh": Wh, "P": P, "G": G, "H": H,
               "C": C, "TC": TC}


def lstm_backward(dH, cache, dc_last=None):
    """Backpropagation through time for the LSTM.  dH: (n, T, Hd), gradient w.r.t. every h_t;
    dc_last: None or (n, Hd), a gradient w.r.t. the last cell state c_T (when c_T goes on,
    e.g. to a decoder).

    -> dX (n, T, D), dh0 (n, Hd), dc0 (n, Hd), dWx (4Hd, D), dWh (4Hd, Hd), db (4Hd,)
    and, if the forward pass had peepholes, dpeephole (3, Hd) as a seventh value.
    """
    X, Wh, P, G, H, C, TC = (cache[k] for k in ("X", "Wh", "P", "G", "H", "C", "TC"))
    n, T, Hd = H.shape
    dA = np.empty((T, n, 4 * Hd))           # gradient w.r.t. the gates' pre-activations
    dP = None if P is None else np.zeros_like(P)
    dh = np.zeros((n, Hd))
    dc = np.zeros((n, Hd)) if dc_last is None else np.array(dc_last, dtype=np.float64)
    for t in reversed(range(T)):
        i, f, g, o = (G[t, :, k * Hd:(k + 1) * Hd] for k in range(4))
        da = dA[t]
        da_i, da_f, da_g, da_o = (da[:, k * Hd:(k + 1) * Hd] for k in range(4))
        tc, c_prev = TC[t], (C[:, t - 1] if t > 0 else cache["c0"])
        local = G[t] * (1.0 - G[t])         # sigma' = s (1 - s) for i, f, o ...
        np.square(g, out=local[:, 2 * Hd:3 * Hd])
        np.subtract(1.0, local[:, 2 * Hd:3 * Hd], out=local[:, 2 * Hd:3 * Hd])  # tanh' = 1 - g^2
        dh += dH[:, t]
        np.multiply(dh, tc, out=da_o)       # h_t = o_t tanh(c_t)
        da_o *= local[:, 3 * Hd:]
        dc += dh * o * (1.0 - tc * tc)
        if P is not None:                   # o_t peeks at c_t
            dc += da_o * P[2]
        np.multiply(dc, g, out=da_i)        # c_t = f_t c_{t-1} + i_t g_t
        np.multiply(dc, c_prev, out=da_f)
        np.multiply(dc, i, out=da_g)
        da[:, :3 * Hd] *= local[:, :3 * Hd]
        dh = da @ Wh
        dc *= f
        if P is not None:                   # i_t and f_t peek at c_{t-1}
            dc += da_i * P[0] + da_f * P[1]
            dP += np.stack([(da_i * c_prev).sum(0), (da_f * c_prev).sum(0),
                            (da_o * C[:, t]).sum(0)])
    dA2 = dA.reshape(T * n, -1)             # time-major rows (t, example), as G
    H_prev = np.concatenate([cache["h0"][None], H.transpose(1, 0, 2)[:-1]])    # (T, n, Hd)
    dX = (dA2 @ cache["Wx"]).reshape(T, n, -1).transpose(1, 0, 2)
    grads = (dX, dh, dc, dA2.T @ X.transpose(1, 0, 2).reshape(T * n, -1),
             dA2.T @ H_prev.reshape(T * n, -1), dA2.sum(axis=0))
    return grads if P is None else grads + (dP,)


# --- embedding ------------------------------------------------------------------------------------

def embedding_forward(ids, E):
    """Look up each symbol's vector: Y[n, t] = E[ids[n, t]].

    ids: int array (n, T) (any shape) with values in 0..V-1, E: (V, D) -> Y: (..., D), cache.
    """
    E = np.asarray(E, dtype=np.float64)
    if E.ndim != 2:
        raise bad("E", "a 2-D array of shape (V, D)", got=f"shape {E.shape}")
    ids = np.asarray(ids)
    if ids.dtype.kind not in "iu" and not (ids.size == 0 or all(is_int(v) for v in ids.flat)):
        raise bad("ids", "integer symbol ids", got=f"dtype {ids.dtype}")
    if ids.size and (ids.min() < 0 or ids.max() >= E.shape[0]):
        raise bad("ids", f"symbol ids in 0..{E.shape[0] - 1} (the vocabulary)",
                  got=f"ids from {ids.min()} to {ids.max()}")
    ids = ids.astype(np.intp)
    return E[ids], (ids, E.shape)


def embedding_backward(dY, cache):
    """dY: (..., D) -> dE: (V, D); a symbol used k times collects k gradients (summed by
    np.bincount over the flat index symbol * D + column, several times faster than
    np.add.at)."""
    ids, (V, D) = cache
    flat = (ids.reshape(-1, 1) * D + np.arange(D)).ravel()
    dY = np.asarray(dY, dtype=np.float64).reshape(-1)
    return np.bincount(flat, weights=dY, minlength=V * D).reshape(V, D)
