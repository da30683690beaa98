"""The linear predictor f_theta(x) = w . x drawn from the angle and length of w."""
import numpy as np

from ..losses import error_rate, get_loss
from ..models import LinearPredictor
from .basics import SQUARE, plot_decision_boundary


def linear_predictor(angle, length):
    """The bias-free LinearPredictor with w = length * (cos angle, sin angle), angle in degrees."""
    model = LinearPredictor(input_dim=2, bias=False)
    a = np.deg2rad(angle)
    model.w[:] = length * np.array([np.cos(a), np.sin(a)])
    return model


def plot_linear_predictor(angle, length, X, y, loss="squared", ax=None):
    """f_theta(x) = w . x over the plane with w as an arrow; TrainLoss and error in the title.

    angle: degrees; length: |w|; X: (n, 2), y: (n,) in {-1, +1}.
    """
    model = linear_predictor(angle, length)
    F = model.predict(X)
    value = get_loss(loss)(F, y)[0]
    w = model.w
    title = (f"w = ({w[0]:.2f}, {w[1]:.2f})   TrainLoss = {value:.3f}\n"
             f"{loss} loss, training error = {error_rate(F, y):.0%}")
    return plot_decision_boundary(model, X, y, ax=ax, title=title, show_w=True)


def plot_linear_loss_surface(X, y, loss="squared", path=None, ax=None, lim=2.0, resolution=61):
    """TrainLoss(w) over the plane of w = (w1, w2) as contours, and an optional path of w.

    TrainLoss of a linear predictor is convex: for the squared loss a bowl, for the hinge loss
    a valley with a flat floor at 0.  X: (n, 2), y: (n,); path: (T, 2) values of w, e.g. one
    per epoch of SGD.  The square [-lim, lim]^2 grows to hold the whole path.
    """
    import matplotlib.pyplot as plt
    if ax is None:
        _, ax = plt.subplots(figsize=SQUARE)
    if path is not None:
        path = np.asarray(path, dtype=float)
        lim = max(lim, float(np.ceil(np.max(np.abs(path)) * 1.1 * 2) / 2))
    s = np.linspace(-lim, lim, resolution)
    loss_fn = get_loss(loss)
    L = np.array([[loss_fn(X @ np.array([a, b]), y)[0] for a in s] for b in s])
    cs = ax.contourf(s, s, L, levels=20, cmap="viridis_r")
    ax.figure.colorbar(cs, ax=ax, label="TrainLoss(w)")
    if path is not None:
        ax.plot(path[:, 0], path[:, 1], "-o", color="black", ms=4, lw=2, label="SGD path")
        ax.plot(path[-1, 0], path[-1, 1], "*", color="black", mec="white", ms=16)
        ax.legend(loc="upper left")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_aspect("equal")
    ax.set_title(f"TrainLoss over $\\mathbf{{w}}$ ({loss} loss)")
    return ax
