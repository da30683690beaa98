"""The projector style (deeplearn_helpers/plot/style.py): dl.style switches rcParams and back,
figsize sizes figures for a slide, measure_figure finds the smallest text a figure shows at
the deck's size, and the basic plots are readable on a 1280x720 projector."""
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.plot import style


@pytest.fixture
def lecture():
    dl.style("lecture")
    yield
    dl.style("default")
    plt.close("all")


def test_style_switches_and_restores():
    dl.style("default")        # undo a lecture style an earlier module-scoped fixture left on
    before = {k: mpl.rcParams[k] for k in style.LECTURE}
    dl.style("lecture")
    dl.style("lecture")                                    # twice: still one way back
    assert mpl.rcParams["font.size"] == style.BASE_PT
    assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == style.COLORS
    assert mpl.rcParams["image.cmap"] == style.SEQUENTIAL
    dl.style("default")
    assert {k: mpl.rcParams[k] for k in style.LECTURE} == before


def test_style_rejects_unknown_names():
    with raises("name: expected 'lecture' or 'default', got 'projector'"):
        dl.style("projector")


def test_figsize_fits_a_slide():
    w, h = style.figsize()
    assert (w, h) == (style.FIG_WIDTH, round(0.75 * style.FIG_WIDTH, 2) if
                      0.75 * style.FIG_WIDTH < style.MAX_HEIGHT else style.MAX_HEIGHT)
    assert style.figsize(3, aspect=1.0) == (10.5, 3.5)
    assert style.figsize(1, 3, aspect=1.0)[1] == style.MAX_HEIGHT      # capped
    assert style.figsize(width=0.5)[0] == 5.25
    assert style.FIG_WIDTH * style.DPI <= style.DECK_CELL_PX


@pytest.mark.parametrize("kwargs, message", [
    ({"ncols": 0}, "ncols: expected a positive int, got 0"),
    ({"nrows": 1.5}, "nrows: expected a positive int, got 1.5"),
    ({"width": 1.2}, r"width: expected a number in \(0, 1\], got 1.2"),
    ({"aspect": -1}, "aspect: expected a positive number, got -1"),
])
def test_figsize_rejects_bad_input(kwargs, message):
    with raises(message):
        style.figsize(**kwargs)


def test_measure_finds_the_smallest_visible_text(lecture):
    fig, ax = plt.subplots(figsize=style.figsize(aspect=0.4))
    ax.plot([0, 1], [0, 1], label="a line")
    ax.set_title("title")
    ax.legend()
    ax.annotate("tiny", (0.5, 0.5), fontsize=7)
    ax.text(0.2, 0.2, "hidden", fontsize=3, visible=False)
    png, md = style.measure_figure(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert md["dl_min_text"] == "tiny"
    assert md["dl_min_text_px"] == pytest.approx(7 * style.DPI / 72, abs=0.05)
    assert md["dl_png_px"][0] <= style.DECK_CELL_PX
    ax.texts[0].set_visible(False)                        # without the annotation: the ticks
    _, md = style.measure_figure(fig)
    assert md["dl_min_text_px"] == pytest.approx(style.SMALL * style.DPI / 72, abs=0.05)


def test_measure_scales_a_figure_wider_than_the_deck(lecture):
    fig, ax = plt.subplots(figsize=(16, 3))
    ax.plot([0, 1])
    _, md = style.measure_figure(fig)
    scale = style.DECK_CELL_PX / md["dl_png_px"][0]
    assert scale < 1
    assert md["dl_shown_px"][0] == style.DECK_CELL_PX
    assert md["dl_min_text_px"] == pytest.approx(style.SMALL * style.DPI / 72 * scale, abs=0.05)


def test_the_basic_plots_are_readable_on_the_projector(lecture):
    X, y = dl.make_dataset("xor", n=80, noise=0.1, seed=0)
    model = dl.MLP(input_dim=2, hidden=[4], activation="tanh", seed=0)
    hist = dl.train(model, X, y, loss="squared", optimizer=dl.SGD(0.1), epochs=5,
                    X_test=X, y_test=y)
    Xr = np.linspace(-1, 1, 20)[:, None]
    reg = dl.MLP(input_dim=1, hidden=[4], activation="tanh", seed=0)
    axes = [dl.plot_decision_boundary(model, X, y, title="boundary"),
            dl.plot_loss_curves(hist, title="loss"),
            dl.plot_fit(reg, Xr, Xr[:, 0] ** 2, title="fit")]
    for ax in axes:
        _, md = style.measure_figure(ax.figure)
        assert md["dl_min_text_px"] >= style.MIN_TEXT_PX, md
        assert md["dl_png_px"][0] <= style.DECK_CELL_PX
        assert md["dl_png_px"][1] <= style.MAX_HEIGHT * style.DPI + 60


def test_basics_colours_are_the_colour_blind_safe_pair():
    assert (dl.plot.POS_COLOR, dl.plot.NEG_COLOR) == ("#0072B2", "#E69F00")
