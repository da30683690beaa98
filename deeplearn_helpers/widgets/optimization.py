"""Explorers for notebook 04: the step size of SGD, and backpropagation stepped node by node."""
import ipywidgets as W

from ..lessons.backprop_graph import computation_graph, graph_steps
from ..lessons.landscape import train_step_sizes
from ..optim import SCHEDULES, schedule
from ..plot.graph import plot_computation_graph
from ..plot.landscape import plot_step_sizes
from ..plot.style import figsize
from .base import live_figure

_WIDE = {"description_width": "initial"}


def step_size_explorer(make_model, X, y, eta=0.2, kind="constant", epochs=60, **train_kwargs):
    """Slide eta_0 (log scale) and pick a schedule; SGD retrains and shows TrainLoss and the fit.

    make_model() -> a fresh model (the same start every time); X: (n, 1), y: (n,) (sine);
    kind: 'constant' (eta_t = eta_0), 'inv_sqrt' (eta_0 / sqrt(t)) or 'inv' (eta_0 / t).
    The picture is ``plot_step_sizes`` of ``train_step_sizes``.
    """
    controls = {
        "eta": W.FloatLogSlider(value=eta, base=10, min=-3, max=0.5, step=0.05,
                                description="step size eta_0", style=_WIDE,
                                continuous_update=False),
        "kind": W.Dropdown(options=list(SCHEDULES), value=kind, description="schedule"),
    }

    def draw(axes, eta, kind):
        runs = train_step_sizes(make_model, X, y, [schedule(kind, eta)], epochs=epochs,
                                **train_kwargs)
        plot_step_sizes(runs, X, y, axes=axes)

    return live_figure(draw, controls, figsize=figsize(2, aspect=0.8), ncols=2)


def backprop_explorer(model, x, y):
    """Step through Loss(x, y, theta) for one example: values forward, then gradients backward.

    model: the slide's network (dl.MLP(hidden=[width], bias=False)); x: (input_dim,); y: a
    number.  The picture is ``plot_computation_graph`` of ``computation_graph``.
    """
    nodes = computation_graph(model, x, y)
    n_steps = len(graph_steps(nodes))
    controls = {"step": W.IntSlider(value=0, min=0, max=n_steps - 1, description="step",
                                    continuous_update=True)}
    return live_figure(lambda ax, step: plot_computation_graph(nodes, step=step, ax=ax),
                       controls, figsize=figsize(aspect=0.44))
