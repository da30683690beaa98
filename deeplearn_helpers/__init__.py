"""deeplearn_helpers: the numpy package behind the deeplearn notebooks.

    import deeplearn_helpers as dl
    X, y = dl.make_dataset("spiral", n=200, noise=0.1, seed=0)
    model = dl.MLP(input_dim=2, hidden=[8, 8], activation="tanh", seed=0)
    hist = dl.train(model, X, y, loss="squared", optimizer=dl.SGD(0.05), epochs=50)

The math modules (data, losses, models, init, optim, train, gradcheck) import numpy only.
The plotting helpers (``dl.plot_*``) and widgets load matplotlib / ipywidgets on first use.
"""
from .data import load_digits, make_dataset, train_test_split
from .gradcheck import check_model_gradients, numerical_gradient, rel_error
from .losses import LOSSES, cross_entropy, error_rate, hinge, logistic, squared
from .models import ACTIVATIONS, MLP, LinearPredictor, sigmoid
from .init import INITS
from .optim import OPTIMIZERS, SGD, AdaGrad, Adam, RMSProp, make_optimizer, schedule
from .train import History, evaluate, regularization_penalty, train, train_many
from .setup_check import check_environment

__version__ = "0.1.0"

# Loaded on first use (matplotlib, ipywidgets): the widgets that ``dl.<name>`` reaches.
_WIDGETS = ("linear_explorer",)


def __getattr__(name):
    """Load plot and widgets on first use, so `import deeplearn_helpers` stays fast."""
    import importlib
    if name in ("plot", "widgets"):
        return importlib.import_module(f".{name}", __name__)
    if name.startswith("plot_") or name in ("input_grid", "linear_predictor"):
        return getattr(importlib.import_module(".plot", __name__), name)
    if name in _WIDGETS:
        return getattr(importlib.import_module(".widgets", __name__), name)
    raise AttributeError(f"module 'deeplearn_helpers' has no attribute {name!r}")
