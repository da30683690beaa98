"""Sequence to sequence: an encoder reads the source, a decoder writes the target.

    encoder   h_j = Encode(h_{j-1}, x_j)                    j = 1..L (source)
    decoder   s_t = Encode'(s_{t-1}, y_{t-1}),  s_0 = h_L    t = 1..T (y_0 = 0, a start symbol)
    without attention:  f_t = W s_t + b                      all of x must fit into h_L
    with attention:     Attend(h_j, s_t) = s_t . (W_a h_j) / sqrt(d)
                        alpha_t = softmax_j Attend(h_j, s_t),  c_t = sum_j alpha_tj h_j,
                        f_t = W [s_t; c_t] + b               "look back at your notes"

Attend is learned: a bilinear score (Luong et al.'s global "general" attention), computed by
the scaled dot-product layer with keys K = He W_a^T.  With the plain dot product s_t . h_j the
decoder and encoder would have to learn states that match by themselves; in this lecture's
budgets that never got off the ground, while W_a learns the alignment within seconds.  The
attention reads the encoder's states after each decoder step (Luong); the slide's version
feeds c_t into the next step's update (Bahdanau et al.), the same idea.  Training uses the
true previous symbol y_{t-1} (teacher forcing): a row of X is the source followed by the
decoder's inputs, ``seq2seq_inputs(X_src, Y)``.  Parameters: Es, Et (embeddings), Wx_e,
Wh_e, b_e (encoder), Wx_d, Wh_d, b_d (decoder), w, b (output; w is (k, 2 Hd) with
attention, (k, Hd) without), Wa (Hd, Hd; only with attention).
"""
import numpy as np

from .._checks import bad, check_bool, check_choice, check_int, check_seed
from ..init import init_weights
from ..layers.attention import attention_backward, attention_forward
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


def seq2seq_inputs(X_src, Y):
    """Rows [x_1..x_L, 0, y_1..y_{T-1}]: the source, then the decoder's inputs (teacher
    forcing).  X_src: (n, L), Y: (n, T) -> (n, L + T)."""
    X_src, Y = np.asarray(X_src), np.asarray(Y)
    if X_src.ndim != 2 or Y.ndim != 2 or len(X_src) != len(Y):
        raise bad("X_src, Y", "two 2-D arrays with one row per example",
                  got=f"shapes {X_src.shape}, {Y.shape}")
    return np.concatenate([X_src, np.zeros((len(Y), 1), Y.dtype), Y[:, :-1]], axis=1)


