"""Autoencoders: compress x to h and reconstruct it, minimise ||x - x_hat||^2.

    Encode(x) = sigma(W x + b)           h: (k,), the code
    Decode(h) = sigma'(W' h + c)         x_hat: (d,); tied weights: W' = W^T

A linear autoencoder (both activations "linear") spans the same subspace as PCA; a hidden
layer wider than the input can learn the identity.  With ``noise`` the autoencoder is
denoising: in training, every batch gets fresh noise, Decode(Encode(Corrupt(x))) ~ x ("pick an
example, add fresh noise, SGD update"); the clean x is the target.  Train it with
``dl.train(ae, X, X, loss="squared", ...)``.  Parameters: W (k, d), b (k,), W2 (d, k) unless
tied, c (d,).
"""
import numpy as np

from .._checks import check_bool, check_choice, check_int, check_number, check_seed
from ..augment import NOISES, corrupt
from ..init import INITS, init_weights
from ..layers.dense import (
    ACTIVATIONS,
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
)
from .base import Model


class Autoencoder(Model):
    """x -> h = sigma(W x + b) -> x_hat = sigma'(W' h + c).  X: (n, input_dim)."""

    def __init__(self, input_dim=64, hidden=16, activation="sigmoid", output_activation="linear",
                 tied=False, noise=None, noise_level=0.0, init="xavier", seed=0):
        self.input_dim = self.output_dim = check_int(input_dim, "input_dim")
        self.hidden = check_int(hidden, "hidden")
        self.activation = check_choice(activation, "activation", tuple(ACTIVATIONS))
        self.output_activation = check_choice(output_activation, "output_activation",
                                              tuple(ACTIVATIONS))
        self.tied = check_bool(tied, "tied")
        self.noise = check_choice(noise, "noise", (None, *NOISES))
        self.noise_level = check_number(noise_level, "noise_level", 0.0)
        self.init = check_choice(init, "init", INITS)
        self.seed = check_seed(seed)
        self.reset_parameters(seed)

    def reset_parameters(self, seed=None):
        """W (and W2) by ``init``, biases 0, a fresh noise stream."""
        rng = np.random.default_rng(seed)
        d, k = self.input_dim, self.hidden
        self.params = {"W": init_weights(self.init, d, k, rng), "b": np.zeros(k)}
        if not self.tied:
            self.params["W2"] = init_weights(self.init, k, d, rng)
        self.params["c"] = np.zeros(d)
        self._rng = np.random.default_rng(rng.integers(2**63))

    @property
    def weight_names(self):
        return ["W"] if self.tied else ["W", "W2"]

    def _decoder_weight(self):
        return self.params["W"].T if self.tied else self.params["W2"]

    def forward(self, X, train=False, rng=None):
        """x_hat for every row of X (n, d); in training, of Corrupt(X) if ``noise``."""
        if train and self.noise:
            X = corrupt(X, self.noise, self.noise_level, rng or self._rng)
        Z, c1 = affine_forward(X, self.params["W"], self.params["b"])
        H, a1 = activation_forward(Z, self.activation)
        Z2, c2 = affine_forward(H, self._decoder_weight(), self.params["c"])
        Xhat, a2 = activation_forward(Z2, self.output_activation)
        return Xhat, (c1, a1, c2, a2)

    def backward(self, dXhat, cache):
        c1, a1, c2, a2 = cache
        grads = dict.fromkeys(self.params)
        dH, dW2, grads["c"] = affine_backward(activation_backward(dXhat, a2), c2)
        _, dW, grads["b"] = affine_backward(activation_backward(dH, a1), c1, input_grad=False)
        if self.tied:
            grads["W"] = dW + dW2.T                      # W is used twice: both gradients add
        else:
            grads["W"], grads["W2"] = dW, dW2
        return grads

    def encode(self, X):
        """The codes h = sigma(W x + b).  X: (n, d) -> (n, k)."""
        return activation_forward(X @ self.params["W"].T + self.params["b"], self.activation)[0]

    def decode(self, H):
        """x_hat = sigma'(W' h + c).  H: (n, k) -> (n, d)."""
        Z = np.asarray(H) @ self._decoder_weight().T + self.params["c"]
        return activation_forward(Z, self.output_activation)[0]

    def reconstruction_error(self, X):
        """The mean over examples of ||x - x_hat||^2 (no noise)."""
        R = self.predict(X) - X
        return float(np.sum(R * R) / len(X))

    def __repr__(self):
        kind = f", denoising {self.noise} {self.noise_level:g}" if self.noise else ""
        return (f"Autoencoder({self.input_dim} -> {self.hidden} {self.activation} -> "
                f"{self.input_dim} {self.output_activation}{', tied' if self.tied else ''}{kind})")
