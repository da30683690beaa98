"""Attention only: one self-attention layer over a symbol sequence, no recurrence.

    e_t = E[x_t] (+ p_t)                 embedding, plus a position code p_t if positions
    q_t, k_t, v_t = Wq e_t, Wk e_t, Wv e_t
    o_t = sum_j alpha_tj v_j,  alpha_t = softmax(q_t . k_j / sqrt(d))
    f = w mean_t(o_t) + b                one prediction for the whole sequence

Without positions the layer is permutation-equivariant (permuting the input permutes the
o_t), so the prediction cannot depend on the order at all; with positions (the sinusoids of
Vaswani et al., 2017) it can.  Parameters: E, Wq, Wk, Wv, w, b.
"""
import numpy as np

from .._checks import check_bool, check_int, check_seed
from ..init import init_weights
from ..layers.attention import attention_backward, attention_forward
from ..layers.dense import affine_backward, affine_forward
from ..layers.recurrent import embedding_backward, embedding_forward
from .base import Model, symbol_ids


def positional_encoding(length, d):
    """Sinusoidal position codes: p_t = [sin(t w_0), cos(t w_0), sin(t w_1), ...],
    w_i = 10000^(-2i/d).  -> (length, d)."""
    length, d = check_int(length, "length"), check_int(d, "d")
    t = np.arange(length)[:, None]
    w = 10000.0 ** (-2.0 * (np.arange(d) // 2) / d)
    return np.where(np.arange(d) % 2 == 0, np.sin(t * w), np.cos(t * w))


class SelfAttention(Model):
    """Embedding (+ positions) -> self-attention -> mean over positions -> affine."""

    def __init__(self, vocab, length, d=16, output_dim=2, positions=True, seed=0):
        self.vocab, self.d = check_int(vocab, "vocab", 2), check_int(d, "d")
        self.input_dim = self.length = check_int(length, "length")
        self.output_dim = check_int(output_dim, "output_dim")
        self.positions = check_bool(positions, "positions")
        self.seed = check_seed(seed)
        self.codes = positional_encoding(self.length, self.d) if self.positions else 0.0
        self.reset_parameters(seed)

    def reset_parameters(self, seed=None):
        """Embeddings N(0, 1), Xavier weights, output bias 0."""
        rng = np.random.default_rng(seed)
        d = self.d
        self.params = {"E": rng.standard_normal((self.vocab, d)),
                       **{k: init_weights("xavier", d, d, rng) for k in ("Wq", "Wk", "Wv")},
                       "w": init_weights("xavier", d, self.output_dim, rng),
                       "b": np.zeros(self.output_dim)}

    @property
    def weight_names(self):
        return ["E", "Wq", "Wk", "Wv", "w"]

    def forward(self, X, train=False, rng=None):
        """Scores (n,) or (n, k) and the caches.  X: (n, length) symbol ids."""
        P = self.params
        Emb, c_emb = embedding_forward(symbol_ids(X, self.vocab), P["E"])
        A = Emb + self.codes
        Q, K, V = (A @ P[k].T for k in ("Wq", "Wk", "Wv"))
        O, alpha, c_att = attention_forward(Q, K, V)
        F, c_out = affine_forward(O.mean(axis=1), P["w"], P["b"])
        F = F[:, 0] if self.output_dim == 1 else F
        return F, (c_emb, A, c_att, c_out, alpha)

    def backward(self, dF, cache):
        c_emb, A, c_att, c_out, _ = cache
        P, grads = self.params, dict.fromkeys(self.params)
        dM, grads["w"], grads["b"] = affine_backward(dF[:, None] if dF.ndim == 1 else dF, c_out)
        dO = np.repeat(dM[:, None, :] / A.shape[1], A.shape[1], axis=1)
        dQ, dK, dV = attention_backward(dO, c_att)
        dA = np.zeros(A.shape)
        for k, dZ in (("Wq", dQ), ("Wk", dK), ("Wv", dV)):
            grads[k] = np.einsum("ntd,nte->de", dZ, A)
            dA += dZ @ P[k]
        grads["E"] = embedding_backward(dA, c_emb)
        return grads

    def attention_weights(self, X):
        """alpha: (n, length, length), row t the distribution over the positions t attends to."""
        return self.forward(np.asarray(X, dtype=np.float64))[1][4]

    def __repr__(self):
        return (f"SelfAttention(vocab={self.vocab}, length={self.length}, d={self.d}, "
                f"positions={self.positions})")
