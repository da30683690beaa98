"""Models: the linear predictor and the multi-layer perceptron, forward and backprop by hand.

Lecture notation (one hidden layer):

    h_j(x) = sigma(v_j . x)          h = sigma(V x),  V: (width, input_dim), row j is v_j
    f_theta(x) = w . h(x)            theta = (V, w)

A deep network repeats the hidden layer: h1 = sigma(V1 x), h2 = sigma(V2 h1), ...,
f_theta(x) = w . h_L.  A hidden layer is  affine -> [batch norm] -> activation -> [dropout].

Code and slide differ in one place: the code works on a batch, a matrix X (n, d) whose rows
are examples, so it computes H = sigma(X V^T) (n, width) rather than sigma(V x) for one x.

Each layer is a pair of pure functions, forward and backward (the local derivative sits
beside its forward rule, as in micrograd); ``MLP`` only chains them.
"""
import numpy as np

from ._checks import is_int, is_real
from . import losses as _losses
from .init import INITS, init_weights

ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")
BN_EPS = 1e-5
BN_MOMENTUM = 0.1


# --- activations:  H = sigma(Z),  dZ = dH * sigma'(Z)  (Z, H, dH: (n, width)) -------------

def sigmoid(Z):
    """sigma(z) = (1 + e^{-z})^{-1}, computed without overflow.  Z: any shape."""
    return _losses._sigmoid(Z)


def activation_forward(name, Z):
    """H = sigma(Z) for the activation called ``name``.  Z, H: (n, width)."""
    if name == "tanh":
        return np.tanh(Z)
    if name == "sigmoid":
        return sigmoid(Z)
    if name == "relu":
        return np.maximum(Z, 0.0)
    return Z                                                   # linear


def activation_backward(name, dH, Z, H):
    """dZ = dH * sigma'(Z), using the forward output H where that is cheaper.  All (n, width).

    sigmoid' = H (1 - H),  tanh' = 1 - H^2,  relu' = [Z > 0],  linear' = 1.
    """
    if name == "tanh":
        return dH * (1.0 - H * H)
    if name == "sigmoid":
        return dH * H * (1.0 - H)
    if name == "relu":
        return dH * (Z > 0)
    return dH


# --- affine:  Z = X V^T + b ------------------------------------------------------------------

def affine_forward(X, V, b=None):
    """Z = X V^T + b.   X: (n, fan_in), V: (fan_out, fan_in), b: (fan_out,) -> Z: (n, fan_out)."""
    Z = X @ V.T
    if b is not None:
        Z += b
    return Z


def affine_backward(dZ, X, V):
    """Gradients of Z = X V^T + b.  dZ: (n, fan_out) -> dX (n, fan_in), dV (fan_out, fan_in), db (fan_out,).

    V=None skips dX (returned as None): the network's input X needs no gradient.
    """
    return (None if V is None else dZ @ V), dZ.T @ X, dZ.sum(axis=0)


# --- batch normalisation:  Y = gamma * (Z - mean) / sqrt(var + eps) + beta -----------------

def batchnorm_forward(Z, gamma, beta, eps=BN_EPS):
    """Training-mode batch norm with the batch mean and biased variance.

    Z: (n, m), gamma, beta: (m,) -> Y: (n, m), cache (Zhat (n, m), inv_std (m,)).
    """
    mean = Z.mean(axis=0)
    var = Z.var(axis=0)
    inv_std = 1.0 / np.sqrt(var + eps)
    Zhat = (Z - mean) * inv_std
    return gamma * Zhat + beta, (Zhat, inv_std, mean, var)


def batchnorm_backward(dY, cache, gamma):
    """Gradients of batch norm.  dY: (n, m) -> dZ (n, m), dgamma (m,), dbeta (m,)."""
    Zhat, inv_std = cache[0], cache[1]
    n = dY.shape[0]
    dgamma = np.sum(dY * Zhat, axis=0)
    dbeta = dY.sum(axis=0)
    dZhat = dY * gamma
    dZ = (inv_std / n) * (n * dZhat - dZhat.sum(axis=0) - Zhat * np.sum(dZhat * Zhat, axis=0))
    return dZ, dgamma, dbeta


