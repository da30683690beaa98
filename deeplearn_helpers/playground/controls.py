"""The playground's controls: one widget per knob, labelled in the lecture's words.

``make_controls(values)`` returns {name: widget}; every widget has a ``value``, so a test
sets ``controls["width"].value = 4`` exactly as a student drags the slider.
``check_value(name, value, widget)`` says (ValueError) what a widget cannot show;
``build_widget(controls, hide)`` lays them out with the buttons and the picture.
"""
import ipywidgets as W
import traitlets

from ..data import CLASSIFICATION_DATASETS
from .features import FEATURES
from ..init import INITS
from ..models import ACTIVATIONS
from .render import VIEWS
from .._checks import is_int, is_real

DATASETS = CLASSIFICATION_DATASETS + ("sine",)
OWN = "own"                                     # the dataset value of an uploaded CSV
LOSS_NAMES = (("squared", "squared"), ("logistic", "logistic"), ("hinge", "hinge"),
              ("cross-entropy", "cross_entropy"))
OPTIMIZER_NAMES = (("SGD", "sgd"), ("momentum", "momentum"), ("AdaGrad", "adagrad"),
                   ("RMSProp", "rmsprop"), ("Adam", "adam"))
REGULARIZATION_NAMES = (("none", "none"), ("L1", "l1"), ("L2", "l2"))
MAX_DEPTH, MAX_WIDTH = 8, 64

_STYLE = {"description_width": "100px"}
def _wide():
    return W.Layout(width="320px")          # one Layout per widget (hiding one hides no other)


class ToggleSet(W.HBox):
    """Toggle buttons whose ``value`` is the tuple of the names switched on (in ``names`` order)."""

    value = traitlets.Tuple()

    def __init__(self, names, value, description="", tooltips=None):
        self.names = tuple(names)
        self.buttons = {n: W.ToggleButton(value=n in value, description=n,
                                           button_style="info" if n in value else "",
                                           layout=W.Layout(width="auto", padding="0 6px"),
                                           tooltip=(tooltips or {}).get(n, n))
                        for n in self.names}
        label = W.Label(description, layout=W.Layout(width="100px")) if description else None
        super().__init__(([label] if label else []) + list(self.buttons.values()),
                         layout=W.Layout(flex_flow="row wrap"))
        self.value = tuple(n for n in self.names if n in value)
        for b in self.buttons.values():
            b.observe(self._clicked, names="value")

    def _clicked(self, _):
        self.value = tuple(n for n, b in self.buttons.items() if b.value)

    @traitlets.observe("value")
    def _show(self, change):
        for n, b in self.buttons.items():
            on = n in change["new"]
            if b.value != on:
                b.unobserve(self._clicked, names="value")
                b.value = on
                b.observe(self._clicked, names="value")
            b.button_style = "info" if on else ""


def make_controls(v):
    """Every control of the playground from the values ``v`` (name -> value), in UI order."""
    def slider(cls, desc, value, lo, hi, step, continuous=False, **kw):
        return cls(value=value, min=lo, max=hi, step=step, description=desc, style=_STYLE,
                   layout=_wide(), continuous_update=continuous, **kw)

    def log_slider(desc, value, lo, hi, step=0.1):
        return W.FloatLogSlider(value=value, base=10, min=lo, max=hi, step=step,
                                description=desc, style=_STYLE, layout=_wide(),
                                readout_format=".3g", continuous_update=True)

    def menu(desc, options, value):
        return W.Dropdown(options=options, value=value, description=desc, style=_STYLE,
                          layout=_wide())

    return {
        "dataset": menu("dataset", [(d, d) for d in DATASETS], v["dataset"]),
        "points": slider(W.IntSlider, "points", v["points"], 20, 1000, 10),
        "noise": slider(W.FloatSlider, "noise", v["noise"], 0.0, 0.5, 0.01, True),
        "test_fraction": slider(W.FloatSlider, "test fraction", v["test_fraction"], 0.1, 0.9,
                                0.05),
        "seed": W.BoundedIntText(value=v["seed"], min=0, max=2**31 - 1, description="seed",
                                 style=_STYLE, layout=W.Layout(width="200px")),
        "features": ToggleSet(FEATURES, v["features"], "input features"),
        "depth": slider(W.IntSlider, "depth", v["depth"], 0, MAX_DEPTH, 1),
        "width": slider(W.IntSlider, "width", v["width"], 1, MAX_WIDTH, 1),
        "widths": W.Text(value=v["widths"], description="widths", style=_STYLE, layout=_wide(),
                         placeholder="e.g. 8, 8, 4 (one per layer)", continuous_update=False),
        "activation": menu("activation", list(ACTIVATIONS), v["activation"]),
        "init": menu("initialisation", list(INITS), v["init"]),
        "init_scale": log_slider("init scale", v["init_scale"], -2, 1),
        "batch_norm": W.Checkbox(value=v["batch_norm"], description="batch norm",
                                 style=_STYLE, indent=False),
        "loss": menu("loss", list(LOSS_NAMES), v["loss"]),
        "optimizer": menu("optimizer", list(OPTIMIZER_NAMES), v["optimizer"]),
        "step_size": log_slider("step size η", v["step_size"], -4, 1),
        "batch_size": slider(W.IntSlider, "batch size", v["batch_size"], 1, 300, 1),
        "regularization": menu("regularisation", list(REGULARIZATION_NAMES),
                               v["regularization"]),
        "reg_rate": log_slider("reg. rate", v["reg_rate"], -5, 0),
        "dropout": slider(W.FloatSlider, "dropout p", v["dropout"], 0.0, 0.9, 0.05, True),
        "show_test": W.Checkbox(value=v["show_test"], description="show test points",
                                indent=False),
        "views": ToggleSet(VIEWS, v["views"], "views"),
    }


