"""Dense layers as pure pairs: affine, activations, batch norm, dropout.

    out, cache = x_forward(...)        grads = x_backward(dout, cache)

A batch is a matrix whose rows are examples, so the slide's h = sigma(V x) for one x is
H = sigma(X V^T) for a batch X (n, fan_in).  A hidden layer of an MLP chains

    Z = X V^T + b  ->  [batch norm]  ->  H = sigma(Z)  ->  [dropout]

and its backward runs the same pairs in reverse, each multiplying by its local derivative.
"""
import numpy as np

BN_EPS = 1e-5            # batch norm's eps, as in PyTorch
BN_MOMENTUM = 0.1        # running averages: r <- (1 - 0.1) r + 0.1 (batch statistic)


# --- affine:  Z = X W^T + b ------------------------------------------------------------------

def affine_forward(X, W, b=None):
    """Z = X W^T + b.   X: (n, fan_in), W: (fan_out, fan_in), b: (fan_out,) or None.

    Returns Z: (n, fan_out) and the cache (X, W, b is not None).
    """
    Z = X @ W.T
    if b is not None:
        Z += b
    return Z, (X, W, b is not None)


def affine_backward(dZ, cache, input_grad=True):
    """dX = dZ W,  dW = dZ^T X,  db = sum_i dZ_i.   dZ: (n, fan_out).

    Returns dX (n, fan_in), dW (fan_out, fan_in), db (fan_out,) or None without a bias.
    input_grad=False skips dX (None): the network's input needs no gradient.
    """
    X, W, has_bias = cache
    db = np.add.reduce(dZ, axis=0) if has_bias else None       # dZ.sum(axis=0), but faster
    return (dZ @ W if input_grad else None), dZ.T @ X, db


# --- activations: H = sigma(Z), dZ = dH * sigma'(Z) -------------------------------------------
# sigma'(Z) is written with H = sigma(Z) where that is cheaper (sigmoid, tanh).

def sigmoid(Z):
    """sigma(z) = 1 / (1 + e^{-z}), without overflow for large |z|.   Z: any shape."""
    E = np.exp(-np.abs(Z))
    D = 1.0 + E
    return np.where(Z >= 0, 1.0 / D, E / D)


def relu(Z):
    """relu(z) = max(z, 0).   Z: any shape."""
    return np.maximum(Z, 0.0)


tanh = np.tanh           # tanh(z) = (e^z - e^{-z}) / (e^z + e^{-z})

ACTIVATIONS = {        # name -> (sigma(Z), sigma'(Z) given H = sigma(Z))
    "sigmoid": (sigmoid, lambda Z, H: H * (1.0 - H)),
    "tanh": (tanh, lambda Z, H: 1.0 - H * H),
    "relu": (relu, lambda Z, H: Z > 0),
    "linear": (lambda Z: Z, lambda Z, H: 1.0),
}


def activation_forward(Z, name):
    """H = sigma(Z) for the activation ``name`` (a key of ACTIVATIONS).   Z, H: (n, m).

    Returns H and the cache (name, Z, H).
    """
    H = ACTIVATIONS[name][0](Z)
    return H, (name, Z, H)


def activation_backward(dH, cache):
    """dZ = dH * sigma'(Z).   dH: (n, m) -> dZ: (n, m)."""
    name, Z, H = cache
    return dH if name == "linear" else dH * ACTIVATIONS[name][1](Z, H)


# --- batch normalisation: Y = gamma * (Z - mean) / sqrt(var + eps) + beta ---------------------

def batchnorm_forward(Z, gamma, beta, running=None, train=True, eps=BN_EPS):
    """Batch norm of every column of Z.   Z: (n, m); gamma, beta: (m,) -> Y: (n, m).

    train=True: mean and var are the batch's (biased variance, 1/n); if ``running`` (a list
    [mean (m,), var (m,)]) is given, it moves in place towards them:
    mean <- 0.9 mean + 0.1 batch mean, var <- 0.9 var + 0.1 batch var * n/(n-1) (unbiased).
    train=False (eval mode): mean, var = running.  Returns Y and the cache.
    """
    if not train:
        mean, var = running
        D, S = Z - mean, np.sqrt(var + eps)
        return gamma * D / S + beta, (D, S, gamma, False)
    mean = Z.mean(axis=0)
    var = Z.var(axis=0)
    inv_std = 1.0 / np.sqrt(var + eps)
    Zhat = (Z - mean) * inv_std
    if running is not None:
        n = Z.shape[0]
        running[0] = (1 - BN_MOMENTUM) * running[0] + BN_MOMENTUM * mean
        running[1] = (1 - BN_MOMENTUM) * running[1] + BN_MOMENTUM * var * (n / (n - 1))
    return gamma * Zhat + beta, (Zhat, inv_std, gamma, True)


def batchnorm_backward(dY, cache):
    """Gradients of batch norm.   dY: (n, m) -> dZ (n, m), dgamma (m,), dbeta (m,).

    With Zhat = (Z - mean) / sqrt(var + eps) and dZhat = dY * gamma:
    dgamma = sum_i dY_i Zhat_i, dbeta = sum_i dY_i; in training mode (mean and var depend
    on Z) dZ = (dZhat - mean(dZhat) - Zhat mean(dZhat Zhat)) / sqrt(var + eps); in eval
    mode dZ = dZhat / sqrt(var + eps).
    """
    if not cache[3]:
        D, S, gamma, _ = cache
        Zhat = D / S
        return dY * gamma / S, np.sum(dY * Zhat, axis=0), dY.sum(axis=0)
    Zhat, inv_std, gamma, _ = cache
    n = dY.shape[0]
    dgamma = np.sum(dY * Zhat, axis=0)
    dbeta = dY.sum(axis=0)
    dZhat = dY * gamma
    dZ = (inv_std / n) * (n * dZhat - dZhat.sum(axis=0) - Zhat * np.sum(dZhat * Zhat, axis=0))
    return dZ, dgamma, dbeta


# --- inverted dropout: H * mask, mask_ij = [u_ij >= p] / (1 - p), u ~ U(0, 1) ------------------

def dropout_forward(H, p, rng, train=True):
    """Inverted dropout: each unit kept with probability 1 - p and scaled by 1/(1 - p).

    H: (n, m); p in [0, 1); rng: a numpy Generator.  Eval mode (train=False) or p = 0: the
    identity.  Returns the output (n, m) and the cache (the mask, or None).
    """
    if not train or p == 0.0:
        return H, None
    mask = (rng.random(H.shape) >= p) / (1.0 - p)
    return H * mask, mask


def dropout_backward(dout, cache):
    """dH = dout * mask (the same units dropped and scaled).   dout: (n, m) -> (n, m)."""
    return dout if cache is None else dout * cache
