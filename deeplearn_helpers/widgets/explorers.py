"""Small explorers for single notebooks: a few sliders over one plain plotting function."""
import ipywidgets as W

from ..plot.basics import SQUARE
from ..plot.linear import plot_linear_predictor
from .base import live_figure


def linear_explorer(X, y, loss="squared", angle=45.0, length=1.0):
    """Turn and scale w of f_theta(x) = w . x with two sliders; see the boundary and TrainLoss.

    X: (n, 2), y: (n,) in {-1, +1}.  The picture is ``plot_linear_predictor``.
    """
    controls = {
        "angle": W.FloatSlider(value=angle, min=0, max=360, step=5, description="angle of w (deg)",
                               style={"description_width": "initial"}, continuous_update=True),
        "length": W.FloatLogSlider(value=length, base=10, min=-1, max=1, step=0.05,
                                   description="|w|", continuous_update=True),
    }
    return live_figure(lambda ax, angle, length: plot_linear_predictor(
        angle, length, X, y, loss=loss, ax=ax), controls, figsize=SQUARE)
