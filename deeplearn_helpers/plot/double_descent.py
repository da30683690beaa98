"""Double descent (notebook 07): test and training error, and the size of the fitted w,
against the number of random features p, with the interpolation threshold p = n marked."""
import matplotlib.pyplot as plt

from ..lessons.random_features import double_descent
from .basics import NEG_COLOR, POS_COLOR
from .style import figsize

THRESHOLD_COLOR = "0.25"


def _new_axes(ax):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(aspect=0.55, width=0.75))
    return ax


def _threshold(ax, n):
    ax.axvline(n, color=THRESHOLD_COLOR, lw=1.5, ls="--",
               label=f"threshold $p = n = {n}$")


def plot_double_descent(result, ax=None, title=None):
    """Test and training error against the number of random features p (log axis), p = n marked.

    result: a DoubleDescent (``dl.double_descent``).
    """
    ax = _new_axes(ax)
    p = result.n_features
    ax.plot(p, result.test_error, "-o", color=POS_COLOR, lw=2.5, ms=5, label="test error")
    ax.plot(p, result.train_error, "-", color=NEG_COLOR, lw=2.5, label="training error")
    _threshold(ax, result.n_train)
    ax.set_xscale("log")
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel("random features $p$ (weights per output)")
    ax.set_ylabel("error")
    ridge = f"ridge $\\lambda$ = {result.ridge:g}" if result.ridge else "minimum norm"
    ax.set_title(title or f"{result.n_train} training digits, {ridge}")
    ax.legend(loc="upper right")
    ax.grid(alpha=0.3)
    return ax


def plot_weight_norm(result, ax=None):
    """|w| of the fitted output weights against p (log-log), p = n marked.

    result: a DoubleDescent.
    """
    ax = _new_axes(ax)
    ax.plot(result.n_features, result.norm, "-o", color="k", lw=2.5, ms=5,
            label="$|\\mathbf{w}|$")
    _threshold(ax, result.n_train)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("random features $p$")
    ax.set_ylabel("$|\\mathbf{w}|$ (log scale)")
    ax.set_title("Size of the fitted $\\mathbf{w}$")
    ax.legend(loc="center right")
    ax.grid(alpha=0.3, which="both")
    return ax


def plot_double_descent_experiment(X_train, y_train, X_test, y_test, n_train=100, ridge=0.0,
                                   seeds=(0, 1, 2), ax=None):
    """Run ``double_descent`` on the first ``n_train`` training points and plot it (the
    explorer's picture).  X: (N, input_dim), y: (N,) labels; ridge 0 is the minimum-norm fit."""
    result = double_descent(X_train[:n_train], y_train[:n_train], X_test, y_test, seeds=seeds,
                            ridge=ridge)
    return plot_double_descent(result, ax=ax)
