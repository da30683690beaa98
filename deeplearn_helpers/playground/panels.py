"""The playground's panels over the plane and in time: the output f_theta(x) with the points,
the hidden space of a layer of 2 units, and the loss curves. (The network's own pictures are
in diagram.py.)"""
import textwrap

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from ..plot.basics import CMAP, NEG_COLOR, POS_COLOR
from .features import input_features
from .pictures import (
    CLASS_COLORS,
    FONT,
    FONT_BIG,
    Panel,
    boundary,
    finite,
    forward_from,
    layer_name,
    nice,
    output_shade,
    point_colors,
    softmax,
)


class OutputPanel(Panel):
    """f_theta(x) over the plane (regression: the curve) with the points, the boundary f = 0."""

    def __init__(self, ax, size, scene):
        super().__init__(ax, size, scene)
        lo, hi = scene.lim
        self.task = scene.task
        reg = scene.task == "regression"
        ax.set_title("output fθ(x)" + (" and the data" if reg else ""),
                     fontsize=FONT_BIG)
        ax.set_xlim(lo, hi)
        ax.tick_params(labelsize=FONT)
        if hi - lo < 4:
            ax.set_xticks([t for t in (-1, 0, 1) if lo <= t <= hi])
        if reg:
            ax.set_ylim(-1.8, 1.8)
            ax.set_xlabel("x", fontsize=FONT, labelpad=1)
            ax.set_ylabel("y", fontsize=FONT, labelpad=1)
            ax.grid(alpha=0.3)
            self.fit, = ax.plot([], [], color="k", lw=2.5, zorder=3)
            self.dyn = [self.fit]
        else:
            ax.set_ylim(lo, hi)
            ax.set_yticks(ax.get_xticks())
            ax.set_xlim(lo, hi)
            ax.set_ylim(lo, hi)
            ax.set_xlabel("x₁", fontsize=FONT, labelpad=1)
            ax.set_ylabel("x₂", fontsize=FONT, labelpad=1)
            self.out = ax.imshow(np.zeros((2, 2)), extent=(lo, hi, lo, hi), origin="lower",
                                 cmap=CMAP, vmin=-1, vmax=1, interpolation="bilinear",
                                 alpha=0.8, zorder=1)
            self.boundary = LineCollection([], colors="k", linewidths=1.6, zorder=2)
            ax.add_collection(self.boundary)
            self.dyn = [self.out, self.boundary]
        self.points = [ax.scatter([], [], s=24, marker="o", edgecolors="white",
                                  linewidths=0.7, zorder=4)]
        if scene.show_test:
            self.points.append(ax.scatter([], [], s=32, marker="^", edgecolors="#222222",
                                          linewidths=0.8, zorder=4))
        self.dyn += self.points

    def set_data(self, scene):
        for sc, X, y, color in zip(self.points, (scene.X, scene.X_test), (scene.y, scene.y_test),
                                   (POS_COLOR, NEG_COLOR), strict=False):
            if scene.task == "regression":
                sc.set_offsets(np.column_stack([X[:, 0], y]))
                sc.set_facecolor(color)
            else:
                sc.set_offsets(X)
                sc.set_facecolor(point_colors(scene.task, y))

    def update(self, scene, frame):
        s, F = frame["s"], frame["F"]
        r = len(s)
        if scene.task == "regression":
            self.fit.set_data(s, np.clip(F, -50, 50))
        elif scene.task == "multiclass":     # the softmax probabilities mix the class colours
            C = np.array([to_rgba(c)[:3] for c in CLASS_COLORS[:F.shape[1]]])
            self.out.set_data((0.25 + 0.75 * softmax(F) @ C).reshape(r, r, 3))
        else:
            V = output_shade(F, scene.task, scene.loss).reshape(r, r)
            self.out.set_data(V)
            self.boundary.set_segments(boundary(s, V))


