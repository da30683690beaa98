"""A recurrent network over symbol sequences: embed, recur, decode.

    e_t = E[x_t]                                  embedding of symbol x_t
    h_t = Encode(h_{t-1}, e_t)                    simple (Elman) RNN or LSTM, h_0 = 0
    f_t = w h_t + b                               scores of the next symbol / the class

output="every": a prediction at every step, F (n, T, k) (a language model: x_{t+1} ~
Decode(h_t), trained with cross_entropy on Y (n, T)); output="last": one prediction from h_T,
F (n, k) (e.g. "remember the first symbol").  X rows are the symbol ids x_1..x_T (as numbers,
so that ``dl.train`` takes them unchanged).  Parameters: E (vocab, embed), Wx, Wh, bh (the
recurrence; LSTM gates stacked i, f, g, o), w, b (the decoder).
"""
import numpy as np

from .._checks import bad, check_choice, check_int, check_number, check_seed
from ..init import init_weights
from ..layers.attention import softmax
from ..layers.dense import affine_backward, affine_forward
from ..layers.recurrent import (
    embedding_backward,
    embedding_forward,
    lstm_backward,
    lstm_forward,
    rnn_backward,
    rnn_forward,
)
from .base import Model, symbol_ids


class RNN(Model):
    """Embedding -> simple RNN or LSTM -> affine decoder.  X: (n, length) symbol ids."""

    def __init__(self, vocab, length, hidden=32, embed=16, output_dim=None, cell="lstm",
                 output="every", forget_bias=1.0, init_scale=1.0, seed=0):
        self.vocab = check_int(vocab, "vocab", 2)
        self.input_dim = self.length = check_int(length, "length")
        self.hidden, self.embed = check_int(hidden, "hidden"), check_int(embed, "embed")
        self.output_dim = self.vocab if output_dim is None else check_int(output_dim,
                                                                          "output_dim", 2)
        self.cell = check_choice(cell, "cell", ("rnn", "lstm"))
        self.output = check_choice(output, "output", ("every", "last"))
        self.forget_bias = check_number(forget_bias, "forget_bias")
        self.init_scale = check_number(init_scale, "init_scale", 0.0)
        self.seed = check_seed(seed)
        self.reset_parameters(seed)

    def reset_parameters(self, seed=None):
        """Xavier weights (times init_scale), biases 0 except the LSTM's forget gate
        (``forget_bias``, large so that f_t starts near 1 and the cell remembers)."""
        rng = np.random.default_rng(seed)
        g = 4 if self.cell == "lstm" else 1
        Hd, D, s = self.hidden, self.embed, self.init_scale
        self.params = {"E": rng.standard_normal((self.vocab, D)),
                       "Wx": init_weights("xavier", D, g * Hd, rng, s),
                       "Wh": init_weights("xavier", Hd, g * Hd, rng, s),
                       "bh": np.zeros(g * Hd),
                       "w": init_weights("xavier", Hd, self.output_dim, rng),
                       "b": np.zeros(self.output_dim)}
        if self.cell == "lstm":
            self.params["bh"][Hd:2 * Hd] = self.forget_bias

    @property
    def weight_names(self):
        return ["E", "Wx", "Wh", "w"]

    def ids(self, X):
        """The symbol ids of X as ints; a ValueError unless they are 0..vocab-1."""
        return symbol_ids(X, self.vocab)

    def recur(self, X, h0=None, c0=None):
        """Hidden states H (n, T, Hd) and the caches, from zero (or given) initial states."""
        P, n = self.params, X.shape[0]
        Emb, c_emb = embedding_forward(self.ids(X), P["E"])
        h0 = np.zeros((n, self.hidden)) if h0 is None else h0
        if self.cell == "rnn":
            H, c_rec = rnn_forward(Emb, h0, P["Wx"], P["Wh"], P["bh"])
        else:
            c0 = np.zeros((n, self.hidden)) if c0 is None else c0
            H, c_rec = lstm_forward(Emb, h0, c0, P["Wx"], P["Wh"], P["bh"])
        return H, (c_emb, c_rec)

    def forward(self, X, train=False, rng=None):
        """Scores: (n, T, k) for output='every', (n, k) for 'last'.  X: (n, T) ids."""
        H, caches = self.recur(X)
        A = H if self.output == "every" else H[:, -1]
        n = X.shape[0]
        F, c_out = affine_forward(A.reshape(-1, self.hidden), self.params["w"], self.params["b"])
        F = F.reshape(n, -1, self.output_dim) if self.output == "every" else F
        return (F[:, 0] if F.ndim == 2 and self.output_dim == 1 else F), (caches, c_out, H.shape)

    def backward(self, dF, cache):
        (c_emb, c_rec), c_out, h_shape = cache
        grads = dict.fromkeys(self.params)
        dA, grads["w"], grads["b"] = affine_backward(dF.reshape(-1, self.output_dim), c_out)
        dH = np.zeros(h_shape)
        if self.output == "every":
            dH[:] = dA.reshape(h_shape)
        else:
            dH[:, -1] = dA
        back = rnn_backward(dH, c_rec) if self.cell == "rnn" else lstm_backward(dH, c_rec)
        dEmb, grads["Wx"], grads["Wh"], grads["bh"] = back[0], *back[-3:]
        grads["E"] = embedding_backward(dEmb, c_emb)
        return grads

    def state_gradients(self, X):
        """||d h_T / d e_k|| for every step k: how much the last state still depends on the
        k-th input (through T - k steps of the recurrence).  X: (n, T) -> (T,), mean over n."""
        H, (c_emb, c_rec) = self.recur(X)
        dH = np.zeros(H.shape)
        dH[:, -1] = 1.0 / np.sqrt(self.hidden)        # a fixed unit direction at h_T
        back = rnn_backward(dH, c_rec) if self.cell == "rnn" else lstm_backward(dH, c_rec)
        return np.linalg.norm(back[0], axis=2).mean(axis=0)

    def sample(self, length, start, temperature=1.0, seed=0):
        """Generate ``length`` symbols after the ids ``start`` (a 1-D sequence): each next
        symbol drawn from softmax(f_t / temperature).  Returns the generated ids."""
        if self.output != "every":
            raise bad("output", "'every' (a language model) to sample from", self.output)
        length = check_int(length, "length")
        temperature = check_number(temperature, "temperature", 0.0, bounds="(]")
        rng = np.random.default_rng(check_seed(seed))
        ids = self.ids(np.asarray(start)[None, :])
        if ids.shape[1] == 0:
            raise bad("start", "at least one symbol", got="an empty sequence")
        h = c = None
        out = []
        for _ in range(length):
            H, (_, c_rec) = self.recur(ids, h, c)
            h = H[:, -1]
            c = None if self.cell == "rnn" else c_rec["C"][:, -1]
            p = softmax((h @ self.params["w"].T + self.params["b"])[0] / temperature)
            ids = np.array([[rng.choice(self.output_dim, p=p)]])
            out.append(int(ids[0, 0]))
        return np.array(out)

    def __repr__(self):
        return (f"RNN({self.cell}, vocab={self.vocab}, length={self.length}, "
                f"hidden={self.hidden}, output={self.output!r})")
