"""Logic circuits from sigmoid units (McCulloch & Pitts, 1943): wired by hand, then learned.

A McCulloch-Pitts unit fires when a weighted sum of its inputs passes a threshold c; with
the lecture's sigma and a large steepness k it is a soft version of that step:

    g(x) = sigma(k (u . x - c))                     sigma(z) = (1 + e^{-z})^{-1}
    AND(a, b) = sigma(k (a + b - 1.5))    OR(a, b) = sigma(k (a + b - 0.5))
    NOT(a) = sigma(k (0.5 - a))
    XOR(a, b) = sigma(k (OR(a, b) - AND(a, b) - 0.5))          two layers of units
    full adder: sum = XOR(XOR(a, b), c_in),  c_out = OR(AND(a, b), AND(XOR(a, b), c_in))

Bits are 0/1 here (the lecture's labels -1/+1 are for classifiers).  ``truth_table`` runs a
circuit (or a trained network) on every input and checks it against Python's own logic.
``network_from_weights`` turns hand-set weights into an ``MLP``, so hand-wired networks can
be drawn and evaluated like trained ones.
"""
import itertools
import math
from dataclasses import dataclass

import numpy as np

from .._checks import check_finite_array, is_real
from ..models import MLP, sigmoid
from ..optim import Adam
from ..train import train

STEEPNESS = 20.0        # k: sigma(k z) differs from the step [z > 0] by < 5e-5 at |z| = 1/2


# --- the gates: one sigmoid unit each ----------------------------------------------------------

def unit(inputs, weights, threshold, steepness=STEEPNESS):
    """One sigmoid unit g = sigma(k (u . x - c)).

    inputs: a list of m arrays (n,) (or numbers); weights u: m numbers; threshold c.
    Returns (n,) (an array even for scalar inputs).
    """
    k = _check_steepness(steepness)
    X = [check_finite_array(a, "inputs").astype(float) for a in inputs]
    u = check_finite_array(weights, "weights", ndim=1)
    if len(X) != len(u):
        raise ValueError(f"weights: expected one weight per input ({len(X)}), got {len(u)}")
    if not is_real(threshold) or not math.isfinite(threshold):
        raise ValueError(f"threshold: expected a finite number, got {threshold!r}")
    z = sum(u_i * a for u_i, a in zip(u, X, strict=True)) - threshold
    return np.atleast_1d(sigmoid(k * z))


def AND(a, b, steepness=STEEPNESS):
    """a AND b = sigma(k (a + b - 1.5)): fires only when both inputs are on.  a, b: (n,) bits."""
    return unit([a, b], [1.0, 1.0], 1.5, steepness)


def OR(a, b, steepness=STEEPNESS):
    """a OR b = sigma(k (a + b - 0.5)): fires when at least one input is on.  a, b: (n,) bits."""
    return unit([a, b], [1.0, 1.0], 0.5, steepness)


def NOT(a, steepness=STEEPNESS):
    """NOT a = sigma(k (0.5 - a)): a negative weight.  a: (n,) bits."""
    return unit([a], [-1.0], -0.5, steepness)


def XOR(a, b, steepness=STEEPNESS):
    """a XOR b with two layers: h1 = OR(a, b), h2 = AND(a, b), then sigma(k (h1 - h2 - 0.5)).

    No single unit can do it (xor is not linearly separable); the second layer says
    "at least one, but not both".  a, b: (n,) bits -> (n,).
    """
    h1, h2 = OR(a, b, steepness), AND(a, b, steepness)
    return unit([h1, h2], [1.0, -1.0], 0.5, steepness)


def full_adder(a, b, c_in, steepness=STEEPNESS):
    """One bit of binary addition a + b + c_in = 2 c_out + sum, from the gates above.

    sum = XOR(XOR(a, b), c_in),  c_out = OR(AND(a, b), AND(XOR(a, b), c_in)).
    a, b, c_in: (n,) bits -> (sum (n,), c_out (n,)).
    """
    p = XOR(a, b, steepness)
    return XOR(p, c_in, steepness), OR(AND(a, b, steepness), AND(p, c_in, steepness), steepness)


