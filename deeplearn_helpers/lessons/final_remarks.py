"""The final remarks (notebook 14): dilated convolutions, a tiny adversarial network, and one
hidden layer approximating a continuous function.

Receptive field.  A stack of 1-D convolutions (``dl.conv1d_forward``), kernel size k, layer l
with dilation d_l; the output at the last position depends on the inputs whose gradient
d y / d x_i is non-zero.  With all weights positive nothing cancels, so the receptive field is
exactly the set of non-zero entries of that gradient:  1 + sum_l d_l (k - 1)  inputs:
depth + 1 without dilation (k = 2), 2^depth with dilations 1, 2, 4, ... (WaveNet).

Adversarial network.  A generator G(z) = w . tanh(V z + b) + c maps noise z ~ N(0, 1) to a
sample x; a discriminator D(x) = sigmoid(u . tanh(A x + a) + e) says how likely x is real.
They take turns: D steps down  -log D(x_real) - log(1 - D(G(z))),  G steps down
-log D(G(z))  (the "non-saturating" loss).  Both are written from the package's layer pairs
(``affine_forward/backward``, ``activation_forward/backward``) and stepped by ``dl.Adam``.

Approximation.  One hidden layer of m tanh units, f(x) = w . tanh(v x + b) + c, its first layer
drawn at random and w, c fitted by least squares (random features, Rahimi and Recht 2009): the
worst error on [-1, 1] falls as m grows (Cybenko 1989: some f of this form comes as close as
asked to any continuous function on a compact set).
"""
from dataclasses import dataclass, field

import numpy as np

from .._checks import bad, check_choice, check_int, check_number, check_seed
from ..layers import (
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
    conv1d_backward,
    conv1d_forward,
)
from ..optim import Adam

DILATIONS = ("none", "doubling")


def dilations(depth, dilation="doubling"):
    """The dilation of each layer: 1, 1, 1, ... ("none") or 1, 2, 4, ... ("doubling")."""
    depth = check_int(depth, "depth", 1)
    dilation = check_choice(dilation, "dilation", DILATIONS)
    return [1] * depth if dilation == "none" else [2 ** l for l in range(depth)]


def receptive_masks(depth, dilation="doubling", kernel_size=2, length=None):
    """Which positions of every layer the LAST output depends on, by backpropagation.

    A stack of ``depth`` conv1d layers (one channel, all weights 1, no padding) on an input of
    ``length`` positions (default: just enough).  Returns a list of boolean arrays, input first,
    the output layer last: masks[l][i] is True iff d y_last / d h_l[i] != 0.
    """
    ds = dilations(depth, dilation)
    kernel_size = check_int(kernel_size, "kernel_size", 2)
    need = 1 + sum(d * (kernel_size - 1) for d in ds)
    length = need if length is None else check_int(length, "length", need)
    H = np.zeros((1, 1, length))
    caches = []
    for d in ds:
        H, cache = conv1d_forward(H, np.ones((1, 1, kernel_size)), None, dilation=d)
        caches.append(cache)
    dH = np.zeros_like(H)
    dH[0, 0, -1] = 1.0
    masks = [dH[0, 0] != 0]
    for cache in reversed(caches):
        dH, _, _ = conv1d_backward(dH, cache)
        masks.append(dH[0, 0] != 0)
    return masks[::-1]


def receptive_field(depth, dilation="doubling", kernel_size=2):
    """How many inputs the last output sees: the non-zero entries of its input gradient."""
    return int(receptive_masks(depth, dilation, kernel_size)[0].sum())


# --- a tiny adversarial network ----------------------------------------------------------------

def real_samples(n, rng, centres=(-1.5, 1.5), spread=0.25):
    """x ~ an equal mixture of N(c, spread^2) over the centres: the 'real' data.  -> (n, 1)"""
    c = np.asarray(centres, dtype=np.float64)[rng.integers(len(centres), size=n)]
    return (c + spread * rng.standard_normal(n))[:, None]


