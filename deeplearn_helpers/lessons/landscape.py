"""The loss landscape of a network: TrainLoss along lines and planes in parameter space.

theta is every parameter of a model (a dict name -> array, as ``model.params``); a
direction d has the same keys and shapes.

    along a line:    TrainLoss((1 - alpha) theta_a + alpha theta_b),  alpha in R
    over a plane:    TrainLoss(theta + a d_1 + b d_2),                 (a, b) in R^2

A convex TrainLoss never rises above its end points on a straight line between two
points; a network's does (notebook 05).  Hidden-unit permutation: swapping units i and j
of a layer (rows i, j of V_l and its bias, columns i, j of the next layer's weight) gives
different parameters that compute the same function, so every minimum has copies.

Also here: the small computations that compare training runs (GD vs SGD by gradient
evaluations, one run per step size).
"""
import math

import numpy as np

from .. import losses as _losses
from .._checks import check_seed, check_step_size, check_X, is_int, is_real
from ..models import MLP
from ..train import epochs_to_reach, evaluate, train

# --- parameters as vectors of a vector space -------------------------------------------------

def interpolate(params_a, params_b, alpha):
    """(1 - alpha) theta_a + alpha theta_b, per parameter (dicts name -> array, same shapes)."""
    _check_same_keys(params_a, params_b, "params_a", "params_b")
    return {k: (1.0 - alpha) * params_a[k] + alpha * params_b[k] for k in params_a}


def direction_between(model_a, model_b):
    """The direction d = theta_b - theta_a from one model's parameters to another's."""
    _check_same_architecture(model_a, model_b)
    return {k: model_b.params[k] - model_a.params[k] for k in model_a.params}


def random_direction(model, seed=0):
    """A random direction d ~ N(0, I), each row rescaled to the norm of that row of theta.

    Rows are units (row j of V_l is v_j): "filter normalisation" (Li et al., 2018), so the
    step theta + a d changes every unit by the same fraction a of its size, and pictures of
    differently scaled networks compare.  A bias (or any vector) is scaled as one row.
    """
    _check_model(model, "model")
    check_seed(seed)
    rng = np.random.default_rng(seed)
    d = {}
    for k, p in model.params.items():
        r = rng.standard_normal(p.shape)
        rows_p, rows_r = np.atleast_2d(p), np.atleast_2d(r)
        scale = np.linalg.norm(rows_p, axis=1, keepdims=True) / (
            np.linalg.norm(rows_r, axis=1, keepdims=True) + 1e-12)
        d[k] = (rows_r * scale).reshape(p.shape)
    return d


# --- TrainLoss along a line and over a plane ---------------------------------------------------

def loss_along_line(model_a, model_b, X, y, loss="squared", alphas=None):
    """TrainLoss((1 - alpha) theta_a + alpha theta_b) for each alpha: 0 is model_a, 1 model_b.

    X: (n, input_dim), y: (n,); alphas: (m,) numbers (default 61 from -0.25 to 1.25).
    Returns (alphas (m,), losses (m,)).  Eval mode; the models are not changed.
    """
    _check_same_architecture(model_a, model_b)
    X, y = _check_data(model_a, X, y, loss)
    alphas = np.linspace(-0.25, 1.25, 61) if alphas is None else _check_vector(alphas, "alphas")
    probe = model_a.copy()
    losses = np.empty(len(alphas))
    with np.errstate(all="ignore"):
        for i, alpha in enumerate(alphas):
            _set_params(probe, interpolate(model_a.params, model_b.params, alpha))
            losses[i] = evaluate(probe, X, y, loss)[0]
    return alphas, losses


