"""Input features: the network sees phi(x) instead of x, as in TensorFlow Playground.

    phi(x) = (x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2)   (any subset, in the order asked)

With x1^2 and x2^2 a linear predictor f_theta(x) = w . phi(x) already separates a circle:
hand-made features do what hidden units otherwise have to learn.
"""
import numpy as np

FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin x1", "sin x2")

_RULES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1*x2": lambda X: X[:, 0] * X[:, 1],
    "sin x1": lambda X: np.sin(X[:, 0]),
    "sin x2": lambda X: np.sin(X[:, 1]),
}


def features_for(input_dim):
    """The feature names that exist for inputs of ``input_dim`` (1: only those of x1; 2: all)."""
    return FEATURES if input_dim >= 2 else tuple(f for f in FEATURES if "x2" not in f)


def input_features(X, names=("x1", "x2")):
    """phi(x) for every row of X: the named features side by side.

    X: (n, 2) points (or (n, 1) for 1-D data, then only x1, x1^2, sin x1 exist);
    names: a non-empty sequence of distinct names from FEATURES.
    Returns Phi: (n, len(names)) float64, column j the feature names[j].
    """
    X = np.asarray(X)
    if X.dtype.kind not in "biuf" or X.ndim != 2 or X.shape[1] not in (1, 2):
        raise ValueError(f"X: expected a numeric array of shape (n, 2) or (n, 1), "
                         f"got {X.dtype} {X.shape}")
    if isinstance(names, str) or not hasattr(names, "__iter__"):
        raise ValueError(f"names: expected a list of feature names from {', '.join(FEATURES)}, "
                         f"got {names!r}")
    names = list(names)
    allowed = features_for(X.shape[1])
    if not names or len(set(names)) != len(names) or any(n not in allowed for n in names):
        raise ValueError(f"names: expected distinct feature names from {', '.join(allowed)} "
                         f"(at least one), got {names!r}")
    X = X.astype(np.float64, copy=False)
    return np.column_stack([_RULES[n](X) for n in names])
