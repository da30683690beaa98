"""Lottery tickets (notebook 07): test error against the fraction of weights pruned, for the
ticket rewound to theta_0 and for the same mask from a fresh initialisation."""
import matplotlib.pyplot as plt
import numpy as np

from .basics import NEG_COLOR, POS_COLOR
from .style import figsize


def plot_lottery(result, ax=None, title=None):
    """Test error (%) against the weights pruned (%): the rewound ticket, the same mask from a
    fresh initialisation, and the dense network (with the band "dense + 1 point").

    The error axis starts at 0, so a gap of one point looks like one point.
    result: a LotteryResult (``dl.lottery_ticket``).
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize(aspect=0.55, width=0.8))
    s = 100 * np.asarray(result.sparsity)
    d = 100 * (1 - result.dense_accuracy)
    ticket = 100 * (1 - np.asarray(result.ticket_accuracy))
    fresh = 100 * (1 - np.asarray(result.random_accuracy))
    ax.axhspan(d, d + 1, color="0.85", label="dense network, and 1 point above it")
    ax.axhline(d, color="0.3", lw=1.5)
    ax.plot(np.append(0, s), np.append(d, ticket), "-o", color=POS_COLOR, lw=2.5,
            label="ticket: rewound to $\\theta_0$")
    ax.plot(s, fresh, "-s", color=NEG_COLOR, lw=2.5, label="same mask, fresh random init")
    ax.set_xlim(-2, max(s[-1] + 3, 85))
    ax.set_ylim(0, max(10.0, 1.15 * max(ticket.max(), fresh.max())))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:g}%"))
    ax.set_xlabel("weights pruned (%)")
    ax.set_ylabel("test error")
    ax.set_title(title or "Lottery tickets: iterative magnitude pruning")
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    return ax
