"""Hidden units as pictures: every h_j over the input plane, layer by layer, and the network
drawn as a diagram whose units are those pictures (TensorFlow Playground's view).

    h^(1)_j(x) = sigma(v^(1)_j . x),  h^(l)_j(x) = sigma(v^(l)_j . h^(l-1)(x)),  f_theta(x) = w . h^(L)(x)
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection

from .basics import CMAP, NEG_COLOR, POS_COLOR, input_grid, plot_data


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
    return ["input"] + [f"hidden layer {l}" for l in range(1, L + 1)] + ["output"]


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
                             figsize=(unit_size * ncols + 0.9, unit_size * len(rows) + 0.5))
    acts = list(model.activations) + ["linear"]
    for l, (M, act) in enumerate(zip(rows, acts)):
        lo, hi = _limits(act, M) if l < len(rows) - 1 else (-1.0, 1.0)
        for j in range(ncols):
            ax = axes[l, j]
            ax.set_xticks([])
            ax.set_yticks([])
            if j >= min(M.shape[0], max_units):
                ax.axis("off")
                continue
            ax.imshow(np.clip(M[j], lo, hi), origin="lower", extent=extent, cmap=CMAP,
                      vmin=lo, vmax=hi, interpolation="bilinear")
            last = l == len(rows) - 1
            ax.set_title("$f_\\theta(x)$" if last else f"$h^{{({l + 1})}}_{{{j + 1}}}$",
                         fontsize=10, pad=2)
            if last and X is not None:
                plot_data(X, y, ax=ax, size=5, label=False)
                ax.set_xlabel("")
                ax.set_ylabel("")
        axes[l, 0].set_ylabel("output" if l == len(rows) - 1 else f"layer {l + 1}\n({act})",
                              fontsize=10)
    fig.suptitle(title or "every hidden unit over the input plane", fontsize=12)
    fig.tight_layout()
    return fig


def plot_network(model, X=None, y=None, ax=None, resolution=24, max_units=12, title=None):
    """The network as a diagram: each unit drawn as its heatmap over the input plane, each
    weight as a line whose width is |w| and whose colour is its sign (blue +, orange -).

    Units beyond ``max_units`` in a layer are left out (and said so). Returns the Axes.
    """
    if ax is None:
        L = len(model.hidden)
        _, ax = plt.subplots(figsize=(2.1 * (L + 2) + 1, 5.2))
    extent, maps = unit_maps(model, resolution, X)
    acts = ["linear"] + list(model.activations) + ["linear"]
    n_layers = len(maps)
    xs = np.arange(n_layers) * 2.6
    size = 0.95                                       # side of a unit's picture
    shown = [min(m.shape[0], max_units) for m in maps]
    tallest = max(shown)
    pos = [np.linspace((k - 1) / 2, -(k - 1) / 2, k) * 1.15 for k in shown]      # unit 1 on top
    # the weights: layer l's matrix is (fan_out, fan_in)
    weights = [model.params[k] for k in model.weight_names[:-1]] + [model.params["w"][:1]]
    segs, widths, colors = [], [], []
    wmax = max(float(np.max(np.abs(W))) for W in weights) or 1.0
    for l, W in enumerate(weights):
        for j in range(shown[l + 1]):
            for i in range(shown[l]):
                segs.append([(xs[l] + size / 2, pos[l][i]), (xs[l + 1] - size / 2, pos[l + 1][j])])
                widths.append(0.3 + 4.0 * abs(W[j, i]) / wmax)
                colors.append(POS_COLOR if W[j, i] > 0 else NEG_COLOR)
    ax.add_collection(LineCollection(segs, linewidths=widths, colors=colors, alpha=0.75, zorder=1))
    for l, M in enumerate(maps):
        last = l == n_layers - 1
        lo, hi = (-1.0, 1.0) if last else _limits(acts[l], M)
        for j in range(shown[l]):
            s = size * (1.6 if last else 1.0)
            x0, y0 = xs[l] - s / 2, pos[l][j] - s / 2
            ax.imshow(np.clip(M[j], lo, hi), origin="lower", cmap=CMAP, vmin=lo, vmax=hi,
                      extent=(x0, x0 + s, y0, y0 + s), interpolation="bilinear", zorder=2)
            ax.add_patch(plt.Rectangle((x0, y0), s, s, fill=False, lw=0.8, color="0.3", zorder=3))
        if l == 0:
            for j, name in enumerate(["$x_1$", "$x_2$"][:shown[0]]):
                ax.text(xs[0] - size / 2 - 0.1, pos[0][j], name, ha="right", va="center", fontsize=11)
        if M.shape[0] > shown[l]:
            ax.text(xs[l], pos[l][-1] - 0.75, f"+{M.shape[0] - shown[l]} more", ha="center",
                    fontsize=8, color="0.3")
        label = _layer_names(model)[l]
        if 0 < l < n_layers - 1:
            label += f"\n{M.shape[0]} units, {acts[l]}"
        ax.text(xs[l], (tallest - 1) / 2 * 1.15 + 0.9, label, ha="center", va="bottom", fontsize=9)
    ax.set_xlim(xs[0] - 1.6, xs[-1] + 1.6)
    ax.set_ylim(-(tallest - 1) / 2 * 1.15 - 1.1, (tallest - 1) / 2 * 1.15 + 1.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax
