"""The projector style: ``dl.style("lecture")`` in a notebook's first code cell;
``dl.style("default")`` to go back.

Lecture mode sets matplotlib's rcParams so that a figure drawn by any ``dl.plot_*`` function
fits a slide at 1280x720 and its text is at least 14 px tall there, with a colour-blind-safe
colour cycle (Okabe & Ito) and colour maps (viridis; blue-orange for signs). In IPython it also
replaces the PNG formatter of matplotlib figures by one that draws the same PNG and stores, in
the output's metadata, how tall the smallest visible text is on the projector
(``dl_min_text_px``; see ``measure_figure``). ``tests/test_slides.py`` reads it from the stored
notebooks.

How tall text is: its font size (the em, as CSS's ``font-size``) in screen pixels where the
deck shows it. JupyterLab shows a PNG at its own pixel size unless it is wider than the
notebook cell (``DECK_CELL_PX``, measured at 1280x720), in which case it shrinks it to the
cell's width, text included. A figure of width ``FIG_WIDTH`` inches at ``DPI`` fits.

The contract for plot modules (deeplearn_helpers/plot/*.py, widgets):
- Size a new figure with ``figsize(ncols, nrows, aspect=..., width=...)``: ``width`` is the
  fraction of the deck's cell the figure takes (1.0: the whole width, 10.5 in = 1050 px), the
  height follows from ``aspect`` (height / width of one panel) and is capped at
  ``MAX_HEIGHT`` (480 px) so that a figure and a slide title fit in 720 px. Never pass literal
  inches; never make a figure wider than ``FIG_WIDTH`` (legends outside the axes count:
  keep them inside, or shrink ``width``).
- Never pass numeric font sizes. Leave them to the rcParams (axes labels, ticks, legends
  follow the style), or use the names ``"medium"`` (the base size), ``"large"``,
  ``"x-large"``; ``SMALL`` (11 pt = 15 px) is the smallest size allowed, for secondary text
  (annotations inside crowded axes). ``"small"`` / ``"x-small"`` are below 14 px: never.
- Colours: ``plt.rcParams`` cycle (``COLORS``), ``basics.POS_COLOR`` / ``NEG_COLOR`` for
  y = +1 / -1, ``SEQUENTIAL`` for magnitudes (imshow's default), ``DIVERGING`` for signed
  values (centred at 0), ``ACCENT`` for a marker such as "diverged". Never red against
  green, never a dark colour map on a black or dark background.
- Plot functions still never set rcParams themselves: only ``style()`` does.
"""
import base64

import matplotlib as mpl

DPI = 100                  # figure.dpi and the PNG's dpi: 1 in = 100 px on the screen
DECK_CELL_PX = 1100        # the deck's output area at 1280x720: 1115-1119 px measured in
                           # Chromium (JupyterLab 4.6, jupyterlab-slideshow 0.3.4); less a margin
FIG_WIDTH = 10.5           # inches: a full-width figure, 1050 px, leaves room for the margins
MAX_HEIGHT = 4.8           # inches: a figure with a slide title above it fits in 720 px
MIN_TEXT_PX = 14.0         # the smallest text on the projector (font size in px)
BASE_PT = 12.0             # 12 pt at 100 dpi = 16.7 px
SMALL = 11.0               # 11 pt = 15.3 px: the smallest size a plot module may ask for

# Okabe & Ito (2008), "Color Universal Design": distinguishable in every common colour
# blindness; blue and orange first (they also mean y = +1 / -1), yellow left out (too pale
# on white).
COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
ACCENT = "#D55E00"         # vermillion: a marker line (diverged, a threshold)
SEQUENTIAL = "viridis"     # perceptually uniform, colour-blind safe, lightest at the top
DIVERGING = "PuOr_r"       # orange (negative) - white - purple (positive)

LECTURE = {
    "figure.figsize": (FIG_WIDTH, 4.2),
    "figure.dpi": DPI,
    "savefig.dpi": "figure",
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "font.size": BASE_PT,
    "axes.titlesize": "large",            # 14.4 pt
    "axes.labelsize": "medium",
    "xtick.labelsize": SMALL,
    "ytick.labelsize": SMALL,
    "legend.fontsize": SMALL,
    "legend.title_fontsize": "medium",
    "figure.titlesize": "x-large",        # 17.3 pt
    "figure.labelsize": "medium",
    "mathtext.fontset": "dejavusans",
    "lines.linewidth": 2.5,
    "lines.markersize": 8,
    "lines.markeredgewidth": 1.2,
    "patch.linewidth": 1.2,
    "axes.linewidth": 1.2,
    "grid.linewidth": 1.0,
    "xtick.major.width": 1.2,
    "ytick.major.width": 1.2,
    "xtick.major.size": 5,
    "ytick.major.size": 5,
    "xtick.minor.width": 1.0,
    "ytick.minor.width": 1.0,
    "axes.prop_cycle": mpl.cycler(color=COLORS),
    "image.cmap": SEQUENTIAL,
    "legend.framealpha": 0.85,
    "scatter.edgecolors": "white",
}
_saved = {}                # rcParams before lecture mode, restored by style("default")
_saved_formatter = []      # the PNG formatter we replaced (IPython)


