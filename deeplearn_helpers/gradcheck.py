"""Gradient checking: compare backprop with centered finite differences.

    d f / d theta_i  ~  (f(theta + h e_i) - f(theta - h e_i)) / (2 h)

    rel_error(a, b) = ||a - b|| / (||a|| + ||b||)      (2-norms over the whole array)

A correct backprop in float64 agrees to about 1e-7 or better; a bug shows as 1e-2 or worse.
"""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """Centered differences of a scalar f() w.r.t. the array x (changed in place, restored).

    f: () -> float, reading x; x: any shape -> gradient of the same shape.
    """
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        fp = f()
        x[i] = old - h
        fm = f()
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad


def rel_error(a, b, atol=1e-9):
    """Relative error ||a - b|| / (||a|| + ||b||) of two arrays of the same shape (0 if both are 0).

    The norm over the whole array, not elementwise: a gradient entry that is exactly 0 in
    backprop and 1e-11 in finite differences (a dead ReLU) is rounding noise, not a bug.
    A difference ||a - b|| below ``atol`` (the rounding noise of finite differences with
    h = 1e-5) counts as agreement, 0.0: e.g. a bias just before batch norm, whose true
    gradient is exactly 0.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"b: expected the shape of a, {a.shape}, got {b.shape}")
    diff = np.linalg.norm(a - b)                 # 0 for empty arrays
    if diff <= atol:
        return 0.0
    return float(diff / (np.linalg.norm(a) + np.linalg.norm(b)))


def check_model_gradients(model, X, y, loss="squared", seed=0, h=1e-5):
    """Relative error between backprop and finite differences, for every parameter of a model.

    X: (n, input_dim); y: targets for ``loss``.  ``seed`` holds the dropout masks fixed so
    that the loss is a deterministic function of the parameters.  Returns {name: rel_error}.
    """
    running = {k: [a.copy() for a in v] for k, v in getattr(model, "running", {}).items()}
    _, grads = model.loss_and_grads(X, y, loss=loss, seed=seed)
    errors = {}
    for name, p in model.params.items():
        num = numerical_gradient(lambda: model.loss_and_grads(X, y, loss=loss, seed=seed)[0], p, h)
        errors[name] = rel_error(grads[name], num)
    if hasattr(model, "running"):
        model.running = running              # the checks must not move batch-norm statistics
    return errors
