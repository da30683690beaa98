"""The five views of the playground, one class each: built once, then updated in place.

Every panel owns one Axes. ``build(scene)`` makes the artists that depend on the network's
architecture, ``set_data(scene)`` moves the points when the data change, and
``update(scene, frame)`` sets the artists that change while training (listed in ``dyn``) and
returns what its static background shows (drawn again only when that changes).
``frame`` holds the values shared by the panels: the input grid ``s``, the output ``F`` on it
and every hidden unit's picture ``maps``.
"""
import textwrap

import contourpy
import numpy as np
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from .features import input_features
from ..plot.basics import CMAP, NEG_COLOR, POS_COLOR

CLASS_COLORS = (NEG_COLOR, POS_COLOR, "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2",
                "#17becf")                     # class 0, 1, ... for own multiclass data
R_OUT, SUB = 73, 3                             # output grid r x r; unit pictures every SUB-th
PIC, GAP_NET, GAP_GRID = (R_OUT - 1) // SUB + 1, 8, 4   # a unit's picture: PIC x PIC pixels
MAX_NET_UNITS, MAX_GRID_UNITS = 10, 16         # units drawn per layer in the diagram / the grid
CMAP_GAPS = CMAP.with_extremes(bad=(1.0, 1.0, 1.0, 0.0))   # NaN (between units): transparent
_POS_RGBA, _NEG_RGBA = np.array(to_rgba(POS_COLOR, 0.8)), np.array(to_rgba(NEG_COLOR, 0.8))


# --- the values drawn -----------------------------------------------------------------------

def forward_from(model, H, start):
    """f_theta computed from hidden layer ``start``'s activations (eval mode).

    H: (n, width of layer ``start``), start in 1..L  ->  F: (n,) or (n, k).
    Layer l > start: h_l = sigma(V_l h_{l-1} (+ b_l)) [batch norm with running statistics].
    """
    return model.forward(H, start=start)[0]


def output_shade(F, task, loss):
    """The output as the colour scale shows it: -1 (orange) .. +1 (blue), 0 the boundary.

    squared / hinge: clip(f, -1, 1); logistic: tanh(f / 2) = 2 P(y=+1) - 1; cross-entropy
    with 2 classes: 2 softmax_1 - 1; regression: f.  F: (n,) or (n, 2) -> (n,).
    """
    if task == "regression":
        return F
    if F.ndim == 2:
        return np.tanh((F[:, 1] - F[:, 0]) / 2)
    return np.tanh(F / 2) if loss == "logistic" else np.clip(F, -1.0, 1.0)


def softmax(F):
    """Row-wise softmax of scores F (n, k)."""
    S = np.exp(F - F.max(axis=1, keepdims=True))
    return S / S.sum(axis=1, keepdims=True)


def finite(A, bound=1e6):
    """A with NaN -> 0 and everything clipped to [-bound, bound]: nothing non-finite is drawn."""
    return np.clip(np.nan_to_num(A, nan=0.0, posinf=bound, neginf=-bound), -bound, bound)


def as_picture(M, input_dim, sub=SUB):
    """Rows of values on the input grid as small square pictures: (k, m) -> (k, r', r').

    2-D inputs: m = r*r grid points, every ``sub``-th kept; 1-D inputs: m = r points along
    x, drawn as vertical bands (the value depends on x only).
    """
    k, n = M.shape
    if input_dim == 1:
        row = M[:, ::sub]
        return np.broadcast_to(row[:, None, :], (k, row.shape[1], row.shape[1]))
    r = int(round(np.sqrt(n)))
    return M.reshape(k, r, r)[:, ::sub, ::sub]


def stack(pics, gap, axis):
    """Pictures (k, a, a) side by side (axis=1) or top to bottom (axis=0), ``gap`` NaN
    pixels between them (drawn transparent): one image for a whole layer."""
    k, a, b = pics.shape
    if axis == 1:
        out = np.full((a, k * (b + gap) - gap), np.nan)
        for j in range(k):
            out[:, j * (b + gap):j * (b + gap) + b] = pics[j]
        return out[::-1]                            # images show row 0 on top
    out = np.full((k * (a + gap) - gap, b), np.nan)
    for j in range(k):                              # unit 1 on top
        out[j * (a + gap):j * (a + gap) + a] = pics[j][::-1]
    return out


def unit_limits(act, M):
    """The colour range of a layer's units: the range of sigma (relu, linear: of the values)."""
    if act == "sigmoid":
        return 0.0, 1.0
    if act == "tanh":
        return -1.0, 1.0
    top = max(float(np.max(np.abs(M))) if M.size else 1.0, 1e-6)
    return (0.0 if act == "relu" else -top), top


