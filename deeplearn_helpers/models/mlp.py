"""The multi-layer perceptron: a chain of named layers, forward and backprop by hand.

Lecture notation (one hidden layer):

    h_j(x) = sigma(v_j . x)          h = sigma(V x),  V: (width, input_dim), row j is v_j
    f_theta(x) = w . h(x)            theta = (V, w)

A deep network repeats the hidden layer: h1 = sigma(V1 x), h2 = sigma(V2 h1), ...,
f_theta(x) = w . h_L.  A hidden layer is  affine -> [batch norm] -> activation -> [dropout];
the output layer is affine only.  The code works on a batch X (n, d) whose rows are
examples, so it computes H = sigma(X V^T) (see ``layers.dense``).
"""
from dataclasses import dataclass

import numpy as np

from .._checks import (
    bad,
    check_bool,
    check_choice,
    check_int,
    check_number,
    check_seed,
    check_X,
    is_int,
)
from ..init import INITS, init_weights
from ..layers import dense
from ..layers.dense import ACTIVATIONS
from .base import Model


@dataclass(frozen=True)
class Layer:
    """One layer l of an MLP: the names of its parameters in ``params`` and its activation.

    weight: "V1", "V2", ... ("w" for the output layer); bias: "b1", ... ("b") or None;
    gamma, beta: "gamma1", "beta1", ... with batch norm, else None; activation: a key of
    ACTIVATIONS ("linear" for the output layer); dropout: the drop probability p after it.
    """
    index: int
    weight: str
    bias: str = None
    gamma: str = None
    beta: str = None
    activation: str = "linear"
    dropout: float = 0.0


