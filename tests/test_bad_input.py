"""Bad input: a ValueError ``name: expected <allowed>, got <value>`` (one dialect across the
core), raised before anything changes.  The dataset rules are in test_data.py."""
import re

import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl

X, Y = dl.make_dataset("xor", n=20, seed=0)
DIALECT = re.compile(r"^[\w, ]+: expected .+, got .+$", re.S)
Xn = X.copy()
Xn[3, 1] = np.nan
Yn = Y.copy()
Yn[0] = np.inf


def sgd_with_schedule_failing_at_3():
    opt = dl.SGD(lambda t: 0.1 if t < 3 else 0.0)
    opt.t = 3
    opt.step({"p": np.zeros(1)}, {"p": np.ones(1)})


CASES = [   # (call, the message: a regex matched from its start)
    (lambda: dl.MLP(hidden=[3], activation="softplus"),
     r"activation: expected one of sigmoid, tanh, relu, linear \(or a list .*got 'softplus'"),
    (lambda: dl.MLP(hidden=[3, 3], activation=["tanh"]), r"activation: expected .*got \['tanh'\]"),
    (lambda: dl.train(dl.MLP(), X, Y, loss="mse"),
     r"loss: expected one of squared, logistic, hinge, cross_entropy, got 'mse'"),
    (lambda: dl.MLP().loss_and_grads(X, Y, loss="l2"), r"loss: expected one of .*got 'l2'"),
    (lambda: dl.train(dl.MLP(), X, Y, optimizer="adamw"),
     r"optimizer: expected one of sgd, momentum, adagrad, rmsprop, adam, got 'adamw'"),
    (lambda: dl.train(dl.MLP(), X, Y, optimizer=42), r"optimizer: expected an Optimizer .*got 42"),
    (lambda: dl.train(dl.MLP(), X, Y, record_every=0),
     r"record_every: expected an int >= 1 or None, got 0"),
    (lambda: dl.train(dl.MLP(), X, Y, optimizer=dl.SGD(0.1), step_size=0.2),
     r"step_size: expected None when optimizer is an Optimizer"),
    (lambda: dl.MLP(init="glorot"),
     r"init: expected one of normal, xavier, he, zeros, got 'glorot'"),
    (lambda: dl.MLP(init_scale=-1), r"init_scale: expected a finite number >= 0, got -1"),
    (lambda: dl.MLP(bias="yes"), r"bias: expected True or False, got 'yes'"),
    (lambda: dl.MLP(batch_norm=1), r"batch_norm: expected True or False, got 1"),
    (lambda: dl.MLP(seed=-3), r"seed: expected None or an int >= 0, got -3"),
    (lambda: dl.MLP(seed=1.5), r"seed: expected None or an int >= 0, got 1.5"),
    (lambda: dl.MLP(depth=-1, width=4), r"depth: expected an int >= 0, got -1"),
    (lambda: dl.MLP(depth=2, width=0), r"width: expected an int >= 1, got 0"),
    (lambda: dl.MLP(hidden=[3], depth=2), r"hidden, depth, width: expected either hidden"),
    (lambda: dl.MLP(input_dim=0), r"input_dim: expected an int >= 1, got 0"),
    (lambda: dl.MLP(output_dim=True), r"output_dim: expected an int >= 1, got True"),
    (lambda: dl.SGD(0.1, momentum=1.0), r"momentum: expected a finite number in \[0, 1\), got 1.0"),
    (lambda: dl.SGD(0.1, momentum=-0.1), r"momentum: expected a finite number in \[0, 1\)"),
    (lambda: dl.RMSProp(0.1, rho=1.0), r"rho: expected a finite number in \[0, 1\), got 1.0"),
    (lambda: dl.Adam(0.1, beta2=1.5), r"beta2: expected a finite number in \[0, 1\), got 1.5"),
    (lambda: dl.AdaGrad(0.1, eps=0), r"eps: expected a finite number > 0, got 0"),
    (lambda: dl.SGD(lambda t: -1),
     r"step_size: expected a finite number > 0 from the schedule, got -1 at t=1"),
    (lambda: dl.SGD(lambda t: 1 / 0),
     r"step_size: expected a schedule t -> eta_t, got one that failed"),
    (sgd_with_schedule_failing_at_3,
     r"step_size: expected a finite number > 0 from the schedule, got 0.0 at t=3"),
    (lambda: dl.schedule("exp", 0.1), r"kind: expected one of constant, inv_sqrt, inv, got 'exp'"),
    (lambda: dl.schedule("inv", 0), r"eta0: expected a finite number > 0 or a schedule"),
    (lambda: dl.make_optimizer("lbfgs"), r"optimizer: expected one of sgd, .*got 'lbfgs'"),
    (lambda: dl.MLP().predict(np.zeros((5, 3))),
     r"X: expected shape \(n, 2\) with n >= 1, got shape \(5, 3\)"),
    (lambda: dl.MLP().predict(np.array([["a", "b"]])),
     r"X: expected a numeric array, got dtype <U1"),
    (lambda: dl.MLP().predict(np.ones((2, 2), bool)),
     r"X: expected a numeric array, got dtype bool"),
    (lambda: dl.train(dl.MLP(), Xn, Y), r"X: expected finite numbers, got NaN or inf"),
    (lambda: dl.train(dl.MLP(), X, Yn), r"y: expected finite numbers, got NaN or inf"),
    (lambda: dl.train(dl.MLP(), X, Y[:5]),
     r"y: expected 20 targets \(one per row of X\), got shape \(5,\)"),
    (lambda: dl.train(dl.MLP(), X, np.zeros((20, 2))),
     r"y: expected shape \(20,\) for the squared loss with output_dim=1, got shape \(20, 2\)"),
    (lambda: dl.train(dl.MLP(), X, (Y + 1) / 2, loss="logistic"),
     r"y: expected labels in \{-1, \+1\}, shape \(n,\), for the"
     r" logistic loss, got shape \(20,\), values \[0.0, 1.0\]"),
    (lambda: dl.train(dl.MLP(), X, 2 * Y, loss="hinge"),
     r"y: expected labels in \{-1, \+1\}.*hinge"),
    (lambda: dl.train(dl.MLP(output_dim=3), X, np.full(20, 3), loss="cross_entropy"),
     r"y: expected integer class labels in 0..2, .*got shape \(20,\), values \[3\]"),
    (lambda: dl.train(dl.MLP(), X, Y, loss="cross_entropy"),
     r"loss: expected 'logistic', 'hinge' or 'squared' for one output .*got 'cross_entropy'"),
    (lambda: dl.train(dl.MLP(output_dim=3), X, np.zeros(20), loss="logistic"),
     r"loss: expected 'cross_entropy' or 'squared' for several outputs .*got 'logistic'"),
    (lambda: dl.train(dl.MLP(), X, Y, epochs=-1), r"epochs: expected an int >= 0, got -1"),
    (lambda: dl.train(dl.MLP(), X, Y, batch_size=0), r"batch_size: expected an int >= 1, got 0"),
    (lambda: dl.train(dl.MLP(), X, Y, seed="x"), r"seed: expected None or an int >= 0, got 'x'"),
    (lambda: dl.train(dl.MLP(), X, Y, regularization="l3"),
     r"regularization: expected one of None, l1, l2, got 'l3'"),
    (lambda: dl.train(dl.MLP(), X, Y, reg_rate=-1.0),
     r"reg_rate: expected a finite number >= 0, got -1.0"),
    (lambda: dl.train(dl.MLP(), X, Y, callback=3), r"callback: expected a function .*got 3"),
    (lambda: dl.train(dl.MLP(), X, Y, history=[]), r"history: expected a History .*got \[\]"),
    (lambda: dl.train(dl.MLP(), X, Y, X_test=X),
     r"X_test, y_test: expected both or neither, got only X_test"),
    (lambda: dl.train(dl.MLP(batch_norm=True), X, Y, batch_size=1),
     r"batch_size: expected batches of >= 2 examples \(batch norm\), got 1"),
    (lambda: dl.MLP(batch_norm=True).loss_and_grads(X[:1], Y[:1]),
     r"X: expected at least 2 examples"),
    (lambda: dl.rel_error(np.zeros(2), np.zeros(3)),
     r"b: expected the shape of a, \(2,\), got \(3,\)"),
    (lambda: dl.regularization_penalty(dl.MLP(), "l0", 1.0),
     r"regularization: expected one of None, l1, l2"),
    (lambda: dl.weight_path(dl.MLP(hidden=[]), "V1"), r"name: expected one of w, b, got 'V1'"),
    (lambda: dl.epochs_to_reach([], 0.1), r"history: expected a History, got \[\]"),
    (lambda: dl.train_many(dl.MLP, X, Y, [0], optimizer=dl.SGD(0.1)),
     r"optimizer: expected a name or a function \(\) -> Optimizer"),
]


