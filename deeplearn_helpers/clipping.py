"""Gradient clipping by norm, for the recurrent networks of the sequence section.

    if ||g|| > max_norm:  g <- g * max_norm / ||g||

A run whose gradient explodes (through many steps of a recurrence) then takes bounded steps
in the same direction.  ``Clipped`` wraps any optimizer of ``optim``.
"""
import math

import numpy as np

from ._checks import bad, check_number
from .optim import Optimizer


def clip_by_norm(grads, max_norm):
    """Gradient clipping by norm: if ||g|| > max_norm, g <- g * max_norm / ||g||.

    ||g|| is the norm of all gradients together (as torch.nn.utils.clip_grad_norm_).
    grads: dict name -> array; returns (a new dict, the norm before clipping).
    """
    norm = math.sqrt(sum(float(np.vdot(g, g)) for g in grads.values()))
    if norm <= max_norm:
        return grads, norm
    scale = max_norm / norm
    return {k: g * scale for k, g in grads.items()}, norm


class Clipped(Optimizer):
    """Any optimizer with its gradients clipped by norm first: a run that would explode
    (a recurrent network's gradient through many steps) takes bounded steps instead.

        opt = dl.Clipped(dl.SGD(0.1), max_norm=1.0)

    ``norms``: the gradient norm of every step, before clipping.
    """

    def __init__(self, optimizer, max_norm=1.0):
        if not isinstance(optimizer, Optimizer):
            raise bad("optimizer", "an Optimizer, e.g. dl.SGD(0.1)", optimizer)
        self.optimizer = optimizer
        self.max_norm = check_number(max_norm, "max_norm", 0.0, bounds="(]")
        self.norms = []

    t = property(lambda self: self.optimizer.t, lambda self, t: setattr(self.optimizer, "t", t))
    eta = property(lambda self: self.optimizer.eta)

    def reset(self):
        self.optimizer.reset()
        self.norms = []

    def step(self, params, grads):
        grads, norm = clip_by_norm(grads, self.max_norm)
        self.norms.append(norm)
        self.optimizer.step(params, grads)

    def __repr__(self):
        return f"Clipped({self.optimizer!r}, max_norm={self.max_norm:g})"

