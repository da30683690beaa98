"""A variational autoencoder (Kingma and Welling, 2014) with a Gaussian encoder.

    q(h | x) = N(mu(x), diag(sigma(x)^2))        encoder: u = tanh(V1 x + b1),
                                                 mu = Wmu u + bmu, log sigma^2 = Wlv u + blv
    h = mu + sigma * eps,  eps ~ N(0, I)         the reparametrisation trick
    p(x | h) = Bernoulli(sigmoid(W2 tanh(V2 h + b2) + c))    decoder (pixels in [0, 1])

    log p(x) >= ELBO = E_q[log p(x | h)] - KL(q(h | x) || p(h)),  p(h) = N(0, I)
    KL = 1/2 sum_j (mu_j^2 + sigma_j^2 - 1 - log sigma_j^2)

Training maximises the ELBO, one sample of eps per example and step.  The loss has a term on
the code h (the KL), not only on the output, so the VAE has its own short training loop
(``fit``) instead of ``dl.train``; it reports both terms every epoch.
"""
import numpy as np

from .._checks import bad, check_finite_array, check_int, check_seed
from ..init import init_weights
from ..layers.dense import (
    activation_backward,
    activation_forward,
    affine_backward,
    affine_forward,
    sigmoid,
)
from ..optim import Adam, Optimizer


class VAE:
    """Gaussian encoder d -> hidden -> (mu, log sigma^2) in R^latent, Bernoulli decoder."""

    def __init__(self, input_dim=64, hidden=64, latent=2, seed=0):
        self.input_dim = check_int(input_dim, "input_dim")
        self.hidden, self.latent = check_int(hidden, "hidden"), check_int(latent, "latent")
        self.seed = check_seed(seed)
        self.reset_parameters(seed)

    def reset_parameters(self, seed=None):
        """Xavier weights, biases 0, drawn from ``seed``."""
        rng = np.random.default_rng(seed)
        d, m, k = self.input_dim, self.hidden, self.latent
        self.params = {"V1": init_weights("xavier", d, m, rng), "b1": np.zeros(m),
                       "Wmu": init_weights("xavier", m, k, rng), "bmu": np.zeros(k),
                       "Wlv": init_weights("xavier", m, k, rng), "blv": np.zeros(k),
                       "V2": init_weights("xavier", k, m, rng), "b2": np.zeros(m),
                       "W2": init_weights("xavier", m, d, rng), "c": np.zeros(d)}

    def _check(self, X):
        X = check_finite_array(X, "X", ndim=2).astype(np.float64)
        if X.shape[1] != self.input_dim or np.any((X < 0) | (X > 1)):
            raise bad("X", f"shape (n, {self.input_dim}) with pixels in [0, 1]",
                      got=f"shape {X.shape}, values {X.min():.3g}..{X.max():.3g}")
        return X

    def loss_and_grads(self, X, eps):
        """-ELBO (mean over the batch) for the noise eps (n, latent), its gradient, and the
        two terms {"reconstruction": -E log p(x|h), "kl": KL(q||p)} (means)."""
        P, n = self.params, X.shape[0]
        U, cu = affine_forward(X, P["V1"], P["b1"])
        U, au = activation_forward(U, "tanh")
        mu, cmu = affine_forward(U, P["Wmu"], P["bmu"])
        logvar, clv = affine_forward(U, P["Wlv"], P["blv"])
        std = np.exp(0.5 * logvar)
        H = mu + std * eps                                      # reparametrisation
        G, cg = affine_forward(H, P["V2"], P["b2"])
        G, ag = activation_forward(G, "tanh")
        L, cl = affine_forward(G, P["W2"], P["c"])              # Bernoulli logits
        rec = float(np.sum(np.logaddexp(0.0, L) - X * L)) / n   # -log p(x|h)
        kl = float(0.5 * np.sum(mu * mu + std * std - 1.0 - logvar)) / n
        grads = {}
        dG, grads["W2"], grads["c"] = affine_backward((sigmoid(L) - X) / n, cl)
        dH, grads["V2"], grads["b2"] = affine_backward(activation_backward(dG, ag), cg)
        dmu = dH + mu / n
        dlogvar = dH * eps * 0.5 * std + 0.5 * (std * std - 1.0) / n
        dU1, grads["Wmu"], grads["bmu"] = affine_backward(dmu, cmu)
        dU2, grads["Wlv"], grads["blv"] = affine_backward(dlogvar, clv)
        _, grads["V1"], grads["b1"] = affine_backward(activation_backward(dU1 + dU2, au), cu,
                                                      input_grad=False)
        return rec + kl, {k: grads[k] for k in P}, {"reconstruction": rec, "kl": kl}

    def fit(self, X, epochs=20, optimizer=None, batch_size=32, seed=0, callback=None):
        """Maximise the ELBO by minibatch steps (fresh eps every step).  Returns the history
        {"epoch", "elbo", "reconstruction", "kl"}: per epoch on all of X, with eps fixed by
        ``seed`` so that the curve is not noisier than the model.  callback(epoch, vae, hist)
        returning True stops."""
        X = self._check(X)
        epochs, batch_size = check_int(epochs, "epochs", 0), check_int(batch_size, "batch_size")
        opt = Adam(0.01) if optimizer is None else optimizer
        if not isinstance(opt, Optimizer):
            raise bad("optimizer", "an Optimizer, e.g. dl.Adam(0.01)", optimizer)
        seed = check_seed(seed)
        rng = np.random.default_rng(seed)
        hist = {"epoch": [], "elbo": [], "reconstruction": [], "kl": []}
        self._record(hist, X, 0, seed)
        for t in range(1, epochs + 1):
            opt.t = t
            order = rng.permutation(len(X))
            for i in range(0, len(X), batch_size):
                Xb = X[order[i:i + batch_size]]
                _, grads, _ = self.loss_and_grads(Xb, rng.standard_normal((len(Xb), self.latent)))
                opt.step(self.params, grads)
            self._record(hist, X, t, seed)
            if callback is not None and callback(t, self, hist):
                break
        return hist

    def _record(self, hist, X, t, seed):
        eps = np.random.default_rng([0 if seed is None else seed, 7]).standard_normal(
            (len(X), self.latent))
        value, _, terms = self.loss_and_grads(X, eps)
        hist["epoch"].append(t)
        hist["elbo"].append(-value)
        hist["reconstruction"].append(terms["reconstruction"])
        hist["kl"].append(terms["kl"])

    def encode(self, X):
        """The means mu(x) of q(h | x).  X: (n, d) -> (n, latent)."""
        P = self.params
        U = np.tanh(self._check(X) @ P["V1"].T + P["b1"])
        return U @ P["Wmu"].T + P["bmu"]

    def decode(self, H):
        """The decoder's mean image sigmoid(logits) for codes H (n, latent) -> (n, d)."""
        H = check_finite_array(H, "H", ndim=2)
        if H.shape[1] != self.latent:
            raise bad("H", f"shape (n, {self.latent})", got=f"shape {H.shape}")
        P = self.params
        return sigmoid(np.tanh(H @ P["V2"].T + P["b2"]) @ P["W2"].T + P["c"])

    def sample(self, n, seed=0):
        """n new images: h ~ p(h) = N(0, I), then the decoder's mean.  -> (n, d)."""
        rng = np.random.default_rng(check_seed(seed))
        return self.decode(rng.standard_normal((check_int(n, "n"), self.latent)))

    def __repr__(self):
        return f"VAE({self.input_dim} -> {self.hidden} -> latent {self.latent})"