class Seq2Seq(Model):
    """Encoder-decoder over symbol sequences, with or without attention."""

    def __init__(self, vocab, length_in, length_out, hidden=32, embed=16, cell="lstm",
                 attention=True, seed=0):
        self.vocab = check_int(vocab, "vocab", 2)
        self.length_in, self.length_out = check_int(length_in, "length_in"), check_int(
            length_out, "length_out")
        self.input_dim, self.output_dim = self.length_in + self.length_out, self.vocab
        self.hidden, self.embed = check_int(hidden, "hidden"), check_int(embed, "embed")
        self.cell = check_choice(cell, "cell", ("rnn", "lstm"))
        self.attention = check_bool(attention, "attention")
        self.seed = check_seed(seed)
        self.reset_parameters(seed)

    def reset_parameters(self, seed=None):
        """Xavier weights, embeddings N(0, 1), biases 0 (the LSTMs' forget gates 1)."""
        rng = np.random.default_rng(seed)
        g, Hd, D = (4 if self.cell == "lstm" else 1), self.hidden, self.embed
        P = self.params = {}
        for part in ("e", "d"):
            P["Es" if part == "e" else "Et"] = rng.standard_normal((self.vocab, D))
            P[f"Wx_{part}"] = init_weights("xavier", D, g * Hd, rng)
            P[f"Wh_{part}"] = init_weights("xavier", Hd, g * Hd, rng)
            P[f"b_{part}"] = np.zeros(g * Hd)
            if self.cell == "lstm":
                P[f"b_{part}"][Hd:2 * Hd] = 1.0
        P["w"] = init_weights("xavier", (2 if self.attention else 1) * Hd, self.vocab, rng)
        P["b"] = np.zeros(self.vocab)
        if self.attention:
            P["Wa"] = init_weights("xavier", Hd, Hd, rng)

    @property
    def weight_names(self):
        return ["Es", "Et", "Wx_e", "Wh_e", "Wx_d", "Wh_d", "w"] + (["Wa"] if self.attention
                                                                    else [])

    def _recur(self, part, ids, h0, c0):
        P = self.params
        Emb, c_emb = embedding_forward(ids, P["Es" if part == "e" else "Et"])
        W = (P[f"Wx_{part}"], P[f"Wh_{part}"], P[f"b_{part}"])
        if self.cell == "rnn":
            H, c_rec = rnn_forward(Emb, h0, *W)
            return H, None, (c_emb, c_rec)
        H, c_rec = lstm_forward(Emb, h0, c0, *W)
        return H, c_rec["C"][:, -1], (c_emb, c_rec)

    def _output(self, S, He):
        """Scores from the decoder states S (n, T, Hd), attending to He (n, L, Hd)."""
        A = ctx = c_att = None
        if self.attention:
            ctx, A, c_att = attention_forward(S, He @ self.params["Wa"].T, He)
            S = np.concatenate([S, ctx], axis=2)
        n, T, m = S.shape
        F, c_out = affine_forward(S.reshape(n * T, m), self.params["w"], self.params["b"])
        return F.reshape(n, T, -1), A, (c_att, c_out, He)

    def forward(self, X, train=False, rng=None):
        """Scores (n, T, vocab) for the target positions.  X: (n, L + T) (seq2seq_inputs)."""
        ids, n = symbol_ids(X, self.vocab), X.shape[0]
        zeros = np.zeros((n, self.hidden))
        He, cL, c_enc = self._recur("e", ids[:, :self.length_in], zeros, zeros)
        S, _, c_dec = self._recur("d", ids[:, self.length_in:], He[:, -1], cL)
        F, A, c_top = self._output(S, He)
        return F, (c_enc, c_dec, c_top)

    def backward(self, dF, cache):
        (c_enc, c_dec, (c_att, c_out, He)) = cache
        grads = dict.fromkeys(self.params)
        n, T, k = dF.shape
        dS, grads["w"], grads["b"] = affine_backward(dF.reshape(n * T, k), c_out)
        dS = dS.reshape(n, T, -1)
        dHe = np.zeros(He.shape)
        if self.attention:
            Hd = self.hidden
            dQ, dK, dV = attention_backward(dS[:, :, Hd:], c_att)     # K = He Wa^T
            grads["Wa"] = dK.reshape(-1, Hd).T @ He.reshape(-1, Hd)
            dS, dHe = dS[:, :, :Hd] + dQ, dK @ self.params["Wa"] + dV
        back_d = self._back("d", dS, c_dec, None, grads)
        dHe[:, -1] += back_d[1]                            # s_0 = h_L
        self._back("e", dHe, c_enc, back_d[2] if self.cell == "lstm" else None, grads)
        return grads

    def _back(self, part, dH, caches, dc_last, grads):
        c_emb, c_rec = caches
        if self.cell == "rnn":
            back = rnn_backward(dH, c_rec)
        else:
            back = lstm_backward(dH, c_rec, dc_last)
        grads[f"Wx_{part}"], grads[f"Wh_{part}"], grads[f"b_{part}"] = back[-3:]
        grads["Es" if part == "e" else "Et"] = embedding_backward(back[0], c_emb)
        return back

    def translate(self, X_src):
        """Greedy decoding without the targets: y_t = argmax f_t, fed back as y_t's input.

        X_src: (n, L) -> (Y (n, T) ids, alpha (n, T, L) attention weights or None).
        """
        ids = symbol_ids(X_src, self.vocab)
        if ids.ndim != 2 or ids.shape[1] != self.length_in:
            raise bad("X_src", f"shape (n, {self.length_in})", got=f"shape {ids.shape}")
        n = ids.shape[0]
        zeros = np.zeros((n, self.hidden))
        He, c, _ = self._recur("e", ids, zeros, zeros)
        s, y = He[:, -1], np.zeros((n, 1), np.intp)
        out, alphas = [], []
        for _ in range(self.length_out):
            S, c, _ = self._recur("d", y, s, c)
            F, A, _ = self._output(S, He)
            s, y = S[:, -1], F.argmax(axis=2)
            out.append(y[:, 0])
            alphas.append(None if A is None else A[:, 0])
        return np.stack(out, axis=1), (np.stack(alphas, axis=1) if self.attention else None)

    def __repr__(self):
        return (f"Seq2Seq({self.cell}, vocab={self.vocab}, {self.length_in} -> "
                f"{self.length_out}, hidden={self.hidden}, attention={self.attention})")
