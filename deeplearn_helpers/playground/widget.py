"""dl.Playground: TensorFlow Playground in a notebook, with every knob of the lecture.

    pg = dl.Playground(dataset="spiral", widths="16, 16, 16", seed=0)
    pg                      # in a notebook: the widget (Play, Step, Reset, every control)
    pg.step(epochs=10)      # train 10 epochs and redraw (also without a browser)
    pg.controls["width"].value = 4      # exactly what the student's slider does
    dl.Playground(**pg.state)           # the same playground again (save a lesson's settings)

A thin widget: the session (session.py, numpy only) holds the data, the network and its
training; the renderer (render.py, matplotlib) draws it; this file only connects controls,
buttons and the picture, and plays in a background thread (player.py). A control change
takes the session's lock, so it is applied between two frames. A divergence pauses
training and says so; nothing raises into the widget machinery.
"""
import json
import threading
import weakref

from .controls import build_widget, counter_html, make_controls, show_values, status_html
from .player import Player
from .render import PlaygroundView
from .session import Session
from .spec import DEFAULTS, PICTURE_ONLY, check_names

_PLAYGROUNDS = weakref.WeakSet()                 # to let one playground play at a time
__all__ = ["Playground", "DEFAULTS"]


class Playground:
    """A network you train live: data, features, architecture, optimizer, views.

    Every keyword is a control's starting value (see ``DEFAULTS``); ``widths`` ('8, 8, 4' or
    a list) overrides depth x width; ``hide`` lists controls to hide (also 'upload',
    'export'), ``show`` the only controls to show (a lesson's); ``data=(X, y)`` starts on
    your own points (X (n, 2), y (n,) with 2 to 8 classes). Bad values raise ValueError
    naming the control and what it allows.
    """

    def __init__(self, hide=(), data=None, show=None, **values):
        names = [*DEFAULTS, "upload", "export"]
        hide, show = check_names("hide", hide, names), check_names("show", show or (), names)
        if show:
            hide += [n for n in names if n not in show and n not in hide]
        self.session = s = Session(data=data, **values)
        self._lock, self._local = threading.RLock(), threading.local()
        self._view, self.errors = PlaygroundView(), []
        self._dirty, self._playing, self._png = True, False, b""
        # own data: the menu gets its option in _show_values
        self.controls = make_controls({**s.values, "dataset": DEFAULTS["dataset"]})
        ui = build_widget(self.controls, hide)
        self.widget, self.buttons, self._ui = ui["widget"], ui["buttons"], ui
        self._image, self._counter, self._status = ui["image"], ui["counter"], ui["status"]
        self._player = Player(self, ui["sent"], ui["ack"])
        self._show_values(list(s.values))
        for name, w in self.controls.items():
            w.observe(lambda change, name=name: self._on_change(name, change), names="value")
        b = self.buttons
        b["play"].observe(lambda ch: None if self._syncing else self._safely(
            self.play if ch["new"] else self.pause), names="value")
        b["step"].on_click(lambda _: self._safely(lambda: self.step(1)))
        b["reset"].on_click(lambda _: self._safely(self.reset))
        b["upload"].observe(self._on_upload, names="value")
        b["save_model"].on_click(lambda _: self._safely(lambda: self._say(
            f"saved {self.save_model()} (parameters and state)")))
        b["save_state"].on_click(lambda _: self._safely(
            lambda: self._say(f"saved {self.save_state()}")))
        _PLAYGROUNDS.add(self)

    # --- the programmatic face ---------------------------------------------------------------
    # state (``dl.Playground(**pg.state)``), model, history (epoch 0 = before training), data
    # (X_train, y_train, X_test, y_test): the session's; message: the status line; draws:
    # how many pictures were drawn
    state = property(lambda self: self.session.state)
    model = property(lambda self: self.session.model)
    history = property(lambda self: self.session.history)
    data = property(lambda self: self.session.data)
    message = property(lambda self: getattr(self, "_msg", ""))
    playing = property(lambda self: self._playing, doc="True while training plays.")
    draws = property(lambda self: self._view.draws)

    @property
    def figure(self):
        """The matplotlib Figure, redrawn (full resolution) if anything changed."""
        return self._drawn()[0]

    @property
    def png(self):
        """The picture as PNG bytes (what the widget shows)."""
        return self._drawn()[1]

    def _drawn(self):
        with self._lock:
            drawn = self._dirty
            if drawn:
                self._render()
        if drawn:
            self._publish()
        return self._view.figure, self._png

    def step(self, epochs=1):
        """Train ``epochs`` epochs (pausing Play first) and redraw."""
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
            self.session.reset()
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
        self._player.start()
        self._player.wake.set()
        return self

    def pause(self):
        """Stop training after the current frame (returns when it is finished); the next
        picture is drawn at full resolution."""
        was, self._playing = self._playing, False
        self._show_play(False)
        if not self._player.in_thread:
            with self._lock:                 # wait for a frame in progress
                self._dirty = self._dirty or was
        if was:
            self._player.wake.set()
        return self

    def close(self):
        """Stop the background thread and close the widgets."""
        self.pause()
        self._player.close()
        for w in [*self.controls.values(), *self.buttons.values(), self._image, self._counter,
                  self._status, self._ui["sent"], self._ui["ack"], self._ui["link"],
                  self._ui["groups"], self.widget]:
            w.close()

    def save_model(self, path="playground_model.npz"):
        """Save the network's parameters (and the playground's state) to an .npz file."""
        with self._lock:
            return self.session.save_model(path)

    def save_state(self, path="playground_state.json"):
        """Save every control's value to JSON; ``Playground.load_state(path)`` reads it back."""
        return self.session.save_state(path)

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
        with self._lock:
            self.session.load_points(text, name)
            self._show_values(list(self.session.values))
            self._dirty = True
        self._say(self.session.message)
        self._kick()

    # --- controls -> session -> controls ---------------------------------------------------------
    def _on_change(self, name, change):
        if self._syncing:
            return
        try:
            with self._lock:
                try:
                    changed = self.session.set(name, change["new"])
                except ValueError as e:      # a value the session refuses: show what it has
                    self._show_values([name])
                    self._say(str(e), error=True)
                    return
                self._show_values(changed)
                self._dirty = True
            if name not in PICTURE_ONLY:
                self._say(self.session.message)
        except Exception as e:               # never into the widget machinery: show it
            self.errors.append(e)
            self._say(f"{name}: {e}", error=True)
        self._kick()

    def _show_values(self, names):
        """Make the widgets show the session's values (and what is allowed now)."""
        self._sync(lambda: show_values(self.controls, self.session, names))

    @property
    def _syncing(self):
        return getattr(self._local, "syncing", False)

    def _sync(self, fn):
        """Change widgets without reacting to it (the playground made the change; per thread)."""
        old, self._local.syncing = self._syncing, True
        try:
            fn()
        finally:
            self._local.syncing = old

    # --- training and drawing ---------------------------------------------------------------------
    def _train(self, epochs):
        if not self.session.step(epochs):
            self._playing = False
            self._say(self.session.note, error=True)
        self._dirty = True

    def _render(self):
        self._view.draw(self.session.scene(fast=self._playing))
        self._png = self._view.png()
        self._dirty = False
        self._counter_html = counter_html(self.history)

    def frame(self):
        """One frame of Play: train an epoch if playing, redraw if needed. False: idle."""
        with self._lock:
            if not (self._playing or self._dirty):
                return False
            if self._playing:
                self._train(1)
            self._render()
        self._publish()
        return True

    def failed(self, e):
        """The background thread met an error: stop playing and show it."""
        self._playing = False
        self.errors.append(e)
        self._say(f"error while drawing: {e}", error=True)

    def _kick(self):
        """Something changed: redraw now (no live widget: when the picture is asked for)."""
        if self._player._thread is not None:
            self._player.wake.set()

    def _publish(self):
        self._image.value = self._png
        self._counter.value = self._counter_html
        self._player.sent_one()
        if not self._playing and self.buttons["play"].value:
            self._show_play(False)

    def _say(self, text, error=False):
        self._msg = text
        self._status.value = status_html(text, error)

    def _show_play(self, on):
        play = self.buttons["play"]
        self._sync(lambda: setattr(play, "value", on))
        play.description, play.icon = ("Pause", "pause") if on else ("Play", "play")
        play.button_style = "warning" if on else "success"

    def _on_upload(self, change):
        for f in change["new"][:1]:
            try:
                self.load_csv(bytes(f["content"]), name=f.get("name", "own data"))
            except ValueError as e:
                self._say(f"could not use {f.get('name', 'the file')}: {e} (the data stay as "
                          "they were)", error=True)
            # empty the upload, so that choosing the same file again (after editing) counts
            self._sync(lambda: setattr(self.buttons["upload"], "value", ()))

    def _safely(self, fn):
        try:
            fn()
        except Exception as e:
            self.errors.append(e)
            self._say(str(e), error=True)

    def _repr_mimebundle_(self, **kwargs):
        self._drawn()                        # the picture first, then the thread (no waiting)
        self._player.start()
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self):
        v = self.session.values
        return (f"Playground({v['dataset']}, {self.model!r}, {v['optimizer']} "
                f"eta={v['step_size']:.3g}, epoch {self.history.epoch})")
