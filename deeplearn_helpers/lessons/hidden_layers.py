"""The training recipes of notebooks 00, 02 and 03, kept in one place: the notebooks and
their claims tests call the same functions, so a notebook cannot change without its claim.

    linear predictor   f_theta(x) = w . x + b
    one hidden layer   h_j(x) = sigma(v_j . x),  f_theta(x) = w . h(x)
    L hidden layers    h_l = sigma(V_l h_{l-1}),  f_theta(x) = w . h_L(x)

Each recipe is seeded: ``seed`` sets the initial weights and the order of the examples.  A
claim about a training outcome is checked over several seeds (``train_errors``).
"""
import numpy as np

from .._checks import bad, check_choice, check_int
from ..losses import error_rate
from ..models import MLP, LinearPredictor
from ..optim import SGD, Adam
from ..train import train

ROADMAP_MODELS = {                      # notebook 00: name -> hidden layers (None: a line)
    "linear predictor": None,
    "1 hidden layer of 4 units": [4],
    "2 hidden layers of 8 units": [8, 8],
}


def roadmap_model(X, y, name, seed=0):
    """Notebook 00's recipe: tanh units, squared loss, Adam(0.02), minibatches of 10, 60 epochs.

    name: a key of ROADMAP_MODELS.  Returns (model, History).
    """
    hidden = ROADMAP_MODELS[check_choice(name, "name", list(ROADMAP_MODELS))]
    model = (LinearPredictor(input_dim=2, bias=True) if hidden is None
             else MLP(input_dim=2, hidden=hidden, activation="tanh", seed=seed))
    return model, train(model, X, y, loss="squared", optimizer=Adam(0.02), epochs=60,
                        batch_size=10, seed=seed)


def width_model(X, y, width, activation="sigmoid", step_size=0.05, epochs=40, seed=1):
    """Notebook 02's recipe: MLP(2 -> width -> 1) trained by per-example SGD (the slide's loop).

    f_theta(x) = w . h(x), squared loss, SGD(step_size), batch size 1, ``epochs`` epochs,
    initial weights and order from ``seed``.  Returns (model, History).
    """
    model = MLP(input_dim=2, hidden=[width], activation=activation, seed=seed)
    return model, train(model, X, y, loss="squared", optimizer=SGD(step_size), epochs=epochs,
                        batch_size=1, seed=seed)


def depth_model(X, y, depth, width=8, activation="tanh", init_scale=2.0, step_size=0.02,
                epochs=100, batch_size=16, seed=0):
    """Notebook 03's recipe: ``depth`` hidden layers of ``width`` tanh units, Adam.

    Initial weights ``init_scale`` = 2 times Xavier's scale (sharper units from the start:
    with 1, 100 epochs are too few for most seeds).  Squared loss, Adam(step_size),
    minibatches of ``batch_size``, ``epochs`` epochs, from ``seed``.  Returns (model, History).
    """
    model = MLP(input_dim=2, hidden=[width] * depth, activation=activation,
                init_scale=init_scale, seed=seed)
    return model, train(model, X, y, loss="squared", optimizer=Adam(step_size), epochs=epochs,
                        batch_size=batch_size, seed=seed)


def train_errors(recipe, X, y, seeds=range(10), **kwargs):
    """The final training error of ``recipe(X, y, seed=s, **kwargs)`` for every seed s.

    recipe: one of roadmap_model, width_model, depth_model.  Returns an array (len(seeds),).
    """
    seeds = list(seeds)
    for s in seeds:
        check_int(s, "seeds", 0)
    return np.array([recipe(X, y, seed=s, **kwargs)[1].train_error[-1] for s in seeds])


def best_line_error(X, y, n_angles=1440):
    """The smallest training error of any line sign(w . x + b) on (X, y), by exhaustive search.

    For each of ``n_angles`` directions w (angles 0..360 degrees) every threshold b between
    two sorted projections is tried.  X: (n, 2), y: (n,) in {-1, +1}.  Returns a float.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (len(X),):
        raise bad("X, y", "shapes (n, 2) and (n,)", got=f"{X.shape} and {y.shape}")
    n_angles = check_int(n_angles, "n_angles", 4)
    a = np.linspace(0.0, 2 * np.pi, n_angles, endpoint=False)
    P = X @ np.stack([np.cos(a), np.sin(a)])                 # (n, angles): w . x
    order = np.argsort(P, axis=0)
    ys = y[order]                                            # labels sorted along each w
    # predict +1 above the threshold: errors = positives below + negatives above
    pos_below = np.vstack([np.zeros(n_angles), np.cumsum(ys > 0, axis=0)])
    neg_above = np.vstack([np.cumsum((ys < 0)[::-1], axis=0)[::-1], np.zeros(n_angles)])
    return float(np.min(pos_below + neg_above) / len(y))


def single_unit_errors(model, X, y):
    """Each hidden unit read alone as a classifier: its error with the better of the two signs.

    Unit j of layer l predicts sign(h_j - m), m the middle of its range (0 for tanh, 1/2 for
    sigmoid).  Returns a list, one array (width_l,) of errors per hidden layer.
    """
    errors = []
    for H, act in zip(model.hidden_units(X), model.activations, strict=True):
        middle = 0.5 if act == "sigmoid" else 0.0
        e = np.array([error_rate(H[:, j] - middle, y) for j in range(H.shape[1])])
        errors.append(np.minimum(e, 1 - e))
    return errors



def digits_model(X_train, y_train, X_test, y_test, seed=0):
    """Notebook 03's digits recipe: 64 -> 32 ReLU -> 10, He initialisation, softmax
    cross-entropy, Adam(0.01), minibatches of 32, 15 epochs, L2 penalty 1e-3 * sum V^2 (it pulls
    the weights of always-blank pixels to 0).  Returns (model, History with test errors)."""
    model = MLP(input_dim=64, hidden=[32], output_dim=10, activation="relu", init="he", seed=seed)
    return model, train(model, X_train, y_train, loss="cross_entropy", optimizer=Adam(0.01),
                        epochs=15, batch_size=32, seed=seed, X_test=X_test, y_test=y_test,
                        regularization="l2", reg_rate=1e-3)
