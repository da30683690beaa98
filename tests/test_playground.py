"""The playground without a browser: the session alone (numpy only), then the widget with its
controls set as a student would: the model, the history and the picture change as they
should, and every change that should redraw does (a draw counter and a changed PNG)."""
import datetime
import json
import random
import time

import numpy as np
import pytest
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D

import deeplearn_helpers as dl
from deeplearn_helpers.playground.features import FEATURES, input_features
from deeplearn_helpers.playground.own_data import read_points
from deeplearn_helpers.playground.pictures import forward_from
from deeplearn_helpers.playground.render import png_bytes
from deeplearn_helpers.playground.session import Session
from deeplearn_helpers.playground.spec import DEFAULTS, VIEWS
from deeplearn_helpers.playground.widget import Playground


@pytest.fixture
def pgs():
    """Playgrounds made by a test, closed afterwards (stops their background threads)."""
    made = []

    def make(**kw):
        made.append(Playground(**kw))
        return made[-1]

    yield make
    for pg in made:
        pg.close()


def wait_until(cond, seconds=20.0):
    end = time.time() + seconds
    while not cond():
        assert time.time() < end, "timed out"
        time.sleep(0.02)


# --- the programmatic face -----------------------------------------------------------------

def test_defaults_learn_in_a_second_of_play(pgs):
    """The first impression: the circle, layers of 4 and 2 tanh units, SGD eta = 0.1."""
    pg = pgs()
    assert dl.Playground is Playground
    assert pg.state["dataset"] == "circle" and pg.state["points"] == 400
    assert pg.model.sizes == [2, 4, 2, 1] and pg.history.epoch == 0
    assert len(pg.data["X_train"]) == 300 and len(pg.data["X_test"]) == 100
    assert tuple(pg.state["views"]) == ("network", "output", "hidden space", "loss")
    for name in ("dataset", "noise", "test_fraction", "features", "depth", "width", "widths",
                 "activation", "loss", "optimizer", "step_size", "batch_size", "init",
                 "init_scale", "dropout", "batch_norm", "regularization", "reg_rate", "seed"):
        assert name in pg.controls
    assert set(pg.state) == set(DEFAULTS)
    pg.step(50)                                   # 50 frames of Play: under 2 seconds
    assert pg.history.train_error[-1] <= 0.05


