"""Pictures of optimization: TrainLoss against gradient evaluations (GD vs SGD), step sizes,
the spread of final losses over seeds, and the loss landscape along a line and over a plane.
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

from ..lessons.landscape import evaluations_to_reach, fastest_run, gradient_evaluations
from .basics import NEG_COLOR, POS_COLOR, _axes
from .style import ACCENT, figsize

SCHEDULE_LABELS = {"constant": "$\\eta = {}$", "inv_sqrt": "$\\eta_t = {}/\\sqrt{{t}}$",
                   "inv": "$\\eta_t = {}/t$"}


def step_size_label(step_size):
    """'eta = 0.2' for a number, 'eta_t = 0.2/sqrt(t)' for dl.schedule('inv_sqrt', 0.2) (LaTeX)."""
    if not callable(step_size):
        return f"$\\eta = {step_size:g}$"
    name = getattr(step_size, "__name__", "")
    kind, _, rest = name.partition("(")
    if kind in SCHEDULE_LABELS and rest.endswith(")"):
        return SCHEDULE_LABELS[kind].format(rest[:-1])
    return f"$\\eta_t$ = {name or 'schedule'}"


def plot_loss_vs_evaluations(groups, n_examples, ax=None, target=None, title=None,
                             fastest_only=False):
    """TrainLoss against the number of gradient evaluations grad Loss(x, y, theta), log-log.

    groups: {method: {step size: (model, History)}}, e.g. {"SGD": dl.train_step_sizes(...,
    batch_size=1), "GD": dl.train_step_sizes(..., batch_size=None)}; one line per run, one
    line style per method.  n_examples: n = |D_train| (an epoch of SGD and a step of GD both
    cost n evaluations).  target: a TrainLoss to mark, with a dot where each run reaches it.
    fastest_only: draw only each method's run that reaches ``target`` first (``fastest_run``).
    """
    ax = _axes(ax, figsize(aspect=0.55, width=0.8))
    k = 0
    for style, (method, runs) in zip(("-", "--", ":", "-."), groups.items(), strict=False):
        note = ""
        if fastest_only:
            best, note = fastest_run(runs, target, n_examples)[0], f" (fastest of {len(runs)})"
            runs = {best: runs[best]} if best is not None else {}
        for eta, (_, hist) in runs.items():
            color, k = f"C{k}", k + 1
            evals = gradient_evaluations(hist, n_examples)       # from epoch 1 on (log axis)
            ax.plot(evals[1:], hist.train_loss[1:], ls=style, color=color,
                    label=f"{method}, {step_size_label(eta)}{note}")
            e = None if target is None else evaluations_to_reach(hist, target, n_examples)
            if e is not None:
                ax.plot(max(e, n_examples), target, "o", color=color, zorder=4)
    if target is not None:
        ax.axhline(target, color="k", lw=1.2, ls=":", label=f"target TrainLoss = {target:g}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("gradient evaluations $\\nabla_\\theta\\,\\mathrm{Loss}(x, y, \\theta)$ "
                  "(log scale)")
    ax.set_ylabel("TrainLoss$(\\theta)$ (log scale)")
    ax.legend(loc="lower left")
    ax.set_title(title or "GD vs SGD: TrainLoss for the same work (gradient evaluations)")
    return ax


def plot_step_sizes(runs, X, y, axes=None):
    """Left: TrainLoss per epoch for each step size (log); right: each trained f_theta(x).

    runs: {step size or schedule: (model, History)} (``dl.train_step_sizes``); X: (n, 1), y: (n,).
    The loss axis spans the recorded losses.  A run that diverged (``dl.train`` stopped it)
    ends in a dashed arrow from its last finite TrainLoss up through the top of the axis at
    the epoch it blew up; its fit is dotted (its last finite parameters).  One legend for
    both panels, below the figure.  Returns the two Axes.
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=figsize(2, aspect=0.8))
    ax_loss, ax_fit = axes
    ax_fit.scatter(X[:, 0], y, s=30, c="0.35", edgecolors="white", linewidths=0.5,
                   label="data", zorder=3)
    xs = np.linspace(X.min() - 0.1, X.max() + 0.1, 200)[:, None]
    losses = np.concatenate([h.train_loss for _, h in runs.values()])
    diverged = any(h.diverged for _, h in runs.values())
    lo, hi = losses.min() / 1.5, losses.max() * (6 if diverged else 1.5)
    last = max(h.diverged_epoch if h.diverged else h.epoch for _, h in runs.values())
    for k, (eta, (model, hist)) in enumerate(runs.items()):
        label, color = step_size_label(eta), f"C{k}"
        if hist.diverged:
            label += f": diverged in epoch {hist.diverged_epoch}"
        ax_loss.plot(hist.epochs, hist.train_loss, color=color, label=label,
                     marker="o" if len(hist.epochs) == 1 else None)
        if hist.diverged:
            ax_loss.annotate("", xy=(hist.diverged_epoch, hi), annotation_clip=False,
                             xytext=(hist.epoch, hist.train_loss[-1]),
                             arrowprops=dict(arrowstyle="-|>", ls="--", color=color,
                                             mutation_scale=20))
            ax_loss.annotate(f"TrainLoss blew up in epoch {hist.diverged_epoch}",
                             (hist.diverged_epoch, hi), xytext=(8, -6),
                             textcoords="offset points", va="top", color=color)
        with np.errstate(all="ignore"):
            ax_fit.plot(xs[:, 0], model.predict(xs), color=color,
                        ls=":" if hist.diverged else "-", label=label)
    ax_loss.set_yscale("log")
    ax_loss.set_ylim(lo, hi)
    ax_loss.set_xlim(-0.03 * last, 1.03 * last)
    ax_loss.set_xlabel("epoch $t$")
    ax_loss.set_ylabel("TrainLoss (log scale)")
    ax_loss.set_title("TrainLoss per epoch")
    ax_fit.set_xlabel("$x$")
    ax_fit.set_ylabel("$y$, $f_\\theta(x)$")
    ax_fit.set_ylim(min(y.min(), -1.2) - 0.3, max(y.max(), 1.2) + 0.3)
    handles, labels = ax_fit.get_legend_handles_labels()      # one legend for both, below
    ax_fit.figure.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                         ncols=min(len(labels), 4), frameon=False)
    ax_fit.set_title("$f_\\theta(x)$ after training (or where it stopped)")
    return axes


