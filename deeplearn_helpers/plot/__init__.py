"""Plots for the notebooks.  Every function takes ``ax=None`` (a new figure if None) and
returns the Axes it drew on; none of them changes global state (no rcParams, no seeds).

One file per kind of picture:
    basics     the input plane, decision boundary / regression fit, loss curves
    linear     the linear predictor f_theta(x) = w . x from the angle and length of w
    units      every hidden unit over the input plane; the network as a diagram
    double_descent  test error and |w| against the number of random features (07)
    lottery    test error of lottery tickets against the weights pruned (07)
    compute    cost of an epoch log-log against width and data; the learning curve (08)
    surfaces   optimizers' paths on a 2-D loss surface; a step-size sweep (06)
    layerstats per-layer activation / gradient histograms and gradient norms (06)
    sweeps     many training runs: success rate vs width, loss grids, loss and error curves (06)
    landscape  TrainLoss vs gradient evaluations, step sizes, final losses over seeds, loss
               along a line and over a 2-D slice of parameter space
    graph      the computation graph of one example, values forward, gradients backward
    sequences  h_t step by step, word-like samples, gradients through time, attention (12)
    networks   sigma(z), a hidden layer unit by unit, networks side by side, weight images (02, 03)
    final_remarks  dilated receptive fields, an adversarial network's samples, approximation (14)
    unsupervised  digit rows, filters, a VAE's latent space, the pre-training race (13)
"""
from .basics import (
                     CMAP,
                     NEG_COLOR,
                     POS_COLOR,
                     input_grid,
                     plot_data,
                     plot_decision_boundary,
                     plot_fit,
                     plot_loss_curves,
)
from .compute import plot_compute_sweep, plot_learning_curve, plot_scaling
from .conv import (
                     plot_activation_curves,
                     plot_augmentation,
                     plot_feature_map,
                     plot_filters_and_maps,
                     plot_residual,
                     plot_shift_accuracy,
                     plot_volumes,
)
from .double_descent import plot_double_descent, plot_double_descent_experiment, plot_weight_norm
from .final_remarks import (
                     plot_approximation,
                     plot_gan_distance,
                     plot_gan_stages,
                     plot_receptive_field,
                     plot_receptive_growth,
)
from .graph import plot_computation_graph
from .landscape import (
                     plot_final_losses,
                     plot_loss_along_line,
                     plot_loss_slice,
                     plot_loss_vs_evaluations,
                     plot_step_sizes,
                     step_size_label,
)
from .layerstats import (
                     plot_activation_histograms,
                     plot_grad_norms,
                     plot_gradient_histograms,
                     plot_init_panels,
                     plot_layer_stats,
)
from .linear import linear_predictor, plot_linear_loss_surface, plot_linear_predictor
from .lottery import plot_lottery
from .networks import (
                     plot_depth_comparison,
                     plot_hidden_space,
                     plot_image_grid,
                     plot_network_and_output,
                     plot_sigmoid,
                     plot_units_and_output,
                     plot_weight_images,
)
from .sequences import (
                     plot_accuracy_vs_length,
                     plot_attention,
                     plot_clipped_steps,
                     plot_gradient_norms,
                     plot_hidden_states,
                     plot_word_share,
)
from .surfaces import plot_optimizer_paths, plot_step_size_sweep, plot_surface
from .sweeps import plot_error_curves, plot_seed_grid, plot_success_rates, plot_train_losses
from .units import plot_hidden_units, plot_layer_units, plot_network, unit_maps
from .unsupervised import (
                     decoded_grid,
                     plot_decoded_grid,
                     plot_digit_rows,
                     plot_filters,
                     plot_latent,
                     plot_pretrain_race,
)
