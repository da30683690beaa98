"""A small convolutional network: (conv -> relu -> max pool) repeated, then dense layers.

    A_0 = x as an image (C, H, W)
    A_l = maxpool(relu(K_l * A_{l-1} + c_l))            l = 1..L, one output channel per filter
    h   = relu(V flatten(A_L) + b)  [optional dense hidden layers]
    f_theta(x) = w h + b                                the scores, one per class

``dl.train``, the optimizers, callbacks and History use it as they use an MLP: its input is
the flattened image, a row of X (n, C*H*W) (the digits' 64 pixels), its ``params`` a dict in
layer order: K1, c1 (filters (F, C, k, k) and their biases (F,)), K2, c2, ..., V1, b1, ...
(dense hidden layers), w, b (the output layer).
"""
import numpy as np

from .._checks import bad, check_choice, check_int, check_number, check_seed, check_X
from ..init import INITS, init_weights
from ..layers.conv import (
    conv2d_backward,
    conv2d_forward,
    flatten_backward,
    flatten_forward,
    maxpool2d_backward,
    maxpool2d_forward,
)
from ..layers.dense import (
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
    dropout_backward,
    dropout_forward,
)
from .base import Model


class CNN(Model):
    """conv(k x k, padding) -> relu -> maxpool(pool), once per entry of ``filters``, then
    dense layers of widths ``hidden`` (relu) and an output layer of ``output_dim`` scores.

    input_shape: (C, H, W) of one example; X rows are the flattened images (n, C*H*W).
    predict(X): (n,) for output_dim=1, else (n, output_dim) scores (cross_entropy for classes).
    """

    def __init__(self, input_shape=(1, 8, 8), filters=(8,), kernel_size=3, padding=1, pool=2,
                 hidden=(), output_dim=10, activation="relu", init="he", dropout=0.0, seed=0):
        shape = tuple(input_shape) if isinstance(input_shape, (tuple, list)) else ()
        if len(shape) != 3:
            raise bad("input_shape", "(C, H, W), e.g. (1, 8, 8)", input_shape)
        self.input_shape = tuple(check_int(s, "input_shape") for s in shape)
        if not isinstance(filters, (tuple, list)) or len(filters) == 0:
            raise bad("filters", "a non-empty list of filter counts, e.g. [8]", filters)
        self.filters = [check_int(f, "filters") for f in filters]
        self.kernel_size = check_int(kernel_size, "kernel_size")
        self.padding = check_int(padding, "padding", 0)
        self.pool = check_int(pool, "pool")
        if not isinstance(hidden, (tuple, list)):
            raise bad("hidden", "a list of dense layer widths, e.g. [] or [32]", hidden)
        self.hidden = [check_int(h, "hidden") for h in hidden]
        self.output_dim = check_int(output_dim, "output_dim")
        self.activation = check_choice(activation, "activation", ("relu", "tanh", "sigmoid"))
        self.init = check_choice(init, "init", INITS)
        self.dropout = check_number(dropout, "dropout", 0.0, 1.0, "[)")
        self.seed = check_seed(seed)
        self.input_dim = int(np.prod(self.input_shape))
        self.shapes = self._volume_shapes()
        self.reset_parameters(seed)

    def _volume_shapes(self):
        """(C, H, W) after each conv block, the input's first; a ValueError if it vanishes."""
        shapes, (C, H, W) = [self.input_shape], self.input_shape
        k, p, s = self.kernel_size, self.padding, self.pool
        for l, F in enumerate(self.filters, start=1):
            H, W = H + 2 * p - k + 1, W + 2 * p - k + 1
            if min(H, W) < s:
                raise bad("filters", f"at most {l - 1} conv blocks for input_shape "
                          f"{self.input_shape} (kernel {k}, padding {p}, pool {s})",
                          len(self.filters))
            C, H, W = F, H // s, W // s
            shapes.append((C, H, W))
        return shapes

    def reset_parameters(self, seed=None):
        """Draw fresh parameters into ``params`` from ``seed``: filters and dense weights by
        ``init`` (fan_in = C k k for a filter), biases 0."""
        rng = np.random.default_rng(seed)
        self.params, k = {}, self.kernel_size
        for l, ((C, _, _), F) in enumerate(zip(self.shapes, self.filters), start=1):
            self.params[f"K{l}"] = init_weights(self.init, C * k * k, F, rng).reshape(F, C, k, k)
            self.params[f"c{l}"] = np.zeros(F)
        fan_in = int(np.prod(self.shapes[-1]))
        names = [(f"V{l}", f"b{l}") for l in range(1, len(self.hidden) + 1)] + [("w", "b")]
        for (V, b), fan_out in zip(names, self.hidden + [self.output_dim]):
            self.params[V] = init_weights(self.init, fan_in, fan_out, rng)
            self.params[b] = np.zeros(fan_out)
            fan_in = fan_out
        self.dense = names
        self._rng = np.random.default_rng(rng.integers(2**63))        # the dropout masks

    @property
    def weight_names(self):
        """Filters and weight matrices, input to output: ['K1', ..., 'V1', ..., 'w']."""
        return [n for n in self.params if n[0] in "KVw"]

    # forward and backward ----------------------------------------------------------------------
    def forward(self, X, train=False, rng=None):
        """Scores F (n,) or (n, k) and the caches.  X: (n, C*H*W), rows flattened images."""
        P, caches = self.params, []
        A = X.reshape(X.shape[0], *self.input_shape)
        for l in range(1, len(self.filters) + 1):                  # conv -> sigma -> pool
            Z, c_conv = conv2d_forward(A, P[f"K{l}"], P[f"c{l}"], padding=self.padding)
            H, c_act = activation_forward(Z, self.activation)
            A, c_pool = maxpool2d_forward(H, self.pool)
            caches.append((c_conv, c_act, c_pool))
        A, c_flat = flatten_forward(A)
        A, c_drop = dropout_forward(A, self.dropout, rng or self._rng, train)   # before dense
        for i, (V, b) in enumerate(self.dense):                      # dense layers
            Z, c_aff = affine_forward(A, P[V], P[b])
            last = i == len(self.dense) - 1
            A, c_act = (Z, None) if last else activation_forward(Z, self.activation)
            caches.append((c_aff, c_act))
        return (A[:, 0] if self.output_dim == 1 else A), (caches, c_flat, c_drop)

    def backward(self, dF, cache):
        """Backpropagation from dF = dLoss/dF: a dict of gradients with the keys of params."""
        caches, c_flat, c_drop = cache
        grads = dict.fromkeys(self.params)
        dA = dF[:, None] if dF.ndim == 1 else dF
        L = len(self.filters)
        for (V, b), (c_aff, c_act) in zip(reversed(self.dense), reversed(caches[L:])):
            dZ = dA if c_act is None else activation_backward(dA, c_act)
            dA, grads[V], grads[b] = affine_backward(dZ, c_aff)
        dA = flatten_backward(dropout_backward(dA, c_drop), c_flat)
        for l in range(L, 0, -1):
            c_conv, c_act, c_pool = caches[l - 1]
            dZ = activation_backward(maxpool2d_backward(dA, c_pool), c_act)
            dA, grads[f"K{l}"], grads[f"c{l}"] = conv2d_backward(dZ, c_conv)
        return grads

    def feature_maps(self, X):
        """Every conv block's feature maps relu(K_l * A_{l-1} + c_l), before pooling.

        X: (n, C*H*W) -> a list, one (n, F_l, H_l, W_l) array per conv block.
        """
        caches = self.forward(check_X(X, self.input_dim))[1][0][:len(self.filters)]
        return [c_act[2] for _, c_act, _ in caches]          # activation cache: (name, Z, H)

    def params_per_layer(self):
        """{layer: number of parameters}: 'conv1', ..., 'dense1', ..., 'output'."""
        out = {f"conv{l}": self.params[f"K{l}"].size + self.params[f"c{l}"].size
               for l in range(1, len(self.filters) + 1)}
        for i, (V, b) in enumerate(self.dense, start=1):
            name = "output" if V == "w" else f"dense{i}"
            out[name] = self.params[V].size + self.params[b].size
        return out

    def __repr__(self):
        convs = " -> ".join(f"conv{self.kernel_size}x{self.kernel_size}({f}) -> pool{self.pool}"
                            for f in self.filters)
        dense = "".join(f" -> dense({h})" for h in self.hidden)
        return f"CNN({'x'.join(map(str, self.input_shape))} -> {convs}{dense} -> {self.output_dim})"

