"""Inside a deep network: per-layer histograms of activations and gradients, and gradient norms.

Every picture takes a ``LayerStats`` (``dl.layer_stats`` / ``dl.init_layer_stats``).  A
histogram per layer is drawn as one column of an image (layer 1 at the left), so ten layers
fit in one small panel: a thin bright line means every unit gives the same value.
"""
import matplotlib.pyplot as plt
import numpy as np

from .basics import _axes

# activation ranges: bounded activations get their whole range, the others their data's
_RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}


def _columns(ax, values, lo, hi, bins, ylabel, title):
    """One histogram per layer as the columns of an image.  values: list of arrays."""
    edges = np.linspace(lo, hi, bins + 1)
    img = np.zeros((bins, len(values)))
    for l, v in enumerate(values):
        v = np.asarray(v, dtype=float).ravel()
        h, _ = np.histogram(np.clip(v[np.isfinite(v)], lo, hi), bins=edges)
        img[:, l] = h / max(h.sum(), 1)
    ax.imshow(img ** 0.5, origin="lower", aspect="auto", cmap="magma",
              extent=(0.5, len(values) + 0.5, lo, hi), vmin=0, vmax=1)
    ax.set_xticks(range(1, len(values) + 1))
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=11)
    return ax


def plot_activation_histograms(stats, ax=None, bins=40, title=None):
    """Histogram of the activations h_l(x) of every hidden layer (over units and examples).

    stats: a LayerStats; colour: the share of values in each bin (square-root scale).
    """
    ax = _axes(ax, (4, 3.2))
    acts = stats.activations
    if stats.activation in _RANGES:
        lo, hi = _RANGES[stats.activation]
    else:
        finite = np.concatenate([a.ravel() for a in acts])
        finite = finite[np.isfinite(finite)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        hi = hi if hi > lo else lo + 1.0
    return _columns(ax, acts, lo, hi, bins, "activation $h_l(x)$",
                    title if title is not None else stats.label)


def plot_gradient_histograms(stats, ax=None, bins=40, lim=(-12.0, 4.0), title=None):
    """Histogram of log10 |dTrainLoss/dV_l| over the entries of every layer's weight matrix.

    stats: a LayerStats (hidden layers V_1..V_L, then the output w); lim: the log10 range.
    """
    ax = _axes(ax, (4, 3.2))
    with np.errstate(divide="ignore"):
        logs = [np.log10(np.abs(g)) for g in stats.grads]
    _columns(ax, logs, lim[0], lim[1], bins, r"$\log_{10} |\partial\,$TrainLoss$/\partial V_l|$",
             title if title is not None else stats.label)
    ax.set_xticks(range(1, len(logs) + 1))
    ax.set_xticklabels([str(l) for l in range(1, len(logs))] + ["w"])
    return ax


def plot_grad_norms(stats_list, ax=None, title="gradient norm of every layer"):
    """||dTrainLoss/dV_l|| against the layer l (log scale), one line per LayerStats."""
    ax = _axes(ax, (6, 4))
    for s in stats_list:
        g = np.where(np.isfinite(s.grad_norms) & (s.grad_norms > 0), s.grad_norms, np.nan)
        ax.plot(range(1, len(g) + 1), g, "-o", ms=4, lw=2, label=s.label)
    n = len(stats_list[0].grad_norms)
    ax.set_xticks(range(1, n + 1))
    ax.set_xticklabels([str(l) for l in range(1, n)] + ["w"])
    ax.set_yscale("log")
    ax.set_xlabel("layer $l$   (w: the output layer)")
    ax.set_ylabel(r"$\|\partial\,$TrainLoss$/\partial V_l\|$")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, borderaxespad=0)
    ax.set_title(title)
    return ax


def plot_layer_stats(stats_list, figsize=None):
    """A figure: activation histograms (top row), gradient histograms (bottom), one column per
    LayerStats."""
    k = len(stats_list)
    fig, axes = plt.subplots(2, k, figsize=figsize or (3.1 * k, 6.2), squeeze=False,
                             sharey="row")
    for j, s in enumerate(stats_list):
        plot_activation_histograms(s, ax=axes[0, j])
        plot_gradient_histograms(s, ax=axes[1, j], title="")
        axes[0, j].set_xlabel("")
        if j:
            axes[0, j].set_ylabel("")
            axes[1, j].set_ylabel("")
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.09, top=0.94, wspace=0.08, hspace=0.2)
    return fig


def plot_init_panels(stats, axes=None):
    """Three panels for one network: activation histograms, gradient histograms, gradient norms.

    stats: a LayerStats; axes: three Axes (a new 1 x 3 figure if None).  Returns the axes.
    """
    if axes is None:
        _, axes = plt.subplots(1, 3, figsize=(14, 3.8))
    plot_activation_histograms(stats, ax=axes[0], title=f"activations: {stats.label}")
    plot_gradient_histograms(stats, ax=axes[1], title="gradients of the weights")
    plot_grad_norms([stats], ax=axes[2], title=f"first / last = {stats.first_to_last:.2g}")
    axes[2].get_legend().remove()
    return axes
