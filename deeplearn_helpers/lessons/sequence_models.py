"""The experiments of notebook 12 (sequence models), one function per claim, shared by the
notebook and tests/claims/test_12_sequence_models.py.

    lm = language_model(seed=0)                       # char-level LSTM on dl.load_text()
    lm["share"][epoch]                                # share of sampled words that are words
    gaps, g = gradient_norms("rnn", scale=2.0)        # ||d h_T / d h_k|| against T - k
    first_task("lstm", length=20, seed=0)             # accuracy on "remember the first symbol"
    seq2seq_accuracy(length=8, attention=True)        # greedy accuracy on toy translation
    alignment(model, X_src)                           # how diagonal its attention is
    self_attention_first(positions=True)              # accuracy of attention only on "first"
"""
import numpy as np

from .._checks import check_choice, check_int, check_number, check_seed
from ..clipping import Clipped
from ..layers import lstm_backward, lstm_forward, rnn_backward, rnn_forward
from ..models import RNN, SelfAttention, Seq2Seq, seq2seq_inputs
from ..optim import SGD, Adam
from ..sequences import char_windows, decode, encode_text, load_text, make_sequence_task
from ..train import train

LM = {"length": 32, "hidden": 48, "embed": 16, "step": 0.02, "batch": 32, "epochs": 4}
S2S = {"n": 600, "epochs": 5, "step": 0.03, "hidden": 32, "vocab": 8}
FIRST = {"vocab": 5, "hidden": 16, "embed": 8, "n": 300, "epochs": 20, "step": 0.02,
         "forget_bias": 3.0}


def words_of(text):
    """The set of words of a text (punctuation and line breaks split words)."""
    return set(text.replace(".", " ").replace(",", " ").split())


def word_share(sample, words):
    """Share of the generated words that are words of the text (first and last word dropped:
    they may be cut off), 0.0 if there are none."""
    gen = sample.replace(".", " ").replace(",", " ").split()[1:-1]
    return float(np.mean([w in words for w in gen])) if gen else 0.0


def language_model(seed=0, epochs=None, temperatures=(0.5, 1.0), chars_out=300):
    """Train the character-level LSTM language model on the shipped text; after every epoch
    sample ``chars_out`` characters at each temperature.

    -> dict: model, history, chars, samples {epoch: {temperature: text}} (epoch 0 = untrained),
    share {epoch: share of sampled words (temperature 0.5) that are words of the text}."""
    seed = check_seed(seed)
    epochs = LM["epochs"] if epochs is None else check_int(epochs, "epochs")
    text = load_text()
    ids, chars = encode_text(text)
    words = words_of(text)
    X, Y = char_windows(ids, length=LM["length"])
    model = RNN(vocab=len(chars), length=LM["length"], hidden=LM["hidden"], embed=LM["embed"],
                cell="lstm", seed=seed)
    samples, share = {}, {}

    def record(epoch, m, hist=None):
        samples[epoch] = {t: decode(m.sample(chars_out, start=ids[:1], temperature=t,
                                             seed=seed), chars) for t in temperatures}
        share[epoch] = word_share(samples[epoch][temperatures[0]], words)

    record(0, model)
    hist = train(model, X, Y, loss="cross_entropy", optimizer=Adam(LM["step"]), epochs=epochs,
                 batch_size=LM["batch"], seed=seed, callback=record)
    return {"model": model, "history": hist, "chars": chars, "samples": samples, "share": share}


def hidden_states(model, text, chars):
    """h_t after each character of ``text`` (its first ``model.length`` characters at most):
    -> (T, hidden)."""
    index = {c: i for i, c in enumerate(chars)}
    ids = np.array([[index[c] for c in text]])
    return model.recur(ids)[0][0]


def state_gradients(model, X, seed=0):
    """||d(u . h_T) / d s_k|| for the state s_k after step k (h_k; (h_k, c_k) for an LSTM),
    u a fixed random unit vector: the size of the gradient that backpropagation through time
    carries from the last step back to step k.  X: (n, T) -> (T,) mean over n, index T - k
    (0: the last step itself, norm 1)."""
    P, (n, T) = model.params, np.shape(X)
    Emb = P["E"][model.ids(X)]
    u = np.random.default_rng(check_seed(seed)).standard_normal(model.hidden)
    u /= np.linalg.norm(u)
    W = (P["Wx"], P["Wh"], P["bh"])
    h0 = np.zeros((n, model.hidden))
    if model.cell == "rnn":
        H, _ = rnn_forward(Emb, h0, *W)
    else:
        H, cache = lstm_forward(Emb, h0, h0, *W)
        C = cache["C"]
    out = np.ones(T)
    for k in range(T - 1):                        # from state k (after step k + 1), T - 1 - k steps
        dH = np.zeros((n, T - 1 - k, model.hidden))
        dH[:, -1] = u
        if model.cell == "rnn":
            g = rnn_backward(dH, rnn_forward(Emb[:, k + 1:], H[:, k], *W)[1])[1]
        else:
            back = lstm_backward(dH, lstm_forward(Emb[:, k + 1:], H[:, k], C[:, k], *W)[1])
            g = np.concatenate([back[1], back[2]], axis=1)
        out[T - 1 - k] = np.linalg.norm(g, axis=1).mean()
    return out