def style(name="lecture"):
    """Switch every plot to the projector style ("lecture") or back ("default").

    "lecture": the rcParams of ``LECTURE`` (figure sizes for a 1280x720 slide, text >= 14 px,
    thicker lines, the colour-blind-safe cycle ``COLORS``); in IPython, figures' PNGs carry
    ``dl_min_text_px`` in their output metadata (``measure_figure``).
    "default": the rcParams as they were before, and IPython's own PNG formatter.
    """
    if name not in ("lecture", "default"):
        raise ValueError(f"name: expected 'lecture' or 'default', got {name!r}")
    _load_backend()
    if name == "lecture":
        if not _saved:
            _saved.update({k: mpl.rcParams[k] for k in LECTURE})
        mpl.rcParams.update(LECTURE)
        _register_formatter()
    else:
        mpl.rcParams.update(_saved)
        _saved.clear()
        _unregister_formatter()


def figsize(ncols=1, nrows=1, aspect=0.75, width=1.0):
    """(width, height) in inches for a figure of ``nrows`` x ``ncols`` panels on a slide.

    width: the fraction of the deck's cell the figure takes (0 < width <= 1);
    aspect: the height / width of one panel. The height is capped at ``MAX_HEIGHT``.
    """
    from .._checks import is_int, is_real
    for arg, value in (("ncols", ncols), ("nrows", nrows)):
        if not is_int(value) or value < 1:
            raise ValueError(f"{arg}: expected a positive int, got {value!r}")
    if not is_real(width) or not 0 < width <= 1:
        raise ValueError(f"width: expected a number in (0, 1], got {width!r}")
    if not is_real(aspect) or not 0 < aspect < float("inf"):
        raise ValueError(f"aspect: expected a positive number, got {aspect!r}")
    w = FIG_WIDTH * width
    return (round(w, 2), round(min(MAX_HEIGHT, nrows * aspect * w / ncols), 2))


class _TextRecorder:
    """While active, every Text that matplotlib draws (visible, non-empty) is recorded with
    its font size in pixels at the renderer's dpi."""

    def __init__(self):
        self.sizes = []

    def __enter__(self):
        from matplotlib.text import Text
        self._draw = Text.draw
        recorder = self

        def draw(text, renderer):
            if (text.get_visible() and text.get_text().strip() and text.get_alpha() != 0
                    and renderer is not None):
                recorder.sizes.append((renderer.points_to_pixels(text.get_fontsize()),
                                       text.get_text()))
            return recorder._draw(text, renderer)

        Text.draw = draw
        return self

    def __exit__(self, *exc):
        from matplotlib.text import Text
        Text.draw = self._draw


def measure_figure(fig, cell_px=DECK_CELL_PX):
    """Draw ``fig`` as the inline backend does (PNG, tight bounding box) and measure its text.

    Returns (png bytes, metadata): metadata ``dl_min_text_px`` is the smallest font size, in
    screen pixels, of every Text drawn (titles, labels, tick labels, legends, annotations;
    invisible or empty ones are not drawn), at the size JupyterLab shows the PNG in a cell
    ``cell_px`` wide (shrunk to fit if wider); ``dl_min_text`` is that text;
    ``dl_png_px`` the PNG's (width, height) and ``dl_shown_px`` the shown size.
    """
    from IPython.core.pylabtools import print_figure
    with _TextRecorder() as rec:
        png = print_figure(fig, "png", bbox_inches="tight")
    if png is None:
        return None, None
    w, h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    scale = min(1.0, cell_px / w)
    md = {"dl_png_px": [w, h], "dl_shown_px": [round(w * scale), round(h * scale)]}
    if rec.sizes:
        px, text = min(rec.sizes)
        md["dl_min_text_px"] = round(px * scale, 1)
        md["dl_min_text"] = text[:40]
    return png, md


def _png_formatter(fig):
    png, md = measure_figure(fig)
    if png is None:
        return None
    return base64.b64encode(png).decode("ascii"), md


def _load_backend():
    """Import the backend module now: matplotlib loads it at the first figure, and the inline
    backend then installs IPython's PNG formatter, which would replace ours."""
    backend = mpl.rcParams["backend"]
    if isinstance(backend, str) and backend.startswith("module://"):
        import importlib
        importlib.import_module(backend[len("module://"):])


def _png_formatters():
    """IPython's image/png formatter, or None outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    ip = get_ipython()
    return None if ip is None else ip.display_formatter.formatters["image/png"]


def _register_formatter():
    formatter = _png_formatters()
    if formatter is None:
        return
    from matplotlib.figure import Figure
    old = formatter.for_type(Figure, _png_formatter)
    if not _saved_formatter and old is not _png_formatter:
        _saved_formatter.append(old)


def _unregister_formatter():
    formatter = _png_formatters()
    if formatter is None or not _saved_formatter:
        return
    from matplotlib.figure import Figure
    old = _saved_formatter.pop()
    if old is None:
        formatter.pop(Figure, None)
    else:
        formatter.for_type(Figure, old)