class MLP(Model):
    """A multi-layer perceptron f_theta(x) = w . h_L(x) with hidden layers h_l = sigma(V_l h_{l-1}).

    The hidden layers are ``hidden`` (a list of widths, [] for none) or, as the sliders say
    it, ``depth`` layers of ``width`` units each; the default is one layer of 8.
    Parameters (``params``, in layer order): ``V1, b1, gamma1, beta1, V2, ...`` for the hidden
    layers (b only if bias, gamma/beta only if batch_norm), then ``w, b`` for the output
    layer.  ``V_l``: (width_l, width_{l-1}); ``w``: (output_dim, width_L); biases (fan_out,).
    ``layers``: one Layer record per layer, the output layer last.
    predict(X): X (n, input_dim) -> (n,) for output_dim=1, (n, k) scores for k outputs.
    """

    def __init__(self, input_dim=2, hidden=None, output_dim=1, activation="sigmoid",
                 init="xavier", init_scale=1.0, bias=True, dropout=0.0, batch_norm=False,
                 seed=0, depth=None, width=None):
        hidden = check_hidden(hidden, depth, width)
        acts = [activation] * len(hidden) if isinstance(activation, str) else \
            list(activation) if isinstance(activation, (list, tuple)) else [None]
        if len(acts) != len(hidden) or any(not isinstance(a, str) or a not in ACTIVATIONS
                                           for a in acts):
            raise bad("activation", f"one of {', '.join(ACTIVATIONS)} (or a list of them, "
                      "one per hidden layer)", activation)
        self.input_dim, self.hidden = check_int(input_dim, "input_dim"), hidden
        self.output_dim = check_int(output_dim, "output_dim")
        self.activation = activation if isinstance(activation, str) else list(acts)
        self.activations = acts
        self.init = check_choice(init, "init", INITS)
        self.init_scale = check_number(init_scale, "init_scale", 0.0)
        self.bias = check_bool(bias, "bias")
        self.dropout = check_number(dropout, "dropout", 0.0, 1.0, "[)")
        self.batch_norm = check_bool(batch_norm, "batch_norm")
        self.seed = check_seed(seed)
        bn, L = self.batch_norm, len(hidden)
        self.layers = [Layer(l, f"V{l}", f"b{l}" if bias else None, f"gamma{l}" if bn else None,
                             f"beta{l}" if bn else None, act, self.dropout)
                       for l, act in enumerate(acts, start=1)]
        self.layers.append(Layer(L + 1, "w", "b" if bias else None))
        self.reset_parameters(seed)

    def reset_parameters(self, seed=None):
        """Draw fresh parameters into ``params`` (and a fresh dropout stream) from ``seed``.

        Weights by ``init`` (layer by layer, in order), biases 0, gamma 1, beta 0; batch-norm
        running statistics ``running[l]`` = [mean 0, variance 1].
        """
        rng = np.random.default_rng(seed)
        self.params, self.running = {}, {}
        fan_in = self.input_dim
        for layer, fan_out in zip(self.layers, self.hidden + [self.output_dim]):
            self.params[layer.weight] = init_weights(self.init, fan_in, fan_out, rng,
                                                     self.init_scale)
            if layer.bias:
                self.params[layer.bias] = np.zeros(fan_out)
            if layer.gamma:
                self.params[layer.gamma] = np.ones(fan_out)
                self.params[layer.beta] = np.zeros(fan_out)
                self.running[layer.index] = [np.zeros(fan_out), np.ones(fan_out)]
            fan_in = fan_out
        self._rng = np.random.default_rng(rng.integers(2**63))

    @property
    def weight_names(self):
        """The names of the weight matrices, input to output: ['V1', ..., 'VL', 'w']."""
        return [layer.weight for layer in self.layers]

    # forward and backward ----------------------------------------------------------------------
    def forward(self, A, train=False, rng=None, start=0):
        """Scores F and one cache per layer, from layer ``start + 1`` on.

        A: the network's input X (n, input_dim) for start=0, else the activations of hidden
        layer ``start`` (n, width_start).  Returns F: (n,) or (n, k), and a list of dicts
        (the output layer's last) with the layer's input ``A``, pre-activation ``Z``,
        activation ``H`` (before dropout) and the caches of its layer pairs.
        Training mode: batch statistics (running statistics move) and dropout; eval mode:
        running statistics, no dropout.
        """
        P, caches = self.params, []
        for layer in self.layers[start:]:
            Z, affine = dense.affine_forward(A, P[layer.weight], layer.bias and P[layer.bias])
            c = {"A": A, "affine": affine, "Z": Z}
            if layer.gamma:
                Z, c["bn"] = dense.batchnorm_forward(Z, P[layer.gamma], P[layer.beta],
                                                     self.running[layer.index], train)
            A, c["act"] = dense.activation_forward(Z, layer.activation)
            c["H"] = A
            if layer.dropout and train:
                A, c["drop"] = dense.dropout_forward(A, layer.dropout, rng or self._rng)
            caches.append(c)
        return (A[:, 0] if self.output_dim == 1 else A), caches

    def backward(self, dF, caches):
        """Backpropagation: the gradient of every parameter from dF = dLoss/dF, (n,) or (n, k).

        caches: from ``forward`` (start=0).  Returns a dict with the keys of ``params``.
        """
        grads = dict.fromkeys(self.params)              # filled below; keeps params' order
        dA = dF[:, None] if dF.ndim == 1 else dF
        for layer, c in zip(reversed(self.layers), reversed(caches)):
            if "drop" in c:
                dA = dense.dropout_backward(dA, c["drop"])
            dZ = dense.activation_backward(dA, c["act"])
            if layer.gamma:
                dZ, grads[layer.gamma], grads[layer.beta] = dense.batchnorm_backward(dZ, c["bn"])
            dA, grads[layer.weight], db = dense.affine_backward(dZ, c["affine"], layer.index > 1)
            if layer.bias:
                grads[layer.bias] = db
        return grads

    # the checked public face (loss_and_grads, predict, classify, n_params): Model
    def hidden_units(self, X):
        """Every hidden layer's activations h_l(x) in eval mode: a list of (n, width_l)."""
        return [c["H"] for c in self.forward(check_X(X, self.input_dim))[1][:-1]]

    @property
    def sizes(self):
        """Layer sizes from input to output, e.g. [2, 8, 8, 1]."""
        return [self.input_dim, *self.hidden, self.output_dim]

    def copy(self):
        """An independent copy (parameters, running statistics and dropout stream)."""
        new = super().copy()
        new.running = {k: [a.copy() for a in v] for k, v in self.running.items()}
        new.layers = list(self.layers)
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


def check_hidden(hidden, depth=None, width=None):
    """The list of hidden widths from ``hidden`` (widths, each >= 1) or ``depth`` x ``width``."""
    if depth is not None or width is not None:
        if hidden is not None:
            raise bad("hidden, depth, width", "either hidden=[widths] or depth and width",
                      got=f"hidden={hidden!r}, depth={depth!r}, width={width!r}")
        depth = check_int(1 if depth is None else depth, "depth", 0)
        return [check_int(8 if width is None else width, "width")] * depth
    if hidden is None:
        return [8]
    widths = list(hidden) if isinstance(hidden, (list, tuple, np.ndarray, range)) else None
    if widths is None or not all(is_int(w) and w >= 1 for w in widths):
        raise bad("hidden", "a list of layer widths (ints >= 1), e.g. [8, 8]", hidden)
    return [int(w) for w in widths]