def gan_parameters(hidden=8, seed=0):
    """Fresh parameters (G, D), dicts name -> array: V (hidden, 1), b (hidden,), w (1, hidden),
    c (1,) for each, names prefixed "G" / "D".  V ~ N(0, 1), w ~ N(0, 1 / hidden), biases 0."""
    hidden = check_int(hidden, "hidden", 1)
    rng = np.random.default_rng(check_seed(seed))
    return tuple({f"{p}V": rng.standard_normal((hidden, 1)), f"{p}b": np.zeros(hidden),
                  f"{p}w": rng.standard_normal((1, hidden)) / np.sqrt(hidden),
                  f"{p}c": np.zeros(1)} for p in ("G", "D"))


def _forward(p, prefix, X):
    """One hidden tanh layer: X (n, 1) -> out (n, 1), and the caches for _backward."""
    Z, c1 = affine_forward(X, p[prefix + "V"], p[prefix + "b"])
    H, c2 = activation_forward(Z, "tanh")
    out, c3 = affine_forward(H, p[prefix + "w"], p[prefix + "c"])
    return out, (c1, c2, c3)


def _backward(dout, caches, prefix):
    c1, c2, c3 = caches
    dH, dw, dc = affine_backward(dout, c3)
    dX, dV, db = affine_backward(activation_backward(dH, c2), c1)
    return dX, {prefix + "V": dV, prefix + "b": db, prefix + "w": dw, prefix + "c": dc}


def _sigmoid(s):
    return 0.5 * (1.0 + np.tanh(0.5 * s))


def _log_sigmoid(s):
    return -np.logaddexp(0.0, -s)


def generate(G, Z):
    """The generator's samples x = G(z).   Z: (n, 1) -> (n, 1)."""
    return _forward(G, "G", Z)[0]


def discriminate(D, X):
    """D(x), the probability that x is real.   X: (n, 1) -> (n, 1)."""
    return _sigmoid(_forward(D, "D", X)[0])


def discriminator_loss_and_grads(D, G, X_real, Z):
    """L_D = mean over the batch of -log D(x) - log(1 - D(G(z))), and its gradient w.r.t. D.

    X_real, Z: (n, 1).  With s the score before the sigmoid, d(-log sigmoid(s))/ds = sigmoid(s) - 1
    and d(-log(1 - sigmoid(s)))/ds = sigmoid(s).
    """
    n = len(X_real)
    s, caches = _forward(D, "D", np.vstack([X_real, generate(G, Z)]))
    target = np.vstack([np.ones((n, 1)), np.zeros((len(Z), 1))])
    loss = -(np.sum(_log_sigmoid(s[:n])) + np.sum(_log_sigmoid(-s[n:]))) / n
    return float(loss), _backward((_sigmoid(s) - target) / n, caches, "D")[1]


def generator_loss_and_grads(G, D, Z):
    """L_G = mean of -log D(G(z)) (the "non-saturating" loss), and its gradient w.r.t. G,
    backpropagated through D into G.   Z: (n, 1)."""
    n = len(Z)
    fake, g_caches = _forward(G, "G", Z)
    s, d_caches = _forward(D, "D", fake)
    dfake, _ = _backward((_sigmoid(s) - 1.0) / n, d_caches, "D")
    return float(-np.sum(_log_sigmoid(s)) / n), _backward(dfake, g_caches, "G")[1]


@dataclass
class GANRun:
    """A training run: the generator's samples at the recorded steps and their distance to the
    real data (the 1-D Wasserstein distance: mean |sorted fake - sorted real|)."""
    step_size: float
    steps: list = field(default_factory=list)         # the recorded step numbers
    samples: list = field(default_factory=list)       # (n_eval,) generated x at each of them
    distance: list = field(default_factory=list)      # W1(fake, real) at each of them
    real: np.ndarray = None                           # (n_eval,) a sample of the real data


