"""Ill-conditioned 2-D loss surfaces, and the package's own optimizers walking on them.

A surface is a TrainLoss over two parameters theta = (theta_1, theta_2):

    quadratic:   L(theta) = 0.5 (u_1^2 + kappa u_2^2),  u = R(-angle) theta
                 (a long narrow valley: curvature 1 along u_1, kappa across it; kappa is
                 the condition number; angle turns the valley away from the axes)
    rosenbrock:  L(theta) = (1 - theta_1)^2 + c (theta_2 - theta_1^2)^2
                 (a curved banana-shaped valley, minimum at (1, 1))

``optimizer_path`` runs one of dl's optimizers (SGD, SGD with momentum, AdaGrad, RMSProp,
Adam: their ``step(params, grads)``) on the exact gradient, as full-batch training would.
``steps_to_reach`` counts the steps until a path stays near the minimum; ``step_size_sweep``
counts them for every step size eta of one optimizer, and ``best_step_size`` picks the best.
"""
import math
from dataclasses import dataclass

import numpy as np

from .._checks import check_finite_array, is_int, is_real
from ..optim import OPTIMIZERS, Optimizer, make_optimizer

SURFACES = ("quadratic", "rosenbrock")
DIVERGED = 1e6          # |theta| beyond this counts as diverged: the path stops there


class Surface:
    """A 2-D loss surface L(theta) with its gradient, minimum, a start point and a plot window.

    loss(Theta): Theta (..., 2) -> (...);  grad(Theta): (..., 2) -> (..., 2).
    """

    def __init__(self, name, loss, grad, minimum, start, lim, title):
        self.name, self._loss, self._grad, self.title = name, loss, grad, title
        self.minimum = np.asarray(minimum, dtype=float)
        self.start = np.asarray(start, dtype=float)
        self.lim = lim                  # ((theta1_min, theta1_max), (theta2_min, theta2_max))

    def loss(self, Theta):
        """L(theta) for every row of Theta: (..., 2) -> (...)."""
        Theta = np.asarray(Theta, dtype=float)
        return self._loss(Theta[..., 0], Theta[..., 1])

    def grad(self, Theta):
        """grad L(theta) for every row of Theta: (..., 2) -> (..., 2)."""
        Theta = np.asarray(Theta, dtype=float)
        return np.stack(self._grad(Theta[..., 0], Theta[..., 1]), axis=-1)

    def __repr__(self):
        return f"Surface({self.title})"


def quadratic_surface(condition=25.0, angle=0.0, start=(-4.0, 1.5)):
    """L(theta) = 0.5 (u_1^2 + kappa u_2^2), u = R(-angle) theta: a valley of condition kappa.

    condition: kappa >= 1 (the ratio of the largest to the smallest curvature);
    angle: degrees between the valley's floor and the theta_1 axis.  Minimum: theta = 0.
    grad L = R diag(1, kappa) R^T theta.
    """
    if not is_real(condition) or not math.isfinite(condition) or condition < 1:
        raise ValueError(f"condition: expected a finite number >= 1, got {condition!r}")
    if not is_real(angle) or not math.isfinite(angle):
        raise ValueError(f"angle: expected a finite number of degrees, got {angle!r}")
    start = _check_point(start, "start")
    kappa, a = float(condition), np.deg2rad(angle)
    c, s = np.cos(a), np.sin(a)

    def loss(t1, t2):
        u1, u2 = c * t1 + s * t2, -s * t1 + c * t2
        return 0.5 * (u1 * u1 + kappa * u2 * u2)

    def grad(t1, t2):
        u1, u2 = c * t1 + s * t2, -s * t1 + c * t2
        return c * u1 - s * kappa * u2, s * u1 + c * kappa * u2

    if angle:
        title = f"$L = \\frac{{1}}{{2}}(u_1^2 + {kappa:g}\\,u_2^2)$, valley turned {angle:g}°"
    else:
        title = f"$L(\\theta) = \\frac{{1}}{{2}}(\\theta_1^2 + {kappa:g}\\,\\theta_2^2)$"
    return Surface("quadratic", loss, grad, (0.0, 0.0), start, ((-5, 5), (-2.5, 2.5)), title)


def rosenbrock_surface(c=10.0, start=(-1.5, 2.0)):
    """L(theta) = (1 - theta_1)^2 + c (theta_2 - theta_1^2)^2: a curved valley, minimum (1, 1).

    grad L = (-2 (1 - theta_1) - 4 c theta_1 (theta_2 - theta_1^2),  2 c (theta_2 - theta_1^2)).
    """
    if not is_real(c) or not math.isfinite(c) or c <= 0:
        raise ValueError(f"c: expected a finite number > 0, got {c!r}")
    start = _check_point(start, "start")
    c = float(c)

    def loss(t1, t2):
        return (1 - t1) ** 2 + c * (t2 - t1 * t1) ** 2

    def grad(t1, t2):
        r = t2 - t1 * t1
        return -2 * (1 - t1) - 4 * c * t1 * r, 2 * c * r

    title = f"$L(\\theta) = (1-\\theta_1)^2 + {c:g}(\\theta_2-\\theta_1^2)^2$"
    return Surface("rosenbrock", loss, grad, (1.0, 1.0), start, ((-2, 2), (-1, 3)), title)


