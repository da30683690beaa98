"""Hidden units as pictures: every h_j over the input plane, layer by layer, and the network
drawn as a diagram whose units are those pictures (TensorFlow Playground's view).

    h^(1)_j(x) = sigma(v^(1)_j . x),  h^(l)_j(x) = sigma(v^(l)_j . h^(l-1)(x)),
    f_theta(x) = w . h^(L)(x)
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection

from .basics import CMAP, NEG_COLOR, POS_COLOR, input_grid, plot_data, plot_decision_boundary
from .style import FIG_WIDTH, MAX_HEIGHT, SMALL, figsize


def unit_maps(model, resolution=40, X=None, lim=None):
    """Every unit's value over a grid of the input plane, in eval mode.

    Returns (extent, maps): extent (x_lo, x_hi, y_lo, y_hi); maps a list with one array per
    layer: the inputs (2, r, r), each hidden layer (width_l, r, r), the output (1, r, r).
    """
    s1, s2, G = input_grid(X, resolution, lim)
    r = len(s1)
    with np.errstate(all="ignore"):
        F, cache = model.forward(G, train=False)
    maps = [G.T.reshape(2, r, r)]
    maps += [c["H"].T.reshape(-1, r, r) for c in cache[:-1]]
    maps.append(np.reshape(F.T if F.ndim == 2 else F, (-1, r, r))[:1])
    return (s1[0], s1[-1], s2[0], s2[-1]), maps


def _limits(act, M):
    """Colour limits for a unit of activation ``act``: the range the unit can take."""
    if act == "sigmoid":
        return 0.0, 1.0
    if act == "tanh":
        return -1.0, 1.0
    top = float(np.max(np.abs(M))) if M.size and np.all(np.isfinite(M)) else 1.0
    return (0.0 if act == "relu" else -top), max(top, 1e-9)


def _layer_names(model):
    L = len(model.hidden)
    return ["input"] + [f"hidden layer {li}" for li in range(1, L + 1)] + ["output"]


def plot_hidden_units(model, X=None, y=None, resolution=40, max_units=12, unit_size=1.35,
                      title=None):
    """A grid of heatmaps: one row per hidden layer (every unit h^(l)_j), then the output.

    Blue is high, orange low (sigmoid 0..1, tanh -1..1, relu 0..max). Training points, if
    given (X (n, 2), y (n,)), are drawn on the output.  Returns the Figure.
    """
    extent, maps = unit_maps(model, resolution, X)
    rows = maps[1:]                                   # hidden layers, then output
    ncols = max(min(max((m.shape[0] for m in rows), default=1), max_units), 2)
    fig, axes = plt.subplots(len(rows), ncols, squeeze=False,
                             figsize=(min(FIG_WIDTH, unit_size * ncols + 0.9),
                                      min(MAX_HEIGHT, unit_size * len(rows) + 0.5)))
    acts = list(model.activations) + ["linear"]
    for li, (M, act) in enumerate(zip(rows, acts, strict=False)):
        lo, hi = _limits(act, M) if li < len(rows) - 1 else (-1.0, 1.0)
        for j in range(ncols):
            ax = axes[li, j]
            ax.set_xticks([])
            ax.set_yticks([])
            if j >= min(M.shape[0], max_units):
                ax.axis("off")
                continue
            ax.imshow(np.clip(M[j], lo, hi), origin="lower", extent=extent, cmap=CMAP,
                      vmin=lo, vmax=hi, interpolation="bilinear")
            last = li == len(rows) - 1
            ax.set_title("$f_\\theta(x)$" if last else f"$h^{{({li + 1})}}_{{{j + 1}}}$",
                         fontsize=SMALL, pad=2)
            if last and X is not None:
                plot_data(X, y, ax=ax, size=5, label=False)
                ax.set_xlabel("")
                ax.set_ylabel("")
        axes[li, 0].set_ylabel("output" if li == len(rows) - 1 else f"layer {li + 1}\n({act})",
                              fontsize=SMALL)
    fig.suptitle(title or "every hidden unit over the input plane")
    fig.tight_layout()
    return fig


def plot_network(model, X=None, y=None, ax=None, resolution=24, max_units=12, title=None):
    """The network as a diagram: each unit drawn as its heatmap over the input plane, each
    weight as a line whose width is |w| and whose colour is its sign (blue +, orange -).

    Units beyond ``max_units`` in a layer are left out (and said so). Returns the Axes.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(aspect=0.5))
    extent, maps = unit_maps(model, resolution, X)
    acts = ["linear"] + list(model.activations) + ["linear"]
    n_layers = len(maps)
    xs = np.arange(n_layers) * 2.6
    size = 1.3                                        # side of a unit's picture
    gap = 1.55                                        # from one unit to the next, vertically
    shown = [min(m.shape[0], max_units) for m in maps]
    tallest = max(shown)
    pos = [np.linspace((k - 1) / 2, -(k - 1) / 2, k) * gap for k in shown]       # unit 1 on top
    # the weights: layer l's matrix is (fan_out, fan_in)
    weights = [model.params[k] for k in model.weight_names[:-1]] + [model.params["w"][:1]]
    segs, widths, colors = [], [], []
    wmax = max(float(np.max(np.abs(W))) for W in weights) or 1.0
    for li, W in enumerate(weights):
        for j in range(shown[li + 1]):
            for i in range(shown[li]):
                segs.append([(xs[li] + size / 2, pos[li][i]),
                             (xs[li + 1] - size / 2, pos[li + 1][j])])
                widths.append(0.3 + 4.0 * abs(W[j, i]) / wmax)
                colors.append(POS_COLOR if W[j, i] > 0 else NEG_COLOR)
    ax.add_collection(LineCollection(segs, linewidths=widths, colors=colors, alpha=0.75, zorder=1))
    for li, M in enumerate(maps):
        last = li == n_layers - 1
        lo, hi = (-1.0, 1.0) if last else _limits(acts[li], M)
        for j in range(shown[li]):
            s = size * (1.3 if last else 1.0)
            x0, y0 = xs[li] - s / 2, pos[li][j] - s / 2
            ax.imshow(np.clip(M[j], lo, hi), origin="lower", cmap=CMAP, vmin=lo, vmax=hi,
                      extent=(x0, x0 + s, y0, y0 + s), interpolation="bilinear", zorder=2)
            ax.add_patch(plt.Rectangle((x0, y0), s, s, fill=False, lw=0.8, color="0.3", zorder=3))
        if li == 0:
            for j, name in enumerate(["$x_1$", "$x_2$"][:shown[0]]):
                ax.text(xs[0] - size / 2 - 0.1, pos[0][j], name, ha="right", va="center")
        if M.shape[0] > shown[li]:
            ax.text(xs[li], pos[li][-1] - size / 2 - 0.15, f"+{M.shape[0] - shown[li]} more",
                    ha="center", va="top", fontsize=SMALL, color="0.3")
        label = _layer_names(model)[li]
        if 0 < li < n_layers - 1:
            label += f"\n{M.shape[0]} {acts[li]}"
        ax.text(xs[li], (tallest - 1) / 2 * gap + size * 0.75, label, ha="center", va="bottom",
                fontsize=SMALL)
    ax.set_xlim(xs[0] - 1.6, xs[-1] + 1.6)
    ax.set_ylim(-(tallest - 1) / 2 * gap - 1.3, (tallest - 1) / 2 * gap + 1.9)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def plot_layer_units(model, X, y, n_units=3, resolution=60, fig=None):
    """A few units of every hidden layer, large, with the training data over each, layer by
    layer from left to right, and the output f_theta(x) on the right.

    Shows the first ``n_units`` units of each layer (blue high, orange low), so a reader can
    check which of them follow the data.  X: (n, 2), y: (n,) in {-1, +1}.  Returns the Figure.
    """
    L = len(model.hidden)
    if L == 0:
        raise ValueError(f"model: expected a network with at least one hidden layer, got {model!r}")
    extent, maps = unit_maps(model, resolution, X)
    rows = min(n_units, max(model.hidden))
    fig = fig or plt.figure(figsize=figsize(L + 2, rows, aspect=1.0))
    gs = fig.add_gridspec(rows, L + 1, width_ratios=[1] * L + [2.0])
    for li in range(L):
        M, act = maps[li + 1], model.activations[li]
        lo, hi = _limits(act, M)
        for j in range(rows):
            ax = fig.add_subplot(gs[j, li])
            ax.set_xticks([])
            ax.set_yticks([])
            if j >= M.shape[0]:
                ax.axis("off")
                continue
            ax.imshow(np.clip(M[j], lo, hi), origin="lower", extent=extent, cmap=CMAP,
                      vmin=lo, vmax=hi, interpolation="bilinear")
            plot_data(X, y, ax=ax, size=7, label=False)
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.set_title(f"$h^{{({li + 1})}}_{{{j + 1}}}$", pad=3)
            if j == rows - 1:
                ax.set_xlabel(f"layer {li + 1} ({act})")
    out = fig.add_subplot(gs[:, L])
    plot_decision_boundary(model, X, y, ax=out, legend=False,
                           title="output $f_\\theta(x) = \\mathbf{w}\\cdot\\mathbf{h}_L(x)$")
    fig.tight_layout()
    return fig
