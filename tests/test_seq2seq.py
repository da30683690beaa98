"""Encoder-decoder with and without attention: gradients through both recurrences and the
attention, teacher-forced training with dl.train, greedy decoding with its alignment."""
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
@pytest.mark.parametrize("attention", [False, True])
def test_gradients_match_finite_differences(cell, attention):
    r = np.random.default_rng(0)
    m = dl.Seq2Seq(vocab=5, length_in=3, length_out=4, hidden=3, embed=2, cell=cell,
                   attention=attention, seed=1)
    # Parameters N(0, 1): at initialisation the attention is nearly uniform and W_a's
    # gradient tiny (~1e-4); here every gradient is far above the check's noise (1e-9).
    m.params = {k: r.standard_normal(v.shape) for k, v in m.params.items()}
    Xs, Y = r.integers(1, 5, (3, 3)), r.integers(1, 5, (3, 4))
    X = dl.seq2seq_inputs(Xs, Y).astype(float)
    _, grads = m.loss_and_grads(X, Y, loss="cross_entropy")
    assert min(np.linalg.norm(g) for g in grads.values()) > 1e-3
    assert max(dl.check_model_gradients(m, X, Y, loss="cross_entropy").values()) < 1e-6


def test_teacher_forced_training_and_greedy_decoding():
    Xs, Y = dl.make_sequence_task("translate", n=300, length=4, vocab=6, seed=0)
    m = dl.Seq2Seq(vocab=6, length_in=4, length_out=4, hidden=16, embed=8, seed=0)
    hist = dl.train(m, dl.seq2seq_inputs(Xs, Y), Y, loss="cross_entropy",
                    optimizer=dl.Adam(0.02), epochs=10, batch_size=32, seed=0)
    assert hist.train_error[-1] < 0.2
    pred, alpha = m.translate(Xs[:50])
    assert pred.shape == (50, 4) and alpha.shape == (50, 4, 4)
    assert np.allclose(alpha.sum(axis=2), 1.0)
    assert np.mean(pred == Y[:50]) > 0.7
    assert dl.Seq2Seq(vocab=6, length_in=4, length_out=4, attention=False).translate(Xs)[1] is None


def test_inputs_are_source_then_shifted_targets():
    X = dl.seq2seq_inputs(np.array([[1, 2]]), np.array([[3, 4, 5]]))
    assert X.tolist() == [[1, 2, 0, 3, 4]]


@pytest.mark.parametrize("call, message", [
    (lambda: dl.Seq2Seq(vocab=5, length_in=0, length_out=2), r"length_in: expected an int >= 1"),
    (lambda: dl.Seq2Seq(vocab=5, length_in=2, length_out=2).translate(np.ones((1, 3))),
     r"X_src: expected shape \(n, 2\)"),
    (lambda: dl.Seq2Seq(vocab=5, length_in=2, length_out=2).translate(np.full((1, 2), 7)),
     r"X: expected symbol ids in 0..4"),
    (lambda: dl.seq2seq_inputs(np.ones(3), np.ones((3, 2))), r"X_src, Y: expected two 2-D"),
])
def test_bad_input(call, message):
    with raises(message):
        call()
