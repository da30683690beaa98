"""A playground session: data, network, optimizer and history, without any widget (numpy only).

    s = Session(dataset="spiral", widths="8, 8", optimizer="adam", step_size=0.01, seed=0)
    s.step(10)                      # train 10 epochs (a thread, a Play tick or a plain loop)
    s.set("width", 4)               # exactly what a slider does: a new network
    s.set("step_size", 0.03)        # carries on training from where it is
    Session(**s.state)              # the same session again

``set`` says what it changed: new data and network, a new network, training carries on, or
only the picture. ``version`` counts every change (a renderer need not draw the same
version twice). A divergence stops training and sets ``note``; nothing raises in ``step``.
"""
import json
from dataclasses import dataclass

import numpy as np

from ..data import make_dataset, train_test_split
from ..models import MLP
from ..optim import make_optimizer
from ..train import History, train
from .features import features_for, input_features
from .own_data import read_points
from .spec import (
    CONTROLS,
    DEFAULTS,
    NEW_DATA,
    NEW_NETWORK,
    OPTIMIZER_NAMES,
    OWN,
    PLANE,
    check_value,
    format_widths,
    parse_widths,
)

OPTIMIZER_LABELS = {value: label for label, value in OPTIMIZER_NAMES}


@dataclass
class Scene:
    """What a renderer draws: the model, its features, the data and the training so far.

    X, X_test: (n, 2) points (or (n, 1) for regression); y, y_test: labels in {-1, +1}
    ('binary'), 0..k-1 ('multiclass'), or numbers ('regression'). ``note``: a warning to
    show (e.g. divergence). ``version`` changes with every change of the session;
    ``fast``: drawn while playing (a coarser grid).
    """
    model: object
    features: tuple
    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    history: object
    loss: str = "squared"
    task: str = "binary"
    views: tuple = DEFAULTS["views"]
    show_test: bool = False
    lim: tuple = PLANE
    note: str = ""
    data_id: int = 0                           # changes whenever the data change
    version: int = 0
    fast: bool = False
    settings: str = ""                         # Session.settings(): the headline shows it


