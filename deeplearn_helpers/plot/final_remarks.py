"""The final remarks (notebook 14): a dilated convolution stack's receptive field, an adversarial
network's samples and distance to the data, and one hidden layer's error against its width."""
import matplotlib.pyplot as plt
import numpy as np

from ..lessons.final_remarks import dilations, receptive_field, receptive_masks, target_function
from .style import ACCENT, COLORS, SMALL, figsize

GREY = "#BBBBBB"


def _ax(ax, **size):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(**size))
    return ax


def plot_receptive_field(depth, dilation="doubling", kernel_size=2, length=None, ax=None):
    """The stack of conv1d layers as a graph (input at the bottom, output at the top): the
    units the last output depends on (non-zero gradient) in colour, their taps as lines."""
    ax = _ax(ax, aspect=0.5)
    ds = dilations(depth, dilation)
    masks = receptive_masks(depth, dilation, kernel_size, length)
    width = len(masks[0])
    shift = 0           # layer l's unit i sits above input i + shift: the causal picture
    for level, mask in enumerate(masks):
        xs = np.arange(len(mask)) + shift
        ax.scatter(xs[~mask], np.full((~mask).sum(), level), s=30, color=GREY, zorder=2)
        ax.scatter(xs[mask], np.full(mask.sum(), level), s=60, color=COLORS[0], zorder=3)
        if level < depth:
            d = ds[level]
            for i in np.flatnonzero(masks[level + 1]):
                for j in range(kernel_size):
                    ax.plot([i + shift + (kernel_size - 1) * d, i + shift + j * d],
                            [level + 1, level], color=COLORS[1], lw=1.5, zorder=1)
            shift += (kernel_size - 1) * d
    ax.set_yticks(range(depth + 1), ["input"] + [f"layer {l + 1}" + ("" if dilation == "none"
                                                 else f" (d={ds[l]})") for l in range(depth)])
    ax.set_xticks([])
    ax.set_xlim(-1, width)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title(f"dilation {'1 everywhere' if dilation == 'none' else '1, 2, 4, ...'}: "
                 f"the output sees {int(masks[0].sum())} inputs")
    return ax


def plot_receptive_growth(max_depth=8, kernel_size=2, ax=None):
    """Receptive field against depth, without and with dilation (log2 axis)."""
    ax = _ax(ax, aspect=0.75, width=0.5)
    depths = np.arange(1, max_depth + 1)
    for dilation, color, label in (("none", COLORS[1], "no dilation: depth + 1"),
                                   ("doubling", COLORS[0], "dilation 1, 2, 4, ...: $2^{depth}$")):
        fields = [receptive_field(int(d), dilation, kernel_size) for d in depths]
        ax.plot(depths, fields, "-o", color=color, label=label)
    ax.set_yscale("log", base=2)
    ax.set_xlabel(f"depth (layers, kernel size {kernel_size})")
    ax.set_ylabel("inputs the output sees")
    ax.legend(loc="upper left")
    return ax


def plot_gan_stages(runs, stages, fig=None):
    """One row per run, one panel per recorded step in ``stages``: histograms of the real data
    (grey) and of the generator's samples (colour)."""
    if fig is None:
        fig = plt.figure(figsize=figsize(len(stages), len(runs), aspect=0.65))
    axes = fig.subplots(len(runs), len(stages), sharex=True, squeeze=False)
    bins = np.linspace(-3.5, 3.5, 36)
    for r, run in enumerate(runs):
        for c, step in enumerate(stages):
            ax = axes[r, c]
            k = run.steps.index(step)
            ax.hist(run.real, bins=bins, color=GREY, density=True)
            fake = np.clip(run.samples[k], bins[0], bins[-1])
            ax.hist(fake, bins=bins, color=COLORS[r % 2], alpha=0.75, density=True)
            off = np.mean(np.abs(run.samples[k]) > bins[-1])
            if off > 0.5:        # drawn at the edge: say so
                ax.text(0.5, 0.8, f"{off:.0%} of fakes\noff the axis", transform=ax.transAxes,
                        ha="center", va="center", fontsize=SMALL)
            ax.set_yticks([])
            ax.set_ylim(0, 2.0)
            if r == 0:
                ax.set_title(f"step {step}")
            if c == 0:
                ax.set_ylabel(f"$\\eta$ = {run.step_size:g}")
    fig.tight_layout()
    return fig


def plot_gan_distance(runs_by_step_size, ax=None):
    """The distance between generated and real samples over training, one line per seed,
    one colour per step size (log axis)."""
    ax = _ax(ax, aspect=0.6, width=0.7)
    for i, (eta, runs) in enumerate(runs_by_step_size.items()):
        for j, run in enumerate(runs):
            ax.plot(run.steps, run.distance, color=COLORS[i], lw=1.8, alpha=0.8,
                    label=f"$\\eta$ = {eta:g}" if j == 0 else None)
    ax.set_yscale("log")
    ax.set_xlabel("training step (one discriminator + one generator update)")
    ax.set_ylabel("distance fake-real")
    ax.legend(loc="upper left")
    return ax


def plot_approximation(widths, errors, fits=None, fig=None):
    """Left: the target and one-hidden-layer fits of a few widths (``fits``: width -> function).
    Right: the worst error against the width, every seed a dot, the median a line."""
    if fig is None:
        fig = plt.figure(figsize=figsize(2, aspect=0.75))
    left, right = fig.subplots(1, 2)
    x = np.linspace(-1, 1, 400)
    left.plot(x, target_function(x), color="black", lw=4, label="target")
    for i, (m, f) in enumerate((fits or {}).items()):
        left.plot(x, f(x), color=COLORS[i], label=f"$m$ = {m}")
    left.set_xlabel("$x$")
    left.set_ylabel("$f(x)$")
    left.set_xticks([-1, -0.5, 0, 0.5, 1])
    left.legend(loc="upper center", fontsize=SMALL, ncol=2)
    left.set_ylim(-0.7, 2.1)
    errors = np.asarray(errors)
    for i, m in enumerate(widths):
        right.scatter(np.full(errors.shape[1], m), errors[i], color=COLORS[0], s=30, alpha=0.6)
    right.plot(widths, np.median(errors, axis=1), "-", color=COLORS[0], label="median of seeds")
    right.set_xscale("log", base=2)
    right.set_xticks(widths, [str(m) for m in widths])
    right.set_yscale("log")
    right.set_xlabel("hidden units $m$")
    right.set_ylabel(r"worst error $\max_x |f(x) - \mathrm{target}(x)|$")
    right.axhline(0.01, color=ACCENT, ls="--", lw=1.5, label="asked: 0.01")
    right.legend(loc="lower left")
    fig.tight_layout()
    return fig