def plot_final_losses(runs, ax=None, bins=12, solved_error=0.1, title=None):
    """A histogram of the final TrainLoss of runs from different seeds (log-spaced bins).

    runs: [(model, History)] (``dl.train_many``).  For classification the bars are split in
    two colours: runs whose final training error is at most ``solved_error``, and the others.
    """
    ax = _axes(ax, figsize(aspect=0.6, width=0.6))
    final = np.array([h.train_loss[-1] for _, h in runs])
    edges = np.geomspace(final.min() / 1.1, final.max() * 1.1, bins + 1)
    errors = [h.train_error[-1] if h.train_error else None for _, h in runs]
    if all(e is not None for e in errors):
        solved = np.array(errors) <= solved_error
        ax.hist([final[solved], final[~solved]], bins=edges, stacked=True,
                color=[POS_COLOR, NEG_COLOR], edgecolor="white",
                label=[f"training error $\\leq$ {solved_error:.0%}",
                       f"training error > {solved_error:.0%}"])
        ax.legend(loc="upper right")
    else:
        ax.hist(final, bins=edges, color=POS_COLOR, edgecolor="white")
    ax.set_xscale("log")
    ax.set_xlabel("final TrainLoss (log scale)")
    ax.set_ylabel("number of seeds")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title or f"{len(runs)} seeds, one network: max/min final TrainLoss = "
                 f"{final.max() / final.min():.3g}")
    return ax


def plot_loss_along_line(alphas, losses, ax=None, label=None, ends=("$\\theta_A$", "$\\theta_B$"),
                         title=None):
    """TrainLoss((1 - alpha) theta_A + alpha theta_B) against alpha; the two ends marked.

    alphas, losses: (m,) (``dl.loss_along_line``); call again on the same ax for more lines.
    """
    ax = _axes(ax, figsize(aspect=0.6, width=0.6))
    alphas, losses = np.asarray(alphas), np.asarray(losses)
    line, = ax.plot(alphas, losses, label=label)
    for a, name in zip((0.0, 1.0), ends, strict=True):
        value = np.interp(a, alphas, losses)
        ax.plot(a, value, "o", color=line.get_color(), zorder=4)
        ax.annotate(name, (a, value), textcoords="offset points", xytext=(0, 10),
                    ha="center", va="bottom", fontsize="large", color=line.get_color())
    ax.set_xlabel(f"$\\alpha$   (0: {ends[0]},  1: {ends[1]})")
    a, b = (e.strip("$") for e in ends)
    ax.set_ylabel(f"TrainLoss$((1-\\alpha)\\,{a} + \\alpha\\,{b})$")
    if label:
        ax.legend(loc="best")
    ax.set_title(title or "TrainLoss along the straight line between two parameter sets")
    return ax


def plot_loss_slice(a, b, L, ax=None, points=None, labels=("$a$", "$b$"), title=None):
    """TrainLoss(theta + a d_1 + b d_2) over a plane as filled contours (log colour scale).

    a (r,), b (r,), L (r, r) from ``dl.loss_slice``; points: {label: (a, b)} to mark, e.g.
    {"$\\theta$": (0, 0)}; labels: the axis names (what d_1 and d_2 are).
    """
    ax = _axes(ax, figsize(aspect=0.85, width=0.55))
    L = np.asarray(L)
    finite = L[np.isfinite(L)]
    levels = np.geomspace(finite.min(), finite.max(), 25)
    cs = ax.contourf(a, b, np.clip(L, levels[0], levels[-1]), levels=levels,
                     norm=LogNorm(levels[0], levels[-1]), cmap="viridis_r")
    cbar = ax.figure.colorbar(cs, ax=ax, label="TrainLoss (log colour scale)")
    ticks = [t for t in np.outer(10.0 ** np.arange(-6, 7), (1, 3)).ravel()   # 0.1, 0.3, 1, 3 ...
             if levels[0] <= t <= levels[-1]]
    cbar.set_ticks(ticks)
    cbar.set_ticklabels([f"{t:g}" for t in ticks])
    cbar.ax.minorticks_off()
    for (name, (pa, pb)), marker in zip((points or {}).items(), "*o^sD", strict=False):
        ax.plot(pa, pb, marker, color=ACCENT, ms=13, mec="white", zorder=4)
        ax.annotate(name, (pa, pb), textcoords="offset points", xytext=(8, 6), fontsize="large",
                    color=ACCENT, fontweight="bold")
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_title(title or "TrainLoss on a 2-D slice through parameter space")
    return ax