def test_the_session_needs_no_widgets_and_no_matplotlib():
    import subprocess
    import sys
    code = ("import sys; from deeplearn_helpers.playground import Session; s = Session(); "
            "s.step(3); s.set('width', 3); s.step(1); "
            "assert 'matplotlib' not in sys.modules and 'ipywidgets' not in sys.modules; "
            "print(s.history.epoch, s.model.hidden)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "[3,", "3]"]


def test_session_set_says_what_changed_and_refuses_bad_values():
    s = Session(seed=1)
    s.step(2)
    model, version = s.model, s.version
    assert s.set("step_size", 0.05) == ["step_size"] and s.model is model
    assert s.history.epoch == 2 and s.version > version
    assert s.set("depth", 3) == ["depth", "widths"] and s.model.hidden == [4, 4, 4]
    assert s.history.epoch == 0
    with pytest.raises(ValueError, match=r"width: expected an integer from 1 to 64, got 0"):
        s.set("width", 0)
    assert s.model.hidden == [4, 4, 4]
    s.set("batch_norm", True)
    assert s.set("batch_size", 1) == ["batch_size"] and s.values["batch_size"] == 2
    assert "batch norm" in s.message
    assert s.set("dataset", "sine") == ["dataset", "loss"] or s.values["loss"] == "squared"


def test_step_trains_and_redraws(pgs):
    pg = pgs()
    before, loss0 = pg.png, pg.history.train_loss[-1]
    pg.step(epochs=5)
    assert pg.history.epoch == 5 and pg.history.train_loss[-1] < loss0
    assert pg.png != before and pg.png.startswith(b"\x89PNG")
    png, md = pg.figure._repr_png_()                  # as a notebook shows it, measured
    assert png.startswith(b"\x89PNG") and md["dl_png_px"] == [800, 478]
    assert md["dl_min_text_px"] >= 14
    with pytest.raises(ValueError, match="epochs"):
        pg.step(0)


def test_state_rebuilds_the_same_playground(pgs):
    pg = pgs(dataset="moons", widths="6, 3", activation="relu", optimizer="adam",
             step_size=0.01, features=["x1", "x2", "x1*x2"], seed=3, batch_size=20)
    twin = pgs(**pg.state)
    assert twin.state == pg.state
    pg.step(4)
    twin.step(4)
    assert twin.history.train_loss == pg.history.train_loss
    for k, v in pg.model.params.items():
        np.testing.assert_array_equal(twin.model.params[k], v)


def test_architecture_controls_make_a_new_network(pgs):
    pg = pgs()
    pg.step(3)
    pg.controls["width"].value = 5
    assert pg.model.hidden == [5, 5] and pg.state["widths"] == "5, 5"
    assert pg.history.epoch == 0
    pg.controls["widths"].value = "6, 3, 2"
    assert pg.model.hidden == [6, 3, 2] and pg.state["depth"] == 3 and pg.state["width"] == 6
    pg.controls["depth"].value = 0
    assert pg.model.hidden == [] and pg.state["widths"] == ""
    pg.controls["features"].value = ("x1", "x2", "x1^2", "sin x2")
    assert pg.model.input_dim == 4
    for name, value in (("activation", "relu"), ("init", "he"), ("init_scale", 0.5),
                        ("batch_norm", True), ("loss", "logistic")):
        pg.step(2)
        pg.controls[name].value = value
        assert pg.history.epoch == 0, name
    assert pg.model.batch_norm and pg.model.activations == [] and pg.model.init == "he"


def test_a_bad_widths_text_keeps_the_network(pgs):
    pg = pgs()
    model = pg.model
    pg.controls["widths"].value = "8, x"
    assert pg.model is model and pg.state["widths"] == "4, 2"
    assert "widths" in pg.message
    pg.controls["widths"].value = "8, 99"
    assert pg.model is model and "widths" in pg.message


def test_data_controls_make_new_data_and_network(pgs):
    pg = pgs()
    X = pg.data["X_train"]
    pg.step(2)
    pg.controls["noise"].value = 0.3
    assert pg.history.epoch == 0 and pg.data["X_train"].shape == X.shape
    assert not np.array_equal(pg.data["X_train"], X)
    pg.controls["test_fraction"].value = 0.5
    assert len(pg.data["X_test"]) == 200 and pg.controls["batch_size"].max == 200
    pg.controls["dataset"].value = "xor"
    assert pg.history.epoch == 0 and pg.state["dataset"] == "xor"


def test_training_controls_carry_on_exactly(pgs):
    """Step size, optimizer, batch size, regularisation and dropout carry on from where
    training is; the result equals dl.train continued with the same changes."""
    pg = pgs(dataset="circle", seed=1)
    pg.step(3)
    params = pg.model.params
    pg.controls["step_size"].value = 0.05
    assert pg.history.epoch == 3 and pg.model.params is params
    pg.step(2)
    pg.controls["optimizer"].value = "adam"
    pg.controls["batch_size"].value = 25
    pg.controls["regularization"].value = "l2"
    pg.controls["dropout"].value = 0.1
    pg.step(2)
    assert pg.history.epoch == 7

    X, y = dl.make_dataset("circle", n=400, noise=0.1, seed=1)
    Xtr, Xte, ytr, yte = dl.train_test_split(X, y, test_fraction=0.25, seed=1)
    model = dl.MLP(input_dim=2, hidden=[4, 2], activation="tanh", seed=1)
    opt = dl.SGD(0.1)
    kw = dict(loss="squared", seed=1, X_test=Xte, y_test=yte)
    hist = dl.train(model, Xtr, ytr, optimizer=opt, epochs=3, batch_size=10, **kw)
    opt.step_size = 0.05
    dl.train(model, Xtr, ytr, optimizer=opt, epochs=2, batch_size=10, history=hist, **kw)
    model.dropout = 0.1
    dl.train(model, Xtr, ytr, optimizer=dl.make_optimizer("adam", 0.05), epochs=2,
             batch_size=25, regularization="l2", reg_rate=0.001, history=hist, **kw)
    assert pg.history.train_loss == hist.train_loss
    for k, v in model.params.items():
        np.testing.assert_array_equal(pg.model.params[k], v)


def test_regression_and_cross_entropy(pgs):
    pg = pgs(loss="hinge", features=["x1", "x2", "x1^2"])
    pg.controls["dataset"].value = "sine"
    assert pg.state["loss"] == "squared" and "squared" in pg.message
    assert pg.model.input_dim == 2                                     # x1, x1^2
    assert pg.controls["features"].buttons["x2"].disabled
    pg.step(3)
    assert not pg.history.train_error and pg.png
    pg.controls["dataset"].value = "xor"
    pg.controls["loss"].value = "cross_entropy"
    assert pg.model.output_dim == 2 and pg.model.input_dim == 3
    pg.step(3)
    assert pg.history.train_error and pg.png


def test_batch_norm_needs_batches_of_two(pgs):
    pg = pgs(batch_size=1)
    pg.controls["batch_norm"].value = True
    assert pg.state["batch_size"] == 2 and "batch norm" in pg.message
    pg.step(1)


# --- playing in the background -----------------------------------------------------------------

def test_play_trains_in_the_background_and_pause_stops_it(pgs):
    pg = pgs()
    pg.play()
    wait_until(lambda: pg.history.epoch >= 3)
    pg.pause()
    epoch = pg.history.epoch
    time.sleep(0.3)
    assert pg.history.epoch == epoch and not pg.playing and not pg.errors
    other = pgs(dataset="xor")
    pg.play()
    other.play()                                            # one playground plays at a time
    assert other.playing and not pg.playing
    other.pause()


def test_play_stays_at_most_a_few_frames_ahead_of_the_browser(pgs):
    """Flow control: once a browser has echoed a frame number (through the hidden ``ack``),
    training waits for it; without echoes it goes on only slowly (a closed page)."""
    from deeplearn_helpers.playground.player import MAX_AHEAD
    pg = pgs()
    pg.step(1)                                       # sends frame 1
    pg._ui["ack"].value = pg._ui["sent"].value      # what the browser's jsdlink does
    pg.play()
    time.sleep(1.2)                                  # no more echoes: about 2 frames a second
    pg.pause()
    assert MAX_AHEAD <= pg.history.epoch <= MAX_AHEAD + 5
    pg._ui["ack"].value = pg._ui["sent"].value
    epoch = pg.history.epoch
    pg.play()
    for _ in range(40):                              # a browser that keeps up: full speed
        time.sleep(0.02)
        pg._ui["ack"].value = pg._ui["sent"].value
    pg.pause()
    assert pg.history.epoch > epoch + MAX_AHEAD


def test_divergence_pauses_draws_no_nan_and_can_go_on(pgs):
    pg = pgs(step_size=10.0, optimizer="sgd")
    pg.play()
    wait_until(lambda: not pg.playing)
    h = pg.history
    assert h.diverged and "diverged" in pg.message and not pg.errors
    assert all(np.all(np.isfinite(p)) for p in pg.model.params.values())
    fig = pg.figure
    out = [im for im in fig.findobj(AxesImage) if im.axes.get_title().startswith("output")]
    assert out and np.all(np.isfinite(out[0].get_array()))
    for line in fig.findobj(Line2D):
        assert np.all(np.isfinite(np.asarray(line.get_ydata(), dtype=float)))
    pg.controls["step_size"].value = 0.01
    pg.step(2)
    assert not pg.history.diverged and pg.history.epoch == h.diverged_epoch + 1


def test_200_rapid_random_changes_while_playing(pgs):
    """Random controls at random values, while training runs: nothing raises, and the state
    and the network are those of the last change."""
    rnd = random.Random(0)
    choices = {
        "dataset": ["spiral", "xor", "circle", "moons", "gaussians", "linear"],
        "points": [50, 100, 200], "noise": [0.0, 0.2, 0.4], "test_fraction": [0.2, 0.5],
        "seed": [0, 1, 2], "features": [("x1", "x2"), ("x1^2", "x2^2"), FEATURES],
        "depth": [0, 1, 2, 3], "width": [1, 2, 5, 9], "widths": ["3, 2", "4", "2, 2, 2"],
        "activation": ["sigmoid", "tanh", "relu"], "init": ["normal", "xavier", "he"],
        "init_scale": [0.5, 1.0], "batch_norm": [False, True], "loss": ["squared", "logistic"],
        "optimizer": ["sgd", "adam", "rmsprop"], "step_size": [0.01, 0.1],
        "batch_size": [2, 10, 30], "regularization": ["none", "l1", "l2"],
        "reg_rate": [0.001, 0.01], "dropout": [0.0, 0.2], "show_test": [False, True],
        "views": [VIEWS, ("output", "loss"), ("network", "hidden space")],
    }
    pg = pgs(points=100)
    pg.play()
    for _ in range(200):
        name = rnd.choice(sorted(choices))
        value = rnd.choice(choices[name])
        pg.controls[name].value = value
    time.sleep(0.3)
    pg.pause()
    assert not pg.errors, pg.errors
    assert pg.state[name] == (list(value) if isinstance(value, tuple) else value)
    s = pg.state
    widths = [int(w) for w in s["widths"].split(",") if w.strip()]
    assert pg.model.hidden == widths and s["depth"] == len(widths)
    assert pg.model.input_dim == len(s["features"])
    assert pg.model.activations == [s["activation"]] * len(widths)
    assert pg.model.batch_norm == s["batch_norm"]
    assert pg.session.opt.eta == pytest.approx(s["step_size"])
    pg.step(1)
    assert pg.png and not pg.errors


# --- own data, export, hiding, bad input -------------------------------------------------------

def upload(pg, name, content):
    f = {"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
         "last_modified": datetime.datetime(2024, 1, 1)}
    pg.buttons["upload"].value = (f,)


def test_a_bad_csv_says_so_and_the_data_stay(pgs):
    pg = pgs()
    X = pg.data["X_train"]
    for bad in (b"x1,x2,label\n1,2\n", b"1,2,3\n4,5,six\n", b"\xff\xfe\x00", b"",
                b"1,2,0\n" * 5, "\n".join(f"{i},{i},{i}" for i in range(20)).encode()):
        upload(pg, "bad.csv", bad)
        assert "could not use bad.csv" in pg.message
        assert pg.data["X_train"] is X and pg.state["dataset"] == "circle"
    with pytest.raises(ValueError, match="line 3: expected 3 numbers"):
        pg.load_csv("x1,x2,label\n0,0,1\n1,x,0\n")
    assert not pg.errors


def test_own_csv_data_two_and_three_classes(pgs):
    pg = pgs()
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    lines = ["x1,x2,label"] + [f"{a:.3f},{b:.3f},{int(a > 0)}" for a, b in X]
    upload(pg, "mine.csv", "\n".join(lines).encode())
    assert pg.state["dataset"] == "own" and "60 points" in pg.message
    assert set(np.unique(pg.data["y_train"])) == {-1.0, 1.0}
    pg.step(2)
    twin = pgs(**pg.state)
    assert twin.state == pg.state
    y3 = np.digitize(X[:, 0], [-0.5, 0.5])
    pg.load_csv("\n".join(f"{a};{b};{c}" for (a, b), c in zip(X, y3, strict=True)),
                name="three.csv")
    assert pg.state["loss"] == "cross_entropy" and pg.model.output_dim == 3
    pg.step(2)
    assert pg.png and not pg.errors


def test_read_points():
    X, y = read_points("# my data\nx1 x2 label\n" + "\n".join(
        f"{i / 10} {-i / 10} {5 if i % 2 else 7}" for i in range(12)))
    assert X.shape == (12, 2) and set(y) == {-1.0, 1.0} and y[0] == 1.0
    with pytest.raises(ValueError, match="10 to 5000 points"):
        read_points("1,2,0\n3,4,1\n")
    with pytest.raises(ValueError, match="label: expected 2 classes"):
        read_points([[i, i, i * 0.5] for i in range(20)])


def test_export_model_and_state(pgs, tmp_path):
    pg = pgs(dataset="xor", width=3)
    pg.step(2)
    with np.load(pg.save_model(tmp_path / "m.npz")) as f:
        for k, v in pg.model.params.items():
            np.testing.assert_array_equal(f[k], v)
        assert json.loads(str(f["state"])) == pg.state
    again = Playground.load_state(pg.save_state(tmp_path / "s.json"))
    assert again.state == pg.state
    again.close()


def test_hide_controls(pgs):
    pg = pgs(hide=["dataset", "features", "export"])
    assert pg.controls["dataset"].layout.display == "none"
    assert pg.controls["features"].layout.display == "none"
    assert pg.controls["width"].layout.display != "none"
    lesson = pgs(show=["step_size", "optimizer"])                 # a lesson's controls only
    shown = {n for n, w in lesson.controls.items() if w.layout.display != "none"}
    assert shown == {"step_size", "optimizer"}
    assert len(lesson._ui["groups"].children) == 1                 # one group: no tabs
    with pytest.raises(ValueError, match="show: expected control names .*, got 'eta'"):
        Playground(show=["eta"])
    with pytest.raises(ValueError, match="hide: expected control names .*, got 'colour'"):
        Playground(hide=["colour"])


@pytest.mark.parametrize("kw, match", [
    (dict(width=100), r"width: expected an integer from 1 to 64"),
    (dict(step_size=0.0), r"step_size: expected a number from 0.0001 to 10"),
    (dict(dataset="moon"), r"dataset: expected one of linear, xor, .*, got 'moon'"),
    (dict(features=["x3"]), r"features: expected a list of names from x1, x2"),
    (dict(widths="8, x"), r"widths: expected up to 8 layer widths"),
    (dict(batch_size=1000), r"batch_size: expected an integer from 1 to 300"),
    (dict(colour="red"), r"colour: unknown control"),
    (dict(dataset="own"), r"dataset: expected data=\(X, y\) with 'own'"),
])
def test_bad_arguments_raise(kw, match):
    with pytest.raises(ValueError, match=match):
        Playground(**kw)


# --- the pieces: features, the renderer ----------------------------------------------------------

def test_input_features():
    X = np.array([[0.5, -2.0], [1.0, 3.0]])
    Phi = input_features(X, FEATURES)
    expected = np.column_stack([X[:, 0], X[:, 1], X[:, 0] ** 2, X[:, 1] ** 2, X[:, 0] * X[:, 1],
                                np.sin(X[:, 0]), np.sin(X[:, 1])])
    np.testing.assert_allclose(Phi, expected)
    assert input_features(X[:, :1], ["sin x1", "x1"]).shape == (2, 2)
    for names in (["x2"], [], ["x1", "x1"], "x1", ["x3"]):
        with pytest.raises(ValueError, match="names"):
            input_features(X[:, :1] if names == ["x2"] else X, names)


@pytest.mark.parametrize("batch_norm", [False, True])
def test_forward_from_a_hidden_layer_is_the_rest_of_the_network(batch_norm):
    X, y = dl.make_dataset("moons", n=50, seed=0)
    model = dl.MLP(input_dim=2, hidden=[5, 2, 4], batch_norm=batch_norm, seed=1)
    dl.train(model, X, y, epochs=2, batch_size=10)
    F, cache = model.forward(X, train=False)
    np.testing.assert_allclose(forward_from(model, cache[1]["H"], 2), F, rtol=1e-12)


def test_the_figure_is_updated_in_place(pgs):
    pg = pgs(widths="8, 2")
    fig = pg.figure
    axes, images = list(fig.axes), fig.findobj(AxesImage)
    pg.step(1)
    assert pg.figure is fig and list(fig.axes) == axes and fig.findobj(AxesImage) == images
    pg.controls["step_size"].value = 0.3                     # not the architecture: same artists
    assert pg.figure is fig
    assert fig.findobj(AxesImage) == images
    pg.controls["widths"].value = "5, 2"                     # the architecture: new pictures
    assert pg.figure is fig
    assert list(fig.axes) == axes and fig.findobj(AxesImage) != images
    assert [ax.get_title() for ax in fig.axes if ax.get_title()] == [
        "output fθ(x)", "hidden space, layer 2"]
    pg.controls["width"].value = 6                           # no layer of 2: no hidden space
    assert [ax.get_title() for ax in pg.figure.axes if ax.get_title()] == [
        "output fθ(x)"]


def test_every_change_redraws_and_nothing_else_does(pgs):
    """A draw counter and the PNG: a step, a slider and a view toggle each draw a new
    picture; asking for the picture again draws nothing."""
    pg = pgs()
    png, draws = pg.png, pg.draws
    assert pg.png == png and pg.draws == draws               # nothing changed: no drawing
    pg.step(1)
    assert pg.draws == draws + 1 and pg.png != png
    for name, value in (("width", 3), ("step_size", 0.5), ("noise", 0.3),
                        ("views", ("output", "loss")), ("show_test", True)):
        png, draws = pg.png, pg.draws
        pg.controls[name].value = value
        new = pg.png
        assert pg.draws == draws + 1 and new != png, name
    assert pg._image.value == pg.png                         # the widget shows the picture


def test_play_draws_coarse_frames_and_a_full_picture_when_paused(pgs):
    pg = pgs()
    pg.play()
    wait_until(lambda: pg.history.epoch >= 3)
    pg.pause()
    wait_until(lambda: pg._image.value == pg.png)
    assert not pg.figure.axes[1].images[0].get_array().shape[0] == 49   # 73 x 73 again
    from deeplearn_helpers.playground.pictures import R_FAST, R_OUT
    assert (R_FAST, R_OUT) == (49, 73)


def test_png_bytes_round_trip():
    import io

    from PIL import Image
    rgb = np.random.default_rng(0).integers(0, 256, (7, 5, 3), dtype=np.uint8)
    np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(png_bytes(rgb)))), rgb)


def test_the_renderer_does_not_draw_a_scene_twice():
    from deeplearn_helpers.playground.render import PlaygroundView
    s, view = Session(), PlaygroundView()
    assert view.draw(s.scene()) and view.draws == 1
    assert not view.draw(s.scene()) and view.draws == 1     # nothing changed: no evaluation
    assert view.draw(s.scene(fast=True)) and view.draws == 2     # playing: the coarse grid
    s.step(1)
    assert view.draw(s.scene(fast=True)) and view.draws == 3
