"""The experiments of notebook 11 (convolutional networks), one function per claim.

Each is seeded and returns plain numbers; the notebook and tests/claims/test_11_* call the
same functions with the same arguments.
"""
from dataclasses import dataclass

import numpy as np

from ..augment import augment, translate
from ..data import load_digits, make_dataset, train_test_split
from ..layers.conv import conv2d_forward, maxpool2d_forward
from ..models import CNN, MLP, ResidualMLP
from ..optim import SGD, Adam
from ..train import train

MOVES = ((1, 0), (-1, 0), (0, 1), (0, -1))          # right, left, down, up
FILTERS = {"vertical edge": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
           "horizontal edge": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
           "blur": [[1 / 9] * 3] * 3,
           "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]]}


def digits_split():
    """The notebook's digits: (X_train, X_test, y_train, y_test), 1,348 / 449, seed 0."""
    X, y = load_digits()
    return train_test_split(X, y, test_fraction=0.25, seed=0)


def shift_one_pixel(X, seed=0):
    """Every digit moved one pixel right, left, down or up (a seeded random choice each)."""
    direction = np.random.default_rng(seed).integers(0, 4, len(X))
    out = np.empty_like(X)
    for k, (dx, dy) in enumerate(MOVES):
        out[direction == k] = translate(X[direction == k], dx, dy)
    return out


def connection_counts(n_in=7, k=3):
    """The slide's 1-D example: input of n_in, filter of k -> n_in - k + 1 hidden units.

    Connections per hidden unit (dense: n_in, local: k) and parameters (dense: n_in per
    unit, local without sharing: k per unit, convolution: k in all).
    """
    n_out = n_in - k + 1
    return {"hidden units": n_out, "connections per unit, dense": n_in,
            "connections per unit, local": k, "parameters, dense": n_in * n_out,
            "parameters, local, not shared": k * n_out, "parameters, convolution": k}


def dense_equivalent(model):
    """For each conv block: its parameters, and those of a dense layer from the same input
    volume to the same output volume (before pooling)."""
    rows = []
    for l, F in enumerate(model.filters, start=1):
        C, H, W = model.shapes[l - 1]
        n_in, n_out = C * H * W, F * H * W                    # padding keeps H x W
        rows.append({"layer": f"conv{l}", "parameters": model.params[f"K{l}"].size + F,
                     "dense layer, same sizes": n_in * n_out + n_out})
    return rows


def equivariance(image, kernel, dx=1, dy=0):
    """Shift the input, then convolve; convolve, then shift: the largest difference away
    from the border (0 up to rounding: convolution is translation-equivariant)."""
    K = np.asarray(kernel, dtype=float)[None, None]
    X = np.asarray(image, dtype=float).reshape(1, 1, 8, 8)
    a = conv2d_forward(translate(X, dx, dy, (1, 8, 8)), K, padding=1)[0]
    b = translate(conv2d_forward(X, K, padding=1)[0], dx, dy, (1, 8, 8))
    inner = (slice(None), slice(None), slice(2, 6), slice(2, 6))
    return float(np.max(np.abs(a - b)[inner]))


def pooling_change(X, seed=0):
    """How much a convolution layer's output changes when the digits move one pixel: the
    relative change ||f(shift x) - f(x)|| / ||f(x)|| (mean over the digits) of the feature
    maps relu(K * x) of the four FILTERS, before and after 2x2 max pooling."""
    K = np.array([FILTERS[name] for name in FILTERS])[:, None]       # (4, 1, 3, 3)

    def maps(A):
        H = np.maximum(conv2d_forward(A.reshape(-1, 1, 8, 8), K, padding=1)[0], 0.0)
        return H.reshape(len(A), -1), maxpool2d_forward(H, 2)[0].reshape(len(A), -1)

    (H0, P0), (H1, P1) = maps(X), maps(shift_one_pixel(X, seed))
    def rel(a, b):
        return float(np.mean(np.linalg.norm(a - b, axis=1) / np.linalg.norm(a, axis=1)))
    return {"feature maps": rel(H0, H1), "after max pooling": rel(P0, P1)}


@dataclass
class ShiftResult:
    """Test accuracy per seed: columns (original test digits, shifted by one pixel)."""
    seeds: list
    cnn: np.ndarray
    mlp: np.ndarray
    cnn_params: int
    mlp_params: int
    first_cnn: object            # the CNN of the first seed, trained (for its filters)

    def drop(self, which):
        """Accuracy lost by the shift, per seed (points of accuracy, 0..1)."""
        acc = getattr(self, which)
        return acc[:, 0] - acc[:, 1]


def shift_experiment(seeds=range(5), epochs=6):
    """A CNN (conv 8 -> pool -> conv 16 -> pool -> dense 10) and an MLP with about as many
    parameters (64-28-10), both Adam 0.01, batch 32: accuracy on the test digits as they
    are and moved by one pixel."""
    Xtr, Xte, ytr, yte = digits_split()
    Xsh = shift_one_pixel(Xte, seed=0)
    acc, first = {"cnn": [], "mlp": []}, None
    for seed in seeds:
        models = {"cnn": CNN(filters=[8, 16], seed=seed),
                  "mlp": MLP(input_dim=64, hidden=[28], output_dim=10, activation="relu",
                             init="he", seed=seed)}
        for name, m in models.items():
            train(m, Xtr, ytr, loss="cross_entropy", optimizer=Adam(0.01), epochs=epochs,
                  batch_size=32, seed=seed, record_every=None)
            acc[name].append([np.mean(m.classify(Xte) == yte), np.mean(m.classify(Xsh) == yte)])
        first = first or models["cnn"]
    return ShiftResult(list(seeds), np.array(acc["cnn"]), np.array(acc["mlp"]),
                       models["cnn"].n_params, models["mlp"].n_params, first)


def augmentation_experiment(n_train=100, seeds=range(5), steps_epochs=30, copies=4):
    """A CNN on only ``n_train`` digits, as they are, with dropout 0.5, or with
    ``copies`` shifted and re-inked copies of each (same number of steps): test accuracy
    {setting: (n_seeds, 2) on original and shifted test digits}."""
    Xtr, Xte, ytr, yte = digits_split()
    Xsh = shift_one_pixel(Xte, seed=0)
    out = {"as they are": [], "dropout 0.5": [], "augmented": []}
    for seed in seeds:
        for name in out:
            Xs, ys = Xtr[:n_train], ytr[:n_train]
            epochs = steps_epochs
            if name == "augmented":
                Xs, ys = augment(Xs, ys, copies=copies, max_shift=1, intensity=0.2, seed=seed)
                epochs = steps_epochs // (copies + 1)
            m = CNN(filters=[8, 16], dropout=0.5 if name.startswith("dropout") else 0.0,
                    seed=seed)
            train(m, Xs, ys, loss="cross_entropy", optimizer=Adam(0.01), epochs=epochs,
                  batch_size=32, seed=seed, record_every=None)
            out[name].append([np.mean(m.classify(Xte) == yte), np.mean(m.classify(Xsh) == yte)])
    return {k: np.array(v) for k, v in out.items()}


def activation_experiment(seeds=range(5), epochs=5, step_size=0.03, n_train=500):
    """The same CNN with relu (He init) and sigmoid (Xavier init), plain SGD on the first
    ``n_train`` training digits: TrainLoss per epoch {activation: (n_seeds, epochs + 1)}."""
    Xtr, _, ytr, _ = digits_split()
    Xtr, ytr = Xtr[:n_train], ytr[:n_train]
    out = {}
    for act, init in (("relu", "he"), ("sigmoid", "xavier")):
        out[act] = np.array([train(CNN(filters=[8, 16], activation=act, init=init, seed=s),
                                   Xtr, ytr, loss="cross_entropy", optimizer=SGD(step_size),
                                   epochs=epochs, batch_size=32, seed=s).train_loss
                             for s in seeds])
    return out


def residual_experiment(seeds=range(5), depth=20, width=8, epochs=30):
    """Plain against residual: ``depth`` sigmoid layers of ``width`` on the moons, Adam 0.01:
    final train error per seed, and the gradient norm of every layer at the start."""
    X, y = make_dataset("moons", n=200, noise=0.1, seed=0)
    out = {}
    for residual in (False, True):
        errors, norms = [], []
        for seed in seeds:
            m = ResidualMLP(width=width, depth=depth, activation="sigmoid", residual=residual,
                            seed=seed)
            norms.append(m.layer_gradient_norms(X, y, "logistic"))
            h = train(m, X, y, loss="logistic", optimizer=Adam(0.01), epochs=epochs,
                      batch_size=32, seed=seed, record_every=None)
            errors.append(h.train_error[-1])
        out["residual" if residual else "plain"] = {"errors": np.array(errors),
                                                    "gradient norms": np.array(norms)}
    return out
