"""The recurrent network model: gradients through embedding, recurrence and decoder; dl.train
trains a character language model unchanged; sampling; the vanishing gradient."""
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
@pytest.mark.parametrize("output", ["every", "last"])
def test_gradients_match_finite_differences(cell, output):
    r = np.random.default_rng(0)
    m = dl.RNN(vocab=5, length=4, hidden=3, embed=2, cell=cell, output=output, seed=1,
               init_scale=2.0)
    X = r.integers(0, 5, (3, 4)).astype(float)
    y = r.integers(0, 5, (3, 4)) if output == "every" else r.integers(0, 5, 3)
    _, grads = m.loss_and_grads(X, y, loss="cross_entropy")
    assert min(np.linalg.norm(g) for g in grads.values()) > 1e-3     # a check that can fail
    errors = dl.check_model_gradients(m, X, y, loss="cross_entropy")
    assert max(errors.values()) < 1e-6


def test_a_character_language_model_learns_the_text():
    ids, chars = dl.encode_text(dl.load_text()[:3000])
    X, Y = dl.char_windows(ids, length=16)
    m = dl.RNN(vocab=len(chars), length=16, hidden=24, embed=8, seed=0)
    hist = dl.train(m, X, Y, loss="cross_entropy", optimizer=dl.Adam(0.02), epochs=4,
                    batch_size=32, seed=0)
    assert hist.train_loss[-1] < 0.7 * hist.train_loss[0]
    s = m.sample(30, start=ids[:5], temperature=0.5, seed=1)
    assert s.shape == (30,) and s.min() >= 0 and s.max() < len(chars)
    assert np.array_equal(s, m.sample(30, start=ids[:5], temperature=0.5, seed=1))


def test_the_simple_rnn_forgets_faster_than_the_lstm():
    """||dh_T/de_k|| shrinks with T - k; with small recurrent weights the simple RNN's falls
    by orders of magnitude over 20 steps, the LSTM's (forget gate near 1) far less."""
    X = np.random.default_rng(0).integers(0, 4, (8, 20)).astype(float)
    g = {cell: dl.RNN(vocab=4, length=20, hidden=8, cell=cell, seed=0, init_scale=0.5)
         .state_gradients(X) for cell in ("rnn", "lstm")}
    for v in g.values():
        assert v[-1] > v[0]                        # the last input matters most
    assert g["rnn"][0] / g["rnn"][-1] < 1e-4
    assert g["lstm"][0] / g["lstm"][-1] > 100 * g["rnn"][0] / g["rnn"][-1]


@pytest.mark.parametrize("call, message", [
    (lambda: dl.RNN(vocab=1, length=3), r"vocab: expected an int >= 2, got 1"),
    (lambda: dl.RNN(vocab=4, length=3, cell="gru"), r"cell: expected one of rnn, lstm"),
    (lambda: dl.RNN(vocab=4, length=3).predict(np.full((1, 3), 4.0)),
     r"X: expected symbol ids in 0..3"),
    (lambda: dl.RNN(vocab=4, length=3).predict(np.zeros((1, 4))), r"X: expected shape \(n, 3\)"),
    (lambda: dl.RNN(vocab=4, length=3, output="last").sample(3, [1]), r"output: expected 'every'"),
    (lambda: dl.RNN(vocab=4, length=3).sample(3, [1], temperature=0), r"temperature: expected"),
])
def test_bad_input(call, message):
    with raises(message):
        call()
