"""Inside a deep network at initialisation: every layer's activations and gradients.

For one batch (X, y), in training mode:

    activations   H_l = sigma(V_l H_{l-1}),  H_0 = X               one (n, width_l) per hidden layer
    gradients     dTrainLoss / dV_l  (backprop)                    one per layer, output w last
    grad norms    ||dTrainLoss / dV_l||  (Frobenius norm)          (L + 1,)

If the gradient norms shrink layer by layer towards the input, the first layers hardly move
(vanishing gradients); if they grow, a step that suits the last layer throws the first far
off (exploding gradients).  Which one happens depends on the initialisation's scale and the
activation together.
"""
from dataclasses import dataclass

import numpy as np

from .. import losses as _losses
from .._checks import check_X
from ..models import MLP


@dataclass
class LayerStats:
    """Per-layer numbers of one network on one batch.

    activations: list of L arrays (n, width_l), the hidden layers' H_l;
    grads: list of L + 1 arrays, dTrainLoss/dV_l for l = 1..L and dTrainLoss/dw (output) last;
    grad_norms: (L + 1,) their Frobenius norms; names: ['V1', ..., 'VL', 'w']; loss: TrainLoss;
    activation: the hidden layers' activation name ('mixed' if they differ); label: for legends.
    """
    activations: list
    grads: list
    grad_norms: np.ndarray
    names: list
    loss: float
    activation: str = ""
    label: str = ""

    @property
    def first_to_last(self):
        """||dTrainLoss/dV_1|| / ||dTrainLoss/dw||: << 1 means vanishing, >> 1 exploding."""
        return float(self.grad_norms[0] / self.grad_norms[-1])


def layer_stats(model, X, y, loss="squared", label=""):
    """Activations and weight gradients of every layer of ``model`` on the batch (X, y).

    Uses model.forward(X, train=True) and model.backward (one pass, parameters unchanged).
    X: (n, input_dim); y: targets for ``loss``.  Returns a LayerStats.
    """
    if not isinstance(model, MLP) or not model.hidden:
        raise ValueError(f"model: expected an MLP with at least one hidden layer, got {model!r}")
    X = check_X(X, model.input_dim)
    y = _losses.check_targets(y, loss, model.output_dim, X.shape[0])
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        F, cache = model.forward(X, train=True)
        value, dF = _losses.get_loss(loss)(F, y)
        grads = model.backward(dF, cache)
    acts = set(model.activations)
    names = model.weight_names
    G = [grads[k] for k in names]
    return LayerStats(activations=[c["H"] for c in cache[:-1]], grads=G,
                      grad_norms=np.array([np.linalg.norm(g) for g in G]), names=names,
                      loss=float(value), activation=acts.pop() if len(acts) == 1 else "mixed",
                      label=label or _label(model))


def init_layer_stats(X, y, init="normal", init_scale=1.0, depth=10, width=32,
                     activation="sigmoid", loss="squared", seed=0):
    """layer_stats of a fresh MLP(input_dim -> depth x [width] -> 1) with the given initialisation.

    init, init_scale: as in MLP (normal: V_ij ~ N(0, init_scale^2); xavier, he: scaled by
    init_scale).  X: (n, input_dim), y: (n,).  Returns a LayerStats.
    """
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X: expected shape (n, input_dim), got {X.shape}")
    model = MLP(input_dim=X.shape[1], depth=depth, width=width, activation=activation,
                init=init, init_scale=init_scale, seed=seed)
    return layer_stats(model, X, y, loss)


def _label(model):
    """'sigmoid, normal s=0.1' or 'tanh, Xavier': the activation and the initialisation."""
    name = {"xavier": "Xavier", "he": "He"}.get(model.init, model.init)
    if model.init == "normal":
        name += f" s={model.init_scale:g}"
    elif model.init_scale != 1.0:
        name += f" x {model.init_scale:g}"
    return f"{model.activation}, {name}"
