"""Pictures of sequence models (notebook 12): hidden states step by step, the share of
word-like samples over training, gradient norms through time, accuracy against sequence
length, attention weights."""
import matplotlib.pyplot as plt
import numpy as np

from .style import ACCENT, SMALL, figsize


def _new_axes(ax, aspect=0.5, width=1.0):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(1, 1, aspect=aspect, width=width))
    return ax


def plot_hidden_states(H, text, upto=None, ax=None, units=12):
    """h_t after each symbol: the first ``units`` hidden units (rows) against the symbols of
    ``text`` (columns), the columns after step ``upto`` left blank (a stepper's picture).

    H: (T, hidden) states; text: the T symbols read."""
    H = np.asarray(H, dtype=float)[:, :units]
    T = len(H)
    upto = T if upto is None else int(upto)
    ax = _new_axes(ax, aspect=0.35)
    shown = np.where(np.arange(T)[:, None] < upto, H, np.nan)
    im = ax.imshow(shown.T, cmap="PuOr_r", vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(T))
    ax.set_xticklabels(["_" if c == " " else c for c in text[:T]], family="monospace")
    ax.set_ylabel("unit of $h_t$")
    ax.set_yticks([0, H.shape[1] - 1])
    ax.set_xlabel("symbol $x_t$ read (space shown as _)")
    if 0 < upto <= T:
        ax.axvline(upto - 1, color=ACCENT, lw=2)
    ax.set_title(f"$h_t = $Encode$(h_{{t-1}}, x_t)$ after {upto} of {T} symbols")
    ax.figure.colorbar(im, ax=ax, fraction=0.03, pad=0.01)
    return ax


def plot_word_share(shares, ax=None, threshold=None):
    """Share of sampled words that are words of the text against the epoch.

    shares: {label: {epoch: share}} (one line per seed or setting)."""
    ax = _new_axes(ax, aspect=0.45, width=0.75)
    for label, s in shares.items():
        epochs = sorted(s)
        ax.plot(epochs, [100 * s[e] for e in epochs], "-o", lw=2.5, ms=7, label=label)
        ax.set_xticks(epochs)
    if threshold is not None:
        ax.axhline(100 * threshold, color=ACCENT, ls="--", lw=1.5)
    ax.set_ylim(-5, 105)
    ax.set_xlabel("epochs of training (0 = untrained)")
    ax.set_ylabel("% real words")
    ax.set_title("sampled words that are words of the text")
    if len(shares) > 1:
        ax.legend(loc="lower right")
    return ax


def plot_gradient_norms(curves, ax=None):
    """||d h_T / d h_k|| against T - k on a log axis.  curves: {label: (gaps, norms)}."""
    ax = _new_axes(ax, aspect=0.5, width=0.85)
    for label, (gaps, norms) in curves.items():
        ax.plot(gaps[1:], norms[1:], lw=2.5, label=label)
    ax.set_yscale("log")
    ax.axhline(1.0, color="grey", ls=":", lw=1)
    ax.set_xlabel("steps back, $T - k$")
    ax.set_ylabel(r"$\|\partial h_T / \partial h_k\|$")
    ax.set_title("how much of the gradient reaches step $k$")
    ax.legend(loc="best", fontsize=SMALL)
    return ax


def plot_clipped_steps(steps, ax=None):
    """The size of every SGD step ||theta_new - theta_old|| on a log axis.
    steps: {label: (updates,) sizes}."""
    ax = _new_axes(ax, aspect=0.45, width=0.85)
    for label, s in steps.items():
        ax.plot(np.arange(1, len(s) + 1), s, lw=2, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("update")
    ax.set_ylabel("step size")
    ax.set_title("size of every SGD step")
    ax.legend(loc="best")
    return ax


def plot_accuracy_vs_length(lengths, accuracies, ax=None, chance=None, title=None):
    """Test accuracy against the sequence length.  accuracies: {label: (m,) fractions}."""
    ax = _new_axes(ax, aspect=0.5, width=0.75)
    for label, a in accuracies.items():
        ax.plot(lengths, 100 * np.asarray(a), "-o", lw=2.5, ms=8, label=label)
    if chance is not None:
        ax.axhline(100 * chance, color="grey", ls=":", lw=1.5, label="chance")
    ax.set_xticks(lengths)
    ax.set_ylim(0, 105)
    ax.set_xlabel("sequence length $T$")
    ax.set_ylabel("% correct (test)")
    ax.set_title(title or "accuracy against sequence length")
    ax.legend(loc="lower left")
    return ax


def plot_attention(alpha, source, output, ax=None):
    """Attention weights alpha (T_out, T_in) as a heatmap: row t is where output symbol t
    looked.  source, output: the symbols (ints or characters) along the axes."""
    alpha = np.asarray(alpha, dtype=float)
    ax = _new_axes(ax, aspect=0.8, width=0.5)
    im = ax.imshow(alpha, cmap="viridis", vmin=0, vmax=1)
    ax.set_xticks(range(alpha.shape[1]))
    ax.set_xticklabels([str(s) for s in source])
    ax.set_yticks(range(alpha.shape[0]))
    ax.set_yticklabels([str(s) for s in output])
    ax.set_xlabel("source symbol $x_j$")
    ax.set_ylabel("output symbol $y_t$")
    ax.set_title(r"attention weights $\alpha_{tj}$")
    ax.figure.colorbar(im, ax=ax, fraction=0.05)
    return ax