class HiddenPanel(Panel):
    """The hidden space of the last layer of 2 units: the input grid lines and the points
    as that layer sees them, over the rest of the network's output there."""
    arch_dependent = True

    def build(self, scene):
        ax, m = self.ax, scene.model
        ax.tick_params(labelsize=FONT)
        twos = [li for li, w in enumerate(m.hidden, start=1) if w == 2]
        self.layer = twos[-1] if twos and scene.task != "multiclass" else None
        li = self.layer
        if li is None:
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.set_title("hidden space", fontsize=FONT_BIG)
            hint = ("The hidden space is drawn\nfor 2 classes or regression."
                    if scene.task == "multiclass" else "Give a hidden layer exactly\n"
                    "2 units (widths like 8, 2)\nto see how it bends\nthe input plane.")
            ax.text(0.5, 0.5, hint, ha="center", va="center", fontsize=FONT, color="0.3",
                    transform=ax.transAxes)
            return
        ax.xaxis.set_major_locator(MaxNLocator(3))
        ax.yaxis.set_major_locator(MaxNLocator(3))
        ax.set_title(f"hidden space, layer {li}", fontsize=FONT_BIG)
        ax.set_xlabel(layer_name(li, "1"), fontsize=FONT, labelpad=1)
        ax.set_ylabel(layer_name(li, "2"), fontsize=FONT, labelpad=1)
        self.bg = ax.imshow(np.zeros((2, 2)), origin="lower", cmap=CMAP, vmin=-1, vmax=1,
                            interpolation="bilinear", alpha=0.8, extent=(0, 1, 0, 1))
        self.lines = LineCollection([], colors="0.15", linewidths=0.8, alpha=0.8)
        self.boundary = LineCollection([], colors="k", linewidths=1.8)
        ax.add_collection(self.lines)
        ax.add_collection(self.boundary)
        self.points = ax.scatter([], [], s=16, edgecolors="white", linewidths=0.4, zorder=3)
        self.dyn = [self.bg, self.lines, self.boundary, self.points]
        lo, hi = scene.lim
        t = np.linspace(lo, hi, 60)
        if scene.X.shape[1] == 1:
            self.grid = input_features(t[:, None], scene.features)
            self.n_lines = 1
        else:
            ks = np.linspace(lo, hi, 13)
            G = np.vstack([np.column_stack([t, np.full_like(t, k)]) for k in ks]
                          + [np.column_stack([np.full_like(t, k), t]) for k in ks])
            self.grid = input_features(G, scene.features)
            self.n_lines = 2 * len(ks)
        self.set_data(scene)

    def set_data(self, scene):
        if self.layer is not None:
            self.points.set_offsets(np.zeros((len(scene.X), 2)))
            self.points.set_facecolor(point_colors(scene.task, scene.y))
            self.data = input_features(scene.X, scene.features)

    def update(self, scene, frame):
        if self.layer is None:
            return None
        li, m = self.layer, scene.model
        with np.errstate(all="ignore"):
            H = m.forward(np.vstack([self.grid, self.data]), train=False)[1][li - 1]["H"]
            H = finite(H)
        Hg, Hd = H[:len(self.grid)], H[len(self.grid):]
        act = m.activations[li - 1]
        if act in ("sigmoid", "tanh"):
            lo, hi = (-0.05, 1.05) if act == "sigmoid" else (-1.05, 1.05)
        else:
            top = nice(max(float(np.abs(H).max()), 1e-3) * 1.05)
            lo, hi = (-0.05 * top if act == "relu" else -top), top
        self.lines.set_segments(np.split(Hg, self.n_lines))
        self.points.set_offsets(Hd)
        g = np.linspace(lo, hi, 48)
        g1, g2 = np.meshgrid(g, g)
        with np.errstate(all="ignore"):
            Fh = finite(forward_from(m, np.column_stack([g1.ravel(), g2.ravel()]), li))
        V = np.clip(output_shade(Fh, scene.task, scene.loss), -1.5, 1.5).reshape(48, 48)
        self.bg.set_data(V)
        self.bg.set_extent((lo, hi, lo, hi))
        self.boundary.set_segments(boundary(g, V) if scene.task != "regression" else [])
        if (lo, hi) != self.ax.get_xlim():
            self.ax.set_xlim(lo, hi)
            self.ax.set_ylim(lo, hi)
        return (lo, hi)


class LossPanel(Panel):
    """TrainLoss and the test loss against the epoch t (log scale), and any warning."""

    def __init__(self, ax, size, scene):
        super().__init__(ax, size, scene)
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(numticks=6))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))   # 0.01, not 10^-2
        ax.yaxis.set_minor_locator(NullLocator())
        ax.tick_params(labelsize=FONT)
        ax.set_xlabel("epoch t", fontsize=FONT, labelpad=1)
        ax.set_ylabel("loss", fontsize=FONT, labelpad=1)
        ax.grid(alpha=0.3)
        self.train, = ax.plot([], [], color="#222222", lw=2, label="TrainLoss")
        self.test, = ax.plot([], [], color="#888888", lw=2, ls="--", label="test loss")
        ax.legend(loc="upper right", fontsize=FONT, framealpha=0.9, ncol=2, borderpad=0.3,
                  handlelength=1.6, columnspacing=1.0)
        self.note = ax.text(0.02, 0.95, "", transform=ax.transAxes, color="crimson",
                            fontsize=FONT, va="top", bbox=dict(facecolor="white", alpha=0.9,
                                                              edgecolor="crimson"))
        self.dyn = [self.train, self.test]

    def update(self, scene, frame):
        hist, ax = scene.history, self.ax
        t = np.asarray(hist.epochs)
        tr = np.clip(finite(np.asarray(hist.train_loss, dtype=float)), 1e-4, None)
        te = np.clip(finite(np.asarray(hist.test_loss, dtype=float)), 1e-4, None)
        self.train.set_data(t, tr)
        self.test.set_data(t[:len(te)], te)
        xmax = 50.0                                  # the axes grow in steps: few redraws
        while xmax < hist.epoch:
            xmax *= 2
        values = np.concatenate([tr, te]) if tr.size else np.ones(1)
        ylo = 10.0 ** np.floor(np.log10(values.min() * 0.95))
        yhi = 10.0 ** np.ceil(np.log10(values.max() * 1.05))
        if (0.0, xmax) != ax.get_xlim() or (ylo, yhi) != ax.get_ylim():
            ax.set_xlim(0.0, xmax)
            ax.set_ylim(ylo, yhi)
        self.note.set_text(textwrap.fill(scene.note, 42))
        return (xmax, ylo, yhi, scene.note)