def point_colors(task, y):
    if task == "multiclass":
        return [CLASS_COLORS[int(c) % len(CLASS_COLORS)] for c in y]
    if task == "regression":
        return CMAP(np.clip((np.asarray(y) + 1) / 2, 0, 1))
    return np.where(np.asarray(y) > 0, POS_COLOR, NEG_COLOR)


def _boundary(s, V):
    """The curve V = 0 of a grid V (r, r) over s x s, as line segments."""
    if not V.min() < 0 < V.max():
        return []
    return contourpy.contour_generator(s, s, V, line_type="Separate").lines(0.0)


def _nice(v):
    """The smallest of 1, 2, 5 x 10^k that is >= v (v > 0)."""
    e = 10.0 ** np.floor(np.log10(v))
    return float(next(m * e for m in (1, 2, 5, 10) if m * e >= v))


# --- the panels ------------------------------------------------------------------------------

class Panel:
    """One view: its Axes ``ax`` (a box of ``size`` inches), its changing artists ``dyn``."""
    arch_dependent = False

    def __init__(self, ax, size, scene):
        self.ax, self.size, self.dyn = ax, size, []

    def clear(self):
        """Remove what ``build`` made (cheaper than ax.clear(), which remakes the ticks)."""
        ax = self.ax
        for a in ax.images + ax.texts + ax.collections + ax.lines + ax.patches:
            a.remove()
        self.dyn = []

    def build(self, scene):
        pass

    def set_data(self, scene):
        pass

    def update(self, scene, frame):
        return None


class NetworkPanel(Panel):
    """The network as a diagram, in inch coordinates: a column of unit pictures per layer
    (one image each), the weights as lines, width |w| and colour its sign."""
    arch_dependent = True

    def build(self, scene):
        ax, m, (w, h) = self.ax, scene.model, self.size
        ax.set_xlim(0, w)
        ax.set_ylim(0, h)
        sizes = [len(scene.features)] + list(m.hidden) + [m.output_dim]
        self.shown = shown = [min(k, MAX_NET_UNITS) for k in sizes]
        n, pitch = len(sizes), 1 + GAP_NET / PIC
        s = min(0.42, (h - 0.75) / (max(shown) * pitch), (w - 1.1) / (n * 1.9))
        xs = np.linspace(0.75 + s / 2, w - 0.25 - s, n)
        ys = [(h - 0.55) / 2 + (np.arange(k)[::-1] - (k - 1) / 2) * s * pitch for k in shown]
        size = [s] * (n - 1) + [1.6 * s if m.output_dim == 1 else s]
        segs = [[(xs[l] + s / 2, ys[l][i]), (xs[l + 1] - size[l + 1] / 2, ys[l + 1][j])]
                for l in range(n - 1) for j in range(shown[l + 1]) for i in range(shown[l])]
        self.weights = LineCollection(segs, zorder=1)
        ax.add_collection(self.weights)
        self.columns, frames = [], []
        acts = ["linear"] + list(m.activations) + ["output"]
        for l in range(n):
            z, top, bottom = size[l], ys[l][0] + size[l] / 2, ys[l][-1] - size[l] / 2
            self.columns.append(ax.imshow(
                np.zeros((2, 2)), extent=(xs[l] - z / 2, xs[l] + z / 2, bottom, top),
                cmap=CMAP_GAPS, interpolation="bilinear", vmin=-1, vmax=1))
            frames += [Rectangle((xs[l] - z / 2, yj - z / 2), z, z) for yj in ys[l]]
            if sizes[l] > shown[l]:
                ax.text(xs[l], bottom - 0.08, f"+{sizes[l] - shown[l]} more",
                        ha="center", va="top", fontsize=9, color="0.35")
            label = ("input\n$\\phi(x)$" if l == 0 else "output" if l == n - 1
                     else f"layer {l}\n{sizes[l]} {acts[l]}")
            ax.text(xs[l], h - 0.05, label, ha="center", va="top", fontsize=11)
        frames = PatchCollection(frames, facecolor="none", edgecolor="0.35", linewidth=0.8)
        ax.add_collection(frames)
        self.dyn = [self.weights] + self.columns[1:] + [frames]
        for j, name in enumerate(scene.features[:shown[0]]):
            ax.text(xs[0] - s / 2 - 0.06, ys[0][j], name, ha="right", va="center", fontsize=11)
        self._inputs_done = False

    def update(self, scene, frame):
        m, shown = scene.model, self.shown
        if not self._inputs_done:   # the inputs never change: they stay in the background,
            pics = as_picture(frame["Phi"].T, scene.X.shape[1])[:shown[0]]  # each to its range
            pics = pics / np.maximum(np.abs(pics).max(axis=(1, 2), keepdims=True), 1e-9)
            self.columns[0].set_data(stack(pics, GAP_NET, axis=0))
            self._inputs_done = True
        Ws = [m.params[k] for k in m.weight_names]
        flat = np.concatenate([finite(W[:shown[l + 1], :shown[l]]).ravel()
                               for l, W in enumerate(Ws)])
        top = max(float(np.abs(flat).max()) if flat.size else 1.0, 1e-9)
        self.weights.set_linewidths(0.3 + 5.0 * np.abs(flat) / top)
        self.weights.set_color(np.where(flat[:, None] > 0, _POS_RGBA, _NEG_RGBA))
        for l, (im, M) in enumerate(zip(self.columns[1:-1], frame["maps"])):
            lo, hi = unit_limits(m.activations[l], M)
            im.set_data(stack((np.clip(M[:shown[l + 1]], lo, hi) - lo) / (hi - lo) * 2 - 1,
                              GAP_NET, axis=0))
        F = frame["F"]
        if m.output_dim == 1:
            V = output_shade(F, scene.task, scene.loss)[None]
            V = V / 1.5 if scene.task == "regression" else V
        else:
            V = (2 * softmax(F) - 1).T                     # blue where class j is likely
        pics = as_picture(V, scene.X.shape[1], 1 if m.output_dim == 1 else SUB)
        self.columns[-1].set_data(stack(np.clip(pics, -1, 1), GAP_NET, axis=0))


