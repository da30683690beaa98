"""Backpropagation on one example, node by node: micrograd's view of the network, for vectors.

A network with one hidden layer, f_theta(x) = w . sigma(V x), on ONE example (x, y), as a
computation graph (left to right):

    x, V  ->  z = V x  ->  h = sigma(z)  ->  f = w . h  ->  Loss = (f - y)^2
                                    w  -^

Forward: each node's value from its parents.  Backward: each node's gradient
dLoss/d(node), from its children's, by the chain rule, starting from dLoss/dLoss = 1:

    dLoss/df = 2 (f - y)       dLoss/dw = dLoss/df h        dLoss/dh = dLoss/df w
    dLoss/dz = dLoss/dh * sigma'(z)                          (elementwise)
    dLoss/dV = dLoss/dz x^T    dLoss/dx = V^T dLoss/dz

Nothing is derived again here: the values come from ``MLP.forward``, dLoss/dV and dLoss/dw
from ``MLP.backward``, and the intermediate gradients (dLoss/dh, dLoss/dz, dLoss/dx) from the
same layer functions ``affine_backward`` and ``activation_backward`` that ``MLP.backward``
chains.  Code and slide differ in one place: the model stores w as a (1, width) row.
"""
from dataclasses import dataclass

import numpy as np

from .. import losses as _losses
from .._checks import is_real
from ..gradcheck import numerical_gradient, rel_error
from ..layers import activation_backward, activation_forward, affine_backward, affine_forward
from ..models import MLP

ACTIVATION_SYMBOLS = {"sigmoid": "\\sigma", "tanh": "\\tanh", "relu": "\\mathrm{relu}",
                      "linear": "\\mathrm{id}"}


@dataclass
class Node:
    """One node of the graph: its value (forward) and dLoss/d(node) (backward).

    name: the slide's symbol ('x', 'V', 'z', 'h', 'w', 'f', 'Loss'); formula: how it is
    computed and rule: how its gradient is, both in LaTeX (for a picture); kind: 'input',
    'parameter' or 'operation';
    parents: the names of the nodes it is computed from; value, grad: arrays of equal shape
    (x, z, h, w: (width or input_dim,); V: (width, input_dim); f, Loss: ()).
    """
    name: str
    formula: str
    kind: str
    parents: tuple
    value: np.ndarray
    grad: np.ndarray
    rule: str = ""


def computation_graph(model, x, y):
    """The graph of Loss(x, y, theta) = (w . sigma(V x) - y)^2 as a list of Nodes, in forward order.

    model: an MLP with one hidden layer, one output, bias=False, no dropout or batch norm
    (the slide's network); x: (input_dim,) one example; y: a number, its target.
    Returns [x, V, z, h, w, f, Loss], each with its value and gradient dLoss/d(node).
    """
    _check_slide_network(model)
    x = _check_example(x, model.input_dim)
    y = _losses.check_targets(np.reshape(np.asarray(y, dtype=float), (1,)) if np.ndim(y) == 0
                              else y, "squared", 1, 1)

    F, cache = model.forward(x, train=False)
    loss, dF = _losses.squared(F, y)                     # dLoss/df = 2 (f - y)  (n = 1)
    grads = model.backward(dF, cache)                    # dLoss/dV, dLoss/dw: the model's backprop
    Vn, wn = model.weight_names
    act = model.layers[0].activation
    V, w = model.params[Vn], model.params[wn]
    layer = cache[0]                                     # {"A": x, "Z": z, "H": h, ...}
    dH = affine_backward(dF[:, None], cache[-1]["affine"])[0]
    dZ = activation_backward(dH, layer["act"])
    dX = affine_backward(dZ, layer["affine"])[0]

    s, g = ACTIVATION_SYMBOLS[act], "\\partial \\mathrm{Loss} / \\partial "    # g: the d Loss / d
    return [
        Node("x", "x", "input", (), x[0].copy(), dX[0],
             f"{g}x = \\mathbf{{V}}^\\top ({g}z)"),
        Node("V", "\\mathbf{V}", "parameter", (), V.copy(), grads[Vn],
             f"{g}\\mathbf{{V}} = ({g}z)\\, x^\\top"),
        Node("z", "z = \\mathbf{V} x", "operation", ("V", "x"), layer["Z"][0].copy(), dZ[0],
             f"{g}z = ({g}h) \\odot {s}\\,'(z)"),
        Node("h", f"h = {s}(z)", "operation", ("z",), layer["H"][0].copy(), dH[0],
             f"{g}h = ({g}f)\\, \\mathbf{{w}}"),
        Node("w", "\\mathbf{w}", "parameter", (), w[0].copy(), grads[wn][0],
             f"{g}\\mathbf{{w}} = ({g}f)\\, h"),
        Node("f", "f = \\mathbf{w} \\cdot h", "operation", ("w", "h"), np.array(F[0]),
             np.array(dF[0]), f"{g}f = 2 (f - y)"),
        Node("Loss", f"\\mathrm{{Loss}} = (f - y)^2,\\ y = {y[0]:.3g}", "operation", ("f",),
             np.array(loss), np.array(1.0), f"{g}\\mathrm{{Loss}} = 1"),
    ]