# name -> (wired circuit, input names, output names, the exact logic on Python ints)
CIRCUITS = {
    "AND": (AND, ("a", "b"), ("a AND b",), lambda a, b: (a & b,)),
    "OR": (OR, ("a", "b"), ("a OR b",), lambda a, b: (a | b,)),
    "NOT": (NOT, ("a",), ("NOT a",), lambda a: (1 - a,)),
    "XOR": (XOR, ("a", "b"), ("a XOR b",), lambda a, b: (a ^ b,)),
    "full adder": (full_adder, ("a", "b", "c_in"), ("sum", "c_out"),
                   lambda a, b, c: ((a + b + c) % 2, (a + b + c) // 2)),
}


# --- truth tables ------------------------------------------------------------------------------

@dataclass
class TruthTable:
    """A circuit's outputs on every input, next to the exact logic.

    inputs: (2^m, m) 0/1 ints; outputs: (2^m, k) real outputs of the circuit or network;
    expected: (2^m, k) 0/1 ints.  ``exact``: every output, thresholded at 1/2, is right.
    """
    name: str
    input_names: tuple
    output_names: tuple
    inputs: np.ndarray
    outputs: np.ndarray
    expected: np.ndarray
    source: str = "wired"

    @property
    def bits(self):
        """The outputs read as bits: [output > 1/2].  (2^m, k) ints."""
        return (self.outputs > 0.5).astype(int)

    @property
    def exact(self):
        """True if every output bit equals the exact logic."""
        return bool(np.all(self.bits == self.expected))

    @property
    def max_error(self):
        """max |output - expected| over the table: how far the soft units are from 0 and 1."""
        return float(np.max(np.abs(self.outputs - self.expected)))

    def __str__(self):
        head = [*self.input_names, "|", *self.output_names, "|",
                *(f"exact {n}" for n in self.output_names)]
        rows = [[*(str(v) for v in x), "|", *(f"{v + 0.0:.3f}" for v in np.round(out, 3)), "|",
                 *(str(v) for v in exp)]
                for x, out, exp in zip(self.inputs, self.outputs, self.expected, strict=True)]
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        lines = [f"{self.name} ({self.source})"]
        lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True))
                  for r in [head, *rows]]
        verdict = "exact" if self.exact else "NOT exact"
        lines.append(f"{verdict}: every output, read as [output > 1/2], matches the logic"
                     if self.exact else f"{verdict}: {int(np.sum(self.bits != self.expected))} "
                     f"output bits differ from the logic")
        lines.append(f"largest distance from 0 or 1: max |output - exact| = {self.max_error:.2g}")
        return "\n".join(lines)


def truth_table(name, model=None, steepness=STEEPNESS):
    """Run a circuit on all 2^m inputs and compare it with the exact logic.

    name: one of CIRCUITS.  model: None for the hand-wired circuit (with ``steepness`` k),
    or a trained network with input_dim m and output_dim k (see ``learn_circuit``).
    Returns a TruthTable; ``str`` of it is the printed table.
    """
    wired, in_names, out_names, logic = _circuit(name)
    bits = np.array(list(itertools.product([0, 1], repeat=len(in_names))), dtype=int)
    expected = np.array([logic(*(int(v) for v in row)) for row in bits], dtype=int)
    if model is None:
        out = wired(*bits.T, steepness=steepness)
        outputs = np.column_stack(out if isinstance(out, tuple) else (out,))
        source = f"wired from sigmoid units, k = {_check_steepness(steepness):g}"
    else:
        _check_model(model, len(in_names), len(out_names))
        outputs = np.asarray(model.predict(bits.astype(float)), dtype=float).reshape(len(bits), -1)
        source = f"learned by {model!r}"
    return TruthTable(name, in_names, out_names, bits, outputs, expected, source)


def truth_table_data(name):
    """The truth table as a training set: X (2^m, m) 0/1 floats, Y (2^m, k) 0/1 floats
    ((2^m,) when k = 1), the targets for the squared loss (f_theta(x) - y)^2."""
    _, in_names, out_names, logic = _circuit(name)
    X = np.array(list(itertools.product([0.0, 1.0], repeat=len(in_names))))
    Y = np.array([logic(*(int(v) for v in row)) for row in X], dtype=float)
    return X, (Y[:, 0] if len(out_names) == 1 else Y)