class Session:
    """Every control's value, the data they make, the network and its training.

    Keywords: a value for any name in ``DEFAULTS`` (``widths`` '8, 8, 4' or a list overrides
    depth x width); ``data=(X, y)`` or a CSV text: a student's own points (``dataset='own'``).
    """

    def __init__(self, data=None, **values):
        unknown = sorted(set(values) - set(DEFAULTS))
        if unknown:
            raise ValueError(f"{unknown[0]}: unknown control; expected one of "
                             f"{', '.join(DEFAULTS)}")
        v = {**DEFAULTS, **values}
        self.own = read_points(data) + ("own data",) if data is not None else None
        if v["dataset"] == OWN and self.own is None:
            raise ValueError("dataset: expected data=(X, y) with 'own' (or upload a CSV in "
                             "the widget), got no data")
        if "widths" not in values and ("depth" in values or "width" in values):
            v["widths"] = [v["width"]] * v["depth"]
        for name in CONTROLS:
            if name != "batch_size":
                check_value(name, v[name], self.own)
        widths = parse_widths(v["widths"])
        v.update(widths=format_widths(widths), depth=len(widths),
                 width=widths[0] if widths else v["width"])
        v["features"], v["views"] = tuple(v["features"]), tuple(v["views"])
        self.values, self.message, self.note, self.version = v, "", "", 0
        self._data_id = 0
        self._new_data()
        check_value("batch_size", v["batch_size"], batch_max=self.batch_max)
        self.coerce()
        self._new_network()

    # --- what a renderer and a widget read ---------------------------------------------------
    @property
    def state(self):
        """Every control's value (and own data, if used): ``Session(**s.state)``."""
        s = dict(self.values)
        s["features"], s["views"] = list(s["features"]), list(s["views"])
        if s["dataset"] == OWN:
            X, y, _ = self.own
            s["data"] = np.column_stack([X, y]).tolist()
        return s

    @property
    def data(self):
        """The points: dict of X_train, y_train, X_test, y_test."""
        d = self.d
        return {"X_train": d["X"], "y_train": d["y"], "X_test": d["X_test"],
                "y_test": d["y_test"]}

    def scene(self, fast=False):
        """What a renderer draws now (``fast``: while playing)."""
        d, v = self.d, self.values
        return Scene(self.model, self.features, d["X"], d["y"], d["X_test"], d["y_test"],
                     self.history, loss=v["loss"], task=d["task"], views=v["views"],
                     show_test=v["show_test"], lim=d["lim"], note=self.note, data_id=d["id"],
                     version=self.version, fast=fast,
                     settings=self.settings())

    def settings(self):
        """What training carries on with, in a line: 'SGD η=0.1 · batch 10 · no penalty
        (rate 0.001) · dropout 0'."""
        v = self.values
        reg = v["regularization"]
        penalty = (f"no penalty (rate {v['reg_rate']:.3g})" if reg == "none" else
                   f"{reg.upper()} rate {v['reg_rate']:.3g}")
        return (f"{OPTIMIZER_LABELS[v['optimizer']]} η={v['step_size']:.3g} · batch "
                f"{v['batch_size']} · {penalty} · dropout {v['dropout']:g}")

    @property
    def batch_max(self):
        """The largest batch: the number of training points."""
        return len(self.d["X"])

    # --- what a student does --------------------------------------------------------------------
    def step(self, epochs=1):
        """Train ``epochs`` epochs. A divergence stops training, puts the parameters back to
        the start of that epoch and sets ``note``; returns False then, True otherwise."""
        if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 1:
            raise ValueError(f"epochs: expected an integer >= 1, got {epochs!r}")
        h = self.history
        if h.diverged:                        # the student changed something: try again
            h.diverged, h.message, self.note = False, "", ""
        self._fit(epochs)
        self.version += 1
        if h.diverged:
            self.opt.reset()                  # its state may hold the huge steps
            self.note = self.message = h.message
            return False
        return True

    def reset(self):
        """A freshly initialised network (same seed), training from epoch 0."""
        self.message = ""
        self._new_network()

    def set(self, name, value):
        """Set control ``name`` as its widget does; returns the names whose values changed
        (the widget shows those). Bad values raise ValueError and change nothing."""
        if name not in CONTROLS:
            check_value(name, value)
        if name == "widths":
            widths = parse_widths(value)
        else:
            check_value(name, value, self.own, self.batch_max)
        old, v = dict(self.values), self.values
        v[name] = tuple(value) if name in ("features", "views") else value
        self.message = ""
        if name in ("depth", "width"):
            v["widths"] = format_widths([v["width"]] * v["depth"])
        elif name == "widths":
            v.update(widths=format_widths(widths), depth=len(widths),
                     width=widths[0] if widths else v["width"])
        if name in NEW_DATA:
            self._new_data()
        coerced = self.coerce()
        if name in NEW_DATA or name in NEW_NETWORK or "loss" in coerced:
            self._new_network()
        elif name == "step_size":             # carry on: the same network and optimizer state
            self.opt.step_size = float(value)
        elif name == "optimizer":
            self.opt = make_optimizer(value, v["step_size"])
        elif name == "dropout":
            self.model.dropout = float(value)  # batch size, regularisation: read by _fit
        self.version += 1
        return sorted(k for k in v if v[k] != old[k])

    def save_model(self, path="playground_model.npz"):
        """Save the network's parameters (and the state) to an .npz file; returns the path."""
        np.savez(path, **self.model.params, state=json.dumps(self.state))
        return path

    def save_state(self, path="playground_state.json"):
        """Save every control's value to JSON (``Session(**json.load(f))`` reads it back)."""
        with open(path, "w") as f:
            json.dump(self.state, f, indent=1)
        return path

    def load_points(self, source, name="own data"):
        """Use a student's points (CSV text or (X, y)); a new network. Raises ValueError on a
        malformed file, and the data stay."""
        self.own = read_points(source) + (name,)
        self.values["dataset"] = OWN
        self._new_data()
        self.coerce()
        self._new_network()
        self.message = f"loaded {len(self.own[0])} points from {name}"

    def coerce(self):
        """Make the values consistent (and say so): the loss fits the data, batch norm has
        batches of 2 or more, the batch fits the data, the features exist. Returns the names
        changed."""
        v, task, changed = self.values, self.d["task"], []

        def fix(name, value, why):
            v[name] = value
            changed.append(name)
            self.message = why
        if task == "regression" and v["loss"] != "squared":
            fix("loss", "squared", "regression: the loss is the squared loss (f(x) - y)^2")
        if task == "multiclass" and v["loss"] != "cross_entropy":
            fix("loss", "cross_entropy", f"{self.d['classes']} classes: the loss is the "
                "cross-entropy")
        if v["batch_size"] > self.batch_max:
            fix("batch_size", self.batch_max, f"batch size {self.batch_max}: all the points")
        if v["batch_norm"] and v["batch_size"] < 2:
            fix("batch_size", 2, "batch norm needs batches of at least 2 examples: batch "
                "size 2")
        return changed

    # --- data and network ---------------------------------------------------------------------
    def _new_data(self):
        v = self.values
        if v["dataset"] == OWN:
            X, y, _ = self.own
        else:
            X, y = make_dataset(v["dataset"], n=v["points"], noise=v["noise"], seed=v["seed"])
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_fraction=v["test_fraction"],
                                              seed=v["seed"])
        task = ("regression" if v["dataset"] == "sine" else
                "multiclass" if v["dataset"] == OWN and len(np.unique(y)) > 2 else "binary")
        lo, hi = PLANE                   # the package's sets: one plane, whatever the noise
        if v["dataset"] == OWN:
            lo, hi = min(lo, float(X.min()) - 0.2), max(hi, float(X.max()) + 0.2)
        self._data_id += 1
        self.d = dict(X=Xtr, y=ytr, X_test=Xte, y_test=yte, task=task, lim=(lo, hi),
                      classes=int(len(np.unique(y))) if task != "regression" else 1,
                      id=self._data_id)

    @property
    def features(self):
        """The input features the network sees (those the data's dimension allows)."""
        ok = features_for(self.d["X"].shape[1])
        return tuple(f for f in self.values["features"] if f in ok) or ("x1",)

    def _targets(self, y):
        """Labels as the loss wants them: {-1, +1}, or classes 0..k-1 for cross-entropy."""
        if self.values["loss"] != "cross_entropy" or self.d["task"] == "multiclass":
            return y
        return (y > 0).astype(np.int64)

    def _new_network(self):
        v, d, feats = self.values, self.d, self.features
        k = d["classes"] if v["loss"] == "cross_entropy" else 1
        self.model = MLP(input_dim=len(feats), hidden=parse_widths(v["widths"]),
                         output_dim=max(k, 2) if v["loss"] == "cross_entropy" else 1,
                         activation=v["activation"], init=v["init"],
                         init_scale=v["init_scale"], dropout=v["dropout"],
                         batch_norm=v["batch_norm"], seed=v["seed"])
        self.opt = make_optimizer(v["optimizer"], v["step_size"])
        self.phi = (input_features(d["X"], feats), input_features(d["X_test"], feats))
        self.history = History()
        self.note = ""
        self._fit(0)
        self.version += 1

    def _fit(self, epochs):
        v, d = self.values, self.d
        train(self.model, self.phi[0], self._targets(d["y"]), loss=v["loss"],
              optimizer=self.opt, epochs=epochs, batch_size=v["batch_size"], seed=v["seed"],
              X_test=self.phi[1], y_test=self._targets(d["y_test"]),
              regularization=None if v["regularization"] == "none" else v["regularization"],
              reg_rate=v["reg_rate"], history=self.history)

    def __repr__(self):
        v = self.values
        return (f"Session({v['dataset']}, {self.model!r}, {v['optimizer']} "
                f"eta={v['step_size']:.3g}, epoch {self.history.epoch})")

