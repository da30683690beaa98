"""The playground's controls: one ipywidget per knob of spec.CONTROLS, in the lecture's words.

``make_controls(values)`` returns {name: widget}; every widget has a ``value``, so a test
sets ``controls["width"].value = 4`` exactly as a student drags the slider.
``build_widget(controls, hide)`` lays them out compactly for a 1280 x 720 screen: the
buttons and the control groups (tabs) in a column at the left, the picture at the right.
"""
import html

import ipywidgets as W
import numpy as np
import traitlets

from .features import FEATURES, features_for
from .spec import CONTROLS, OWN, VIEWS

_STYLE = {"description_width": "88px"}


def _wide():
    return W.Layout(width="272px")          # one Layout per widget (hiding one hides no other)


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
    def slider(cls, name, desc, step, continuous=False, **kw):
        _, lo, hi = CONTROLS[name]
        return cls(value=v[name], min=lo, max=hi, step=step, description=desc, style=_STYLE,
                   layout=_wide(), continuous_update=continuous, **kw)

    def log_slider(name, desc, step=0.1):
        _, lo, hi = CONTROLS[name]
        return W.FloatLogSlider(value=v[name], base=10, min=round(np.log10(lo)),
                                max=round(np.log10(hi)), step=step, description=desc,
                                style=_STYLE, layout=_wide(), readout_format=".3g",
                                continuous_update=True)

    def menu(name, desc):
        return W.Dropdown(options=list(CONTROLS[name][1]), value=v[name], description=desc,
                          style=_STYLE, layout=_wide())

    return {
        "dataset": menu("dataset", "dataset"),
        "points": slider(W.IntSlider, "points", "points", 10),
        "noise": slider(W.FloatSlider, "noise", "noise", 0.01, True),
        "test_fraction": slider(W.FloatSlider, "test_fraction", "test fraction", 0.05),
        "seed": W.BoundedIntText(value=v["seed"], min=0, max=CONTROLS["seed"][2],
                                 description="seed", style=_STYLE,
                                 layout=W.Layout(width="200px")),
        "features": ToggleSet(FEATURES, v["features"], "input φ(x)"),
        "depth": slider(W.IntSlider, "depth", "depth", 1),
        "width": slider(W.IntSlider, "width", "width", 1),
        "widths": W.Text(value=v["widths"], description="widths", style=_STYLE, layout=_wide(),
                         placeholder="e.g. 8, 8, 4 (one per layer)", continuous_update=False),
        "activation": menu("activation", "activation"),
        "init": menu("init", "initialisation"),
        "init_scale": log_slider("init_scale", "init scale"),
        "batch_norm": W.Checkbox(value=v["batch_norm"], description="batch norm",
                                 style=_STYLE, indent=False),
        "loss": menu("loss", "loss"),
        "optimizer": menu("optimizer", "optimizer"),
        "step_size": log_slider("step_size", "step size η"),
        "batch_size": slider(W.IntSlider, "batch_size", "batch size", 1),
        "regularization": menu("regularization", "regularisation"),
        "reg_rate": log_slider("reg_rate", "reg. rate"),
        "dropout": slider(W.FloatSlider, "dropout", "dropout p", 0.05, True),
        "show_test": W.Checkbox(value=v["show_test"], description="show test points",
                                indent=False),
        "views": ToggleSet(VIEWS, v["views"], "views"),
    }


GROUPS = {
    "data": ("dataset", "points", "noise", "test_fraction", "seed"),
    "network": ("features", "depth", "width", "widths", "activation", "init", "init_scale",
                "batch_norm"),
    "training": ("loss", "optimizer", "step_size", "batch_size", "regularization", "reg_rate",
                 "dropout"),
    "views": ("views", "show_test"),
}


