"""Optimizers on a 2-D loss surface: their paths over the contour lines, and a step-size sweep."""
import matplotlib.pyplot as plt
import numpy as np

from .basics import WIDE, _axes
from .style import ACCENT, COLORS, figsize

# one colour (Okabe-Ito, colour-blind safe) and line style per optimizer, the same in every
# picture of notebook 06
OPTIMIZER_COLORS = {"sgd": COLORS[6], "momentum": COLORS[1], "adagrad": COLORS[0],
                    "rmsprop": COLORS[4], "adam": ACCENT}
OPTIMIZER_STYLES = {"sgd": "-", "momentum": "-", "adagrad": "-", "rmsprop": "--", "adam": "-"}
OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": "momentum", "adagrad": "AdaGrad",
                   "rmsprop": "RMSProp", "adam": "Adam"}


def plot_surface(surface, ax=None, resolution=200, levels=15):
    """Contour lines of L(theta) over the surface's window (log-spaced levels) and its minimum.

    surface: a dl Surface (``make_surface``).
    """
    ax = _axes(ax, figsize(aspect=0.5, width=0.7))
    (a0, a1), (b0, b1) = surface.lim
    t1, t2 = np.linspace(a0, a1, resolution), np.linspace(b0, b1, resolution)
    L = surface.loss(np.stack(np.meshgrid(t1, t2), axis=-1))
    lo = max(L.min(), 1e-3 * L.max())
    ax.contourf(t1, t2, L, levels=np.geomspace(lo, L.max(), levels), cmap="Greys_r", alpha=0.35,
                extend="min")
    ax.contour(t1, t2, L, levels=np.geomspace(lo, L.max(), levels), colors="grey",
               linewidths=0.6)
    ax.plot(*surface.minimum, "*", color="k", ms=14, zorder=5, label="minimum")
    ax.set_xlim(a0, a1)
    ax.set_ylim(b0, b1)
    ax.set_xlabel(r"$\theta_1$")
    ax.set_ylabel(r"$\theta_2$")
    ax.set_aspect("equal")
    ax.set_title(surface.title)
    return ax


def plot_optimizer_paths(surface, paths, ax=None, steps=None, radius=None, step_sizes=None,
                         legend=True):
    """Each optimizer's path theta_0, theta_1, ... on the contour plot of L(theta).

    paths: {name: (k+1, 2) array} (names as in OPTIMIZERS, or any label); steps: draw
    only the first ``steps`` steps (a slider); radius: draw the minimum's neighbourhood;
    step_sizes: {name: eta} shown in the legend.
    """
    ax = plot_surface(surface, ax=ax)
    if radius:
        ax.add_patch(plt.Circle(surface.minimum, radius, fill=False, color="k", ls="--", lw=1))
    for name, path in paths.items():
        p = np.asarray(path)[: None if steps is None else steps + 1]
        color = OPTIMIZER_COLORS.get(name)
        label = OPTIMIZER_NAMES.get(name, name)
        if step_sizes and name in step_sizes:
            label += f", $\\eta$={step_sizes[name]:.2g}"
        ax.plot(p[:, 0], p[:, 1], marker="o", ls=OPTIMIZER_STYLES.get(name, "-"), color=color,
                ms=3, lw=2, alpha=0.9, label=label)
        ax.plot(*p[-1], "o", color=color, ms=8, mec="k", zorder=6)
    ax.plot(*np.asarray(next(iter(paths.values())))[0], "s", color="k", ms=8, zorder=6)
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    if steps is not None:
        ax.set_title(f"the first {steps} steps")
    return ax


def plot_step_size_sweep(step_sizes, steps_needed, ax=None, max_steps=None, title=None):
    """Steps to reach the minimum's neighbourhood against the step size eta, one line per optimizer.

    step_sizes: (m,) etas; steps_needed: {name: (m,) steps, inf where eta failed} (e.g. a
    Race's median); each optimizer's best eta is ringed.  max_steps: the sweep's budget,
    drawn as a dotted line.
    """
    ax = _axes(ax, WIDE)
    etas = np.asarray(step_sizes, dtype=float)
    for name, k in steps_needed.items():
        k = np.asarray(k, dtype=float)
        color = OPTIMIZER_COLORS.get(name)
        ax.plot(etas, np.where(np.isfinite(k), k, np.nan), marker="o", ms=4, lw=2, color=color,
                ls=OPTIMIZER_STYLES.get(name, "-"), label=OPTIMIZER_NAMES.get(name, name))
        if np.isfinite(k).any():
            i = int(np.argmin(k))
            ax.plot(etas[i], k[i], "o", ms=14, mfc="none", mec=color, mew=2.5)
    if max_steps:
        ax.axhline(max_steps, color="grey", ls=":", lw=1)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(etas.min() / 1.5, etas.max() * 1.5)
    ax.set_xlabel(r"step size $\eta$")
    ax.set_ylabel("steps to the minimum")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    ax.set_title(title or "ringed: each one's best $\\eta$; gaps: unstable or too slow")
    return ax
