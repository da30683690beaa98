"""The package's shape: math modules import numpy only, plots return their Axes and leave
global state alone, lazy attributes resolve."""
import subprocess
import sys

import matplotlib
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pytest

import deeplearn_helpers as dl  # noqa: E402


def test_import_loads_neither_matplotlib_nor_ipywidgets():
    code = ("import sys, deeplearn_helpers as dl; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'IPython') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_attributes():
    assert callable(dl.plot_decision_boundary) and callable(dl.linear_explorer)
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        _ = dl.nonexistent


@pytest.fixture
def trained():
    X, y = dl.make_dataset("circle", n=60, seed=0)
    model = dl.MLP(input_dim=2, hidden=[4, 3], activation="tanh", seed=0)
    hist = dl.train(model, X, y, optimizer=dl.Adam(0.05), epochs=5, batch_size=10)
    return model, X, y, hist


def test_plots_return_their_axes_and_keep_rcparams(trained):
    model, X, y, hist = trained
    before = dict(matplotlib.rcParams)
    fig, axes = plt.subplots(1, 4)
    assert dl.plot_decision_boundary(model, X, y, ax=axes[0]) is axes[0]
    assert dl.plot_loss_curves(hist, ax=axes[1]) is axes[1]
    assert dl.plot_network(model, X, y, ax=axes[2]) is axes[2]
    assert dl.plot_linear_predictor(30, 1.0, X, y, ax=axes[3]) is axes[3]
    Xs, ys = dl.make_dataset("sine", n=20, seed=0)
    reg = dl.MLP(input_dim=1, hidden=[4], seed=0)
    assert dl.plot_fit(reg, Xs, ys).figure is not fig
    assert dict(matplotlib.rcParams) == before
    plt.close("all")


def test_hidden_unit_maps_match_the_model(trained):
    model, X, y, _ = trained
    extent, maps = dl.plot.unit_maps(model, resolution=7)
    assert [m.shape for m in maps] == [(2, 7, 7), (4, 7, 7), (3, 7, 7), (1, 7, 7)]
    _, _, G = dl.input_grid(resolution=7)
    assert np.allclose(maps[-1][0].ravel(), model.predict(G))
    assert np.allclose(maps[1].reshape(4, -1).T, model.hidden_units(G)[0])
    fig = dl.plot_hidden_units(model, X, y, resolution=10)
    assert len(fig.axes) == 3 * 4      # 2 hidden rows + output row, 4 columns
    plt.close("all")


def test_linear_explorer_redraws_on_a_slider_change():
    X, y = dl.make_dataset("linear", n=30, seed=0)
    box = dl.linear_explorer(X, y)
    calls = []
    orig = box.redraw
    box.controls["angle"].observe(lambda change: calls.append(change["new"]), names="value")
    box.controls["angle"].value = 120
    assert calls == [120] and callable(orig)
    assert dl.linear_predictor(90, 2.0).w == pytest.approx([0, 2.0], abs=1e-12)


def test_diverged_models_never_draw_nan(trained):
    model, X, y, _ = trained
    hist = dl.train(model, X, y, optimizer=dl.SGD(1e6), epochs=3)
    assert hist.diverged
    ax = dl.plot_decision_boundary(model, X, y)
    assert len(ax.images) == 1 and np.all(np.isfinite(ax.images[0].get_array()))
    plt.close("all")


def test_dir_lists_the_lazy_names_and_every_name_resolves():
    names = dir(dl)
    assert {"plot_decision_boundary", "plot_network", "Playground", "linear_explorer",
            "affine_forward", "MLP", "train"} <= set(names)
    for name in names:
        getattr(dl, name)