GROUPS = {
    "data": ("dataset", "points", "noise", "test_fraction", "seed", "show_test"),
    "network": ("depth", "width", "widths", "activation", "init", "init_scale", "batch_norm"),
    "training": ("loss", "optimizer", "step_size", "batch_size", "regularization", "reg_rate",
                 "dropout"),
}


def check_value(name, value, w):
    """Raise ValueError unless ``value`` is one that control ``name`` (widget ``w``) can take."""
    if isinstance(w, ToggleSet):
        ok = (not isinstance(value, str) and hasattr(value, "__iter__")
              and all(x in w.names for x in value) and (len(list(value)) > 0 or name == "views"))
        if not ok:
            raise ValueError(f"{name}: expected a list of names from {', '.join(w.names)}, "
                             f"got {value!r}")
    elif isinstance(w, W.Dropdown):
        allowed = [o[1] if isinstance(o, tuple) else o for o in w.options]
        if value not in allowed:
            raise ValueError(f"{name}: unknown value {value!r}; allowed: {', '.join(allowed)}")
    elif isinstance(w, W.Checkbox):
        if not isinstance(value, bool):
            raise ValueError(f"{name}: expected True or False, got {value!r}")
    elif isinstance(w, (W.IntSlider, W.BoundedIntText)):
        if not is_int(value) or not w.min <= value <= w.max:
            raise ValueError(f"{name}: expected an integer from {w.min} to {w.max}, got {value!r}")
    elif isinstance(w, W.FloatLogSlider):
        lo, hi = w.base ** w.min, w.base ** w.max
        if not is_real(value) or not lo * (1 - 1e-9) <= value <= hi * (1 + 1e-9):
            raise ValueError(f"{name}: expected a number from {lo:g} to {hi:g}, got {value!r}")
    elif isinstance(w, W.FloatSlider):
        if not is_real(value) or not w.min <= value <= w.max:
            raise ValueError(f"{name}: expected a number from {w.min:g} to {w.max:g}, "
                             f"got {value!r}")


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
    return ", ".join(str(w) for w in widths)


def build_widget(controls, hide=()):
    """The playground's widget: buttons and epoch counter, three columns of controls (data,
    network, training), the input features, the picture, the views, export.

    Returns a dict: widget (the VBox), buttons (play, step, reset, upload, save_model,
    save_state), image, counter, status, sent and ack (frame numbers: sent by the kernel,
    echoed by the browser), link. ``hide``: control names (or 'upload', 'export').
    """
    c = controls
    buttons = {
        "play": W.ToggleButton(value=False, description="Play", icon="play",
                               button_style="success", layout=W.Layout(width="110px")),
        "step": W.Button(description="Step", icon="step-forward", layout=W.Layout(width="90px")),
        "reset": W.Button(description="Reset", icon="undo", layout=W.Layout(width="90px")),
        "upload": W.FileUpload(accept=".csv,.txt", multiple=False,
                               description="own data (CSV)", layout=W.Layout(width="200px")),
        "save_model": W.Button(description="save model (.npz)", layout=W.Layout(width="160px")),
        "save_state": W.Button(description="save state (JSON)", layout=W.Layout(width="160px")),
    }
    counter, status = W.HTML(), W.HTML()
    image = W.Image(format="png", layout=W.Layout(max_width="100%", height="auto"))
    # flow control: the browser copies each frame's number from `sent` to `ack` and sends
    # it back, so the kernel knows which frames have arrived (jsdlink syncs its target)
    sent, ack = (W.IntText(value=0, layout=W.Layout(display="none")) for _ in range(2))
    link = W.jsdlink((sent, "value"), (ack, "value"))
    columns = [W.VBox([W.HTML(f"<b style='font-size:15px'>{title}</b>")]
                      + [c[n] for n in names] + ([buttons["upload"]] if title == "data" else []),
                      layout=W.Layout(width="330px"))
               for title, names in GROUPS.items()]
    export = W.HBox([buttons["save_model"], buttons["save_state"]])
    widget = W.VBox([
        W.HBox([buttons["play"], buttons["step"], buttons["reset"], counter],
               layout=W.Layout(align_items="center")),
        status, W.HBox(columns), c["features"], image, c["views"], export, sent, ack])
    for h in hide:
        target = buttons["upload"] if h == "upload" else export if h == "export" else c[h]
        target.layout.display = "none"
    return {"widget": widget, "buttons": buttons, "image": image, "counter": counter,
            "status": status, "sent": sent, "ack": ack, "link": link}
