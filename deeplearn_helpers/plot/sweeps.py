"""Pictures of many training runs: success rate against width, a grid of final TrainLosses,
TrainLoss curves (with a target), train and test error side by side."""
import numpy as np

from ..train import epochs_to_reach
from .basics import _axes
from .surfaces import OPTIMIZER_COLORS, OPTIMIZER_NAMES


def plot_success_rates(widths, rates, ax=None, n_seeds=None, threshold=None):
    """The fraction of seeds that reach a small TrainLoss against the hidden width (log x).

    widths: (m,); rates: {label: (m,) fractions in [0, 1]}, e.g. one line per dataset.
    """
    ax = _axes(ax, (6, 4))
    for label, r in rates.items():
        ax.plot(widths, 100 * np.asarray(r), "-o", lw=2.5, ms=7, label=label)
    ax.set_xscale("log", base=2)
    ax.set_xticks(widths)
    ax.set_xticklabels([str(w) for w in widths])
    ax.set_ylim(-5, 105)
    ax.axhline(90, color="grey", ls=":", lw=1)
    ax.set_xlabel("hidden units (width)")
    seeds = f"of {n_seeds} seeds " if n_seeds else ""
    goal = f" (TrainLoss $\\leq$ {threshold:g})" if threshold is not None else ""
    ax.set_ylabel(f"% {seeds}that succeed")
    ax.set_title(f"runs that reach a small TrainLoss{goal}", fontsize=11)
    ax.legend(loc="lower right", fontsize=10)
    return ax


def plot_loss_grid(values, row_labels, col_labels, ax=None, good=0.1, title=None):
    """A table of final TrainLosses as coloured cells (green: below ``good``; 'diverged' for inf).

    values: (rows, cols) array; row_labels, col_labels: their names.
    """
    values = np.asarray(values, dtype=float)
    ax = _axes(ax, (2.2 * values.shape[1] + 1.5, 0.9 * values.shape[0] + 1.2))
    shown = np.log10(np.clip(np.where(np.isfinite(values), values, 10.0), 1e-3, 10.0))
    ax.imshow(shown, cmap="RdYlGn_r", vmin=-3, vmax=1, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        text = ("diverged" if not np.isfinite(v) else f"exploded\n({v:.0e})" if v > 1e3
                else f"{v:.2g}")
        ax.text(j, i, text, ha="center", va="center", fontsize=13,
                fontweight="bold" if np.isfinite(v) and v <= good else "normal")
    ax.set_xticks(range(values.shape[1]))
    ax.set_xticklabels(col_labels, fontsize=12)
    ax.set_yticks(range(values.shape[0]))
    ax.set_yticklabels(row_labels, fontsize=12)
    ax.tick_params(length=0)
    ax.set_title(title or "final TrainLoss", fontsize=12)
    return ax


def plot_train_losses(histories, target=None, ax=None, title=None, colors=None):
    """TrainLoss against the epoch, one line per run (log scale); with ``target``, a line at
    that TrainLoss and a dot where each run first reaches it.

    histories: {label: History}; colors: {label: colour} (optional; optimizer names such
    as 'adam' get the optimizer's colour and name, as in the optimizer-path pictures).
    """
    ax = _axes(ax, (6.5, 4))
    for label, h in histories.items():
        name = OPTIMIZER_NAMES.get(label, label)
        if target is not None:
            t = epochs_to_reach(h, target)
            name += f" (epoch {t})" if t is not None else f" (not by epoch {h.epoch})"
        if h.diverged:
            name += " (diverged)"
        line, = ax.plot(h.epochs, h.train_loss, lw=2.5, label=name,
                        color=(colors or OPTIMIZER_COLORS).get(label))
        if target is not None and t is not None:
            ax.plot(t, h.train_loss[h.epochs.index(t)], "o", ms=9, color=line.get_color())
    if target is not None:
        ax.axhline(target, color="grey", ls="--", lw=1)
    ax.set_yscale("log")
    ax.set_xlabel("epoch $t$")
    ax.set_ylabel("TrainLoss")
    ax.legend(loc="lower left", fontsize=10)
    if title:
        ax.set_title(title)
    return ax


def plot_error_curves(histories, ax=None, title=None):
    """Training error (solid) and test error (dashed) against the epoch, one colour per run.

    histories: {label: History with train_error and test_error}.
    """
    ax = _axes(ax, (6, 4))
    for label, h in histories.items():
        line, = ax.plot(h.epochs, 100 * np.asarray(h.train_error), lw=2, label=f"{label}: train")
        ax.plot(h.epochs, 100 * np.asarray(h.test_error), lw=2, ls="--", color=line.get_color(),
                label=f"{label}: test")
    ax.set_xlabel("epoch $t$")
    ax.set_ylabel("error (%)")
    ax.legend(loc="upper right", fontsize=10)
    if title:
        ax.set_title(title)
    return ax