def train_gan(step_size=0.005, steps=1500, hidden=8, batch_size=64, record_every=50, seed=0,
              n_eval=400):
    """Train the generator and discriminator in turns (one step each) with Adam.

    Returns a GANRun.  Everything is seeded by ``seed``.
    """
    step_size = check_number(step_size, "step_size", 0.0, bounds="(]")
    steps = check_int(steps, "steps", 1)
    hidden = check_int(hidden, "hidden", 1)
    batch_size = check_int(batch_size, "batch_size", 1)
    record_every = check_int(record_every, "record_every", 1)
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    G, D = gan_parameters(hidden, seed)
    opt_G, opt_D = Adam(step_size, beta1=0.5), Adam(step_size, beta1=0.5)
    eval_rng = np.random.default_rng(seed + 10_000)
    z_eval = eval_rng.standard_normal((n_eval, 1))
    run = GANRun(step_size, real=np.sort(real_samples(n_eval, eval_rng)[:, 0]))
    for t in range(steps + 1):
        if t % record_every == 0:
            x = np.sort(generate(G, z_eval)[:, 0])
            run.steps.append(t)
            run.samples.append(x)
            run.distance.append(float(np.mean(np.abs(x - run.real))))
        if t == steps:
            break
        X_real = real_samples(batch_size, rng)
        opt_D.step(D, discriminator_loss_and_grads(D, G, X_real,
                                                   rng.standard_normal((batch_size, 1)))[1])
        opt_G.step(G, generator_loss_and_grads(G, D, rng.standard_normal((batch_size, 1)))[1])
    return run


def gan_runs(step_sizes=(0.01, 0.2), seeds=range(5), steps=1000):
    """The notebook's experiment: ``train_gan`` for every step size and seed.
    Returns a dict step size -> list of GANRun, one per seed."""
    return {eta: [train_gan(eta, steps=steps, seed=seed) for seed in seeds] for eta in step_sizes}


# --- one hidden layer approximates a continuous function ---------------------------------------

def target_function(x):
    """The continuous function to approximate on [-1, 1]: two waves and a kink at 0."""
    x = np.asarray(x, dtype=np.float64)
    return 0.5 * np.sin(2 * np.pi * x) + np.abs(x)


def fit_one_hidden_layer(width, seed=0, scale=10.0, n_fit=400):
    """f(x) = w . tanh(v x + b) + c with m = ``width`` units: v_j ~ N(0, scale^2) and
    b_j ~ U(-scale, scale) drawn at random (each unit a smooth step at x = -b_j / v_j), then w, c
    by least squares on ``n_fit`` points of [-1, 1].  Returns the function x (k,) -> f(x) (k,).
    """
    width = check_int(width, "width", 1)
    scale = check_number(scale, "scale", 0.0, bounds="(]")
    rng = np.random.default_rng(check_seed(seed))
    v, b = scale * rng.standard_normal(width), rng.uniform(-scale, scale, width)

    def features(x):
        return np.hstack([np.tanh(np.outer(x, v) + b), np.ones((len(x), 1))])

    x = np.linspace(-1, 1, check_int(n_fit, "n_fit", 2))
    wc = np.linalg.lstsq(features(x), target_function(x), rcond=None)[0]
    return lambda x: features(np.asarray(x, dtype=np.float64)) @ wc


WIDTHS = (1, 2, 4, 8, 16, 32, 64, 128)


def approximation_errors(widths=WIDTHS, seeds=range(5), n_grid=1001):
    """The worst error max_x |f(x) - target(x)| over ``n_grid`` points of [-1, 1] (finer than
    the fit's), for each width and seed.  Returns an array (len(widths), len(seeds))."""
    widths = [check_int(m, "widths", 1) for m in widths]
    seeds = [check_seed(s) for s in seeds]
    if not seeds:
        raise bad("seeds", "at least one seed", seeds)
    x = np.linspace(-1, 1, check_int(n_grid, "n_grid", 2))
    return np.array([[np.max(np.abs(fit_one_hidden_layer(m, s)(x) - target_function(x)))
                      for s in seeds] for m in widths])
