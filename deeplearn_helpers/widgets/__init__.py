"""ipywidgets front ends: the playground and the small per-notebook explorers.

The only part of the package that imports ipywidgets.  Every explorer is a thin wrapper:
its picture is drawn by a plain function (in ``plot``) that a notebook can also call
directly, so the picture can be checked without a widget.

    base        live_figure: controls + a figure redrawn when they change
    explorers   linear_explorer (notebook 01)
    mysteries   double_descent_explorer (notebook 07)
    making_it_work   optimizer_path_explorer, init_explorer (notebook 06)
    optimization  step_size_explorer, backprop_explorer (notebook 04)
    networks    width_explorer, depth_explorer (notebooks 02, 03)
    sequences   hidden_state_stepper, gradient_explorer (notebook 12)
    final_remarks  receptive_field_explorer (notebook 14)
    unsupervised  denoise_explorer, latent_walk_explorer (notebook 13)
"""
from .base import live_figure
from .conv import filter_explorer
from .explorers import linear_explorer
from .final_remarks import receptive_field_explorer
from .making_it_work import init_explorer, optimizer_path_explorer
from .mysteries import double_descent_explorer
from .networks import depth_explorer, depth_model, width_explorer, width_model
from .optimization import backprop_explorer, step_size_explorer
from .sequences import gradient_explorer, hidden_state_stepper
from .unsupervised import denoise_explorer, latent_walk_explorer
