"""The playground's picture, fast enough to animate: built once, then updated in place.

Views (any subset of VIEWS):
    network       the network as a diagram: every unit drawn as its heatmap over the input
                  plane, every weight a line whose width is |w| and colour its sign
    units         every hidden unit h^(l)_j(x) over the input plane, one row per layer
    output        f_theta(x) over the plane with the training points (test points on a toggle)
    hidden space  for a hidden layer of 2 units: where it sends the input plane's grid lines
                  and the data, over the rest of the network's output (ConvNetJS's view)
    loss          TrainLoss and test loss against the epoch t

``PlaygroundView.draw(scene)`` sets the data of the artists; the layout is rebuilt only when
the architecture or the views change. Most frames restore the saved static background and
redraw just the artists that change (blitting), then ``png()`` encodes the Agg buffer. A
scene already drawn (same version, same views) is not evaluated again; a ``fast`` scene
(while playing) evaluates the network on a coarser grid (49 x 49 instead of 73 x 73).

The figure is 8 inches wide at 100 dpi (800 pixels, shown at that size beside the controls);
every text is at least 11 points, 15 pixels (plot.style.SMALL).
"""
import struct
import zlib

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from ..plot.style import DECK_CELL_PX
from .diagram import NetworkPanel, UnitsPanel
from .features import input_features
from .panels import HiddenPanel, LossPanel, OutputPanel
from .pictures import FONT, R_FAST, R_OUT, SUB, SUB_FAST, as_picture, finite
from .session import Scene
from .spec import VIEWS

__all__ = ["VIEWS", "Scene", "PlaygroundView", "PlaygroundFigure", "png_bytes"]

DPI = 100                                      # the PNG is 800 pixels wide
WIDTH = 8.0                                    # inches


class PlaygroundFigure(Figure):
    """A Figure that shows itself as PNG in a notebook from the picture already drawn (no
    pyplot, no second drawing), with the lecture style's metadata: the smallest text in
    pixels (every visible, non-empty text of the figure, tick labels included)."""

    current = False                            # the canvas holds the latest complete picture

    def _repr_png_(self):
        if not self.current:
            self.canvas.draw()
        png = png_bytes(np.asarray(self.canvas.buffer_rgba())[..., :3], level=6)
        texts = [(t.get_fontsize() * self.dpi / 72, t.get_text()) for t in self.findobj(Text)
                 if t.get_visible() and t.get_text().strip()]
        w, h = (int(round(v)) for v in self.bbox.size)
        scale = min(1.0, DECK_CELL_PX / w)
        md = {"dl_png_px": [w, h], "dl_shown_px": [round(w * scale), round(h * scale)]}
        if texts:
            px, text = min(texts)
            md["dl_min_text_px"], md["dl_min_text"] = round(px * scale, 1), text[:40]
        return png, md