def dropout_mask(shape, p, rng):
    """Inverted-dropout mask: each unit kept with prob. 1 - p and scaled by 1/(1 - p).  shape: (n, width)."""
    return (rng.random(shape) >= p) / (1.0 - p)


# --- the models --------------------------------------------------------------------------------

class MLP:
    """A multi-layer perceptron f_theta(x) = w . h_L(x) with hidden layers h_l = sigma(V_l h_{l-1}).

    The hidden layers are ``hidden`` (a list of widths, [] for none) or, as the sliders say
    it, ``depth`` layers of ``width`` units each; the default is one layer of 8.
    Parameters (``params``, in layer order): ``V1, b1, gamma1, beta1, V2, ...`` for the hidden
    layers (b only if bias, gamma/beta only if batch_norm), then ``w, b`` for the output
    layer.  ``V_l``: (width_l, width_{l-1}); ``w``: (output_dim, width_L); biases (fan_out,).
    predict(X): X (n, input_dim) -> (n,) for output_dim=1, (n, k) scores for k outputs.
    """

    def __init__(self, input_dim=2, hidden=None, output_dim=1, activation="sigmoid",
                 init="xavier", init_scale=1.0, bias=True, dropout=0.0, batch_norm=False,
                 seed=0, depth=None, width=None):
        hidden = _check_hidden(hidden, depth, width)
        _check_int(input_dim, "input_dim")
        _check_int(output_dim, "output_dim")
        acts = [activation] * len(hidden) if isinstance(activation, str) else list(activation)
        if len(acts) != len(hidden) or any(a not in ACTIVATIONS for a in acts):
            raise ValueError(f"activation: expected one of {', '.join(ACTIVATIONS)} "
                             f"(or a list of them, one per hidden layer), got {activation!r}")
        if init not in INITS:
            raise ValueError(f"init: unknown initialisation {init!r}; allowed: {', '.join(INITS)}")
        if not is_real(init_scale) or not init_scale >= 0 or not np.isfinite(init_scale):
            raise ValueError(f"init_scale: expected a finite number >= 0, got {init_scale!r}")
        if not is_real(dropout) or not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout: expected a probability in [0, 1), got {dropout!r}")
        if not isinstance(bias, (bool, np.bool_)) or not isinstance(batch_norm, (bool, np.bool_)):
            raise ValueError("bias, batch_norm: expected True or False")
        if seed is not None and not is_int(seed):
            raise ValueError(f"seed: expected an int or None, got {seed!r}")
        self.input_dim, self.hidden, self.output_dim = int(input_dim), hidden, int(output_dim)
        self.activation = activation if isinstance(activation, str) else list(acts)
        self.activations = acts
        self.init, self.init_scale, self.bias = init, float(init_scale), bool(bias)
        self.dropout, self.batch_norm, self.seed = float(dropout), bool(batch_norm), seed
        self.reset_parameters(seed)

    # construction ------------------------------------------------------------------------------
    def reset_parameters(self, seed=None):
        """Draw fresh parameters (and a fresh dropout stream) from ``seed``."""
        rng = np.random.default_rng(seed)
        self.params, self.layers, self.running = {}, [], {}
        fan_in = self.input_dim
        for l, (width, act) in enumerate(zip(self.hidden, self.activations), start=1):
            names = (f"V{l}", f"b{l}" if self.bias else None,
                     f"gamma{l}" if self.batch_norm else None,
                     f"beta{l}" if self.batch_norm else None)
            self._add_layer(names, fan_in, width, rng)
            self.layers.append(names + (act,))
            if self.batch_norm:
                self.running[l] = [np.zeros(width), np.ones(width)]   # mean, variance
            fan_in = width
        self._add_layer(("w", "b" if self.bias else None, None, None), fan_in,
                        self.output_dim, rng)
        self.output_layer = ("w", "b" if self.bias else None)
        self._rng = np.random.default_rng(rng.integers(2**63))

    def _add_layer(self, names, fan_in, fan_out, rng):
        V, b, gamma, beta = names
        self.params[V] = init_weights(self.init, fan_in, fan_out, rng, self.init_scale)
        if b:
            self.params[b] = np.zeros(fan_out)
        if gamma:
            self.params[gamma] = np.ones(fan_out)
            self.params[beta] = np.zeros(fan_out)

    # forward and backward ----------------------------------------------------------------------
    def forward(self, X, train=False, rng=None):
        """Scores F and the cache of every layer.  X: (n, input_dim) -> F: (n,) or (n, k).

        The cache is a list, one dict per hidden layer, with ``A`` (its input), ``Z`` (the
        pre-activation), ``H`` (the activation) and, if used, ``bn`` and ``mask``.
        Training mode uses batch statistics and dropout; eval mode running stats, no dropout.
        """
        P = self.params
        A, cache = X, []
        for l, (Vn, bn, gn, btn, act) in enumerate(self.layers, start=1):
            Z = affine_forward(A, P[Vn], P[bn] if bn else None)
            c = {"A": A, "Z": Z}
            if gn:
                if train:
                    Y, c["bn"] = batchnorm_forward(Z, P[gn], P[btn])
                    self._update_running(l, c["bn"], Z.shape[0])
                else:
                    mean, var = self.running[l]
                    Y = P[gn] * (Z - mean) / np.sqrt(var + BN_EPS) + P[btn]
                c["Y"] = Y
            else:
                Y = Z
            H = activation_forward(act, Y)
            c["H"] = H
            if train and self.dropout > 0.0:
                c["mask"] = dropout_mask(H.shape, self.dropout, rng or self._rng)
                H = H * c["mask"]
            cache.append(c)
            A = H
        wn, bn = self.output_layer
        F = affine_forward(A, P[wn], P[bn] if bn else None)
        cache.append({"A": A})
        return (F[:, 0] if self.output_dim == 1 else F), cache

    def _update_running(self, l, bn_cache, n):
        mean, var = bn_cache[2], bn_cache[3]
        run = self.running[l]
        run[0] = (1 - BN_MOMENTUM) * run[0] + BN_MOMENTUM * mean
        run[1] = (1 - BN_MOMENTUM) * run[1] + BN_MOMENTUM * var * (n / (n - 1))

    def backward(self, dF, cache):
        """Backpropagation: gradients of every parameter from dF = dLoss/dF (n,) or (n, k)."""
        P = self.params
        grads = dict.fromkeys(P)                             # filled below; keeps params' order
        dZ = dF[:, None] if dF.ndim == 1 else dF
        wn, bn = self.output_layer
        dA, grads[wn], db = affine_backward(dZ, cache[-1]["A"], P[wn])
        if bn:
            grads[bn] = db
        for (Vn, bn, gn, btn, act), c in zip(reversed(self.layers), reversed(cache[:-1])):
            if "mask" in c:
                dA = dA * c["mask"]
            dY = activation_backward(act, dA, c.get("Y", c["Z"]), c["H"])
            if gn:
                dY, grads[gn], grads[btn] = batchnorm_backward(dY, c["bn"], P[gn])
            # the first layer's input is X, whose gradient nobody needs: V=None skips dX
            dA, grads[Vn], db = affine_backward(dY, c["A"], None if c is cache[0] else P[Vn])
            if bn:
                grads[bn] = db
        return grads

    def _loss_and_grads(self, X, y, loss_fn, rng=None):
        """Unchecked fast path used by ``train``: (mean loss, grads) in training mode."""
        F, cache = self.forward(X, train=True, rng=rng)
        value, dF = loss_fn(F, y)
        return value, self.backward(dF, cache)

    # the public, checked face ------------------------------------------------------------------
    def loss_and_grads(self, X, y, loss="squared", seed=None):
        """TrainLoss on (X, y) in training mode and its gradient for every parameter.

        X: (n, input_dim); y: targets that fit ``loss``; returns (float, dict like params).
        ``seed`` fixes the dropout masks (the same masks on every call with the same seed,
        as a gradient check needs); batch-norm running statistics are updated.
        """
        X = self._check_X(X)
        y = _losses.check_targets(y, loss, self.output_dim, X.shape[0])
        if self.batch_norm and X.shape[0] < 2:
            raise ValueError("X: batch norm in training mode needs at least 2 examples")
        rng = np.random.default_rng(seed) if seed is not None else None
        return self._loss_and_grads(X, y, _losses.get_loss(loss), rng)

    def predict(self, X):
        """f_theta(x) for every row of X in eval mode.  X: (n, input_dim) -> (n,) or (n, k)."""
        return self.forward(self._check_X(X), train=False)[0]

    def classify(self, X):
        """Predicted labels: sign(f_theta(x)) in {-1, +1}, or argmax for k outputs.  -> (n,)."""
        F = self.predict(X)
        return np.argmax(F, axis=1) if F.ndim == 2 else np.where(F >= 0, 1.0, -1.0)

    def hidden_units(self, X):
        """Every hidden layer's activations h_l(x) in eval mode: a list of (n, width_l)."""
        return [c["H"] for c in self.forward(self._check_X(X), train=False)[1][:-1]]

    def _check_X(self, X):
        X = np.asarray(X)
        if X.dtype == object or not np.issubdtype(X.dtype, np.number) or X.dtype == np.bool_:
            raise ValueError(f"X: expected a numeric array, got dtype {X.dtype}")
        if X.ndim != 2 or X.shape[1] != self.input_dim or X.shape[0] == 0:
            raise ValueError(f"X: expected shape (n, {self.input_dim}) with n >= 1, got {X.shape}")
        X = X.astype(np.float64, copy=False)
        if not np.all(np.isfinite(X)):
            raise ValueError("X: contains NaN or infinity; allowed: finite numbers")
        return X

    # small conveniences ------------------------------------------------------------------------
    @property
    def n_params(self):
        """The number of parameters d, theta in R^d."""
        return int(sum(p.size for p in self.params.values()))

    @property
    def sizes(self):
        """Layer sizes from input to output, e.g. [2, 8, 8, 1]."""
        return [self.input_dim, *self.hidden, self.output_dim]

    def copy(self):
        """An independent copy (parameters, running statistics and dropout stream)."""
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        new.params = {k: v.copy() for k, v in self.params.items()}
        new.running = {k: [a.copy() for a in v] for k, v in self.running.items()}
        new._rng = np.random.default_rng()
        new._rng.bit_generator.state = self._rng.bit_generator.state
        return new

    def __repr__(self):
        arch = "-".join(str(s) for s in self.sizes)
        extra = "".join([", bias" if self.bias else ", no bias",
                         f", dropout={self.dropout}" if self.dropout else "",
                         ", batch norm" if self.batch_norm else ""])
        return f"MLP({arch}, {self.activation}, init={self.init}{extra})"


