"""Explorer for notebook 07 (depth's mysteries): double descent under a training-set-size and
a ridge slider."""
import ipywidgets as W

from ..plot.double_descent import plot_double_descent_experiment
from ..plot.style import figsize
from .base import live_figure

_WIDE = {"description_width": "initial"}


def double_descent_explorer(X_train, y_train, X_test, y_test, n_train=100, ridge=0.0):
    """Move n from 40 to 200 (the peak follows p = n) and add a ridge penalty (the peak melts away).

    X_train: (N, d), y_train: (N,) labels; the first ``n_train`` rows are used.  The picture
    is ``plot_double_descent_experiment(X_train, y_train, X_test, y_test, n_train, ridge)``; ridge
    0 is the minimum-norm fit.
    """
    controls = {
        "n_train": W.IntSlider(value=n_train, min=40, max=min(200, len(X_train)), step=20,
                               description="training points n", style=_WIDE,
                               continuous_update=False),
        "ridge": W.SelectionSlider(options=[0.0, 0.001, 0.01, 0.1, 1.0], value=ridge,
                                   description="ridge", style=_WIDE, continuous_update=False),
    }
    return live_figure(lambda ax, n_train, ridge: plot_double_descent_experiment(
        X_train, y_train, X_test, y_test, n_train=n_train, ridge=ridge, ax=ax),
        controls, figsize=figsize(aspect=0.55, width=0.75))