def loss_slice(model, X, y, loss="squared", directions=None, span=1.0, resolution=41, seed=0):
    """TrainLoss(theta + a d_1 + b d_2) over the grid (a, b) in [-span, span]^2 around a model.

    directions: None (two random filter-normalised directions from ``seed``) or a pair
      (d_1, d_2) of dicts shaped like ``model.params`` (e.g. ``direction_between(m, m2)``;
      then (a, b) = (1, 0) is m2).  span: a number > 0, or a pair ((a_lo, a_hi), (b_lo, b_hi)).
    X: (n, input_dim), y: (n,).  Returns (a (r,), b (r,), L (r, r)), L[i, j] at (a[j], b[i]).
    """
    _check_model(model, "model")
    X, y = _check_data(model, X, y, loss)
    (a_lo, a_hi), (b_lo, b_hi) = _check_span(span)
    if not is_int(resolution) or not 2 <= resolution <= 400:
        raise ValueError(f"resolution: expected an integer from 2 to 400, got {resolution!r}")
    if directions is None:
        d1 = random_direction(model, seed)
        d2 = random_direction(model, None if seed is None else seed + 1)
    else:
        if not isinstance(directions, (tuple, list)) or len(directions) != 2:
            raise ValueError("directions: expected None or a pair (d_1, d_2) of dicts like "
                             "model.params")
        d1, d2 = directions
        for name, d in (("directions[0]", d1), ("directions[1]", d2)):
            _check_same_keys(model.params, d, "model.params", name)
    a = np.linspace(a_lo, a_hi, resolution)
    b = np.linspace(b_lo, b_hi, resolution)
    theta, probe = model.params, model.copy()
    L = np.empty((resolution, resolution))
    with np.errstate(all="ignore"):
        for i, bi in enumerate(b):
            for j, aj in enumerate(a):
                _set_params(probe, {k: theta[k] + aj * d1[k] + bi * d2[k] for k in theta})
                L[i, j] = evaluate(probe, X, y, loss)[0]
    return a, b, L


# --- hidden-unit permutation symmetry ----------------------------------------------------------

def swap_hidden_units(model, i, j, layer=1):
    """A copy of ``model`` with hidden units i and j of hidden layer ``layer`` (1 = first) swapped.

    Rows i, j of V_l (and of its bias, batch-norm gamma, beta and running statistics) trade
    places, and so do columns i, j of the next layer's weight (V_{l+1}, or w): the new
    parameters differ, the function f_theta(x) is the same.
    """
    _check_model(model, "model")
    if not is_int(layer) or not 1 <= layer <= len(model.hidden):
        raise ValueError(f"layer: expected a hidden layer from 1 to {len(model.hidden)}, "
                         f"got {layer!r}")
    width = model.hidden[layer - 1]
    for name, u in (("i", i), ("j", j)):
        if not is_int(u) or not 0 <= u < width:
            raise ValueError(f"{name}: expected a unit of layer {layer}, an integer from 0 to "
                             f"{width - 1}, got {u!r}")
    if i == j:
        raise ValueError(f"i, j: expected two different units, got {i} and {j}")
    new = model.copy()
    perm = np.arange(width)
    perm[[i, j]] = perm[[j, i]]
    rec = model.layers[layer - 1]
    for name in (rec.weight, rec.bias, rec.gamma, rec.beta):     # V_l, b_l, gamma_l, beta_l
        if name:
            new.params[name] = new.params[name][perm]
    if layer in new.running:
        new.running[layer] = [s[perm] for s in new.running[layer]]
    nxt = model.weight_names[layer]                              # the next layer's weights
    new.params[nxt] = new.params[nxt][:, perm]
    return new


# --- comparing training runs -------------------------------------------------------------------

def gradient_evaluations(history, n_examples):
    """The number of gradient evaluations grad Loss(x, y, theta) after each epoch of a History.

    Per-example SGD evaluates one per example, n per epoch; full-batch GD evaluates one per
    example to average them into grad TrainLoss, also n per step (one step per epoch).
    Minibatches likewise: n per epoch.  Returns (T + 1,) ints: epoch t -> t * n.
    """
    if not is_int(n_examples) or n_examples < 1:
        raise ValueError(f"n_examples: expected an integer >= 1, got {n_examples!r}")
    return np.asarray(history.epochs, dtype=np.int64) * int(n_examples)


def evaluations_to_reach(history, target, n_examples):
    """The gradient evaluations until TrainLoss first falls to ``target`` or below; None if never.

    The first epoch t with TrainLoss <= target, times n (see ``gradient_evaluations``).
    """
    if not is_int(n_examples) or n_examples < 1:
        raise ValueError(f"n_examples: expected an integer >= 1, got {n_examples!r}")
    t = epochs_to_reach(history, target)
    return None if t is None else t * int(n_examples)


def fastest_run(runs, target, n_examples):
    """The step size whose run first reaches TrainLoss <= ``target`` (fewest gradient evaluations).

    runs: {step size: (model, History)} (``train_step_sizes``).  Returns (step size,
    evaluations), or (None, None) if no run reaches the target.
    """
    reached = [(e, k) for k, (eta, (_, hist)) in enumerate(runs.items())
               if (e := evaluations_to_reach(hist, target, n_examples)) is not None]
    if not reached:
        return None, None
    e, k = min(reached)
    return list(runs)[k], e


