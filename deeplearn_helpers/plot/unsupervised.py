"""Pictures of notebook 13 (unsupervised learning): rows of digit images (originals,
reconstructions, corrupted and denoised), learned filters, a 2-D latent space with the labels
drawn as digits, images decoded from a grid of codes, and the pre-training race."""
import matplotlib.pyplot as plt
import numpy as np

from .networks import plot_image_grid
from .style import COLORS, SMALL, figsize


def _images(X, shape=(8, 8)):
    X = np.asarray(X, dtype=float)
    return X.reshape(-1, *shape)


def plot_digit_rows(rows, labels, fig=None, shape=(8, 8)):
    """One row of digit images per entry of ``rows`` (each (m, 64), pixels 0 white .. 1 black),
    its label on the left.  Returns the Figure."""
    if len(rows) != len(labels) or not rows:
        raise ValueError(f"labels: expected one label per row ({len(rows)}), got {len(labels)}")
    m = len(rows[0])
    if fig is None:
        fig = plt.figure(figsize=figsize(m, len(rows), aspect=1.0, width=min(1.0, 0.1 * m + 0.2)))
    axes = fig.subplots(len(rows), 1, squeeze=False)[:, 0]
    for ax, row, lab in zip(axes, rows, labels):
        plot_image_grid(np.clip(_images(row, shape), 0, 1), ax=ax, n_cols=m)
        ax.set_axis_off()
        ax.text(-0.01, 0.5, lab, transform=ax.transAxes, ha="right", va="center")
    fig.subplots_adjust(left=0.25, right=0.99, top=0.98, bottom=0.02, hspace=0.15)
    return fig


def plot_filters(W, n=16, ax=None, shape=(8, 8), title=None):
    """The first ``n`` rows of W (hidden x 64) as images, each scaled to its own max |w|
    (blue +, orange -, white 0).  Returns the Axes."""
    W = np.asarray(W, dtype=float)[:n]
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(1, 1, aspect=0.5, width=0.8))
    plot_image_grid(_images(W, shape), ax=ax, n_cols=8, symmetric=True)
    ax.set_axis_off()
    ax.set_title(title or "rows of W as 8x8 images (blue +, orange -)")
    return ax


def plot_latent(Z, y, ax=None, n=400, title="the codes mu(x) of 400 digits"):
    """The 2-D codes Z (m, 2), each drawn as its label (the digit itself, coloured by a
    colour-blind-safe cycle, so the colour is never the only cue).  Returns the Axes."""
    Z, y = np.asarray(Z, dtype=float)[:n], np.asarray(y)[:n]
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(1, 1, aspect=0.9, width=0.5))
    for z, label in zip(Z, y):
        ax.text(z[0], z[1], str(label), color=COLORS[int(label) % len(COLORS)], fontsize=SMALL,
                ha="center", va="center", fontweight="bold")
    lo, hi = Z.min(axis=0), Z.max(axis=0)
    pad = 0.05 * (hi - lo)
    ax.set_xlim(lo[0] - pad[0], hi[0] + pad[0])
    ax.set_ylim(lo[1] - pad[1], hi[1] + pad[1])
    ax.set_xlabel("$h_1$")
    ax.set_ylabel("$h_2$")
    ax.set_title(title)
    return ax


def decoded_grid(decode, span=2.0, n=7, shape=(8, 8)):
    """One image of n x n decoded digits: h on a grid over [-span, span]^2 (h_1 left to
    right, h_2 bottom to top).  decode: codes (m, 2) -> images (m, 64)."""
    t = np.linspace(-span, span, n)
    H = np.array([(a, b) for b in t[::-1] for a in t])
    imgs = _images(decode(H), shape)
    r, c = shape
    mosaic = np.ones((n * (r + 1) - 1, n * (c + 1) - 1)) * np.nan
    for i, img in enumerate(imgs):
        row, col = divmod(i, n)
        mosaic[row * (r + 1):row * (r + 1) + r, col * (c + 1):col * (c + 1) + c] = img
    return mosaic


def plot_decoded_grid(decode, span=2.0, n=7, ax=None, point=None):
    """Decoded images from a grid of codes h in [-span, span]^2; ``point`` (h_1, h_2) is
    marked.  Returns the Axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(1, 1, aspect=0.9, width=0.5))
    ax.imshow(decoded_grid(decode, span, n), cmap=plt.get_cmap("Greys").with_extremes(bad="white"),
              vmin=0, vmax=1, extent=(-span * 1.1, span * 1.1, -span * 1.1, span * 1.1),
              interpolation="nearest")
    if point is not None:
        ax.plot(*point, "s", markersize=24, markerfacecolor="none", markeredgecolor=COLORS[1],
                markeredgewidth=3)
    ax.set_xlabel("$h_1$")
    ax.set_ylabel("$h_2$")
    ax.set_title("decoded from a grid of h")
    return ax


def plot_pretrain_race(errors, step_sizes, ax=None, n_labels=50):
    """Test error against the fine-tuning step size: the median over seeds (line) and every
    seed (dots), from scratch and pre-trained.  errors: (seeds, 2, len(step_sizes)) from
    ``pretrain_race``.  Returns the Axes."""
    errors = 100 * np.asarray(errors, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(1, 1, aspect=0.55, width=0.8))
    for j, (name, marker) in enumerate((("from scratch", "o"), ("pre-trained", "s"))):
        for e in errors[:, j]:
            ax.plot(step_sizes, e, marker, color=COLORS[j], alpha=0.35, markersize=6)
        ax.plot(step_sizes, np.median(errors[:, j], axis=0), marker + "-", color=COLORS[j],
                label=f"{name} (median of {len(errors)})")
    ax.set_xscale("log")
    ax.set_xticks(step_sizes, [f"{eta:g}" for eta in step_sizes])
    ax.minorticks_off()
    ax.set_ylim(0, max(45, errors.max() + 15))
    ax.set_xlabel("fine-tuning step size (Adam)")
    ax.set_ylabel("test error (%)")
    ax.set_title(f"{n_labels} labelled digits, {len(errors)} seeds")
    ax.legend(loc="upper left")
    return ax
