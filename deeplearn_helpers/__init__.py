"""deeplearn_helpers: the numpy package behind the deeplearn notebooks.

    import deeplearn_helpers as dl
    X, y = dl.make_dataset("spiral", n=200, noise=0.1, seed=0)
    model = dl.MLP(input_dim=2, hidden=[8, 8], activation="tanh", seed=0)
    hist = dl.train(model, X, y, loss="squared", optimizer=dl.SGD(0.05), epochs=50)

The core (numpy only): data, layers/ (forward/backward pairs), losses, models/, init, optim,
train, gradcheck, _checks.  lessons/ holds the experiments of single notebooks, playground/
the playground; the plotting helpers (``dl.plot_*``) and widgets load matplotlib /
ipywidgets on first use.
"""
from .augment import NOISES, augment, corrupt, reflect, translate, vary_intensity
from .clipping import Clipped, clip_by_norm
from .data import load_digits, make_dataset, train_test_split
from .gradcheck import check_model_gradients, numerical_gradient, rel_error
from .init import INITS
from .layers import (
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
    attention_backward,
    attention_forward,
    batchnorm_backward,
    batchnorm_forward,
    conv1d_backward,
    conv1d_forward,
    conv2d_backward,
    conv2d_forward,
    dropout_backward,
    dropout_forward,
    embedding_backward,
    embedding_forward,
    flatten_backward,
    flatten_forward,
    lstm_backward,
    lstm_forward,
    maxpool2d_backward,
    maxpool2d_forward,
    rnn_backward,
    rnn_forward,
    softmax,
)
from .lessons.backprop_graph import check_graph_gradients, computation_graph, graph_steps
from .lessons.circuits import (
    AND,
    CIRCUITS,
    NOT,
    OR,
    XOR,
    full_adder,
    learn_circuit,
    network_from_weights,
    truth_table,
    truth_table_data,
)
from .lessons.compute import (
    ComputeSweep,
    epoch_time_vs_data,
    epoch_time_vs_width,
    loglog_slope,
    multiply_adds,
    n_weights,
    time_epoch,
)
from .lessons.final_remarks import (
    GANRun,
    approximation_errors,
    fit_one_hidden_layer,
    gan_runs,
    receptive_field,
    receptive_masks,
    train_gan,
)
from .lessons.hidden_layers import (
    ROADMAP_MODELS,
    best_line_error,
    depth_model,
    digits_model,
    roadmap_model,
    single_unit_errors,
    train_errors,
    width_model,
)
from .lessons.landscape import (
    direction_between,
    evaluations_table,
    evaluations_to_reach,
    fastest_run,
    gradient_evaluations,
    loss_along_line,
    loss_slice,
    random_direction,
    swap_hidden_units,
    train_step_sizes,
)
from .lessons.layerstats import LayerStats, init_layer_stats, layer_stats
from .lessons.learning_curve import LearningCurve, learning_curve
from .lessons.pretrain import (
    pretrain_greedy,  # DESIGN: part of init (exported here: no import cycle)
)
from .lessons.prune import LotteryResult, lottery_ticket, prune_by_magnitude, sparsity
from .lessons.random_features import (
    DoubleDescent,
    double_descent,
    draw_features,
    min_norm_fit,
    relu_features,
)
from .lessons.surfaces import (
    SURFACES,
    Race,
    best_step_size,
    make_surface,
    optimizer_path,
    optimizer_race,
    random_starts,
    step_size_sweep,
    steps_to_reach,
)
from .lessons.sweeps import SeedRuns, runs_over_seeds, success_rate, width_sweep
from .losses import LOSSES, cross_entropy, error_rate, hinge, logistic, squared
from .models import (
    ACTIVATIONS,
    CNN,
    MLP,
    RNN,
    VAE,
    Autoencoder,
    Layer,
    LinearPredictor,
    ResidualMLP,
    SelfAttention,
    Seq2Seq,
    positional_encoding,
    residual_backward,
    residual_forward,
    seq2seq_inputs,
    sigmoid,
)
from .optim import (
    OPTIMIZERS,
    SGD,
    AdaGrad,
    Adam,
    RMSProp,
    make_optimizer,
    schedule,
)
from .runs import train_many, weight_path
from .sequences import TASKS, char_windows, decode, encode_text, load_text, make_sequence_task
from .setup_check import check_environment
from .train import (
    History,
    epochs_to_reach,
    evaluate,
    penalty_gradient,
    regularization_penalty,
    train,
)

__version__ = "0.1.0"

# Loaded on first use (matplotlib, ipywidgets): the widgets that ``dl.<name>`` reaches.
_WIDGETS = ("double_descent_explorer", "optimizer_path_explorer", "init_explorer",
            "linear_explorer", "step_size_explorer", "backprop_explorer", "width_explorer",
            "depth_explorer", "filter_explorer", "hidden_state_stepper", "gradient_explorer",
            "receptive_field_explorer", "denoise_explorer", "latent_walk_explorer")


def _lazy_names():
    """The names ``dl.<name>`` loads on first use (for dir() and tab completion), read from
    plot/__init__.py's imports without importing matplotlib."""
    import ast
    from pathlib import Path
    tree = ast.parse((Path(__file__).parent / "plot" / "__init__.py").read_text())
    names = {a.asname or a.name for node in tree.body if isinstance(node, ast.ImportFrom)
             for a in node.names}
    plots = {n for n in names if n.startswith("plot_") or n in ("input_grid", "linear_predictor")}
    return plots | set(_WIDGETS) | {"Playground", "plot", "widgets", "playground", "lessons"}


def __dir__():
    return sorted(set(globals()) | set(_lazy_names()))


def __getattr__(name):
    """Load plot and widgets on first use, so `import deeplearn_helpers` stays fast."""
    import importlib
    if name == "style":
        return importlib.import_module(".plot.style", __name__).style
    if name == "Playground":
        return importlib.import_module(".playground.widget", __name__).Playground
    if name in ("plot", "widgets", "playground", "lessons"):
        return importlib.import_module(f".{name}", __name__)
    if name.startswith("plot_") or name in ("input_grid", "linear_predictor"):
        return getattr(importlib.import_module(".plot", __name__), name)
    if name in _WIDGETS:
        return getattr(importlib.import_module(".widgets", __name__), name)
    raise AttributeError(f"module 'deeplearn_helpers' has no attribute {name!r}")
