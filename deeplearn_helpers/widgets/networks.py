"""Explorers for notebooks 02 and 03: how many hidden units (width), how many layers (depth).

Each slider move trains a fresh network with the notebook's recipe (``lessons.hidden_layers``;
seeded, so a value always gives the same picture) and redraws it; the pictures are plain
plot functions.
"""
import ipywidgets as W

from ..lessons.hidden_layers import depth_model, width_model
from ..plot.networks import plot_network_and_output, plot_units_and_output
from ..plot.style import figsize
from .base import live_figure

__all__ = ["depth_explorer", "depth_model", "width_explorer", "width_model"]


def _slider(value, low, high, description):
    """An integer slider that redraws when released (each value trains a network)."""
    return W.IntSlider(value=value, min=low, max=high, step=1, description=description,
                       continuous_update=False, style={"description_width": "initial"})


def _trained(recipe_fn, X, y, key, model, check, recipe):
    """A cache value -> trained model for one explorer: moving back to a value is instant, and
    ``model`` (already trained by the notebook with the same recipe) is drawn first."""
    cache = {}
    if model is not None:
        if not check(model):
            raise ValueError(f"model: expected a network trained by the recipe at {key}, "
                             f"got {model!r}")
        cache[key[1]] = model

    def get(value):
        if value not in cache:
            cache[value] = recipe_fn(X, y, value, **recipe)[0]
        return cache[value]
    return get


def width_explorer(X, y, width=4, model=None, **recipe):
    """A slider over the number of hidden units (1-32): every h_j(x) and the output f_theta(x).

    X: (n, 2), y: (n,) in {-1, +1}; recipe: keyword arguments of ``width_model``.  model: the
    network the notebook already trained with that recipe at ``width`` (drawn, not retrained).
    """
    get = _trained(width_model, X, y, ("width", width), model,
                   lambda m: list(getattr(m, "hidden", [])) == [width], recipe)

    def draw(ax, width):
        plot_units_and_output(get(width), X, y, ax=ax)

    return live_figure(draw, {"width": _slider(width, 1, 32, "hidden units")},
                       figsize=figsize(aspect=0.46))


def depth_explorer(X, y, depth=3, model=None, **recipe):
    """A slider over the number of hidden layers (1-4): the network diagram and its output.

    X: (n, 2), y: (n,) in {-1, +1}; recipe: keyword arguments of ``depth_model``.  model: the
    network the notebook already trained with that recipe at ``depth`` (drawn, not retrained).
    """
    get = _trained(depth_model, X, y, ("depth", depth), model,
                   lambda m: len(getattr(m, "hidden", [])) == depth, recipe)

    def draw(axes, depth):
        plot_network_and_output(get(depth), X, y, axes, max_units=4)

    return live_figure(draw, {"depth": _slider(depth, 1, 4, "hidden layers")},
                       figsize=figsize(2, aspect=0.8), width_ratios=(1.6, 1),
                       ncols=2)