@pytest.mark.parametrize("call, match", CASES,
                         ids=[m.split(":")[0] + f"-{i}" for i, (_, m) in enumerate(CASES)])
def test_message_names_the_parameter_in_the_one_dialect(call, match):
    with raises(match) as info:
        call()
    assert re.match(match, str(info.value)), str(info.value)
    assert DIALECT.match(str(info.value)), str(info.value)


@pytest.mark.parametrize("hidden", [[0], [4, -1], [2.5], "8", 8])
def test_non_positive_or_non_integer_width(hidden):
    with raises(r"hidden: expected a list of layer widths \(ints >= 1\), e.g. \[8, 8\], got "):
        dl.MLP(hidden=hidden)


@pytest.mark.parametrize("eta", [0, -0.1, float("nan"), float("inf"), "0.1", True])
def test_step_size_must_be_positive(eta):
    for make in (dl.SGD, dl.AdaGrad, dl.RMSProp, dl.Adam):
        with raises(r"step_size: expected a finite number > 0 or a schedule t -> eta_t, got"):
            make(eta)
    with raises(r"step_size: expected a finite number > 0"):
        dl.train(dl.MLP(), X, Y, optimizer="sgd", step_size=eta)


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, "half"])
def test_dropout_outside_0_1(p):
    with raises(r"dropout: expected a finite number in \[0, 1\), got"):
        dl.MLP(dropout=p)


def test_seeds_are_checked_the_same_way_everywhere():
    for call in (lambda s: dl.MLP(seed=s), lambda s: dl.make_dataset("xor", seed=s),
                 lambda s: dl.train_test_split(X, Y, seed=s),
                 lambda s: dl.train(dl.MLP(), X, Y, seed=s),
                 lambda s: dl.MLP().loss_and_grads(X, Y, seed=s)):
        for s in (-1, 2.5, "0", True):
            with raises(rf"seed: expected None or an int >= 0, got {re.escape(repr(s))}$"):
                call(s)


def test_nothing_changes_when_train_refuses():
    model = dl.MLP(hidden=[4], seed=0)
    opt = dl.Adam(0.1)
    before = {k: v.copy() for k, v in model.params.items()}
    for bad in (dict(y=Y[:3]), dict(loss="nope"), dict(epochs=-2), dict(batch_size=0),
                dict(regularization="l5"), dict(callback=1)):
        args = dict(dict(y=Y), **bad)
        with pytest.raises(ValueError):
            dl.train(model, X, optimizer=opt, **args)
    assert all(np.array_equal(before[k], model.params[k]) for k in before)
    assert opt.state == {} and opt.k == 0
