"""The values the playground's panels draw, computed with numpy: pictures of units over the
input plane, the output as a colour, decision boundaries; and the base class of a panel.

Every panel owns one Axes. ``build(scene)`` makes the artists that depend on the network's
architecture, ``set_data(scene)`` moves the points when the data change, and
``update(scene, frame)`` sets the artists that change while training (listed in ``dyn``) and
returns what its static background shows (drawn again only when that changes).
``frame`` holds the values shared by the panels: the input grid ``s``, the output ``F`` on it
and every hidden unit's picture ``maps``.
"""
import contourpy
import numpy as np

from ..plot.basics import CMAP, NEG_COLOR, POS_COLOR
from ..plot.style import BASE_PT, SMALL

CLASS_COLORS = (NEG_COLOR, POS_COLOR, "#009e73", "#cc79a7", "#56b4e9", "#e69f00", "#000000",
                "#999999")                     # class 0, 1, ... for own multiclass data (Okabe-Ito)
R_OUT, SUB = 73, 3                             # output grid r x r; unit pictures every SUB-th
R_FAST, SUB_FAST = 49, 2                       # while playing: the same PIC, 2.2x fewer points
PIC, GAP_NET, GAP_GRID = (R_OUT - 1) // SUB + 1, 8, 4   # a unit's picture: PIC x PIC pixels
FONT, FONT_BIG = SMALL, BASE_PT                # 11 and 12 points: 15 and 17 px at 100 dpi
CMAP_GAPS = CMAP.with_extremes(bad=(1.0, 1.0, 1.0, 0.0))   # NaN (between units): transparent


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


def boundary(s, V):
    """The curve V = 0 of a grid V (r, r) over s x s, as line segments."""
    if not V.min() < 0 < V.max():
        return []
    return contourpy.contour_generator(s, s, V, line_type="Separate").lines(0.0)


def nice(v):
    """The smallest of 1, 2, 5 x 10^k that is >= v (v > 0)."""
    e = 10.0 ** np.floor(np.log10(v))
    return float(next(m * e for m in (1, 2, 5, 10) if m * e >= v))



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


def forward_from(model, H, start):
    """f_theta computed from hidden layer ``start``'s activations H (eval mode): (n,) or (n, k).

    The rest of the network, as the model computes it: ``model.forward(H, start=start)``.
    """
    return model.forward(H, start=start)[0]


_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


def layer_name(li, sub=""):
    """'h⁽²⁾' (and 'h⁽²⁾₁' with sub '1'): plain Unicode, no mathtext (faster to draw)."""
    return "h" + f"({li})".translate(_SUP) + sub.translate(str.maketrans("0123456789",
                                                                         "₀₁₂₃₄₅₆₇₈₉"))
