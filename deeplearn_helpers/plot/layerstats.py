"""Inside a deep network: per-layer histograms of activations and gradients, and gradient norms.

Every picture takes a ``LayerStats`` (``dl.layer_stats`` / ``dl.init_layer_stats``).  A
histogram per layer is drawn as one column of an image (layer 1 at the left; white: no values,
dark blue: many), so ten layers fit in one panel.  The activation histograms show by default
how much each unit's output varies with the input x, h_l(x) minus that unit's mean over the
batch: a thin line at 0 means the layer passes on (almost) nothing about x.
"""
import matplotlib.pyplot as plt
import numpy as np

from .basics import WIDE, _axes
from .style import figsize

# activation ranges: bounded activations get their whole range, the others their data's
_RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}


def _columns(ax, values, lo, hi, bins, ylabel, title):
    """One histogram per layer as the columns of an image.  values: list of arrays."""
    edges = np.linspace(lo, hi, bins + 1)
    img = np.zeros((bins, len(values)))
    for j, v in enumerate(values):
        v = np.asarray(v, dtype=float).ravel()
        h, _ = np.histogram(np.clip(v[np.isfinite(v)], lo, hi), bins=edges)
        img[:, j] = h / max(h.sum(), 1)
    ax.imshow(img ** 0.5, origin="lower", aspect="auto", cmap="Blues",
              extent=(0.5, len(values) + 0.5, lo, hi), vmin=0, vmax=0.8)
    ax.set_xticks([1, *range(5, len(values) + 1, 5)])
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return ax


def plot_activation_histograms(stats, ax=None, bins=40, title=None, centered=True):
    """Histogram of the activations of every hidden layer (over units and examples).

    stats: a LayerStats; colour: the share of values in each bin (square-root scale).
    centered: show h_l(x) minus each unit's mean over the batch (how much the layer's output
    varies with x); False: h_l(x) itself.
    """
    ax = _axes(ax, figsize(aspect=0.8, width=0.4))
    acts = stats.activations
    if centered:
        acts = [a - a.mean(axis=0) for a in acts]
    if stats.activation in _RANGES:
        lo, hi = _RANGES[stats.activation]
        if centered:
            lo, hi = -(hi - lo) / 2, (hi - lo) / 2
    else:
        finite = np.concatenate([a.ravel() for a in acts])
        finite = finite[np.isfinite(finite)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        hi = hi if hi > lo else lo + 1.0
    ylabel = "$h_l(x)$ minus its mean" if centered else "activation $h_l(x)$"
    return _columns(ax, acts, lo, hi, bins, ylabel, title if title is not None else stats.label)


def plot_gradient_histograms(stats, ax=None, bins=40, lim=(-12.0, 4.0), title=None):
    """Histogram of log10 |dTrainLoss/dV_l| over the entries of every layer's weight matrix.

    stats: a LayerStats (hidden layers V_1..V_L, then the output w); lim: the log10 range.
    """
    ax = _axes(ax, figsize(aspect=0.8, width=0.4))
    with np.errstate(divide="ignore"):
        logs = [np.log10(np.abs(g)) for g in stats.grads]
    _columns(ax, logs, lim[0], lim[1], bins, r"$\log_{10} |\partial\,$TrainLoss$/\partial V_l|$",
             title if title is not None else stats.label)
    ticks = [1, *range(5, len(logs), 5)]
    ax.set_xticks(ticks + [len(logs)])
    ax.set_xticklabels([str(t) for t in ticks] + ["w"])
    return ax


def plot_grad_norms(stats_list, ax=None, title="gradient norm of every layer"):
    """||dTrainLoss/dV_l|| against the layer l (log scale), one line per LayerStats."""
    ax = _axes(ax, WIDE)
    for s in stats_list:
        g = np.where(np.isfinite(s.grad_norms) & (s.grad_norms > 0), s.grad_norms, np.nan)
        ax.plot(range(1, len(g) + 1), g, "-o", ms=6, lw=2.5, label=s.label)
    n = len(stats_list[0].grad_norms)
    ax.set_xticks(range(1, n + 1))
    ax.set_xticklabels([str(t) for t in range(1, n)] + ["w"])
    ax.set_yscale("log")
    ax.set_xlabel("layer $l$   (w: the output layer)")
    ax.set_ylabel(r"$\|\partial\,$TrainLoss$/\partial V_l\|$")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    ax.set_title(title)
    return ax


def plot_layer_stats(stats_list, fig=None):
    """A figure: activation histograms (top row), gradient histograms (bottom), one column per
    LayerStats.  fig: a Figure to draw on (a new one, sized for a slide, if None)."""
    k = len(stats_list)
    if fig is None:
        fig = plt.figure(figsize=figsize(k, 2, aspect=1.0))
    axes = fig.subplots(2, k, squeeze=False, sharey="row")
    for j, s in enumerate(stats_list):
        plot_activation_histograms(s, ax=axes[0, j])
        plot_gradient_histograms(s, ax=axes[1, j], title="")
        axes[0, j].set_xlabel("")
        if j:
            axes[0, j].set_ylabel("")
            axes[1, j].set_ylabel("")
    fig.subplots_adjust(left=0.1, right=0.99, bottom=0.11, top=0.93, wspace=0.08, hspace=0.3)
    return fig


def plot_init_panels(stats, fig=None):
    """Three panels for one network: activation histograms, gradient histograms, gradient norms.

    stats: a LayerStats; fig: a Figure to draw on (cleared first; a new one if None).
    Returns the figure.
    """
    if fig is None:
        fig = plt.figure(figsize=figsize(3, aspect=0.9))
    fig.clf()
    axes = fig.subplots(1, 3)
    plot_activation_histograms(stats, ax=axes[0], title=stats.label)
    plot_gradient_histograms(stats, ax=axes[1], title="weight gradients")
    plot_grad_norms([stats], ax=axes[2], title=f"first / last: {stats.first_to_last:.1e}")
    axes[2].get_legend().remove()
    fig.tight_layout()
    return fig
