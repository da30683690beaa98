"""The computation graph of Loss(x, y, theta) for one example, micrograd style: each node a box
with its value (forward, black) and its gradient dLoss/d(node) (backward, orange).
"""
import numpy as np

from ..lessons.backprop_graph import graph_steps
from .basics import _axes
from .style import ACCENT, SMALL, figsize

# Where each node of the slide's network sits (column, row): inputs left, Loss right.
LAYOUT = {"x": (0.0, 1.0), "V": (0.0, 0.0), "z": (1.0, 0.5), "h": (2.0, 1.0),
          "w": (2.0, 0.0), "f": (3.0, 0.5), "Loss": (4.0, 0.5)}
# Where a gradient's label goes: (above the box?, text alignment); default: above the top row
# and the middle row, below the bottom row.  z's label goes below and to the right, clear of
# the edges to x, V and h.
GRAD_PLACE = {"z": (False, "left")}
GRAD_COLOR = ACCENT         # vermillion (Okabe & Ito): the gradients


def _fmt(a):
    """A value for a box: a number, [a, b, c] for a vector, one line per row for a matrix."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return f"{a:.3g}"
    if a.ndim == 1:
        return "[" + ", ".join(f"{v:.2f}" for v in a) + "]"
    return "\n".join(_fmt(row) for row in a)


def plot_computation_graph(nodes, step=None, ax=None):
    """The graph of ``dl.computation_graph``, shown up to ``step`` of ``dl.graph_steps(nodes)``.

    step: None shows everything; k shows steps 0..k (values first, then gradients) and
    highlights step k, with its rule in the title.  Forward edges are grey arrows; once a
    node's gradient is known, the edges it flows back along turn orange.
    """
    ax = _axes(ax, figsize(aspect=0.44))
    steps = graph_steps(nodes)
    if step is None:
        step = len(steps) - 1
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or \
            not 0 <= step < len(steps):
        raise ValueError(f"step: expected None or an integer from 0 to {len(steps) - 1}, "
                         f"got {step!r}")
    shown = steps[:step + 1]
    forward = {name for name, phase in shown if phase == "forward"}
    backward = {name for name, phase in shown if phase == "backward"}
    current, phase = steps[step]
    by_name = {n.name: n for n in nodes}

    boxes = {}
    for n in nodes:
        x, y = LAYOUT[n.name]
        known, is_now = n.name in forward, n.name == current
        value = _fmt(n.value) if known else "?"
        boxes[n.name] = ax.text(
            x, y, f"${n.formula}$\n{value}", ha="center", va="center", fontsize="medium",
            color="k" if known else "0.6", zorder=3,
            bbox=dict(boxstyle="round,pad=0.5", lw=3 if is_now else 1.2,
                      fc="#fff7cc" if is_now else ("#eef5fb" if n.kind != "operation" else "white"),
                      ec=GRAD_COLOR if (is_now and phase == "backward") else "k"))
        if n.name in backward:     # just outside the box (half its height, in points), away
            off = 0.5 * (value.count("\n") + 2.6) * 15.5 + 9      # from the edges
            up, side = GRAD_PLACE.get(n.name, (y >= 0.5, "center"))
            ax.annotate(f"grad: {_fmt(n.grad)}", (x, y), textcoords="offset points",
                        xytext=(-40 if side == "left" else 0, off if up else -off),
                        va="bottom" if up else "top", ha=side, fontsize=SMALL,
                        color=GRAD_COLOR, zorder=3, annotation_clip=False)
    for n in nodes:                 # edges, clipped at the boxes they join (which must be drawn
                                    # first: a box takes its size when drawn)
        for p in n.parents:
            back = n.name in backward
            src, dst = (n.name, p) if back else (p, n.name)
            ax.annotate("", xy=LAYOUT[dst], xytext=LAYOUT[src], zorder=4,
                        arrowprops=dict(arrowstyle="-|>", lw=2.4 if back else 1.5,
                                        mutation_scale=18,
                                        color=GRAD_COLOR if back else "0.55",
                                        patchA=boxes[src].get_bbox_patch(),
                                        patchB=boxes[dst].get_bbox_patch(),
                                        shrinkA=2, shrinkB=2))
    node = by_name[current]
    if phase == "forward":
        what = f"forward, step {step + 1} of {len(steps)}: ${node.formula}$ = {_fmt(node.value)}"
    else:
        what = f"backward, step {step + 1} of {len(steps)}: ${node.rule}$"
    ax.set_title(what.replace("\n", "; "), loc="left")
    ax.text(1.0, 0.0, "black: value (forward)    orange: gradient $\\partial\\mathrm{Loss}/"
            "\\partial(\\mathrm{node})$ (backward)", transform=ax.transAxes, fontsize=SMALL,
            ha="right", va="bottom", color="0.3")
    ax.set_xlim(-0.45, 4.45)
    ax.set_ylim(-0.7, 1.45)
    ax.axis("off")
    return ax