def learn_circuit(name, hidden=(8,), activation="sigmoid", step_size=0.05, epochs=500, seed=0):
    """Learned, not wired: train an MLP on a circuit's truth table.

    f_theta: R^m -> R^k with k outputs (sum and c_out for the full adder), squared loss on the
    0/1 targets, full-batch Adam(step_size) for ``epochs`` epochs, from ``seed``.
    Returns (model, History); ``truth_table(name, model)`` checks what it learned.
    """
    X, Y = truth_table_data(name)
    model = MLP(input_dim=X.shape[1], hidden=list(hidden),
                output_dim=1 if Y.ndim == 1 else Y.shape[1], activation=activation, seed=seed)
    hist = train(model, X, Y, loss="squared", optimizer=Adam(step_size), epochs=epochs,
                 batch_size=None, seed=seed)
    return model, hist


# --- hand-set networks ---------------------------------------------------------------------------

def network_from_weights(weights, biases=None, activation="sigmoid"):
    """An MLP whose parameters are set by hand, layer by layer.

    weights: [V1, ..., VL, w]; V_l (width_l, width_{l-1}) with row j the lecture's v_j, and the
    output weights w (width_L,) or (k, width_L).  biases: None (no biases; as on the slide) or
    one per layer, [b1, ..., bL, b] (a vector (width_l,) or a number each): the bias is the
    weight of a constant input x_0 = 1.  Returns the MLP, f_theta(x) = w . h_L(x) (+ b).
    """
    if not isinstance(weights, (list, tuple)) or len(weights) < 1:
        raise ValueError(f"weights: expected a list of weight matrices [V1, ..., w], "
                         f"got {weights!r}")
    Ws = []
    for li, W in enumerate(weights):
        W = np.asarray(W, dtype=float)
        if li == len(weights) - 1 and W.ndim == 1:
            W = W[None, :]
        if W.ndim != 2 or W.size == 0 or not np.all(np.isfinite(W)):
            raise ValueError(f"weights: expected layer {li + 1} to be a finite 2-D matrix "
                             f"(fan_out, fan_in), got shape {W.shape}")
        if Ws and W.shape[1] != Ws[-1].shape[0]:
            raise ValueError(f"weights: expected layer {li + 1} to take {Ws[-1].shape[0]} inputs "
                             f"(the units of layer {li}), got {W.shape[1]}")
        Ws.append(W)
    if biases is not None:
        if not isinstance(biases, (list, tuple)) or len(biases) != len(Ws):
            raise ValueError(f"biases: expected None or a list of {len(Ws)} (one per layer), "
                             f"got {biases!r}")
        bs = [np.broadcast_to(np.asarray(b, dtype=float), (W.shape[0],)) if np.ndim(b) == 0
              else np.asarray(b, dtype=float) for b, W in zip(biases, Ws, strict=True)]
        for li, (b, W) in enumerate(zip(bs, Ws, strict=True)):
            if b.shape != (W.shape[0],) or not np.all(np.isfinite(b)):
                raise ValueError(f"biases: expected layer {li + 1} to have {W.shape[0]} finite "
                                 f"numbers, got shape {b.shape}")
    model = MLP(input_dim=Ws[0].shape[1], hidden=[W.shape[0] for W in Ws[:-1]],
                output_dim=Ws[-1].shape[0], activation=activation, bias=biases is not None,
                init="zeros", seed=0)
    names = model.weight_names
    bnames = [layer.bias for layer in model.layers]
    for li, W in enumerate(Ws):
        model.params[names[li]][...] = W
        if biases is not None:
            model.params[bnames[li]][...] = bs[li]
    return model


# --- argument checks -----------------------------------------------------------------------------

def _circuit(name):
    if not isinstance(name, str) or name not in CIRCUITS:
        raise ValueError(f"name: expected one of {', '.join(CIRCUITS)}, got {name!r}")
    return CIRCUITS[name]


def _check_steepness(k):
    if not is_real(k) or not (k > 0) or not math.isfinite(k):
        raise ValueError(f"steepness: expected a finite number > 0, got {k!r}")
    return float(k)


def _check_model(model, m, k):
    if not hasattr(model, "predict") or getattr(model, "input_dim", None) != m \
            or getattr(model, "output_dim", None) != k:
        raise ValueError(f"model: expected a network with input_dim={m} and output_dim={k} "
                         f"(or None for the wired circuit), got {model!r}")