def make_surface(name="quadratic", **kwargs):
    """A surface by name: 'quadratic' (see quadratic_surface) or 'rosenbrock'."""
    if name == "quadratic":
        return quadratic_surface(**kwargs)
    if name == "rosenbrock":
        return rosenbrock_surface(**kwargs)
    raise ValueError(f"name: expected one of {', '.join(SURFACES)}, got {name!r}")


def optimizer_path(surface, optimizer, steps=100, start=None):
    """theta_0 = start, theta_{k+1} = one ``optimizer.step`` on grad L(theta_k): the path (k+1, 2).

    optimizer: a dl optimizer (its state is reset first) or a name in OPTIMIZERS with its
    default step size.  The path has steps + 1 rows, fewer if it diverged (|theta| > 1e6
    or not finite: it stops at the last finite point).
    """
    _check_surface(surface)
    if isinstance(optimizer, str):
        optimizer = make_optimizer(optimizer)
    if not isinstance(optimizer, Optimizer):
        raise ValueError(f"optimizer: expected a dl optimizer or one of {', '.join(OPTIMIZERS)}, "
                         f"got {optimizer!r}")
    if not is_int(steps) or steps < 0:
        raise ValueError(f"steps: expected an integer >= 0, got {steps!r}")
    theta = (surface.start if start is None else _check_point(start, "start")).copy()
    optimizer.reset()
    params = {"theta": theta}
    path = [theta.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            optimizer.step(params, {"theta": surface.grad(theta)})
            if not (np.all(np.isfinite(theta)) and np.abs(theta).max() < DIVERGED):
                break
            path.append(theta.copy())
    return np.array(path)


def steps_to_reach(surface, path, radius=0.1):
    """The first step k from which the path stays within ``radius`` of the minimum, else None.

    "Stays": theta_k, theta_{k+1}, ..., up to the path's end, all have |theta - theta*| <= radius,
    so a path that only swings through the neighbourhood does not count.  A path that
    diverged (ended early) never reaches it.  path: (k+1, 2).
    """
    _check_surface(surface)
    path = check_finite_array(path, "path", ndim=2)
    if path.shape[1] != 2 or len(path) == 0:
        raise ValueError(f"path: expected shape (k+1, 2), got {path.shape}")
    if not is_real(radius) or not radius > 0:
        raise ValueError(f"radius: expected a number > 0, got {radius!r}")
    inside = np.linalg.norm(path - surface.minimum, axis=1) <= radius
    return int(_first_to_stay(inside)) if inside[-1] else None


def random_starts(surface, k=5, seed=0):
    """k start points drawn uniformly from the middle 80% of the surface's window, each with
    L(theta_0) >= L(surface.start) / 4 (far enough from the minimum): (k, 2).  The first row
    is surface.start itself."""
    if not is_int(k) or k < 1:
        raise ValueError(f"k: expected an integer >= 1, got {k!r}")
    _check_surface(surface)
    if not is_int(seed) or seed < 0:
        raise ValueError(f"seed: expected an int >= 0, got {seed!r}")
    rng = np.random.default_rng(seed)
    (a0, a1), (b0, b1) = surface.lim
    lo = np.array([a0 + 0.1 * (a1 - a0), b0 + 0.1 * (b1 - b0)])
    hi = np.array([a1 - 0.1 * (a1 - a0), b1 - 0.1 * (b1 - b0)])
    floor = surface.loss(surface.start) / 4
    starts = [surface.start]
    while len(starts) < k:
        p = rng.uniform(lo, hi)
        if surface.loss(p) >= floor:
            starts.append(p)
    return np.array(starts)


def step_size_sweep(surface, optimizer, step_sizes, steps=200, radius=0.1, start=None,
                    **kwargs):
    """Steps to reach the minimum's neighbourhood for every step size eta of one optimizer.

    optimizer: a name in OPTIMIZERS (kwargs go to it, e.g. momentum=0.9); step_sizes: (m,)
    etas; start: one point (2,) or k points (k, 2) run side by side (every optimizer here
    works entry by entry, so each start runs as if alone); None: surface.start.
    Returns floats (m,) for one start, (m, k) for k starts: steps_to_reach, or inf where eta
    is unstable (the loss rose above L(theta_0) somewhere on the path, or it diverged) or too
    small (not settled within ``radius`` after ``steps`` steps).
    """
    _check_surface(surface)
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer: expected one of {', '.join(OPTIMIZERS)}, got {optimizer!r}")
    etas = check_finite_array(step_sizes, "step_sizes", ndim=1)
    if etas.size == 0 or np.any(etas <= 0):
        raise ValueError(f"step_sizes: expected a non-empty list of numbers > 0, got {etas!r}")
    if not is_int(steps) or steps < 1:
        raise ValueError(f"steps: expected an integer >= 1, got {steps!r}")
    if not is_real(radius) or not radius > 0:
        raise ValueError(f"radius: expected a number > 0, got {radius!r}")
    single = start is None or np.ndim(start) == 1
    T0 = np.atleast_2d(surface.start if start is None else np.asarray(start, dtype=float))
    if T0.ndim != 2 or T0.shape[1] != 2 or not np.all(np.isfinite(T0)):
        raise ValueError(f"start: expected a point (2,) or points (k, 2), got {start!r}")
    out = np.empty((etas.size, len(T0)))
    for i, eta in enumerate(etas):
        opt = make_optimizer(optimizer, float(eta), **kwargs)
        theta = T0.copy()
        params = {"theta": theta}
        path = [theta.copy()]
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(steps):
                opt.step(params, {"theta": surface.grad(theta)})
                path.append(theta.copy())
            P = np.array(path)                                 # (steps + 1, k, 2)
            L = surface.loss(P)                                # (steps + 1, k)
            stable = np.all(np.isfinite(L) & (L <= L[0]), axis=0)
            inside = np.linalg.norm(P - surface.minimum, axis=-1) <= radius
        for j in range(len(T0)):
            out[i, j] = (_first_to_stay(inside[:, j]) if stable[j] and inside[-1, j]
                         else np.inf)
    return out[:, 0] if single else out


def _first_to_stay(inside):
    """The first index from which every entry of the boolean array is True."""
    outside = np.flatnonzero(~inside)
    return float(outside[-1] + 1) if outside.size else 0.0


def best_step_size(step_sizes, steps_needed):
    """(eta, steps): the step size of a sweep with the fewest steps to the minimum's neighbourhood.

    step_sizes: (m,) etas; steps_needed: (m,) from ``step_size_sweep`` (inf: failed).
    The honest comparison puts each optimizer at its own best eta (ties: the smallest eta);
    steps is inf if no eta of the sweep reached the neighbourhood.
    """
    etas = check_finite_array(step_sizes, "step_sizes", ndim=1)
    k = np.asarray(steps_needed, dtype=float)
    if k.shape != etas.shape or etas.size == 0:
        raise ValueError(f"steps_needed: expected one number per step size {etas.shape}, "
                         f"got shape {k.shape}")
    i = int(np.argmin(k))
    return float(etas[i]), float(k[i])


@dataclass
class Race:
    """Every optimizer's step-size sweep from the same starts.

    step_sizes: (m,) etas; steps_needed: {name: (m, k)} for k starts (inf: failed);
    median: {name: (m,)} the median over the starts; best: {name: (eta, median steps)};
    bracketed: {name: True if the best eta is neither the sweep's smallest nor its largest}.
    """
    step_sizes: np.ndarray
    starts: np.ndarray
    steps_needed: dict
    median: dict
    best: dict
    bracketed: dict


def optimizer_race(surface, step_sizes, starts=None, steps=150, radius=0.1,
                   optimizers=OPTIMIZERS):
    """A fair race: every optimizer gets the same sweep of step sizes and the same starts,
    and is judged at its own best eta by the median number of steps over the starts.

    starts: (k, 2) points (None: surface.start alone).  Returns a Race.
    """
    etas = check_finite_array(step_sizes, "step_sizes", ndim=1)
    starts = np.atleast_2d(surface.start if starts is None else starts)
    need = {name: np.atleast_2d(step_size_sweep(surface, name, etas, steps, radius, starts))
            for name in optimizers}
    median = {name: np.median(k, axis=1) for name, k in need.items()}
    best = {name: best_step_size(etas, m) for name, m in median.items()}
    bracketed = {name: bool(0 < np.argmin(m) < len(etas) - 1) for name, m in median.items()}
    return Race(etas, starts, need, median, best, bracketed)


def _check_surface(surface):
    if not isinstance(surface, Surface):
        raise ValueError(f"surface: expected a Surface (from make_surface), got {surface!r}")


def _check_point(p, name):
    p = check_finite_array(p, name, ndim=1).astype(float)
    if p.shape != (2,):
        raise ValueError(f"{name}: expected a point (theta_1, theta_2), got shape {p.shape}")
    return p