def _show_as_drawn():
    """In IPython, show a PlaygroundFigure by its own ``_repr_png_`` (the PNG formatter of
    matplotlib Figures would draw it twice more)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    ip = get_ipython()
    if ip is not None:
        ip.display_formatter.formatters["image/png"].for_type(
            PlaygroundFigure, PlaygroundFigure._repr_png_)


class PlaygroundView:
    """The playground's Figure: ``draw(scene)`` updates it, ``png()`` returns the PNG bytes.

    Three levels of change, cheapest last: the views (a new layout, the whole figure drawn),
    the architecture (the network, units and hidden-space panels rebuilt), and training
    (artists updated in place; only a panel whose axes change is drawn again).
    """

    def __init__(self, dpi=DPI):
        _show_as_drawn()
        self.figure = PlaygroundFigure(dpi=dpi, facecolor="white")
        self.canvas = FigureCanvasAgg(self.figure)
        self._layout_key = self._arch_key = self._data_id = None
        self._bg = self._renderer = None
        self._grid_cache, self._keys, self._arch_version = {}, {}, 0
        self._seen, self.draws = None, 0         # the scene drawn last; how many drawn

    def draw(self, scene):
        """Show ``scene``: rebuild what its views or architecture need, update, render to Agg.
        Returns False (and does nothing) if this very scene was drawn last."""
        m = scene.model
        layout = (tuple(v for v in scene.views if v != "hidden space" or has_hidden_space(scene)),
                  scene.task, bool(scene.show_test), tuple(scene.lim), scene.X.shape[1])
        seen = (id(m), scene.version, layout, scene.fast, scene.note)
        if seen == self._seen:
            return False
        arch = (tuple(m.sizes), tuple(m.activations), tuple(scene.features), m.batch_norm)
        if layout != self._layout_key:
            self._layout_views = layout[0]
            self._build_layout(scene)
            self._layout_key, self._arch_key, self._data_id, self._bg = layout, None, None, None
        if arch != self._arch_key:
            for p in self.panels.values():
                if p.arch_dependent:
                    p.clear()
                    p.build(scene)
            self._arch_key, self._arch_version = arch, self._arch_version + 1
        if scene.data_id != self._data_id:
            for p in self.panels.values():
                p.set_data(scene)
            self._data_id = scene.data_id
        frame = self._frame(scene)
        keys = {name: (self._arch_version if p.arch_dependent else 0, p.update(scene, frame))
                for name, p in self.panels.items()}
        self._head.set_text(_headline(scene.history, scene.settings))
        self._head.set_color("crimson" if scene.note else "#222222")
        if self._bg is None or self._renderer is not self.canvas.get_renderer():
            self._full_draw()
        else:
            changed = [p for p in keys if keys[p] != self._keys.get(p)]
            if changed:
                self._redraw_static(changed)
            self._blit()
        self._keys, self._seen = keys, seen
        self.figure.current = True
        self.draws += 1
        return True

    def png(self):
        """The current picture as PNG bytes."""
        return png_bytes(np.asarray(self.canvas.buffer_rgba())[..., :3])

    # --- the values every panel shares ------------------------------------------------------------
    def _frame(self, scene):
        """The input grid s (r,), its features Phi, the output F on it and every hidden unit's
        picture (each layer (width, r', r'))."""
        r, sub = (R_FAST, SUB_FAST) if scene.fast else (R_OUT, SUB)
        key = (tuple(scene.features), tuple(scene.lim), scene.X.shape[1], r)
        if key not in self._grid_cache:
            s = np.linspace(scene.lim[0], scene.lim[1], r)
            g1, g2 = np.meshgrid(s, s)
            G = s[:, None] if scene.X.shape[1] == 1 else np.column_stack([g1.ravel(), g2.ravel()])
            if len(self._grid_cache) > 1:
                self._grid_cache.clear()
            self._grid_cache[key] = (s, input_features(G, scene.features))
        s, Phi = self._grid_cache[key]
        with np.errstate(all="ignore"):
            F, cache = scene.model.forward(Phi, train=False)
        maps = [as_picture(finite(c["H"]).T, scene.X.shape[1], sub) for c in cache[:-1]]
        return {"s": s, "Phi": Phi, "F": finite(F), "maps": maps, "sub": sub}

    # --- rendering: the static background once, then only what changes ------------------------
    def _dynamic(self):
        return [a for p in self.panels.values() for a in p.dyn] + [self._head]

    def _full_draw(self):
        dyn = self._dynamic()
        for a in dyn:
            a.set_visible(False)
        self.canvas.draw()
        for a in dyn:
            a.set_visible(True)
        self._renderer = self.canvas.get_renderer()
        self._bg = self.canvas.copy_from_bbox(self.figure.bbox)
        self._blit()

    def _redraw_static(self, names):
        """Draw the static part of some panels again: wipe their boxes, draw their axes."""
        r = self._renderer
        self.canvas.restore_region(self._bg)
        buf = np.asarray(r.buffer_rgba())
        for name in names:
            (c0, r0, c1, r1), p = self._px[name], self.panels[name]
            buf[r0:r1, c0:c1] = 255
            for a in p.dyn:
                a.set_visible(False)
            p.ax.draw(r)
            for a in p.dyn:
                a.set_visible(True)
        self._bg = self.canvas.copy_from_bbox(self.figure.bbox)

    def _blit(self):
        self.canvas.restore_region(self._bg)
        for a in self._dynamic():
            a.draw(self._renderer)

    # --- layout: one box (inches from the top left) per panel -----------------------------------
    def _build_layout(self, scene):
        """8 inches wide, at most 4.8 high: the network, the output and the hidden space on
        top, every hidden unit and the loss below; without network and units one row (the
        output, the hidden space, the loss). Only the views asked for."""
        fig = self.figure
        fig.clear()
        self.panels, self._px, self._keys = {}, {}, {}
        views = [v for v in VIEWS if v in self._layout_views]
        squares = [v for v in ("output", "hidden space") if v in views]
        top = (["network"] if "network" in views else []) + squares
        bottom = [v for v in ("units", "loss") if v in views]
        head, gap, W = 0.64, 0.08, WIDTH
        one_row = "loss" in views and not ("network" in views or "units" in views)
        if one_row:                            # output / hidden space, then the loss beside
            top, bottom = squares + ["loss"], []
        top_h = (2.62 if bottom else 3.6) if top else 0.0
        room = W - (2.6 if one_row else 0.0)   # one row: at least 2.6 inches for the loss
        side = min(top_h - 0.86, room / max(len(squares), 1) - 0.8)   # a square's axes
        if one_row:
            top_h = side + 0.86
        bottom_h = (1.44 if top else 3.0) if bottom else 0.0
        H = head + top_h + bottom_h + (gap if top_h and bottom_h else 0.0)
        fig.set_size_inches(W, H)

        def panel(cls, name, x, y, w, h, inset):
            """A panel in the box (x, y, w, h), its axes inset by (left, top, right, bottom)."""
            il, it, ir, ib = inset
            ax = fig.add_axes([(x + il) / W, (H - y - h + ib) / H, (w - il - ir) / W,
                               (h - it - ib) / H])
            if cls in (NetworkPanel, UnitsPanel):
                ax.axis("off")
            self.panels[name] = cls(ax, (w - il - ir, h - it - ib), scene)
            d = fig.dpi
            self._px[name] = (int(x * d), int(y * d), int(np.ceil((x + w) * d)),
                              int(np.ceil((y + h) * d)))

        sq_w = side + 0.8
        net_w = W - sq_w * len(squares) if "network" in top else 0.0
        x = 0.0
        if "network" in top:
            panel(NetworkPanel, "network", 0.0, head, net_w, top_h, (0.05, 0, 0.05, 0))
            x = net_w
        for v in squares:
            panel(OutputPanel if v == "output" else HiddenPanel, v, x, head, sq_w, top_h,
                  (0.72, 0.36, 0.08, top_h - 0.36 - side))
            x += sq_w
        if one_row:
            panel(LossPanel, "loss", x, head, W - x, top_h,
                  (0.85, 0.36, 0.15, top_h - 0.36 - side))
        y_b = head + top_h + (gap if top_h else 0.0)
        units_w = (net_w if net_w > 3.5 else 0.55 * W) if "loss" in bottom else W
        if "units" in bottom:
            panel(UnitsPanel, "units", 0.0, y_b, units_w, bottom_h, (0.05, 0, 0.05, 0))
        if "loss" in bottom:
            x = units_w if "units" in bottom else 0.0
            panel(LossPanel, "loss", x, y_b, W - x, bottom_h, (0.8, 0.12, 0.15, 0.52))
        self._head = fig.text(0.08 / W, 1 - 0.06 / H, "", fontsize=FONT, va="top", ha="left",
                              linespacing=1.25)


def has_hidden_space(scene):
    """The hidden space is drawn for a hidden layer of exactly 2 units (not for own data of 3
    or more classes); without one the view is left out (no empty panel)."""
    return 2 in scene.model.hidden and scene.task != "multiclass"


def png_bytes(rgb, level=1):
    """An RGB image (h, w, 3) uint8 as PNG bytes, quickly: no row filter, zlib ``level``.

    (At level 1 about twice as fast as Pillow's encoder, same size, on these flat pictures.)
    """
    h, w, _ = rgb.shape
    rows = np.empty((h, 1 + 3 * w), np.uint8)
    rows[:, 0] = 0                                  # filter type 0 (none) for every row
    rows[:, 1:] = rgb.reshape(h, 3 * w)

    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows.tobytes(), level)) + chunk(b"IEND", b""))


def _headline(hist, settings=""):
    """'epoch t · TrainLoss ... · test loss ... · train error ... · test error ...', and the
    training settings on a second line."""
    parts = [f"epoch {hist.epoch}"]
    if hist.train_loss:
        parts.append(f"TrainLoss {hist.train_loss[-1]:.3g}")
    if hist.test_loss:
        parts.append(f"test loss {hist.test_loss[-1]:.3g}")
    if hist.train_error:
        parts.append(f"train error {hist.train_error[-1]:.1%}")
    if hist.test_error:
        parts.append(f"test error {hist.test_error[-1]:.1%}")
    return " \u00b7 ".join(parts) + (f"\n{settings}" if settings else "")
