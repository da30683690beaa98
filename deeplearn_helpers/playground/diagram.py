"""The network as the playground draws it: the diagram (every unit a picture over the input
plane, every weight a line) and the grid of every hidden unit, larger."""
import numpy as np
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from ..plot.basics import NEG_COLOR, POS_COLOR
from .pictures import (
    CMAP_GAPS,
    FONT,
    FONT_BIG,
    GAP_GRID,
    GAP_NET,
    PIC,
    Panel,
    as_picture,
    finite,
    layer_name,
    output_shade,
    softmax,
    stack,
    unit_limits,
)

MAX_NET_UNITS, MAX_GRID_UNITS = 10, 16         # units drawn per layer in the diagram / the grid
_POS_RGBA, _NEG_RGBA = np.array(to_rgba(POS_COLOR, 0.8)), np.array(to_rgba(NEG_COLOR, 0.8))


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
        s = min(0.5, (h - 0.75) / (max(shown) * pitch), (w - 1.1) / (n * 1.9))
        xs = np.linspace(0.75 + s / 2, w - 0.25 - s, n)
        ys = [(h - 0.55) / 2 + (np.arange(k)[::-1] - (k - 1) / 2) * s * pitch for k in shown]
        size = [s] * (n - 1) + [1.6 * s if m.output_dim == 1 else s]
        segs = [[(xs[li] + s / 2, ys[li][i]), (xs[li + 1] - size[li + 1] / 2, ys[li + 1][j])]
                for li in range(n - 1) for j in range(shown[li + 1]) for i in range(shown[li])]
        self.weights = LineCollection(segs, zorder=1)
        ax.add_collection(self.weights)
        self.columns, frames = [], []
        for li in range(n):
            z, top, bottom = size[li], ys[li][0] + size[li] / 2, ys[li][-1] - size[li] / 2
            self.columns.append(ax.imshow(
                np.zeros((2, 2)), extent=(xs[li] - z / 2, xs[li] + z / 2, bottom, top),
                cmap=CMAP_GAPS, interpolation="bilinear", vmin=-1, vmax=1))
            frames += [Rectangle((xs[li] - z / 2, yj - z / 2), z, z) for yj in ys[li]]
            if sizes[li] > shown[li]:
                ax.text(xs[li], bottom - 0.08, f"+{sizes[li] - shown[li]} more",
                        ha="center", va="top", fontsize=FONT, color="0.35")
            label = "φ(x)" if li == 0 else "fθ" if li == n - 1 else layer_name(li)
            ax.text(xs[li], h - 0.05, label, ha="center", va="top", fontsize=FONT)
        frames = PatchCollection(frames, facecolor="none", edgecolor="0.35", linewidth=0.8)
        ax.add_collection(frames)
        self.dyn = [self.weights] + self.columns[1:] + [frames]
        for j, name in enumerate(scene.features[:shown[0]]):
            ax.text(xs[0] - s / 2 - 0.06, ys[0][j], name, ha="right", va="center", fontsize=FONT)
        self._inputs_done = False

    def update(self, scene, frame):
        m, shown = scene.model, self.shown
        if not self._inputs_done:   # the inputs never change: they stay in the background,
            pics = as_picture(frame["Phi"].T, scene.X.shape[1], frame["sub"])[:shown[0]]
            # each to its range
            pics = pics / np.maximum(np.abs(pics).max(axis=(1, 2), keepdims=True), 1e-9)
            self.columns[0].set_data(stack(pics, GAP_NET, axis=0))
            self._inputs_done = True
        Ws = [m.params[k] for k in m.weight_names]
        flat = np.concatenate([finite(W[:shown[li + 1], :shown[li]]).ravel()
                               for li, W in enumerate(Ws)])
        top = max(float(np.abs(flat).max()) if flat.size else 1.0, 1e-9)
        self.weights.set_linewidths(0.3 + 5.0 * np.abs(flat) / top)
        self.weights.set_color(np.where(flat[:, None] > 0, _POS_RGBA, _NEG_RGBA))
        for li, (im, M) in enumerate(zip(self.columns[1:-1], frame["maps"], strict=False)):
            lo, hi = unit_limits(m.activations[li], M)
            im.set_data(stack((np.clip(M[:shown[li + 1]], lo, hi) - lo) / (hi - lo) * 2 - 1,
                              GAP_NET, axis=0))
        F = frame["F"]
        if m.output_dim == 1:
            V = output_shade(F, scene.task, scene.loss)[None]
            V = V / 1.5 if scene.task == "regression" else V
        else:
            V = (2 * softmax(F) - 1).T                     # blue where class j is likely
        pics = as_picture(V, scene.X.shape[1], 1 if m.output_dim == 1 else frame["sub"])
        self.columns[-1].set_data(stack(np.clip(pics, -1, 1), GAP_NET, axis=0))


class UnitsPanel(Panel):
    """Every hidden unit h^(l)_j(x) over the input plane: one row (one image) per layer."""
    arch_dependent = True

    def build(self, scene):
        ax, m, (w, h) = self.ax, scene.model, self.size
        ax.set_xlim(0, w)
        ax.set_ylim(0, h)
        ax.text(0.02, h - 0.05, "every hidden unit over the input plane, layer by layer",
                fontsize=FONT_BIG, va="top")
        self.rows, L = [], len(m.hidden)
        if not L:
            ax.text(0.02, h - 0.5, "no hidden layer: fθ(x) = w · φ(x) "
                    "is linear in the features", fontsize=FONT, va="top", color="0.3")
            return
        pitch = 1 + GAP_GRID / PIC
        row_h = min(0.74, (h - 0.45) / L)
        u = min(0.62, (w - 1.0) / (min(max(m.hidden), MAX_GRID_UNITS) * pitch + 0.6),
                row_h - 0.1)
        frames = []
        for li, (width, act) in enumerate(zip(m.hidden, m.activations, strict=True), start=1):
            k, y0 = min(width, MAX_GRID_UNITS), h - 0.37 - li * row_h
            ax.text(0.02, y0 + u / 2, f"layer {li}" + (f"\n{act}" if u > 0.3 else ""),
                    fontsize=FONT, va="center")
            x1 = 0.85 + (k - 1) * u * pitch + u
            self.rows.append(ax.imshow(np.zeros((2, 2)), extent=(0.85, x1, y0, y0 + u),
                                       cmap=CMAP_GAPS, interpolation="bilinear"))
            frames += [Rectangle((0.85 + j * u * pitch, y0), u, u) for j in range(k)]
            if width > k:
                ax.text(x1 + 0.08, y0 + u / 2, f"+{width - k} more", fontsize=FONT,
                        va="center", color="0.35")
        frames = PatchCollection(frames, facecolor="none", edgecolor="0.35", linewidth=0.6)
        ax.add_collection(frames)
        self.dyn = self.rows + [frames]

    def update(self, scene, frame):
        for im, M, act in zip(self.rows, frame["maps"], scene.model.activations, strict=False):
            im.set_data(stack(M[:MAX_GRID_UNITS], GAP_GRID, axis=1))
            im.set_clim(*unit_limits(act, M))