def build_widget(controls, hide=()):
    """The playground's widget, compact for a 1280 x 720 screen: at the left the buttons, the
    epoch counter, a status line and the control groups (data, network, training, views) as
    tabs; at the right the picture. Groups whose controls are all hidden are left out.

    Returns a dict: widget, buttons (play, step, reset, upload, save_model, save_state),
    image, counter, status, sent and ack (frame numbers: sent by the kernel, echoed by the
    browser), link. ``hide``: control names (or 'upload', 'export').
    """
    c, hide = controls, set(hide)
    button = W.Layout
    buttons = {
        "play": W.ToggleButton(value=False, description="Play", icon="play",
                               button_style="success", layout=button(width="92px")),
        "step": W.Button(description="Step", icon="step-forward", layout=button(width="86px")),
        "reset": W.Button(description="Reset", icon="undo", layout=button(width="86px")),
        "upload": W.FileUpload(accept=".csv,.txt", multiple=False,
                               description="own data (CSV)", layout=button(width="200px")),
        "save_model": W.Button(description="save model", tooltip="parameters as .npz",
                               layout=button(width="140px")),
        "save_state": W.Button(description="save state", tooltip="every control as JSON",
                               layout=button(width="140px")),
    }
    counter, status = W.HTML(), W.HTML(layout=W.Layout(min_height="22px"))
    # the picture at its own size (800 px: text >= 15 px), shrinking only if it must
    image = W.Image(format="png", layout=W.Layout(max_width="800px", min_width="0",
                                                  width="auto", height="auto",
                                                  flex="1 1 auto", object_fit="contain"))
    # flow control: the browser copies each frame's number from `sent` to `ack` and sends
    # it back, so the kernel knows which frames have arrived (jsdlink syncs its target)
    sent, ack = (W.IntText(value=0, layout=W.Layout(display="none")) for _ in range(2))
    link = W.jsdlink((sent, "value"), (ack, "value"))
    export = W.HBox([buttons["save_model"], buttons["save_state"]])
    for h in hide:
        target = buttons["upload"] if h == "upload" else export if h == "export" else c[h]
        target.layout.display = "none"
    extra = {"data": [buttons["upload"]] if "upload" not in hide else [],
             "views": [export] if "export" not in hide else []}
    # hidden controls stay out of the page (display none as well, for whoever looks)
    pages = [(title, W.VBox([c[n] for n in names if n not in hide] + extra.get(title, [])))
             for title, names in GROUPS.items()
             if any(n not in hide for n in names) or extra.get(title)]
    shown = [c[n] for names in GROUPS.values() for n in names if n not in hide]
    if len(shown) <= 8:                      # a lesson's few controls: one column, no tabs
        pages = [("", W.VBox(shown + [w for title in GROUPS for w in extra.get(title, [])]))]
    if len(pages) > 1:
        groups = W.Tab(children=[p for _, p in pages], layout=W.Layout(width="306px"))
        for i, (title, _) in enumerate(pages):
            groups.set_title(i, title)
    else:
        groups = W.VBox([p for _, p in pages], layout=W.Layout(width="306px"))
    left = W.VBox([W.HBox([buttons["play"], buttons["step"], buttons["reset"]]), counter,
                   status, groups, sent, ack],
                  layout=W.Layout(width="310px", min_width="310px"))
    widget = W.HBox([left, image], layout=W.Layout(align_items="flex-start"))
    widget.add_class("dl-playground")
    return {"widget": widget, "buttons": buttons, "image": image, "counter": counter,
            "status": status, "sent": sent, "ack": ack, "link": link, "groups": groups}


def show_values(c, session, names):
    """Make the controls ``c`` show the session's values of ``names`` and what is allowed now
    (the own-data option, the largest batch, disabled controls)."""
    s, dd = session, c["dataset"]
    if s.own is not None and OWN not in [o[1] for o in dd.options]:
        dd.options = list(dd.options) + [(f"own: {s.own[2]}", OWN)]
    c["batch_size"].max = s.batch_max
    for name in names:
        value = s.values[name]
        c[name].value = tuple(value) if isinstance(c[name], ToggleSet) else value
    for name in ("points", "noise"):
        c[name].disabled = s.values["dataset"] == OWN
    ok = features_for(s.d["X"].shape[1])
    for f, b in c["features"].buttons.items():
        b.disabled = f not in ok


def counter_html(h):
    """'epoch t · TrainLoss ...' of a History, large, for the widget."""
    parts = [f"<b>epoch {h.epoch}</b>", f"TrainLoss {h.train_loss[-1]:.4g}"]
    return "<span style='font-size:16px'>" + " &middot; ".join(parts) + "</span>"


def status_html(text, error=False):
    """The status line: a note (grey) or an error (red)."""
    color = "#b2182b" if error else "#555"
    return f"<span style='color:{color};font-size:15px'>{html.escape(text)}</span>"
