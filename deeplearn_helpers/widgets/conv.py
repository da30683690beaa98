"""Notebook 11's explorer: pick an image and a 3x3 filter, move the image, see the map."""
import ipywidgets as W
import numpy as np

from ..augment import translate
from ..lessons.convolution import FILTERS, digits_split
from ..plot import style
from ..plot.conv import draw_feature_map
from .base import live_figure


def _images():
    _, X, _, y = digits_split()
    bars = np.zeros((8, 8))
    bars[:, 2] = bars[:, 5] = 1.0
    cross = np.zeros((8, 8))
    cross[3:5, :] = cross[:, 3:5] = 1.0
    digit = {d: X[np.argmax(y == d)].reshape(8, 8) for d in (0, 3, 7)}
    return {"digit 0": digit[0], "digit 3": digit[3], "digit 7": digit[7],
            "vertical bars": bars, "a cross": cross}


def filter_explorer():
    """Image, filter and a shift: the feature map follows the image (equivariance)."""
    images = _images()
    controls = {"image": W.Dropdown(options=list(images), description="image"),
                "kernel": W.Dropdown(options=list(FILTERS), description="filter"),
                "dx": W.IntSlider(0, -2, 2, description="move right"),
                "dy": W.IntSlider(0, -2, 2, description="move down")}

    def draw(axes, image, kernel, dx, dy):
        img = translate(images[image][None, None], dx, dy, (1, 8, 8))[0, 0]
        draw_feature_map(axes, img, FILTERS[kernel])

    return live_figure(draw, controls, figsize=style.figsize(3, aspect=0.8), ncols=3)
