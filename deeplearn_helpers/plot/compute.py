"""What's different today: cost of an epoch against size (log-log, expected slope drawn),
and the learning curve (test error against the amount of data)."""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from ..lessons.compute import loglog_slope
from .basics import NEG_COLOR, POS_COLOR
from .style import figsize


def plot_scaling(x, t, expected_slope, ax=None, label=None, color=None, marker="o"):
    """Measurements t against x on log-log axes, with a dashed line of the expected slope.

    The line t ~ x^expected_slope goes through the last (largest) point; the legend shows the
    slope fitted to the upper half of the points and the expected one.  x, t: (m,) > 0.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(aspect=0.6, width=0.75))
    x, t = np.asarray(x, float), np.asarray(t, float)
    half = max(2, (len(x) + 1) // 2)
    fitted = loglog_slope(x[-half:], t[-half:])
    line, = ax.plot(x, t, marker=marker, lw=2, color=color,
                    label=f"{label + ': ' if label else ''}slope {fitted:.2f} "
                          f"(dashed: {expected_slope:g})")
    ref = t[-1] * (x / x[-1]) ** expected_slope
    ax.plot(x, ref, "--", color=line.get_color(), lw=1.5, alpha=0.8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    _plain_ticks(ax.xaxis)
    _plain_ticks(ax.yaxis)
    ax.grid(alpha=0.3, which="both")
    return ax


def _plain_ticks(axis):
    """Label a log axis 1, 2, 5, 10, 20, ... as plain numbers (not 2x10^3)."""
    axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}" if v >= 1 else f"{v:g}"))
    axis.set_minor_formatter(NullFormatter())


def plot_compute_sweep(sweep, ax=None, what="seconds", expected_slope=None, label=None,
                       color=None):
    """One ComputeSweep on log-log axes: ``what`` = 'seconds' (time of one epoch) or 'n_params'
    (memory), against width or number of examples.  expected_slope: default 1, or depth > 1
    against width: 2.
    """
    if what not in ("seconds", "n_params"):
        raise ValueError(f"what: expected 'seconds' or 'n_params', got {what!r}")
    if expected_slope is None:
        expected_slope = 2 if (sweep.kind == "width" and sweep.depth > 1) else 1
    if label is None:
        label = f"{sweep.depth} hidden layer{'s' if sweep.depth > 1 else ''}"
    ax = plot_scaling(sweep.values, getattr(sweep, what), expected_slope, ax=ax, label=label,
                      color=color)
    ax.set_xlabel("width $m$ of each hidden layer" if sweep.kind == "width"
                  else "number of training examples $n$")
    if sweep.kind == "data":                      # few sizes: label each of them
        ax.set_xticks(sweep.values, [f"{v:,d}" for v in sweep.values])
    ax.set_ylabel("CPU seconds per epoch" if what == "seconds" else "parameters $d$ (x 8 bytes)")
    ax.legend(loc="upper left")
    return ax


def plot_learning_curve(curve, ax=None, title=None, loglog=False):
    """Error (%) against the number of training examples n (log axis); curve: a LearningCurve.

    loglog=False: test and training error, error axis from 0 (the gap between them).
    loglog=True: the test error on log-log axes with the fitted power law a n^b (dashed), a
    straight line of slope b there (the training error, often 0, is left out).
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(aspect=0.6, width=0.75))
    n = curve.sizes.astype(float)
    test = 100 * curve.test_error
    ax.plot(n, test, "-o", color=POS_COLOR, lw=2.5, ms=6, label="test error")
    if loglog:
        b = loglog_slope(n, test)
        a = np.exp(np.mean(np.log(test) - b * np.log(n)))
        ax.plot(n, a * n ** b, "--", color="0.2", lw=1.8,
                label=f"power law $\\propto n^{{{b:.2f}}}$")
        ax.set_yscale("log")
        _plain_ticks(ax.yaxis)
    else:
        ax.plot(n, 100 * curve.train_error, "-s", color=NEG_COLOR, lw=2.5, ms=6,
                label="training error")
        ax.set_ylim(0, None)
    ax.set_xscale("log")
    _plain_ticks(ax.xaxis)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}%"))
    ax.set_xlabel("training examples $n = |\\mathcal{D}_{train}|$")
    ax.set_ylabel("test error (log scale)" if loglog else "error")
    ax.set_title(title or ("Log-log axes: close to a straight line" if loglog
                           else "Learning curve on the 8x8 digits"))
    ax.legend(loc="upper right")
    ax.grid(alpha=0.3, which="both")
    return ax
