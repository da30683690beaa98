"""The playground's knobs, without any widget: names, allowed values, defaults (numpy only).

``CONTROLS`` maps each control's name to its kind and range; ``check_value`` raises the
package's ValueError (``name: expected ..., got ...``) for a value the control cannot take.
The widget (controls.py) builds one ipywidget per entry from the same table.
"""
from .._checks import is_int, is_real
from ..data import CLASSIFICATION_DATASETS
from ..init import INITS
from ..models import ACTIVATIONS
from .features import FEATURES

DATASETS = CLASSIFICATION_DATASETS + ("sine",)
OWN = "own"                                     # the dataset value of a student's own points
VIEWS = ("network", "units", "output", "hidden space", "loss")
LOSS_NAMES = (("squared", "squared"), ("logistic", "logistic"), ("hinge", "hinge"),
              ("cross-entropy", "cross_entropy"))
OPTIMIZER_NAMES = (("SGD", "sgd"), ("momentum", "momentum"), ("AdaGrad", "adagrad"),
                   ("RMSProp", "rmsprop"), ("Adam", "adam"))
REGULARIZATION_NAMES = (("none", "none"), ("L1", "l1"), ("L2", "l2"))
MAX_DEPTH, MAX_WIDTH = 8, 64
PLANE = (-1.6, 1.6)          # the input plane drawn (plot.basics.PLANE: every data set inside)

# The first impression (issue 9): the circle with a layer of 4 and a layer of 2 tanh units,
# SGD eta = 0.1 on batches of 10, as TensorFlow Playground starts; it learns in about a
# second of Play, and its layer of 2 units gives the hidden space something to show.
DEFAULTS = dict(dataset="circle", points=400, noise=0.1, test_fraction=0.25, seed=0,
                features=("x1", "x2"), depth=2, width=4, widths="4, 2", activation="tanh",
                init="xavier", init_scale=1.0, batch_norm=False, loss="squared",
                optimizer="sgd", step_size=0.1, batch_size=10, regularization="none",
                reg_rate=0.001, dropout=0.0, show_test=False,
                views=("network", "output", "hidden space", "loss"))

# kind, then its range: ("choice", options) with options value or (label, value);
# ("int" | "real" | "log", low, high); ("bool",); ("names", allowed, may_be_empty); ("text",)
CONTROLS = {
    "dataset": ("choice", tuple((d, d) for d in DATASETS)),
    "points": ("int", 20, 1000),
    "noise": ("real", 0.0, 0.5),
    "test_fraction": ("real", 0.1, 0.9),
    "seed": ("int", 0, 2**31 - 1),
    "features": ("names", FEATURES, False),
    "depth": ("int", 0, MAX_DEPTH),
    "width": ("int", 1, MAX_WIDTH),
    "widths": ("text",),
    "activation": ("choice", tuple((a, a) for a in ACTIVATIONS)),
    "init": ("choice", tuple((i, i) for i in INITS)),
    "init_scale": ("log", 1e-2, 1e1),
    "batch_norm": ("bool",),
    "loss": ("choice", LOSS_NAMES),
    "optimizer": ("choice", OPTIMIZER_NAMES),
    "step_size": ("log", 1e-4, 1e1),
    "batch_size": ("int", 1, 1000),
    "regularization": ("choice", REGULARIZATION_NAMES),
    "reg_rate": ("log", 1e-5, 1e0),
    "dropout": ("real", 0.0, 0.9),
    "show_test": ("bool",),
    "views": ("names", VIEWS, True),
}
NEW_DATA = {"dataset", "points", "noise", "test_fraction", "seed"}
NEW_NETWORK = {"features", "depth", "width", "widths", "activation", "init", "init_scale",
               "batch_norm", "loss"}
PICTURE_ONLY = {"show_test", "views"}
# the rest carry on training: optimizer, step_size, batch_size, regularization, reg_rate, dropout


def choices(name, own=None):
    """The values control ``name`` allows (for 'dataset' also 'own' if own data are loaded)."""
    opts = [o[1] for o in CONTROLS[name][1]]
    return opts + [OWN] if name == "dataset" and own else opts


def check_value(name, value, own=None, batch_max=None):
    """Raise ValueError unless ``value`` is one that control ``name`` can take."""
    if name not in CONTROLS:
        raise ValueError(f"{name}: unknown control; expected one of {', '.join(CONTROLS)}")
    kind, *rng = CONTROLS[name]
    if kind == "names":
        names, may_be_empty = rng
        ok = (not isinstance(value, str) and hasattr(value, "__iter__")
              and all(x in names for x in value) and (may_be_empty or len(list(value)) > 0))
        if not ok:
            raise ValueError(f"{name}: expected a list of names from {', '.join(names)}, "
                             f"got {value!r}")
    elif kind == "choice":
        allowed = choices(name, own)
        if value not in allowed:
            raise ValueError(f"{name}: expected one of {', '.join(allowed)}, got {value!r}")
    elif kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"{name}: expected True or False, got {value!r}")
    elif kind == "int":
        lo, hi = rng[0], batch_max if name == "batch_size" and batch_max else rng[1]
        if not is_int(value) or not lo <= value <= hi:
            raise ValueError(f"{name}: expected an integer from {lo} to {hi}, got {value!r}")
    elif kind in ("real", "log"):
        lo, hi = rng
        tol = 1e-9 if kind == "log" else 0.0
        if not is_real(value) or not lo * (1 - tol) <= value <= hi * (1 + tol):
            raise ValueError(f"{name}: expected a number from {lo:g} to {hi:g}, got {value!r}")
    elif kind == "text":
        parse_widths(value)


def check_names(what, names, allowed):
    """``names`` (one or a list) as a list, each one of ``allowed``; else ValueError."""
    names = [names] if isinstance(names, str) else list(names)
    bad = [n for n in names if n not in allowed]
    if bad:
        raise ValueError(f"{what}: expected control names from {', '.join(allowed)}, "
                         f"got {bad[0]!r}")
    return names


def parse_widths(text):
    """'8, 8, 4' -> [8, 8, 4] (also a list of ints; '' or [] is no hidden layer).

    Raises ValueError unless there are at most MAX_DEPTH widths, each 1..MAX_WIDTH.
    """
    if isinstance(text, str):
        parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
        try:
            widths = [int(p) for p in parts]
        except ValueError:
            widths = None
    else:
        widths = list(text) if hasattr(text, "__iter__") else None
    if widths is None or len(widths) > MAX_DEPTH or not all(
            is_int(w) and 1 <= w <= MAX_WIDTH for w in widths):
        raise ValueError(f"widths: expected up to {MAX_DEPTH} layer widths from 1 to "
                         f"{MAX_WIDTH}, like '8, 8, 4', got {text!r}")
    return [int(w) for w in widths]


def format_widths(widths):
    """[8, 8, 4] -> '8, 8, 4'."""
    return ", ".join(str(w) for w in widths)
