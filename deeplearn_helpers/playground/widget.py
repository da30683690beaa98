"""dl.Playground: TensorFlow Playground in a notebook, with every knob of the lecture.

    pg = dl.Playground(dataset="spiral", depth=2, width=8, seed=0)
    pg                      # in a notebook: the widget (Play, Step, Reset, every control)
    pg.step(epochs=10)      # train 10 epochs of SGD and redraw (also without a kernel)
    pg.controls["width"].value = 4      # exactly what the student's slider does
    dl.Playground(**pg.state)           # the same playground again (save a lesson's settings)

Changing the data, the architecture, the initialisation or the loss makes a new network;
changing the step size, the optimizer, the batch size, regularisation or dropout carries
on training from where it is. Training runs in a background thread (one per playground,
one playground playing at a time); a control change takes the same lock, so it is applied
between two frames. A divergence pauses training and says so; nothing raises.
"""
import html
import json
import threading
import time
import weakref

import numpy as np

from ..data import make_dataset, train_test_split
from .features import features_for, input_features
from ..models import MLP
from ..optim import make_optimizer
from .own_data import read_points
from ..plot.basics import PLANE
from .render import VIEWS, PlaygroundView, Scene
from ..train import History, train
from .controls import (OWN, build_widget, check_value, format_widths,
                                  make_controls, parse_widths)

DEFAULTS = dict(dataset="spiral", points=400, noise=0.1, test_fraction=0.25, seed=0,
                features=("x1", "x2"), depth=2, width=8, widths=None, activation="tanh",
                init="xavier", init_scale=1.0, batch_norm=False, loss="squared",
                optimizer="sgd", step_size=0.1, batch_size=10, regularization="none",
                reg_rate=0.001, dropout=0.0, show_test=False, views=VIEWS)
NEW_DATA = {"dataset", "points", "noise", "test_fraction", "seed"}
NEW_NETWORK = {"features", "depth", "width", "widths", "activation", "init", "init_scale",
               "batch_norm", "loss"}
# the rest carry on: optimizer, step_size, batch_size, regularization, reg_rate, dropout
FRAME_SECONDS = 1 / 30                           # at most 30 frames a second
MAX_AHEAD = 3                                    # frames sent but not yet shown by the browser
_PLAYGROUNDS = weakref.WeakSet()                 # to let one playground play at a time