def graph_steps(nodes):
    """The order a stepper shows: every node forward (its value), then backward (its gradient).

    nodes: a list of Nodes in forward order.  Returns [(name, 'forward'), ...,
    (name, 'backward'), ...]: forward in the given order, backward in the reverse order.
    """
    if not isinstance(nodes, (list, tuple)) or not nodes or \
            not all(isinstance(n, Node) for n in nodes):
        raise ValueError("nodes: expected the list of Nodes from computation_graph")
    return [(n.name, "forward") for n in nodes] + [(n.name, "backward") for n in reversed(nodes)]


def check_graph_gradients(model, x, y, h=1e-5):
    """Every node's backprop gradient against centered finite differences of Loss in that node.

    For node u: d Loss / d u_i ~ (Loss(u + h e_i) - Loss(u - h e_i)) / (2 h), recomputing
    only what comes after u (with the model's own layer functions).  Arguments as in
    ``computation_graph``.  Returns {name: rel_error} (``dl.rel_error`` with atol=0, so the
    tiny rounding differences show instead of reading 0).
    """
    if not is_real(h) or not 0 < h < 1:
        raise ValueError(f"h: expected a step in (0, 1), e.g. 1e-5, got {h!r}")
    nodes = computation_graph(model, x, y)
    act = model.layers[0].activation
    val = {n.name: n.value for n in nodes}
    yy = np.array([float(np.ravel(y)[0])])

    def loss_after(name, u):
        """Loss with node ``name`` set to ``u``, the nodes after it recomputed (forward order)."""
        v = dict(val, **{name: u})
        if name == "Loss":
            return float(u)
        if name in ("x", "V"):
            v["z"] = affine_forward(v["x"][None, :], v["V"])[0][0]
        if name in ("x", "V", "z"):
            v["h"] = activation_forward(v["z"][None, :], act)[0][0]
        if name != "f":
            v["f"] = affine_forward(v["h"][None, :], v["w"][None, :])[0][0, 0]
        return _losses.squared(np.array([v["f"]]), yy)[0]

    errors = {}
    for n in nodes:
        u = np.array(n.value, dtype=float)
        num = numerical_gradient(lambda name=n.name, u=u: loss_after(name, u), u, h)
        errors[n.name] = rel_error(n.grad, num, atol=0.0)
    return errors


def _check_example(x, d):
    """x as a (1, d) float array: ONE example, given as (d,) or (1, d), finite."""
    try:
        x = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"x: expected ONE example, {d} numbers") from None
    if x.shape not in ((d,), (1, d)):
        raise ValueError(f"x: expected ONE example, shape ({d},), got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("x: contains NaN or infinity; allowed: finite numbers")
    return x.reshape(1, d)


def _check_slide_network(model):
    if not isinstance(model, MLP) or len(model.hidden) != 1 or model.output_dim != 1 \
            or model.bias or model.dropout or model.batch_norm:
        raise ValueError("model: expected the slide's network f = w . sigma(V x): "
                         "dl.MLP(hidden=[width], output_dim=1, bias=False) without dropout "
                         f"or batch norm, got {model!r}")
