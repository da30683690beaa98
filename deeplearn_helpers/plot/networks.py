"""Pictures for notebooks 02 and 03: sigma(z), a hidden layer unit by unit next to its output,
networks of different depths side by side, and images (8x8 digits, first-layer weights).

    h_j(x) = sigma(v_j . x),   f_theta(x) = w . h(x)
"""
import math

import matplotlib.pyplot as plt
import numpy as np

from ..losses import error_rate
from ..models import sigmoid
from .basics import CMAP, NEG_COLOR, POS_COLOR, SQUARE, WIDE, plot_decision_boundary
from .style import COLORS, FIG_WIDTH, SMALL, figsize
from .units import _limits, plot_network, unit_maps


def plot_sigmoid(steepness=(1.0,), ax=None, z_range=(-6.0, 6.0)):
    """The logistic function sigma(k z) = (1 + e^{-k z})^{-1} for each steepness k.

    One k (the default, k = 1) is the slide's sigma(z); several show how a large k turns the
    unit into a step, a McCulloch-Pitts threshold unit.  Returns the Axes.
    """
    ks = [steepness] if np.ndim(steepness) == 0 else list(steepness)
    if not ks or any(not np.isfinite(k) or k <= 0 for k in ks):
        raise ValueError(f"steepness: expected numbers > 0, got {steepness!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=WIDE)
    z = np.linspace(*z_range, 601)
    for k, color in zip(ks, [POS_COLOR, NEG_COLOR, "0.25", COLORS[2]] * len(ks), strict=False):
        label = "$\\sigma(z)$" if k == 1 else f"$\\sigma({k:g}\\,z)$"
        ax.plot(z, sigmoid(k * z), color=color, lw=2.5, label=label)
    for level in (0.0, 1.0):
        ax.axhline(level, color="0.6", lw=0.8, ls="--")
    ax.axvline(0.0, color="0.6", lw=0.8)
    ax.plot([0], [0.5], "o", color="k", ms=5)
    ax.annotate("$\\sigma(0) = 1/2$", (0, 0.5), xytext=(0.6, 0.42))
    ax.set_xlabel("$z = \\mathbf{v}_j \\cdot x$")
    ax.set_ylabel("$\\sigma$")
    ax.set_ylim(-0.08, 1.08)
    ax.set_title("the logistic function $\\sigma(z) = (1 + e^{-z})^{-1}$" if len(ks) == 1
                 else "a steeper $\\sigma$ is closer to a step (a threshold unit)")
    ax.legend(loc="upper left")
    return ax


def _unit_formula(v, b):
    """'sigma(10 x_1 + 10 x_2 - 6)' for the weights v (2,) and bias b (None: no bias)."""
    terms = [(c, f"x_{i + 1}") for i, c in enumerate(v)] + ([(b, "")] if b is not None else [])
    s = ""
    for c, name in terms:
        if c == 0:
            continue
        sign = "-" if c < 0 else ("+" if s else "")
        mag = f"{abs(c):g}" if (abs(c) != 1 or not name) else ""
        s += f" {sign} {mag}{name}" if s else f"{sign}{mag}{name}"
    return f"\\sigma({s.strip() or '0'})"


def plot_units_and_output(model, X=None, y=None, ax=None, formulas=False, title=None,
                          resolution=40):
    """A hidden layer at a glance: every unit h_j(x) of the last hidden layer as a small
    heatmap (left) and the output f_theta(x) = w . h(x) with the data (right), in one Axes.

    Blue is high, orange low.  formulas: title each unit with sigma(v_j . x + b_j) (for a
    few units with hand-set weights).  X: (n, 2), y: (n,) in {-1, +1}.  Returns the Axes.
    """
    if not model.hidden:
        raise ValueError(f"model: expected a network with at least one hidden layer, got {model!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(aspect=0.46))
    ax.axis("off")
    extent, maps = unit_maps(model, resolution, X)
    H, act, L = maps[-2], model.activations[-1], len(model.hidden)
    lo, hi = _limits(act, H)
    n = H.shape[0]
    ncols = math.ceil(math.sqrt(n))
    nrows = math.ceil(n / ncols)
    fig = ax.figure
    pos = ax.get_position()
    W_in, H_in = pos.width * fig.get_figwidth(), pos.height * fig.get_figheight()
    cell = min(0.54 * W_in / ncols, 0.86 * H_in / nrows)          # inches per unit picture
    fs = "medium" if n <= 4 else SMALL
    V = model.params[model.layers[-2].weight]                     # the last hidden layer
    b = model.params[model.layers[-2].bias] if model.bias else None
    top = 0.90 - (0.90 - nrows * cell / H_in) / 2                  # the grid centred vertically
    for j in range(n):
        r, c = divmod(j, ncols)
        box = [c * cell / W_in, top - (r + 1) * cell / H_in + 0.1 * cell / H_in,
               0.86 * cell / W_in, 0.80 * cell / H_in]
        sub = ax.inset_axes(box)
        sub.imshow(np.clip(H[j], lo, hi), origin="lower", extent=extent, cmap=CMAP, vmin=lo,
                   vmax=hi, interpolation="bilinear")
        if X is not None and n <= 8:
            sub.scatter(X[:, 0], X[:, 1], s=5, c=np.where(y > 0, POS_COLOR, NEG_COLOR),
                        edgecolors="0.1", linewidths=0.4)
        sub.set_xlim(extent[:2])
        sub.set_ylim(extent[2:])
        sub.set_xticks([])
        sub.set_yticks([])
        name = f"h_{{{j + 1}}}" if L == 1 else f"h^{{({L})}}_{{{j + 1}}}"
        if formulas and L == 1:
            name += " = " + _unit_formula(V[j], None if b is None else b[j])
        if n <= 9 or formulas:
            sub.set_title(f"${name}$", fontsize=fs, pad=2)
    ax.text(0.0, min(top + 0.05, 0.93), f"{n} hidden unit{'s' if n > 1 else ''} $h_j(x)$ "
            f"({act}; blue high, orange low)", transform=ax.transAxes, va="bottom")
    out = ax.inset_axes([0.60, 0.02, 0.40, 0.86])
    err = error_rate(model.predict(X), y) if X is not None else None
    plot_decision_boundary(model, X, y, ax=out, legend=True,
                           title="output $f_\\theta(x) = \\mathbf{w}\\cdot\\mathbf{h}(x)$"
                           + (f"\ntraining error {err:.1%}" if err is not None else ""))
    if title:
        ax.set_title(title)
    return ax


def plot_network_and_output(model, X, y, axes, name=None, max_units=8):
    """One network in two pictures: its diagram (units as heatmaps, layer by layer) on
    axes[0], its output f_theta(x) with the data and the training error on axes[1].

    model: a trained MLP on 2-D inputs; X: (n, 2), y: (n,) in {-1, +1}.  Returns axes.
    """
    L = len(model.hidden)
    name = name or f"{L}-layer network"
    plot_network(model, X, y, ax=axes[0], resolution=24, max_units=max_units)
    for t in axes[0].texts:                   # "layer 1" rather than "hidden layer 1": side by side
        t.set_text(t.get_text().replace("hidden layer", "layer"))    # the labels must not touch
    axes[0].set_title(f"{name}: {model.n_params} parameters", pad=16)
    err = error_rate(model.predict(X), y)
    plot_decision_boundary(model, X, y, ax=axes[1], legend=False,
                           title=f"{name}: $f_\\theta(x)$\ntraining error {err:.1%}")
    return axes


def plot_depth_comparison(models, X, y, names=None, max_units=8, diagrams=True, fig=None):
    """Networks side by side, one column each: its diagram (top) and its output (bottom),
    drawn by ``plot_network_and_output``; diagrams=False draws the outputs only (one row).

    models: a list of trained MLPs on 2-D inputs; X: (n, 2), y: (n,) in {-1, +1}.
    Returns the Figure.
    """
    k = len(models)
    names = names or [f"{len(m.hidden)}-layer network" for m in models]
    if not diagrams:
        fig = fig or plt.figure(figsize=figsize(k, aspect=1.05))
        for i, (m, name) in enumerate(zip(models, names, strict=True)):
            err = error_rate(m.predict(X), y)
            plot_decision_boundary(m, X, y, ax=fig.add_subplot(1, k, i + 1), legend=False,
                                   title=f"{name}\ntraining error {err:.1%}")
        fig.tight_layout()
        return fig
    ratios = [2.6 * (len(m.sizes) - 1) + 3.2 for m in models]  # a diagram's width, in its units
    fig = fig or plt.figure(figsize=(FIG_WIDTH, 2 * figsize(k, aspect=0.5)[1]))
    gs = fig.add_gridspec(2, k, height_ratios=[1.45, 1], width_ratios=ratios)
    for i, m in enumerate(models):
        axes = [fig.add_subplot(gs[0, i]), fig.add_subplot(gs[1, i])]
        plot_network_and_output(m, X, y, axes, names[i], max_units)
    fig.tight_layout()
    return fig


def plot_image_grid(images, labels=None, ax=None, n_cols=10, symmetric=False, title=None,
                    image_size=0.9):
    """Small images in a grid, in one Axes.  images: (m, r, c); labels: m strings or numbers.

    image_size: inches per image when a new figure is made (ax=None).
    symmetric: for weights, each image is scaled to its own max |value| and drawn blue for
    positive, orange for negative (white 0); otherwise grey levels from 0 (white) to 1 (black).
    Returns the Axes.
    """
    images = np.asarray(images, dtype=float)
    if images.ndim != 3 or len(images) == 0:
        raise ValueError(f"images: expected an array (m, rows, cols) with m >= 1, "
                         f"got shape {images.shape}")
    m, r, c = images.shape
    n_cols = min(n_cols, m)
    n_rows = math.ceil(m / n_cols)
    gap, gap_y = 1, (3 if labels is not None else 1)          # room for a label under each image
    if ax is None:
        w = min(FIG_WIDTH, image_size * n_cols + 0.5)
        _, ax = plt.subplots(figsize=(w, min(4.8, (w - 0.5) / n_cols * n_rows
                                             * (1 + 0.3 * (gap_y > 1)) + 0.6)))
    mosaic = np.full((n_rows * (r + gap_y) - (gap_y if labels is None else 0),
                      n_cols * (c + gap) - gap), np.nan)
    for i, img in enumerate(images):
        if symmetric:
            img = img / (np.max(np.abs(img)) or 1.0)
        row, col = divmod(i, n_cols)
        mosaic[row * (r + gap_y):row * (r + gap_y) + r, col * (c + gap):col * (c + gap) + c] = img
    cmap = (CMAP if symmetric else plt.get_cmap("Greys")).with_extremes(bad="white")
    lo, hi = (-1.0, 1.0) if symmetric else (0.0, 1.0)
    ax.imshow(mosaic, cmap=cmap, vmin=lo, vmax=hi, interpolation="nearest")
    if labels is not None:
        for i, lab in enumerate(labels):
            row, col = divmod(i, n_cols)
            ax.text(col * (c + gap) + (c - 1) / 2, row * (r + gap_y) + r + 0.6, str(lab),
                    ha="center", va="center")
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_visible(False)
    if title:
        ax.set_title(title)
    return ax


def plot_weight_images(model, ax=None, image_shape=(8, 8), n_cols=8, title=None, image_size=0.9):
    """The first layer's weights as images: row j of V1 (the lecture's v_j) reshaped to the
    input image, one picture per hidden unit.  v_j . x is large where x looks like v_j's blue
    parts and not like its orange parts.  Returns the Axes.
    """
    V = model.params[model.weight_names[0]]
    if V.shape[1] != image_shape[0] * image_shape[1]:
        raise ValueError(f"image_shape: expected rows * cols = {V.shape[1]} (the inputs), "
                         f"got {image_shape}")
    return plot_image_grid(V.reshape(-1, *image_shape), ax=ax, n_cols=n_cols, symmetric=True,
                           image_size=image_size,
                           title=title or "first-layer weights $\\mathbf{v}_j$ as 8x8 images "
                                          "(blue +, orange -)")


BOUNDARY = "$\\mathbf{w}\\cdot\\mathbf{h} + b = 0$"


def plot_hidden_space(model, X, y, ax=None, title=None):
    """The data in the coordinates of two hidden units, h(x) = (h_1(x), h_2(x)), with the
    output's boundary w . h + b = 0: the network is a linear predictor on the features h(x).

    model: an MLP with one hidden layer of 2 units; X: (n, 2), y: (n,) in {-1, +1}.
    """
    if len(model.hidden) != 1 or model.hidden[0] != 2:
        raise ValueError(f"model: expected one hidden layer of 2 units, got hidden={model.hidden}")
    if ax is None:
        _, ax = plt.subplots(figsize=SQUARE)
    H = model.hidden_units(X)[0]
    lo, hi = _limits(model.activations[0], H)
    ax.scatter(H[:, 0], H[:, 1], s=22, c=np.where(y > 0, POS_COLOR, NEG_COLOR),
               edgecolors="white", linewidths=0.6, zorder=3)
    w = model.params["w"][0]
    b = model.params["b"][0] if model.bias else 0.0
    t = np.linspace(lo - 0.1, hi + 0.1, 200)
    if abs(w[1]) > 1e-12:                                  # w1 h1 + w2 h2 + b = 0
        ax.plot(t, -(w[0] * t + b) / w[1], color="k", lw=1.5, label=BOUNDARY)
    elif abs(w[0]) > 1e-12:
        ax.axvline(-b / w[0], color="k", lw=1.5, label=BOUNDARY)
    pad = 0.1 * (hi - lo)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_aspect("equal")
    ax.set_xlabel("$h_1(x)$")
    ax.set_ylabel("$h_2(x)$")
    ax.legend(loc="upper right")
    ax.set_title(title or "the data in the hidden units' coordinates")
    return ax
