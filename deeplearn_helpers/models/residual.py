"""A deep stack of equal-width layers, plain or residual (He et al., 2015).

    plain:     h_l = sigma(V_l h_{l-1} + b_l)
    residual:  h_l = sigma(V_l h_{l-1} + b_l) + h_{l-1}     "make the identity easy"

The input is first mapped to the width (h_0 = V_0 x + b_0, no activation), and the output is
f_theta(x) = w h_L + b.  With the skip, backprop adds the identity to every layer's Jacobian,
dh_{l-1} = dh_l + (V_l^T (sigma'(.) * dh_l)), so the gradient reaches the first layers even
where sigma' is small.  Parameters: V0, b0, V1, b1, ..., VL, bL, w, b.
"""
import numpy as np

from .._checks import check_bool, check_choice, check_int, check_seed
from ..init import INITS, init_weights
from ..layers.dense import (
    ACTIVATIONS,
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
)
from .base import Model


def residual_forward(H, V, b, activation):
    """One residual block: out = sigma(H V^T + b) + H.   H: (n, m), V: (m, m), b: (m,) -> (n, m)."""
    Z, c_aff = affine_forward(H, V, b)
    S, c_act = activation_forward(Z, activation)
    return S + H, (c_aff, c_act)


def residual_backward(dout, cache):
    """Gradients of a residual block: dH = dout + (dout * sigma') V, dV, db.   dout: (n, m)."""
    c_aff, c_act = cache
    dH, dV, db = affine_backward(activation_backward(dout, c_act), c_aff)
    return dout + dH, dV, db


class ResidualMLP(Model):
    """``depth`` layers of ``width`` units, with skip connections (residual=True) or without.

    X: (n, input_dim) -> f_theta(x): (n,) for output_dim=1, else (n, output_dim).
    """

    def __init__(self, input_dim=2, width=16, depth=10, output_dim=1, activation="sigmoid",
                 residual=True, init="xavier", init_scale=1.0, seed=0):
        self.input_dim = check_int(input_dim, "input_dim")
        self.width, self.depth = check_int(width, "width"), check_int(depth, "depth", 0)
        self.output_dim = check_int(output_dim, "output_dim")
        self.activation = check_choice(activation, "activation", tuple(ACTIVATIONS))
        self.residual = check_bool(residual, "residual")
        self.init, self.init_scale = check_choice(init, "init", INITS), float(init_scale)
        self.seed = check_seed(seed)
        self.reset_parameters(seed)

    def reset_parameters(self, seed=None):
        """Draw fresh weights by ``init`` into ``params`` from ``seed``; biases 0."""
        rng = np.random.default_rng(seed)
        sizes = [self.input_dim] + [self.width] * (self.depth + 1) + [self.output_dim]
        names = [(f"V{l}", f"b{l}") for l in range(self.depth + 1)] + [("w", "b")]
        self.params = {}
        for (V, b), fan_in, fan_out in zip(names, sizes[:-1], sizes[1:]):
            self.params[V] = init_weights(self.init, fan_in, fan_out, rng, self.init_scale)
            self.params[b] = np.zeros(fan_out)

    @property
    def weight_names(self):
        """['V0', 'V1', ..., 'VL', 'w']."""
        return [n for n in self.params if n[0] in "Vw"]

    def forward(self, X, train=False, rng=None):
        """Scores and the caches.  X: (n, input_dim)."""
        P = self.params
        H, c_in = affine_forward(X, P["V0"], P["b0"])
        caches = []
        for l in range(1, self.depth + 1):
            if self.residual:
                H, c = residual_forward(H, P[f"V{l}"], P[f"b{l}"], self.activation)
            else:
                Z, c_aff = affine_forward(H, P[f"V{l}"], P[f"b{l}"])
                H, c_act = activation_forward(Z, self.activation)
                c = (c_aff, c_act)
            caches.append(c)
        F, c_out = affine_forward(H, P["w"], P["b"])
        return (F[:, 0] if self.output_dim == 1 else F), (c_in, caches, c_out)

    def backward(self, dF, cache):
        """Gradients of every parameter from dF = dLoss/dF."""
        c_in, caches, c_out = cache
        grads = dict.fromkeys(self.params)
        dH, grads["w"], grads["b"] = affine_backward(dF[:, None] if dF.ndim == 1 else dF, c_out)
        for l in range(self.depth, 0, -1):
            if self.residual:
                dH, grads[f"V{l}"], grads[f"b{l}"] = residual_backward(dH, caches[l - 1])
            else:
                c_aff, c_act = caches[l - 1]
                dH, grads[f"V{l}"], grads[f"b{l}"] = affine_backward(
                    activation_backward(dH, c_act), c_aff)
        _, grads["V0"], grads["b0"] = affine_backward(dH, c_in, input_grad=False)
        return grads

    def layer_gradient_norms(self, X, y, loss="squared"):
        """||dTrainLoss/dV_l|| for l = 1..depth (the equal-width layers), input to output."""
        grads = self.loss_and_grads(X, y, loss)[1]
        return np.array([np.linalg.norm(grads[f"V{l}"]) for l in range(1, self.depth + 1)])

    def __repr__(self):
        kind = "residual" if self.residual else "plain"
        return (f"ResidualMLP({self.input_dim} -> {self.depth} x {self.width} {kind} "
                f"{self.activation} -> {self.output_dim})")
