"""The basic pictures: a 2-D classifier over the input plane, a 1-D regression fit, and
TrainLoss / test loss against the epoch.

Colours follow TensorFlow Playground: +1 blue, -1 orange, f_theta(x) shaded between them
(the blue and orange of Okabe & Ito's colour-blind-safe palette, see style.py). Sizes follow
style.py's contract: figures from ``style.figsize``, font sizes from the rcParams.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from .style import ACCENT, COLORS, figsize

POS_COLOR = COLORS[0]        # y = +1: blue   #0072B2
NEG_COLOR = COLORS[1]        # y = -1: orange #E69F00
CMAP = LinearSegmentedColormap.from_list("playground", [NEG_COLOR, "#f7f7f7", POS_COLOR])
PLANE = (-1.6, 1.6)          # every 2-D dataset of the package lies inside this square


SQUARE = figsize(aspect=1.0, width=0.45)     # one input plane: 4.7 x 4.7 in
WIDE = figsize(aspect=0.62, width=0.6)       # one curve: 6.3 x 3.9 in


def _axes(ax, figsize=SQUARE):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def input_grid(X=None, resolution=80, lim=None):
    """A grid over the input plane for heatmaps.

    X: (n, 2) data, whose extent (plus a margin) sets the plane if it reaches beyond PLANE.
    Returns (x1s (r,), x2s (r,), G (r*r, 2)), G's rows running over x1 fastest.
    """
    lo, hi = lim if lim is not None else PLANE
    if X is not None and lim is None:
        lo = min(lo, float(np.min(X)) - 0.2)
        hi = max(hi, float(np.max(X)) + 0.2)
    s = np.linspace(lo, hi, resolution)
    g1, g2 = np.meshgrid(s, s)
    return s, s, np.column_stack([g1.ravel(), g2.ravel()])


def plot_data(X, y, ax=None, marker="o", size=36, alpha=1.0, label=True):
    """The points of a 2-D classification set, coloured by label.

    X: (n, 2), y: (n,) in {-1, +1}.
    """
    ax = _axes(ax)
    for cls, color in ((1, POS_COLOR), (-1, NEG_COLOR)):
        m = y == cls
        ax.scatter(X[m, 0], X[m, 1], s=size, c=color, marker=marker, edgecolors="white",
                   linewidths=0.8, alpha=alpha, label=f"y = {cls:+d}" if label else None, zorder=3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal")
    return ax


def plot_decision_boundary(model, X, y, ax=None, X_test=None, y_test=None, resolution=80,
                           title=None, show_w=None, legend=True):
    """f_theta(x) over the input plane (shaded, clipped to [-1, 1]), the boundary f = 0, the data.

    model: anything with predict(G (m, 2)) -> (m,); X: (n, 2), y: (n,) in {-1, +1}.
    show_w: draw the weight vector w as an arrow (default: for a bias-free linear predictor).
    Test points, if given, are drawn as triangles.
    """
    ax = _axes(ax)
    s1, s2, G = input_grid(X, resolution)
    with np.errstate(all="ignore"):
        F = np.asarray(model.predict(G), dtype=float).reshape(len(s2), len(s1))
    if np.all(np.isfinite(F)):
        ax.imshow(np.clip(F, -1, 1), origin="lower", extent=(s1[0], s1[-1], s2[0], s2[-1]),
                  cmap=CMAP, vmin=-1, vmax=1, alpha=0.75, interpolation="bilinear", zorder=1)
        if F.min() < 0 < F.max():
            ax.contour(s1, s2, F, levels=[0.0], colors="k", linewidths=2, zorder=2)
    plot_data(X, y, ax=ax, label=legend)
    if X_test is not None:
        plot_data(X_test, y_test, ax=ax, marker="^", size=42, alpha=0.9, label=False)
    if show_w is None:
        show_w = getattr(model, "hidden", None) == [] and not getattr(model, "bias", True)
    if show_w:
        w = model.params["w"][0]
        ax.annotate("", xy=(w[0], w[1]), xytext=(0, 0), zorder=4,
                    arrowprops=dict(arrowstyle="-|>", color="k", lw=2))
        ax.text(w[0], w[1], "  $\\mathbf{w}$", fontsize="large", zorder=4, va="center")
    ax.set_xlim(s1[0], s1[-1])
    ax.set_ylim(s2[0], s2[-1])
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="upper right")
    return ax


def plot_fit(model, X, y, ax=None, title=None, resolution=200):
    """A 1-D regression: the data (x, y) and the curve f_theta(x).  X: (n, 1), y: (n,)."""
    ax = _axes(ax, figsize=WIDE)
    x = np.linspace(X.min() - 0.1, X.max() + 0.1, resolution)[:, None]
    ax.scatter(X[:, 0], y, s=30, c=POS_COLOR, edgecolors="white", linewidths=0.5,
               label="data", zorder=3)
    with np.errstate(all="ignore"):
        f = np.asarray(model.predict(x), dtype=float)
    if np.all(np.isfinite(f)):
        ax.plot(x[:, 0], f, color="k", label="$f_\\theta(x)$")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(loc="best")
    if title:
        ax.set_title(title)
    return ax


def plot_loss_curves(history, ax=None, log=True, title=None, label=None, color=None):
    """TrainLoss (solid) and test loss (dashed) against the epoch; a divergence is marked.

    log: a log scale for the loss when it spans more than a factor of 10.

    history: a History (train_loss, test_loss lists, index 0 before training).
    """
    ax = _axes(ax, figsize=WIDE)
    name = f"{label}: " if label else ""
    line, = ax.plot(history.epochs, history.train_loss, color=color, label=f"{name}TrainLoss")
    if history.test_loss:
        ax.plot(history.epochs, history.test_loss, color=line.get_color(), ls="--",
                label=f"{name}test loss")
    if history.diverged:
        ax.axvline(history.epoch, color=ACCENT, lw=1.5, ls=":")
        ax.text(history.epoch, np.max(history.train_loss), " diverged", color=ACCENT,
                va="top")
    values = history.train_loss + history.test_loss
    if log and min(values) > 0 and max(values) > 10 * min(values):
        ax.set_yscale("log")
    ax.set_xlabel("epoch $t$")
    ax.set_ylabel("loss")
    ax.legend(loc="best")
    if title:
        ax.set_title(title)
    return ax