def evaluations_table(groups, target, n_examples):
    """A text table: each run's gradient evaluations to reach ``target``, and its final TrainLoss.

    groups: {method: {step size: (model, History)}} (as for ``plot_loss_vs_evaluations``).
    """
    if not isinstance(groups, dict) or not all(isinstance(r, dict) for r in groups.values()):
        raise ValueError("groups: expected {method: {step size: (model, History)}}")
    reach = f"evaluations to TrainLoss <= {target:g}"
    rows = [f"{'method':<8}{'step size':<22}{reach:<36}final TrainLoss"]
    for method, runs in groups.items():
        for eta, (_, hist) in runs.items():
            e = evaluations_to_reach(hist, target, n_examples)
            total = gradient_evaluations(hist, n_examples)[-1]
            reached = f"{e:,}" if e is not None else f"not within {total:,}"
            name = getattr(eta, "__name__", None) or f"eta = {eta:g}"
            rows.append(f"{method:<8}{name:<22}{reached:<36}{hist.train_loss[-1]:.4g}")
    return "\n".join(rows)


def train_step_sizes(make_model, X, y, step_sizes, optimizer="sgd", **train_kwargs):
    """Train a fresh model with each step size: the same recipe, only eta_t differs.

    make_model() -> a fresh model (the same start each time); step_sizes: numbers eta or
    schedules t -> eta_t (``dl.schedule``); optimizer: 'sgd', 'momentum', 'adagrad', ...;
    the rest as in ``train``.  Returns {step size: (model, History)} in the given order.
    """
    if not callable(make_model):
        raise ValueError("make_model: expected a function () -> a fresh model")
    if not isinstance(optimizer, str):
        raise ValueError(f"optimizer: expected a name such as 'sgd' (a fresh optimizer per step "
                         f"size), got {optimizer!r}")
    try:
        step_sizes = None if callable(step_sizes) or is_real(step_sizes) else list(step_sizes)
    except TypeError:
        step_sizes = None
    if not step_sizes:
        raise ValueError("step_sizes: expected a non-empty list of numbers > 0 or schedules")
    for eta in step_sizes:
        check_step_size(eta)
    return {eta: (m, train(m, X, y, optimizer=optimizer, step_size=eta, **train_kwargs))
            for eta, m in ((eta, make_model()) for eta in step_sizes)}


# --- checks and small helpers ------------------------------------------------------------------

def _set_params(model, params):
    for k, v in params.items():
        model.params[k][...] = v


def _check_model(model, name):
    if not isinstance(model, MLP):
        raise ValueError(f"{name}: expected a dl.MLP or dl.LinearPredictor, "
                         f"got {type(model).__name__}")


def _check_same_keys(a, b, name_a, name_b):
    if not isinstance(a, dict) or not isinstance(b, dict):
        raise ValueError(f"{name_a}, {name_b}: expected dicts name -> array (like model.params)")
    if list(a) != list(b) or any(np.shape(a[k]) != np.shape(b[k]) for k in a):
        raise ValueError(f"{name_a}, {name_b}: expected the same parameter names and shapes")


def _check_same_architecture(model_a, model_b):
    _check_model(model_a, "model_a")
    _check_model(model_b, "model_b")
    if model_a.sizes != model_b.sizes or model_a.activations != model_b.activations:
        raise ValueError(f"model_a, model_b: expected the same architecture, got "
                         f"{model_a!r} and {model_b!r}")
    _check_same_keys(model_a.params, model_b.params, "model_a", "model_b")


def _check_data(model, X, y, loss):
    X = check_X(X, model.input_dim)
    return X, _losses.check_targets(y, loss, model.output_dim, X.shape[0])


def _check_vector(v, name):
    try:
        v = np.asarray(v, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: expected a 1-D list of numbers") from None
    if v.ndim != 1 or v.size == 0 or not np.all(np.isfinite(v)):
        raise ValueError(f"{name}: expected a non-empty 1-D list of finite numbers, "
                         f"got shape {v.shape}")
    return v


def _check_span(span):
    def ok(lo, hi):
        return all(is_real(s) and math.isfinite(s) for s in (lo, hi)) and lo < hi
    if is_real(span) and math.isfinite(span) and span > 0:
        return (-span, span), (-span, span)
    try:
        (a_lo, a_hi), (b_lo, b_hi) = span
    except (TypeError, ValueError):
        a_lo = None
    if a_lo is None or not (ok(a_lo, a_hi) and ok(b_lo, b_hi)):
        raise ValueError(f"span: expected a number > 0 or ((a_lo, a_hi), (b_lo, b_hi)) with "
                         f"lo < hi, got {span!r}")
    return (float(a_lo), float(a_hi)), (float(b_lo), float(b_hi))