class UnitsPanel(Panel):
    """Every hidden unit h^(l)_j(x) over the input plane: one row (one image) per layer."""
    arch_dependent = True

    def build(self, scene):
        ax, m, (w, h) = self.ax, scene.model, self.size
        ax.set_xlim(0, w)
        ax.set_ylim(0, h)
        ax.text(0.02, h - 0.05, "every hidden unit $h^{(l)}_j(x)$ over the input plane, "
                "$j = 1, 2, \\ldots$", fontsize=12, va="top")
        self.rows, L = [], len(m.hidden)
        if not L:
            ax.text(0.02, h - 0.5, "no hidden layer: $f_\\theta(x) = \\mathbf{w}\\cdot\\phi(x)$ "
                    "is linear in the features", fontsize=11, va="top", color="0.3")
            return
        pitch = 1 + GAP_GRID / PIC
        row_h = min(0.74, (h - 0.45) / L)
        u = min(0.62, 5.0 / (min(max(m.hidden), MAX_GRID_UNITS) * pitch), row_h - 0.1)
        frames = []
        for l, (width, act) in enumerate(zip(m.hidden, m.activations), start=1):
            k, y0 = min(width, MAX_GRID_UNITS), h - 0.37 - l * row_h
            ax.text(0.02, y0 + u / 2, f"layer {l}" + (f"\n{act}" if u > 0.3 else f" {act}"),
                    fontsize=10 if u > 0.3 else 8, va="center")
            x1 = 0.85 + (k - 1) * u * pitch + u
            self.rows.append(ax.imshow(np.zeros((2, 2)), extent=(0.85, x1, y0, y0 + u),
                                       cmap=CMAP_GAPS, interpolation="bilinear"))
            frames += [Rectangle((0.85 + j * u * pitch, y0), u, u) for j in range(k)]
            if width > k:
                ax.text(x1 + 0.08, y0 + u / 2, f"+{width - k} more", fontsize=9,
                        va="center", color="0.35")
        frames = PatchCollection(frames, facecolor="none", edgecolor="0.35", linewidth=0.6)
        ax.add_collection(frames)
        self.dyn = self.rows + [frames]

    def update(self, scene, frame):
        for im, M, act in zip(self.rows, frame["maps"], scene.model.activations):
            im.set_data(stack(M[:MAX_GRID_UNITS], GAP_GRID, axis=1))
            im.set_clim(*unit_limits(act, M))


