"""Depth's mysteries: double descent (random features) and lottery tickets (pruning)."""
import matplotlib.pyplot as plt
import numpy as np

from ..lessons.random_features import double_descent
from .basics import NEG_COLOR, POS_COLOR, _axes

THRESHOLD_COLOR = "crimson"


def _threshold(ax, n):
    ax.axvline(n, color=THRESHOLD_COLOR, lw=1.5, ls="--",
               label=f"interpolation threshold: $p = n = {n}$")


def plot_double_descent(result, ax=None, title=None):
    """Test and training error against the number of random features p (log axis), p = n marked.

    result: a DoubleDescent (``dl.double_descent``).
    """
    ax = _axes(ax, figsize=(6, 4))
    p = result.n_features
    ax.plot(p, result.test_error, "-o", color=POS_COLOR, lw=2.5, ms=4, label="test error")
    ax.plot(p, result.train_error, "-", color=NEG_COLOR, lw=2, label="training error")
    _threshold(ax, result.n_train)
    ax.set_xscale("log")
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel("number of random features $p$ (parameters per output)")
    ax.set_ylabel("error")
    ridge = f", ridge {result.ridge:g}" if result.ridge else ", minimum norm"
    ax.set_title(title or f"Double descent: {result.n_train} training digits{ridge}")
    ax.legend(loc="upper right", fontsize=9)
    ax.grid(alpha=0.3)
    return ax


def plot_weight_norm(result, ax=None):
    """|w| of the fitted output weights against p (log-log), p = n marked.  result: a DoubleDescent."""
    ax = _axes(ax, figsize=(6, 4))
    ax.plot(result.n_features, result.norm, "-o", color="k", lw=2, ms=4, label="$|\\mathbf{w}|$")
    _threshold(ax, result.n_train)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("number of random features $p$")
    ax.set_ylabel("$|\\mathbf{w}|$ (log scale)")
    ax.set_title("Size of the fitted $\\mathbf{w}$")
    ax.legend(loc="upper right", fontsize=9)
    ax.grid(alpha=0.3, which="both")
    return ax


def plot_double_descent_experiment(X_train, y_train, X_test, y_test, n_train=100, ridge=0.0,
                                   seeds=(0, 1, 2), ax=None):
    """Run ``double_descent`` on the first ``n_train`` training points and plot it (the
    explorer's picture).  X: (N, d), y: (N,) labels; ridge 0 is the minimum-norm fit."""
    result = double_descent(X_train[:n_train], y_train[:n_train], X_test, y_test, seeds=seeds,
                            ridge=ridge)
    return plot_double_descent(result, ax=ax)


def plot_lottery(result, ax=None, title=None):
    """Test accuracy against the fraction of weights pruned: the rewound ticket, the same mask
    from a fresh initialisation, and the dense network (with the band "dense - 1 point").

    result: a LotteryResult (``dl.lottery_ticket``).
    """
    ax = _axes(ax, figsize=(6.5, 4.2))
    s = 100 * np.asarray(result.sparsity)
    d = 100 * result.dense_accuracy
    ax.axhspan(d - 1, d, color="0.85", label="dense network, and 1 point below it")
    ax.axhline(d, color="0.3", lw=1.5)
    ax.plot(np.append(0, s), 100 * np.append(result.dense_accuracy, result.ticket_accuracy),
            "-o", color=POS_COLOR, lw=2.5, label="ticket: rewound to $\\theta_0$")
    ax.plot(s, 100 * np.asarray(result.random_accuracy), "-s", color=NEG_COLOR, lw=2.5,
            label="same mask, fresh random init")
    ax.axvline(80, color="0.5", lw=1, ls=":")
    ax.set_xlim(-2, max(s[-1] + 4, 85))
    ax.set_xlabel("weights pruned (%)")
    ax.set_ylabel("test accuracy (%)")
    ax.set_title(title or "Lottery tickets: iterative magnitude pruning")
    ax.legend(loc="lower left", fontsize=9)
    ax.grid(alpha=0.3)
    return ax
