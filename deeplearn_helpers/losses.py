"""Losses: value and gradient with respect to the prediction, averaged over the batch.

The average over the batch is the lecture's TrainLoss when the batch is D_train:

    TrainLoss(theta) = 1/|D_train| * sum_{(x, y) in D_train} Loss(x, y, theta)

Every loss here is a pure function ``loss(F, y) -> (value, dF)``:
    F:  (n,) predictions f_theta(x) for one output, or (n, k) scores for k classes
    y:  (n,) targets
    value: float, the mean loss over the n examples
    dF: same shape as F, d value / d F
"""
import numpy as np

from ._checks import bad, check_choice
from .layers.dense import sigmoid

LOSSES = ("squared", "logistic", "hinge", "cross_entropy")


def squared(F, y):
    """Squared loss, as on the slide (no 1/2): Loss = (f_theta(x) - y)^2.

    F, y: (n,) or (n, k); returns mean over examples (summed over outputs), dF like F.
    """
    R = F - y
    n = F.shape[0]
    return float(np.add.reduce(R * R, axis=None)) / n, (2.0 / n) * R       # (R * R).sum()


def logistic(F, y):
    """Logistic loss for labels y in {-1, +1}: Loss = log(1 + e^{-y f_theta(x)}).

    F, y: (n,); dF = -y * sigma(-y f) / n.
    """
    M = y * F                                   # the margin y f_theta(x)
    n = F.shape[0]
    value = float(np.sum(np.logaddexp(0.0, -M)) / n)
    return value, (-y / n) * sigmoid(-M)


def hinge(F, y):
    """Hinge loss for labels y in {-1, +1}: Loss = max(0, 1 - y f_theta(x)).

    F, y: (n,); dF = -y [y f < 1] / n.
    """
    M = y * F
    n = F.shape[0]
    active = M < 1.0
    return float(np.sum(np.where(active, 1.0 - M, 0.0)) / n), np.where(active, -y / n, 0.0)


def cross_entropy(F, y):
    """Softmax cross-entropy for k classes: Loss = -log softmax(f_theta(x))_y.

    F: (n, k) scores, y: (n,) labels in 0..k-1 (or F (n, T, k), y (n, T): a prediction at
    every step, the mean over all n T); dF = (softmax(F) - onehot(y)) / (n or n T).
    """
    k = F.shape[-1]
    F2, y2 = F.reshape(-1, k), y.reshape(-1)
    m = F2.shape[0]
    S = F2 - F2.max(axis=1, keepdims=True)      # shift for numerical stability
    E = np.exp(S)
    Z = E.sum(axis=1)                           # >= 1: the largest score contributes e^0
    rows = np.arange(m)
    value = float(np.sum(np.log(Z) - S[rows, y2]) / m)
    E *= (1.0 / (m * Z))[:, None]               # softmax / m, from the same exponentials
    E[rows, y2] -= 1.0 / m
    return value, E.reshape(F.shape)


def error_rate(F, y):
    """Fraction of misclassified examples: sign(f) != y for one output, argmax for k.

    F: (n,) or (n, k) (or (n, T, k)); y: (n,) in {-1, +1} or labels 0..k-1 (or (n, T)).
    """
    if F.ndim >= 2:
        return float(np.mean(np.argmax(F, axis=-1) != y))
    return float(np.mean(np.where(F >= 0, 1.0, -1.0) != y))


LOSS_FUNCTIONS = {"squared": squared, "logistic": logistic, "hinge": hinge,
                  "cross_entropy": cross_entropy}


def get_loss(name):
    """The loss function called ``name`` (one of LOSSES)."""
    return LOSS_FUNCTIONS[check_choice(name, "loss", LOSSES)]


def check_targets(y, loss, output_dim, n):
    """Check that targets y fit the loss and the model's output size; return y as an array.

    y: (n,) for one output (any finite float for squared, {-1, +1} for logistic/hinge),
    (n,) or (n, T) integers 0..k-1 for cross_entropy with k = output_dim outputs,
    (n, k) floats for squared loss with k > 1 outputs.
    """
    get_loss(loss)
    y = np.asarray(y)
    if y.dtype == object or not (np.issubdtype(y.dtype, np.number) or y.dtype == bool):
        raise bad("y", "a numeric array", got=f"dtype {y.dtype}")
    if y.shape[:1] != (n,):
        raise bad("y", f"{n} targets (one per row of X)", got=f"shape {y.shape}")
    if loss == "cross_entropy":
        if output_dim < 2:
            raise bad("loss", "'logistic', 'hinge' or 'squared' for one output "
                      "('cross_entropy' needs output_dim >= 2)", loss)
        if y.ndim not in (1, 2) or not np.all(np.isfinite(y)) or np.any(y != np.round(y)) \
                or y.min() < 0 or y.max() >= output_dim:
            raise bad("y", f"integer class labels in 0..{output_dim - 1}, shape (n,) or (n, T), "
                      "for cross_entropy", got=_show(y))
        return y.astype(np.int64)
    y = y.astype(np.float64)
    if not np.all(np.isfinite(y)):
        raise bad("y", "finite numbers", got="NaN or inf")
    if loss in ("logistic", "hinge"):
        if output_dim != 1:
            raise bad("loss", "'cross_entropy' or 'squared' for several outputs "
                      f"({loss!r} needs output_dim=1)", loss)
        if y.ndim != 1 or not np.all((y == 1) | (y == -1)):
            raise bad("y", f"labels in {{-1, +1}}, shape (n,), for the {loss} loss", got=_show(y))
        return y
    want = (n,) if output_dim == 1 else (n, output_dim)        # squared
    if y.shape != want:
        raise bad("y", f"shape {want} for the squared loss with output_dim={output_dim}",
                  got=f"shape {y.shape}")
    return y


def _show(y):
    """A short description of targets for a message: their shape and a few distinct values."""
    values = np.unique(y)
    return f"shape {y.shape}, values {values[:5].tolist()}{' ...' if values.size > 5 else ''}"
