"""Pictures of many training runs: success rate against width, a grid of settings that counts
the seeds that succeed, TrainLoss curves of several seeds, train and test error side by side."""
import numpy as np

from ..train import epochs_to_reach
from .basics import WIDE, _axes
from .style import figsize


def plot_success_rates(widths, rates, ax=None, n_seeds=None, threshold=None):
    """The fraction of seeds that reach a small TrainLoss against the hidden width (log x).

    widths: (m,); rates: {label: (m,) fractions in [0, 1]}, e.g. one line per dataset.
    """
    ax = _axes(ax, WIDE)
    for (label, r), marker in zip(rates.items(), "os^Dv<>", strict=False):
        ax.plot(widths, 100 * np.asarray(r), marker=marker, lw=3, ms=9, label=label)
    ax.set_xscale("log", base=2)
    ax.set_xticks(widths)
    ax.set_xticklabels([str(w) for w in widths])
    ax.minorticks_off()
    ax.set_ylim(-5, 105)
    ax.set_xlabel("hidden units $m$")
    seeds = f"of {n_seeds} seeds " if n_seeds else ""
    ax.set_ylabel(f"% {seeds}that succeed")
    goal = f"TrainLoss $\\leq$ {threshold:g}" if threshold is not None else "a small TrainLoss"
    ax.set_title(f"seeds that reach {goal}")
    ax.legend(loc="lower right")
    return ax


def plot_seed_grid(counts, n_seeds, row_labels, col_labels, ax=None, diverged=None, title=None):
    """A table of settings, each cell saying how many of ``n_seeds`` seeds succeeded.

    counts: (rows, cols) integers; diverged: (rows, cols) how many of them diverged (shown
    instead of the count when all did).  Darker blue: more seeds succeeded.
    """
    counts = np.asarray(counts)
    ax = _axes(ax, figsize(aspect=0.1 + 0.1 * counts.shape[0], width=0.85))
    ax.imshow(counts, cmap="Blues", vmin=0, vmax=n_seeds * 1.15, aspect="auto")
    for (i, j), k in np.ndenumerate(counts):
        blew_up = diverged is not None and diverged[i, j] == n_seeds
        text = "diverged" if blew_up else f"{k} of {n_seeds}"
        ax.text(j, i, text, ha="center", va="center", fontweight="bold" if k else "normal",
                color="white" if k > n_seeds / 2 else "black")
    ax.set_xticks(range(counts.shape[1]))
    ax.set_xticklabels(col_labels)
    ax.set_yticks(range(counts.shape[0]))
    ax.set_yticklabels(row_labels)
    ax.tick_params(length=0)
    ax.set_title(title or f"seeds (of {n_seeds}) that succeed")
    return ax


def plot_train_losses(histories, target=None, ax=None, title=None, colors=None,
                      legend="best"):
    """TrainLoss against the epoch, one colour per recipe (log scale); with ``target``, a line
    at that TrainLoss and a dot where each run first reaches it.

    histories: {label: History or list of Histories (several seeds: thin lines, one colour)};
    colors: {label: colour} (optional); legend: its location.
    """
    ax = _axes(ax, WIDE)
    for k, (label, hs) in enumerate(histories.items()):
        hs = hs if isinstance(hs, (list, tuple)) else [hs]
        color = (colors or {}).get(label, f"C{k}")
        for j, h in enumerate(hs):
            ax.plot(h.epochs, h.train_loss, lw=2.5 if len(hs) == 1 else 1.8, alpha=0.85,
                    color=color, label=label if j == 0 else None)
            t = epochs_to_reach(h, target) if target is not None else None
            if t is not None:
                ax.plot(t, h.train_loss[h.epochs.index(t)], "o", ms=8, color=color)
    if target is not None:
        ax.axhline(target, color="grey", ls="--", lw=1.5)
    ax.set_yscale("log")
    ax.set_xlabel("epoch $t$")
    ax.set_ylabel("TrainLoss")
    ax.legend(loc=legend)
    if title:
        ax.set_title(title)
    return ax


def plot_error_curves(histories, ax=None, title=None):
    """Training error (solid) and test error (dashed) against the epoch, one colour per run.

    histories: {label: History with train_error and test_error}.
    """
    ax = _axes(ax, WIDE)
    for label, h in histories.items():
        line, = ax.plot(h.epochs, 100 * np.asarray(h.train_error), lw=2.5, label=f"{label}: train")
        ax.plot(h.epochs, 100 * np.asarray(h.test_error), lw=2.5, ls="--", color=line.get_color(),
                label=f"{label}: test")
    ax.set_xlabel("epoch $t$")
    ax.set_ylabel("error (%)")
    ax.legend(loc="upper right")
    if title:
        ax.set_title(title)
    return ax
