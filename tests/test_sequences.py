"""Sequence data (the shipped text, toy tasks), sequence cross-entropy, gradient clipping."""
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.gradcheck import numerical_gradient, rel_error


def test_the_text_ships_and_round_trips():
    text = dl.load_text()
    assert len(text) > 20_000 and text.startswith("A small boy")
    ids, chars = dl.encode_text(text)
    assert dl.decode(ids, chars) == text and len(chars) < 40
    X, Y = dl.char_windows(ids, length=16)
    assert X.shape == Y.shape and X.shape[1] == 16
    assert np.array_equal(X[:, 1:], Y[:, :-1])
    assert dl.decode(Y[0], chars) == text[1:17]


@pytest.mark.parametrize("task", dl.TASKS)
def test_tasks_are_seeded_and_their_targets_follow_the_rule(task):
    X, Y = dl.make_sequence_task(task, n=50, length=7, vocab=6, seed=1)
    X2, Y2 = dl.make_sequence_task(task, n=50, length=7, vocab=6, seed=1)
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)
    assert X.min() >= 1 and X.max() <= 5
    rule = {"copy": X, "reverse": X[:, ::-1], "first": X[:, 0]}
    if task in rule:
        assert np.array_equal(Y, rule[task])
    else:                                         # translate: one fixed symbol table
        table = {}
        for a, b in zip(X.ravel(), Y.ravel(), strict=True):
            assert table.setdefault(a, b) == b
        assert len(set(table.values())) == len(table)


def test_sequence_cross_entropy_is_the_mean_over_steps_and_its_gradient_checks():
    r = np.random.default_rng(0)
    F, y = r.normal(size=(3, 4, 5)), r.integers(0, 5, (3, 4))
    value, dF = dl.cross_entropy(F, y)
    assert np.isclose(value, dl.cross_entropy(F.reshape(12, 5), y.reshape(12))[0])
    assert rel_error(dF, numerical_gradient(lambda: dl.cross_entropy(F, y)[0], F)) < 1e-8
    assert dl.error_rate(F, y) == np.mean(F.argmax(-1) != y)


def test_clipping_bounds_the_step_and_keeps_the_direction():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    clipped, norm = dl.clip_by_norm(grads, 1.0)
    assert norm == 5.0
    assert np.allclose(clipped["a"], [0.6, 0.0]) and np.allclose(clipped["b"], [[0.8]])
    assert dl.clip_by_norm(grads, 10.0)[0] is grads
    params = {"a": np.zeros(2), "b": np.zeros((1, 1))}
    opt = dl.Clipped(dl.SGD(0.5), max_norm=1.0)
    opt.step(params, grads)
    assert np.allclose(params["a"], [-0.3, 0.0]) and opt.norms == [5.0]


@pytest.mark.parametrize("call, message", [
    (lambda: dl.make_sequence_task("sort"), r"task: expected one of copy, reverse"),
    (lambda: dl.make_sequence_task("copy", length=0), r"length: expected an int >= 1, got 0"),
    (lambda: dl.make_sequence_task("copy", vocab=2), r"vocab: expected an int >= 3, got 2"),
    (lambda: dl.char_windows(np.arange(5), length=5), r"ids: expected a 1-D array of more"),
    (lambda: dl.encode_text(""), r"text: expected a non-empty string"),
    (lambda: dl.Clipped("sgd"), r"optimizer: expected an Optimizer"),
    (lambda: dl.Clipped(dl.SGD(), max_norm=0), r"max_norm: expected"),
])
def test_bad_input(call, message):
    with raises(message):
        call()