class Playground:
    """A network you train live: data, features, architecture, optimizer, views.

    Every keyword is a control's starting value (see ``DEFAULTS``); ``widths`` ('8, 8, 4' or
    a list) overrides depth x width; ``hide`` lists controls to hide (also 'upload',
    'export'); ``data=(X, y)`` starts on your own points (X (n, 2), y (n,) with 2 to 8
    classes). Bad values raise ValueError naming the control and what it allows.
    """

    def __init__(self, hide=(), data=None, **values):
        unknown = set(values) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"{', '.join(sorted(unknown))}: unknown control; allowed: "
                             f"{', '.join(DEFAULTS)}")
        v = {**DEFAULTS, **values}
        own = read_points(data) + ("own data",) if data is not None else None
        if v["dataset"] == OWN and own is None:
            raise ValueError("dataset: 'own' needs data=(X, y) (or upload a CSV in the widget)")
        self._local, self._lock = threading.local(), threading.RLock()
        self.controls = make_controls({**DEFAULTS, "widths": ""})
        if own is not None:
            self._add_own_option(own[2])
        for name, w in self.controls.items():
            if name not in ("widths", "batch_size"):
                check_value(name, v[name], w)
        widths = parse_widths(v["widths"] if v["widths"] is not None
                              else [v["width"]] * v["depth"])
        v["widths"], v["depth"] = format_widths(widths), len(widths)
        v["width"] = widths[0] if widths else v["width"]
        hide = [hide] if isinstance(hide, str) else list(hide)
        bad = [h for h in hide if h not in self.controls and h not in ("upload", "export")]
        if bad:
            raise ValueError(f"hide: unknown control {bad[0]!r}; allowed: "
                             f"{', '.join(self.controls)}, upload, export")
        self._own, self._view, self._note, self._msg, self.errors = own, PlaygroundView(), "", "", []
        self._dirty, self._playing, self._closed, self._data_id = True, False, False, 0
        self._worker, self._wake = None, threading.Event()
        self._sent = self._acked = 0                 # frames sent / shown by a browser
        self._acks, self._browser = threading.Event(), False
        for name, w in self.controls.items():
            if name != "batch_size":
                w.value = tuple(v[name]) if isinstance(w.value, tuple) else v[name]
        self._new_data()
        check_value("batch_size", v["batch_size"], self.controls["batch_size"])
        self.controls["batch_size"].value = v["batch_size"]
        self._coerce()
        self._new_network()
        self._build_ui(hide)
        for name, w in self.controls.items():
            w.observe(lambda change, name=name: self._on_change(name, change), names="value")
        _PLAYGROUNDS.add(self)

    # --- the programmatic face ---------------------------------------------------------------
    @property
    def state(self):
        """Every control's value (and own data, if loaded): ``dl.Playground(**pg.state)``."""
        s = {name: w.value for name, w in self.controls.items()}
        s["features"], s["views"] = list(s["features"]), list(s["views"])
        if s["dataset"] == OWN:
            X, y, _ = self._own
            s["data"] = np.column_stack([X, y]).tolist()
        return s

    @property
    def model(self):
        """The network being trained (an MLP with input_dim = number of input features)."""
        return self._model

    @property
    def history(self):
        """The History of this network's training (epoch 0 = before training)."""
        return self._history

    @property
    def figure(self):
        """The matplotlib Figure, redrawn if anything changed since it was last drawn."""
        return self._drawn()[0]

    @property
    def png(self):
        """The picture as PNG bytes (what the widget shows)."""
        return self._drawn()[1]

    def _drawn(self):
        with self._lock:
            if self._dirty:
                self._render()
            return self._view.figure, self._png

    @property
    def message(self):
        """The last note or error shown under the buttons ('' if none)."""
        return self._msg

    @property
    def playing(self):
        """True while training runs in the background."""
        return self._playing

    @property
    def data(self):
        """The data as the network sees it: dict of X_train, y_train, X_test, y_test (points)."""
        d = self._d
        return {"X_train": d["X"], "y_train": d["y"], "X_test": d["X_test"],
                "y_test": d["y_test"]}

    def step(self, epochs=1):
        """Train ``epochs`` epochs (pausing Play first) and redraw."""
        if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 1:
            raise ValueError(f"epochs: expected an integer >= 1, got {epochs!r}")
        self.pause()
        with self._lock:
            self._train(epochs)
            self._render()
        self._publish()
        return self

    def reset(self):
        """Pause, and start again from a freshly initialised network (same seed)."""
        self.pause()
        with self._lock:
            self._note = ""
            self._new_network()
            self._render()
        self._say("")
        self._publish()
        return self

    def play(self):
        """Train in the background, one epoch per frame, until ``pause()`` (or divergence)."""
        for other in list(_PLAYGROUNDS):
            if other is not self and other._playing:
                other.pause()
        with self._lock:
            self._playing = True
        self._show_play(True)
        self._start_worker()
        self._wake.set()
        return self

    def pause(self):
        """Stop training after the current frame (returns when it is finished)."""
        self._playing = False
        self._show_play(False)
        if self._worker is not None and threading.current_thread() is not self._worker:
            with self._lock:                 # wait for a frame in progress
                pass
        return self

    def close(self):
        """Stop the background thread and close the widgets."""
        self.pause()
        self._closed = True
        self._wake.set()
        for w in [*self.controls.values(), *self.buttons.values(), self._image, self._counter,
                  self._status, self._ui["sent"], self._ui["ack"], self._ui["link"], self.widget]:
            w.close()

    def save_model(self, path="playground_model.npz"):
        """Save the network's parameters (and the playground's state) to an .npz file."""
        with self._lock:
            np.savez(path, **self._model.params, state=json.dumps(self.state))
        return path

    def save_state(self, path="playground_state.json"):
        """Save every control's value to JSON; ``Playground.load_state(path)`` reads it back."""
        with open(path, "w") as f:
            json.dump(self.state, f, indent=1)
        return path

    @classmethod
    def load_state(cls, path, **overrides):
        """A playground from a JSON state file (as written by ``save_state``)."""
        with open(path) as f:
            return cls(**{**json.load(f), **overrides})

    def load_csv(self, text, name="own data"):
        """Use the points of a CSV file (x1, x2, label per line; a header line is allowed).

        Labels: 2 values (e.g. -1/+1 or 0/1) or 3 to 8 integer classes. On a malformed file
        raises ValueError and the current data stay.
        """
        own = read_points(text) + (name,)
        with self._lock:
            self._own = own
            self._add_own_option(name)
            self._set("dataset", OWN)
            self._new_data()
            self._coerce()
            self._new_network()
            self._dirty = True
        self._say(f"loaded {len(own[0])} points from {name}")
        self._kick()

    # --- data and network ---------------------------------------------------------------------
    def _new_data(self):
        c = {k: w.value for k, w in self.controls.items()}
        if c["dataset"] == OWN:
            X, y, _ = self._own
        else:
            X, y = make_dataset(c["dataset"], n=c["points"], noise=c["noise"], seed=c["seed"])
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_fraction=c["test_fraction"],
                                              seed=c["seed"])
        task = ("regression" if c["dataset"] == "sine" else
                "multiclass" if c["dataset"] == OWN and len(np.unique(y)) > 2 else "binary")
        lo, hi = PLANE                   # the package's sets: one plane, whatever the noise
        if c["dataset"] == OWN:
            lo, hi = min(lo, float(X.min()) - 0.2), max(hi, float(X.max()) + 0.2)
        self._data_id += 1
        self._d = dict(X=Xtr, y=ytr, X_test=Xte, y_test=yte, task=task, lim=(lo, hi),
                       classes=int(len(np.unique(y))) if task != "regression" else 1)
        bs = self.controls["batch_size"]
        self._sync(lambda: setattr(bs, "max", len(Xtr)))
        for name in ("points", "noise"):
            self.controls[name].disabled = c["dataset"] == OWN
        dim = X.shape[1]
        for f, b in self.controls["features"].buttons.items():
            b.disabled = f not in features_for(dim)

    def _features(self):
        ok = features_for(self._d["X"].shape[1])
        feats = tuple(f for f in self.controls["features"].value if f in ok)
        return feats or ("x1",)

    def _targets(self, y):
        """Labels as the loss wants them: {-1, +1}, or classes 0..k-1 for cross-entropy."""
        if self.controls["loss"].value != "cross_entropy" or self._d["task"] == "multiclass":
            return y
        return (y > 0).astype(np.int64)

    def _new_network(self):
        c = {k: w.value for k, w in self.controls.items()}
        d, feats = self._d, self._features()
        k = d["classes"] if c["loss"] == "cross_entropy" else 1
        self._model = MLP(input_dim=len(feats), hidden=parse_widths(c["widths"]),
                          output_dim=max(k, 2) if c["loss"] == "cross_entropy" else 1,
                          activation=c["activation"], init=c["init"],
                          init_scale=c["init_scale"], dropout=c["dropout"],
                          batch_norm=c["batch_norm"], seed=c["seed"])
        self._opt = make_optimizer(c["optimizer"], c["step_size"])
        self._phi = (input_features(d["X"], feats), input_features(d["X_test"], feats))
        self._feats = feats
        self._history = History()
        self._fit(0)
        self._note, self._dirty = "", True

    def _fit(self, epochs):
        c = {k: w.value for k, w in self.controls.items()}
        d = self._d
        train(self._model, self._phi[0], self._targets(d["y"]), loss=c["loss"],
              optimizer=self._opt, epochs=epochs, batch_size=c["batch_size"], seed=c["seed"],
              X_test=self._phi[1], y_test=self._targets(d["y_test"]),
              regularization=None if c["regularization"] == "none" else c["regularization"],
              reg_rate=c["reg_rate"], history=self._history)

    def _train(self, epochs):
        h = self._history
        if h.diverged:                   # the student changed something: try again
            h.diverged, h.message, self._note = False, "", ""
        self._fit(epochs)
        self._dirty = True
        if h.diverged:
            self._opt.reset()            # its state may hold the huge steps
            self._playing = False
            self._note = h.message
            self._say(h.message, error=True)

    # --- reacting to the controls --------------------------------------------------------------
    def _on_change(self, name, change):
        if self._syncing:
            return
        try:
            with self._lock:
                self._apply(name, change["new"])
                self._dirty = True
        except Exception as e:               # never into the widget machinery: show it
            self.errors.append(e)
            self._say(f"{name}: {e}", error=True)
        self._kick()

    def _apply(self, name, value):
        c = self.controls
        if name in ("depth", "width"):
            self._set("widths", format_widths([c["width"].value] * c["depth"].value))
        elif name == "widths":
            try:
                widths = parse_widths(value)
            except ValueError as e:
                self._set("widths", format_widths(self._model.hidden))
                self._say(str(e), error=True)
                return
            self._set("depth", len(widths))
            if widths:
                self._set("width", widths[0])
        if name in NEW_DATA:
            self._new_data()
        changed = self._coerce()
        if name in NEW_DATA or name in NEW_NETWORK or "loss" in changed:
            self._new_network()
        elif name == "step_size":             # CARRY_ON: the same network and optimizer state
            self._opt.step_size = float(value)
        elif name == "optimizer":
            self._opt = make_optimizer(value, c["step_size"].value)
        elif name == "dropout":
            self._model.dropout = float(value)  # batch size, regularisation: read by _fit
        if name not in ("views", "show_test") and not changed:
            self._say("")

    def _coerce(self):
        """Make the controls consistent (say so): the loss fits the data, batch norm has
        batches of 2 or more. Returns the names changed."""
        c, task, changed = self.controls, self._d["task"], []
        if task == "regression" and c["loss"].value != "squared":
            self._set("loss", "squared")
            changed.append("loss")
            self._say("regression: the loss is the squared loss (f(x) - y)^2")
        if task == "multiclass" and c["loss"].value != "cross_entropy":
            self._set("loss", "cross_entropy")
            changed.append("loss")
            self._say(f"{self._d['classes']} classes: the loss is the cross-entropy")
        if c["batch_norm"].value and c["batch_size"].value < 2:
            self._set("batch_size", 2)
            changed.append("batch_size")
            self._say("batch norm needs batches of at least 2 examples: batch size 2")
        return changed

    def _set(self, name, value):
        self._sync(lambda: setattr(self.controls[name], "value", value))

    @property
    def _syncing(self):
        return getattr(self._local, "syncing", False)

    def _sync(self, fn):
        """Change a widget without reacting to it (the playground made the change; per thread)."""
        old, self._local.syncing = self._syncing, True
        try:
            fn()
        finally:
            self._local.syncing = old

    def _add_own_option(self, name):
        dd = self.controls["dataset"]
        opts = [o for o in dd.options if not (isinstance(o, tuple) and o[1] == OWN)]
        self._sync(lambda: setattr(dd, "options", opts + [(f"own: {name}", OWN)]))

    # --- drawing and the background thread -----------------------------------------------------
    def _scene(self):
        d, c = self._d, self.controls
        return Scene(self._model, self._feats, d["X"], d["y"], d["X_test"], d["y_test"],
                     self._history, loss=c["loss"].value, task=d["task"],
                     views=c["views"].value, show_test=c["show_test"].value, lim=d["lim"],
                     note=self._note, data_id=self._data_id)

    def _render(self):
        self._view.draw(self._scene())
        self._png = self._view.png()
        self._dirty = False
        h = self._history
        parts = [f"<b>epoch {h.epoch}</b>", f"TrainLoss {h.train_loss[-1]:.4g}"]
        if h.test_loss:
            parts.append(f"test loss {h.test_loss[-1]:.4g}")
        self._counter_html = ("<span style='font-size:20px'>"
                              + " &nbsp;&middot;&nbsp; ".join(parts) + "</span>")

    def _kick(self):
        """Something changed: redraw now (no live widget: when the picture is asked for)."""
        if self._worker is not None:
            self._wake.set()

    def _start_worker(self):
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=_run, args=(weakref.ref(self),),
                                            name="playground", daemon=True)
            self._worker.start()

    def _frame(self):
        """One frame of the background thread: train an epoch if playing, redraw if needed."""
        with self._lock:
            if not (self._playing or self._dirty):
                return False
            if self._playing:
                self._train(1)
            self._render()
        self._publish()
        return True

    def _publish(self):
        self._image.value = self._png
        self._counter.value = self._counter_html
        self._sent += 1
        self._ui["sent"].value = self._sent
        if not self._playing and self._play.value:
            self._show_play(False)

    def _say(self, text, error=False):
        self._msg = text
        color = "crimson" if error else "#555"
        if hasattr(self, "_status"):
            self._status.value = (f"<span style='color:{color};font-size:15px'>"
                                  f"{html.escape(text)}</span>")

    # --- the widget ----------------------------------------------------------------------------
    def _build_ui(self, hide):
        ui = build_widget(self.controls, hide)
        self.widget, self.buttons = ui["widget"], ui["buttons"]
        self._image, self._counter, self._status = ui["image"], ui["counter"], ui["status"]
        self._ui = ui
        ui["ack"].observe(self._on_ack, names="value")
        b = self.buttons
        self._play = b["play"]
        self._play.observe(self._on_play, names="value")
        b["step"].on_click(lambda _: self._safely(lambda: self.step(1)))
        b["reset"].on_click(lambda _: self._safely(self.reset))
        b["upload"].observe(self._on_upload, names="value")
        b["save_model"].on_click(lambda _: self._safely(lambda: self._say(
            f"saved {self.save_model()} (parameters and state)")))
        b["save_state"].on_click(lambda _: self._safely(
            lambda: self._say(f"saved {self.save_state()}")))

    def _on_ack(self, change):
        self._acked, self._browser = change["new"], True
        self._acks.set()

    def _wait_for_browser(self):
        """Flow control: with a browser showing the frames, stay at most MAX_AHEAD frames
        ahead of it (a slow or busy browser never falls seconds behind)."""
        while self._browser and self._sent - self._acked >= MAX_AHEAD and not self._closed:
            self._acks.clear()
            if not self._acks.wait(0.5):
                return                       # no answer: the page may be closed; go on slowly

    def _on_play(self, change):
        if self._syncing:
            return
        self._safely(self.play if change["new"] else self.pause)

    def _show_play(self, on):
        if hasattr(self, "_play"):
            self._sync(lambda: setattr(self._play, "value", on))
            self._play.description, self._play.icon = ("Pause", "pause") if on else ("Play", "play")
            self._play.button_style = "warning" if on else "success"

    def _on_upload(self, change):
        files = change["new"]
        if not files:
            return
        f = files[0]
        try:
            self.load_csv(bytes(f["content"]), name=f.get("name", "own data"))
        except ValueError as e:
            self._say(f"could not use {f.get('name', 'the file')}: {e} (the data stay as they "
                      "were)", error=True)
        # empty the upload, so that choosing the same file again (after editing it) counts
        self._sync(lambda: setattr(self.buttons["upload"], "value", ()))

    def _safely(self, fn):
        try:
            fn()
        except Exception as e:
            self.errors.append(e)
            self._say(str(e), error=True)

    def _repr_mimebundle_(self, **kwargs):
        self._start_worker()
        self._drawn()
        self._publish()
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self):
        c = self.controls
        return (f"Playground({c['dataset'].value}, {self._model!r}, {c['optimizer'].value} "
                f"eta={c['step_size'].value:.3g}, epoch {self._history.epoch})")


def _run(ref):
    """The background thread: frames while playing or when a redraw is due; idle otherwise."""
    while True:
        pg = ref()
        if pg is None or pg._closed:
            return
        wake = pg._wake
        t0 = time.perf_counter()
        try:
            pg._wait_for_browser()
            busy = pg._frame()
        except Exception as e:           # keep the thread (and the kernel) alive
            pg._playing, busy = False, False
            pg.errors.append(e)
            pg._say(f"error while drawing: {e}", error=True)
        del pg
        if busy:
            time.sleep(max(0.003, FRAME_SECONDS - (time.perf_counter() - t0)))
        else:
            wake.wait(1.0)
            wake.clear()