class LinearPredictor(MLP):
    """The linear predictor f_theta(x) = w . x, theta = w (plus a bias b if bias=True).

    params: ``w`` (1, input_dim) [and ``b`` (1,)]; ``model.w`` is w as a vector (input_dim,).
    """

    def __init__(self, input_dim=2, bias=False, init="zeros", init_scale=1.0, seed=0):
        super().__init__(input_dim=input_dim, hidden=(), output_dim=1, init=init,
                         init_scale=init_scale, bias=bias, seed=seed)

    @property
    def w(self):
        """w: (input_dim,), a view of params['w'] (writing to it changes the model)."""
        return self.params["w"][0]

    def __repr__(self):
        return f"LinearPredictor(input_dim={self.input_dim}, {'bias' if self.bias else 'no bias'})"


# --- argument checks ---------------------------------------------------------------------------



def _check_int(v, name, low=1):
    if not is_int(v) or v < low:
        raise ValueError(f"{name}: expected an integer >= {low}, got {v!r}")


def _check_hidden(hidden, depth=None, width=None):
    """The list of hidden widths from ``hidden`` (widths, each >= 1) or ``depth`` x ``width``."""
    if depth is not None or width is not None:
        if hidden is not None:
            raise ValueError("hidden, depth, width: give either hidden=[widths] or depth and width")
        depth = 1 if depth is None else depth
        width = 8 if width is None else width
        _check_int(depth, "depth", low=0)
        _check_int(width, "width")
        return [int(width)] * int(depth)
    if hidden is None:
        return [8]
    if is_int(hidden):
        raise ValueError(f"hidden: expected a list of layer widths, e.g. [8, 8], got {hidden!r}")
    try:
        widths = list(hidden)
    except TypeError:
        raise ValueError(f"hidden: expected a list of layer widths, e.g. [8, 8], got {hidden!r}")
    for w in widths:
        if not is_int(w) or w < 1:
            raise ValueError(f"hidden: every width must be an integer >= 1, got {hidden!r}")
    return [int(w) for w in widths]
