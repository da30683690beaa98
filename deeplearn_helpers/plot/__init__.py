"""Plots for the notebooks.  Every function takes ``ax=None`` (a new figure if None) and
returns the Axes it drew on; none of them changes global state (no rcParams, no seeds).

One file per kind of picture:
    basics     the input plane, decision boundary / regression fit, loss curves
    linear     the linear predictor f_theta(x) = w . x from the angle and length of w
    units      every hidden unit over the input plane; the network as a diagram
"""
from .basics import (CMAP, NEG_COLOR, POS_COLOR, input_grid, plot_data, plot_decision_boundary,
                     plot_fit, plot_loss_curves)
from .linear import linear_predictor, plot_linear_loss_surface, plot_linear_predictor
from .units import plot_hidden_units, plot_network, unit_maps
