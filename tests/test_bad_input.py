"""Bad input: a ValueError that names the parameter and the allowed values, raised before
anything changes (one test per rule).  The dataset rules are in test_data.py."""
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl

X, Y = dl.make_dataset("xor", n=20, seed=0)




def test_unknown_activation():
    with raises(r"activation: .*sigmoid, tanh, relu, linear"):
        dl.MLP(input_dim=2, hidden=[3], activation="softplus")


def test_unknown_loss():
    with raises(r"loss: unknown loss 'mse'; allowed: squared, logistic, hinge, cross_entropy"):
        dl.train(dl.MLP(), X, Y, loss="mse")
    with raises(r"loss: unknown loss"):
        dl.MLP().loss_and_grads(X, Y, loss="l2")


def test_unknown_optimizer():
    with raises(r"optimizer: unknown optimizer 'adamw'; allowed: sgd, momentum, adagrad, rmsprop, adam"):
        dl.train(dl.MLP(), X, Y, optimizer="adamw")
    with raises(r"optimizer: expected an Optimizer"):
        dl.train(dl.MLP(), X, Y, optimizer=42)


def test_unknown_init():
    with raises(r"init: unknown initialisation 'glorot'; allowed: normal, xavier, he, zeros"):
        dl.MLP(init="glorot")


@pytest.mark.parametrize("hidden", [[0], [4, -1], [2.5], "8", 8])
def test_non_positive_or_non_integer_width(hidden):
    with raises(r"hidden: "):
        dl.MLP(hidden=hidden)


def test_width_and_depth_arguments():
    assert dl.MLP(depth=3, width=5).hidden == [5, 5, 5]
    assert dl.MLP(depth=0).hidden == []
    with raises(r"depth: expected an integer >= 0, got -1"):
        dl.MLP(depth=-1, width=4)
    with raises(r"width: expected an integer >= 1, got 0"):
        dl.MLP(depth=2, width=0)
    with raises(r"hidden, depth, width"):
        dl.MLP(hidden=[3], depth=2)


@pytest.mark.parametrize("name", ["input_dim", "output_dim"])
def test_non_positive_dims(name):
    with raises(rf"{name}: expected an integer >= 1"):
        dl.MLP(**{name: 0})


@pytest.mark.parametrize("eta", [0, -0.1, float("nan"), float("inf"), "0.1", True])
def test_step_size_must_be_positive(eta):
    for make in (dl.SGD, dl.AdaGrad, dl.RMSProp, dl.Adam):
        with raises(r"step_size: expected a finite number > 0"):
            make(eta)
    with raises(r"step_size"):
        dl.train(dl.MLP(), X, Y, optimizer="sgd", step_size=eta)


def test_schedule_must_give_positive_steps():
    with raises(r"step_size: the schedule returned -1"):
        dl.SGD(lambda t: -1)
    opt = dl.SGD(lambda t: 0.1 if t < 3 else 0.0)
    opt.t = 3
    with raises(r"step_size: the schedule returned 0.0 at t=3"):
        opt.step({"p": np.zeros(1)}, {"p": np.ones(1)})
    with raises(r"kind: unknown schedule 'exp'; allowed: constant, inv_sqrt, inv"):
        dl.schedule("exp", 0.1)


@pytest.mark.parametrize("name, value", [("momentum", 1.0), ("momentum", -0.1)])
def test_momentum_range(name, value):
    with raises(rf"{name}: expected a number in \[0, 1\)"):
        dl.SGD(0.1, **{name: value})


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, "half"])
def test_dropout_outside_0_1(p):
    with raises(r"dropout: expected a probability in \[0, 1\)"):
        dl.MLP(dropout=p)


@pytest.mark.parametrize("bad", [np.zeros((5, 3)), np.zeros(5), np.zeros((0, 2)), np.zeros((2, 2, 2))])
def test_X_of_wrong_shape(bad):
    with raises(r"X: expected shape \(n, 2\)"):
        dl.MLP().predict(bad)


def test_X_of_wrong_dtype():
    with raises(r"X: expected a numeric array"):
        dl.MLP().predict(np.array([["a", "b"]]))


def test_y_of_wrong_length_or_shape():
    with raises(r"y: expected 20 targets"):
        dl.train(dl.MLP(), X, Y[:5])
    with raises(r"y: squared loss with output_dim=1 needs shape \(20,\)"):
        dl.train(dl.MLP(), X, np.zeros((20, 2)))


def test_labels_that_do_not_fit_the_loss():
    with raises(r"y: logistic loss needs labels in \{-1, \+1\}"):
        dl.train(dl.MLP(), X, (Y + 1) / 2, loss="logistic")
    with raises(r"y: hinge loss needs labels in \{-1, \+1\}"):
        dl.train(dl.MLP(), X, 2 * Y, loss="hinge")
    with raises(r"y: cross_entropy needs integer class labels in 0..2"):
        dl.train(dl.MLP(output_dim=3), X, np.full(20, 3), loss="cross_entropy")
    with raises(r"loss: 'cross_entropy' needs a model with output_dim >= 2"):
        dl.train(dl.MLP(), X, Y, loss="cross_entropy")
    with raises(r"loss: 'logistic' needs one output"):
        dl.train(dl.MLP(output_dim=3), X, np.zeros(20), loss="logistic")


def test_nan_in_the_data():
    Xn = X.copy()
    Xn[3, 1] = np.nan
    with raises(r"X: contains NaN or infinity"):
        dl.train(dl.MLP(), Xn, Y)
    Yn = Y.copy()
    Yn[0] = np.inf
    with raises(r"y: contains NaN or infinity"):
        dl.train(dl.MLP(), X, Yn)


@pytest.mark.parametrize("kw, match", [
    (dict(epochs=-1), r"epochs: expected an integer >= 0"),
    (dict(batch_size=0), r"batch_size: expected an integer >= 1 or None"),
    (dict(seed="x"), r"seed: expected an int or None"),
    (dict(regularization="l3"), r"regularization: expected one of None, 'l1', 'l2'"),
    (dict(reg_rate=-1.0), r"reg_rate: expected a finite number >= 0"),
    (dict(callback=3), r"callback: expected a function"),
    (dict(X_test=X), r"X_test, y_test: give both or neither"),
])
def test_train_arguments(kw, match):
    with raises(match):
        dl.train(dl.MLP(), X, Y, **kw)


def test_batch_norm_needs_batches_of_two():
    with raises(r"batch_size: batch norm needs batches of at least 2"):
        dl.train(dl.MLP(batch_norm=True), X, Y, batch_size=1)


def test_nothing_changes_when_train_refuses():
    model = dl.MLP(hidden=[4], seed=0)
    opt = dl.Adam(0.1)
    before = {k: v.copy() for k, v in model.params.items()}
    for bad in (dict(y=Y[:3]), dict(loss="nope"), dict(epochs=-2), dict(batch_size=0)):
        args = dict(y=Y, **{k: v for k, v in bad.items() if k != "y"})
        if "y" in bad:
            args["y"] = bad["y"]
        with pytest.raises(ValueError):
            dl.train(model, X, optimizer=opt, **args)
    assert all(np.array_equal(before[k], model.params[k]) for k in before)
    assert opt.state == {} and opt.k == 0


def test_rel_error_shapes():
    with raises(r"a, b: shapes differ"):
        dl.rel_error(np.zeros(2), np.zeros(3))