class OutputPanel(Panel):
    """f_theta(x) over the plane (regression: the curve) with the points, the boundary f = 0."""

    def __init__(self, ax, size, scene):
        super().__init__(ax, size, scene)
        lo, hi = scene.lim
        self.task = scene.task
        reg = scene.task == "regression"
        ax.set_title("output $f_\\theta(x)$" + (" and the data" if reg else
                                                 " over the input plane"), fontsize=12)
        ax.set_xlim(lo, hi)
        ax.tick_params(labelsize=9)
        if hi - lo < 4:
            ax.set_xticks([t for t in (-1.5, -1, -0.5, 0, 0.5, 1, 1.5) if lo <= t <= hi])
        if reg:
            ax.set_ylim(-1.8, 1.8)
            ax.set_xlabel("$x$", fontsize=11, labelpad=1)
            ax.set_ylabel("$y$", fontsize=11, labelpad=1)
            ax.grid(alpha=0.3)
            self.fit, = ax.plot([], [], color="k", lw=2.5, zorder=3)
            self.dyn = [self.fit]
        else:
            ax.set_ylim(lo, hi)
            ax.set_yticks(ax.get_xticks())
            ax.set_xlim(lo, hi)
            ax.set_ylim(lo, hi)
            ax.set_xlabel("$x_1$", fontsize=11, labelpad=1)
            ax.set_ylabel("$x_2$", fontsize=11, labelpad=1)
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
                                   (POS_COLOR, NEG_COLOR)):
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
            self.boundary.set_segments(_boundary(s, V))


class HiddenPanel(Panel):
    """The hidden space of the last layer of 2 units: the input grid lines and the points
    as that layer sees them, over the rest of the network's output there."""
    arch_dependent = True

    def build(self, scene):
        ax, m = self.ax, scene.model
        ax.tick_params(labelsize=8)
        twos = [l for l, w in enumerate(m.hidden, start=1) if w == 2]
        self.layer = twos[-1] if twos and scene.task != "multiclass" else None
        l = self.layer
        if l is None:
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_xlabel("")
            ax.set_ylabel("")
            ax.set_title("hidden space", fontsize=12)
            hint = ("The hidden space is drawn\nfor 2 classes or regression."
                    if scene.task == "multiclass" else "Give a hidden layer exactly\n"
                    "2 units (widths like 8, 2)\nto see how it bends\nthe input plane.")
            ax.text(0.5, 0.5, hint, ha="center", va="center", fontsize=11, color="0.3",
                    transform=ax.transAxes)
            return
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.set_title(f"hidden space of layer {l}", fontsize=12)
        ax.set_xlabel(f"$h^{{({l})}}_1$", fontsize=11, labelpad=1)
        ax.set_ylabel(f"$h^{{({l})}}_2$", fontsize=11, labelpad=1)
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
        l, m = self.layer, scene.model
        with np.errstate(all="ignore"):
            H = finite(m.forward(np.vstack([self.grid, self.data]), train=False)[1][l - 1]["H"])
        Hg, Hd = H[:len(self.grid)], H[len(self.grid):]
        act = m.activations[l - 1]
        if act in ("sigmoid", "tanh"):
            lo, hi = (-0.05, 1.05) if act == "sigmoid" else (-1.05, 1.05)
        else:
            top = _nice(max(float(np.abs(H).max()), 1e-3) * 1.05)
            lo, hi = (-0.05 * top if act == "relu" else -top), top
        self.lines.set_segments(np.split(Hg, self.n_lines))
        self.points.set_offsets(Hd)
        g = np.linspace(lo, hi, 48)
        g1, g2 = np.meshgrid(g, g)
        with np.errstate(all="ignore"):
            Fh = finite(forward_from(m, np.column_stack([g1.ravel(), g2.ravel()]), l))
        V = np.clip(output_shade(Fh, scene.task, scene.loss), -1.5, 1.5).reshape(48, 48)
        self.bg.set_data(V)
        self.bg.set_extent((lo, hi, lo, hi))
        self.boundary.set_segments(_boundary(g, V) if scene.task != "regression" else [])
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
        ax.tick_params(labelsize=9)
        ax.set_xlabel("epoch $t$", fontsize=11, labelpad=1)
        ax.set_ylabel("loss", fontsize=11, labelpad=1)
        ax.grid(alpha=0.3)
        self.train, = ax.plot([], [], color="#222222", lw=2, label="TrainLoss")
        self.test, = ax.plot([], [], color="#888888", lw=2, ls="--", label="test loss")
        ax.legend(loc="upper right", fontsize=10, framealpha=0.9)
        self.note = ax.text(0.02, 0.95, "", transform=ax.transAxes, color="crimson",
                            fontsize=11, va="top", bbox=dict(facecolor="white", alpha=0.9,
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
