"""Explorers for notebooks 02 and 03: how many hidden units (width), how many layers (depth).

Each slider move trains a fresh network with the notebook's recipe (seeded, so a value
always gives the same picture) and redraws it; the pictures are plain plot functions.
"""
import ipywidgets as W

from ..models import MLP
from ..optim import SGD, Adam
from ..plot.networks import plot_network_and_output, plot_units_and_output
from ..train import train
from .base import live_figure


def width_model(X, y, width, activation="sigmoid", step_size=0.05, epochs=40, seed=1):
    """The width explorer's recipe: MLP(2 -> width -> 1) trained by per-example SGD.

    f_theta(x) = w . h(x), squared loss, SGD(step_size) with batch size 1 (the slide's loop)
    for ``epochs`` epochs, parameters and order from ``seed``.  Returns (model, History).
    """
    model = MLP(input_dim=2, hidden=[width], activation=activation, seed=seed)
    return model, train(model, X, y, loss="squared", optimizer=SGD(step_size), epochs=epochs,
                        batch_size=1, seed=seed)


def depth_model(X, y, depth, width=8, activation="tanh", init_scale=2.0, step_size=0.02,
                epochs=100, batch_size=16, seed=0):
    """The depth explorer's recipe: ``depth`` hidden layers of ``width`` units, Adam.

    h_l = sigma(V_l h_{l-1}), f_theta(x) = w . h_L(x); squared loss, Adam(step_size),
    minibatches of ``batch_size`` for ``epochs`` epochs, from ``seed``.  Returns (model, History).
    """
    model = MLP(input_dim=2, hidden=[width] * depth, activation=activation,
                init_scale=init_scale, seed=seed)
    return model, train(model, X, y, loss="squared", optimizer=Adam(step_size), epochs=epochs,
                        batch_size=batch_size, seed=seed)


def _slider(value, low, high, description):
    """An integer slider that redraws when released (each value trains a network)."""
    return W.IntSlider(value=value, min=low, max=high, step=1, description=description,
                       continuous_update=False, style={"description_width": "initial"})


def width_explorer(X, y, width=4, **recipe):
    """A slider over the number of hidden units (1-32): every h_j(x) and the output f_theta(x).

    X: (n, 2), y: (n,) in {-1, +1}; recipe: keyword arguments of ``width_model``.
    """
    def draw(ax, width):
        plot_units_and_output(width_model(X, y, width, **recipe)[0], X, y, ax=ax)

    return live_figure(draw, {"width": _slider(width, 1, 32, "hidden units")}, figsize=(10.5, 4.8))


def depth_explorer(X, y, depth=3, **recipe):
    """A slider over the number of hidden layers (1-4): the network diagram and its output.

    X: (n, 2), y: (n,) in {-1, +1}; recipe: keyword arguments of ``depth_model``.
    """
    def draw(axes, depth):
        plot_network_and_output(depth_model(X, y, depth, **recipe)[0], X, y, axes)

    return live_figure(draw, {"depth": _slider(depth, 1, 4, "hidden layers")}, figsize=(13, 5.2),
                       ncols=2)