def gradient_norms(cell, scale=1.0, forget_bias=1.0, length=40, seed=0):
    """state_gradients of an untrained network (hidden 32) whose weights are Xavier times
    ``scale``, on 16 random sequences.  -> (gaps T - k, norms)."""
    check_choice(cell, "cell", ("rnn", "lstm"))
    length = check_int(length, "length", 2)
    X, _ = make_sequence_task("first", n=16, length=length, vocab=8, seed=seed)
    model = RNN(vocab=8, length=length, hidden=32, cell=cell, init_scale=scale,
                forget_bias=forget_bias, seed=seed)
    return np.arange(length), state_gradients(model, X, seed)


def clipping_steps(max_norm=None, scale=8.0, length=30, step=0.1, seed=0, epochs=3):
    """A simple RNN with exploding gradients (weights Xavier times ``scale``) trained by SGD
    on "first" with or without clipping.  -> (gradient norm of every step before clipping,
    size of every step ||theta_after - theta_before||)."""
    max_norm = 1e300 if max_norm is None else check_number(max_norm, "max_norm", 0.0, bounds="(]")
    X, y = make_sequence_task("first", n=FIRST["n"], length=length, vocab=FIRST["vocab"],
                              seed=seed)
    model = RNN(vocab=FIRST["vocab"], length=length, hidden=FIRST["hidden"],
                embed=FIRST["embed"], output_dim=FIRST["vocab"], cell="rnn", output="last",
                init_scale=scale, seed=seed)
    opt = Clipped(SGD(step), max_norm)
    train(model, X, y, loss="cross_entropy", optimizer=opt, epochs=epochs, batch_size=32,
          seed=seed, record_every=None)
    norms = np.array(opt.norms)
    return norms, step * np.minimum(norms, max_norm)


def first_task(cell, length, seed=0):
    """Test accuracy (500 fresh sequences) of a simple RNN or LSTM trained on "remember the
    first symbol" across ``length`` steps (4 symbols: chance is 25%)."""
    check_choice(cell, "cell", ("rnn", "lstm"))
    f, seed = FIRST, check_seed(seed)
    X, y = make_sequence_task("first", n=f["n"], length=length, vocab=f["vocab"], seed=seed)
    Xt, yt = make_sequence_task("first", n=500, length=length, vocab=f["vocab"],
                                seed=1000 + seed)
    model = RNN(vocab=f["vocab"], length=length, hidden=f["hidden"], embed=f["embed"],
                output_dim=f["vocab"], cell=cell, output="last", forget_bias=f["forget_bias"],
                seed=seed)
    train(model, X, y, loss="cross_entropy", optimizer=Adam(f["step"]), epochs=f["epochs"],
          batch_size=32, seed=seed, record_every=None)
    return float(np.mean(model.predict(Xt).argmax(axis=1) == yt))


def seq2seq_accuracy(length, attention, seed=0, task="translate"):
    """Greedy per-symbol accuracy on 200 fresh sequences of a Seq2Seq (LSTM, hidden 32)
    trained on the toy task (600 examples, 5 epochs of Adam); -> (accuracy, model, X_test,
    Y_test)."""
    f, seed = S2S, check_seed(seed)
    X, Y = make_sequence_task(task, n=f["n"], length=length, vocab=f["vocab"], seed=seed)
    Xt, Yt = make_sequence_task(task, n=200, length=length, vocab=f["vocab"], seed=1000 + seed)
    model = Seq2Seq(vocab=f["vocab"], length_in=length, length_out=length, hidden=f["hidden"],
                    attention=attention, seed=seed)
    train(model, seq2seq_inputs(X, Y), Y, loss="cross_entropy", optimizer=Adam(f["step"]),
          epochs=f["epochs"], batch_size=32, seed=seed, record_every=None)
    return float(np.mean(model.translate(Xt)[0] == Yt)), model, Xt, Yt


def alignment(model, X_src):
    """How diagonal the attention of a trained ``model`` is on X_src (n, L), for a task whose
    output t comes from input t: -> (mean weight alpha_tt, share of outputs whose largest
    weight is on their own input position)."""
    _, A = model.translate(X_src)
    t = np.arange(A.shape[1])
    return float(A[:, t, t].mean()), float(np.mean(A.argmax(axis=2) == t))


def self_attention_first(positions, seed=0, length=8, epochs=30):
    """Test accuracy of one self-attention layer on "first" (4 symbols, chance 25%)."""
    seed = check_seed(seed)
    X, y = make_sequence_task("first", n=400, length=length, vocab=5, seed=seed)
    Xt, yt = make_sequence_task("first", n=500, length=length, vocab=5, seed=1000 + seed)
    model = SelfAttention(vocab=5, length=length, d=16, output_dim=5, positions=positions,
                          seed=seed)
    train(model, X, y, loss="cross_entropy", optimizer=Adam(0.02), epochs=epochs,
          batch_size=32, seed=seed, record_every=None)
    return float(np.mean(model.predict(Xt).argmax(axis=1) == yt)), model
