"""Explorers for notebook 06 (how to make it work): optimizer paths and initialisation scales."""
import ipywidgets as W

from ..lessons.layerstats import init_layer_stats
from ..plot.layerstats import plot_init_panels
from ..plot.style import figsize
from ..plot.surfaces import plot_optimizer_paths
from .base import live_figure

_WIDE = {"description_width": "initial"}


def optimizer_path_explorer(surface, paths, radius=None, steps=20, step_sizes=None):
    """A steps slider over precomputed optimizer paths on a 2-D loss surface.

    surface: a dl Surface; paths: {optimizer name: (k+1, 2) path} (``dl.optimizer_path``);
    step_sizes: {name: eta} for the legend.
    The picture is ``plot_optimizer_paths(surface, paths, steps=..., radius, step_sizes)``.
    """
    longest = max(len(p) for p in paths.values()) - 1
    controls = {"steps": W.IntSlider(value=min(steps, longest), min=0, max=longest, step=1,
                                     description="steps k", style=_WIDE,
                                     continuous_update=True)}
    return live_figure(lambda ax, steps: plot_optimizer_paths(surface, paths, ax=ax, steps=steps,
                                                              radius=radius, step_sizes=step_sizes),
                       controls, figsize=figsize(aspect=0.5, width=0.85))


def init_explorer(X, y, init="he", init_scale=1.0, activation="relu", depth=10, width=32,
                  seed=0):
    """Sliders over a deep network's initialisation: its activations and gradients, layer by layer.

    X: (n, input_dim), y: (n,) a batch.  Controls: init (normal, xavier, he), scale (init_scale,
    log slider), activation.  The picture is ``plot_init_panels(dl.init_layer_stats(...))``.
    """
    controls = {
        "init": W.Dropdown(options=["normal", "xavier", "he"], value=init, description="init"),
        "init_scale": W.FloatLogSlider(value=init_scale, base=10, min=-2, max=2, step=0.1,
                                       description="scale", continuous_update=False),
        "activation": W.Dropdown(options=["sigmoid", "tanh", "relu"], value=activation,
                                 description="activation"),
    }

    def draw(axes, init, init_scale, activation):
        stats = init_layer_stats(X, y, init=init, init_scale=init_scale, depth=depth,
                                 width=width, activation=activation, seed=seed)
        plot_init_panels(stats, fig=axes[0].figure)

    return live_figure(draw, controls, figsize=figsize(3, aspect=0.9), ncols=3)
