"""Mutation tests: plant a known bug in the core, run the unit tests that guard that code,
and check that at least one of them fails.  A test that stays green with the bug in place
cannot catch it.

Each case names a function (``module:function`` or ``module:Class.method``), a snippet of its
source and the buggy replacement; the mutant is compiled from the edited source and put
wherever the original is referenced (every deeplearn_helpers module that imported it).
"""
import importlib
import inspect
import sys
import textwrap

import pytest
import test_gradients
import test_layers
import test_optim
import test_train

from deeplearn_helpers.layers.dense import ACTIVATIONS

D, T = "deeplearn_helpers.layers.dense", "deeplearn_helpers.train"
O, L = "deeplearn_helpers.optim", "deeplearn_helpers.losses"


def one(test, **example):
    """A hypothesis test run on one example (no search, no shrinking: fast)."""
    return lambda: test.hypothesis.inner_test(**example)


AFFINE = [one(test_layers.test_affine, shape=(4, 3), fan_out=2, bias=True, seed=1)]
ACT = [one(test_layers.test_activations, shape=(4, 3), act=a, seed=1)
       for a in ("sigmoid", "tanh", "relu")]
DROP = [one(test_layers.test_dropout, shape=(5, 4), p=0.5, seed=1)]
BN = [one(test_layers.test_batchnorm_train_mode, n=5, m=3, seed=1),
      one(test_layers.test_batchnorm_eval_mode, n=5, m=3, seed=1)]
MODEL = [lambda: test_gradients.test_mlp_gradients_everything_at_once(),
         lambda: test_gradients.test_mlp_gradients_batch_norm(2, "tanh")]
ADAM = [test_optim.test_adam_by_hand,
        test_optim.test_adam_first_step_is_step_size_in_every_coordinate]
PENALTY = [lambda r=r: test_train.test_a_regularised_step_follows_the_gradient_of_the_penalty(r)
           for r in ("l1", "l2")]

MUTANTS = {   # name: (target, old source, new source, the guarding tests)
    "affine dW x2": (f"{D}:affine_backward", "dZ.T @ X, db", "2.0 * dZ.T @ X, db", AFFINE + MODEL),
    "affine dX x2": (f"{D}:affine_backward", "(dZ @ W if", "(2.0 * dZ @ W if", AFFINE + MODEL),
    "affine db x2": (f"{D}:affine_backward", "np.add.reduce(dZ, axis=0) if",
                     "2.0 * np.add.reduce(dZ, axis=0) if", AFFINE + MODEL),
    "activation dZ x2": (f"{D}:activation_backward", "dH * ACTIVATIONS", "2.0 * dH * ACTIVATIONS",
                         ACT + MODEL),
    "batchnorm dZ x2 (train)": (f"{D}:batchnorm_backward", "dZ = (inv_std / n)",
                                "dZ = (2.0 * inv_std / n)", BN + MODEL),
    "batchnorm dgamma x2": (f"{D}:batchnorm_backward", "dgamma = np.sum(dY * Zhat, axis=0)",
                            "dgamma = 2.0 * np.sum(dY * Zhat, axis=0)", BN + MODEL),
    "batchnorm dbeta x2": (f"{D}:batchnorm_backward", "dbeta = dY.sum(axis=0)",
                           "dbeta = 2.0 * dY.sum(axis=0)", BN + MODEL),
    "batchnorm dZ x2 (eval)": (f"{D}:batchnorm_backward", "return dY * gamma / S",
                               "return 2.0 * dY * gamma / S", BN),
    "batchnorm running variance without n/(n-1)": (
        f"{D}:batchnorm_forward", "var * (n / (n - 1))", "var",
        [test_layers.test_batchnorm_running_statistics_are_unbiased_averages]),
    "dropout without 1/(1-p)": (f"{D}:dropout_forward", "(rng.random(H.shape) >= p) / (1.0 - p)",
                                "(rng.random(H.shape) >= p) * 1.0", DROP),
    "dropout backward x2": (f"{D}:dropout_backward", "dout * cache", "2.0 * dout * cache",
                            DROP + MODEL),
    "l2 penalty gradient without its 2": (f"{T}:penalty_gradient", "2.0 * reg_rate * W",
                                          "reg_rate * W", PENALTY),
    "l1 penalty gradient x2": (f"{T}:penalty_gradient", "reg_rate * np.sign(W)",
                               "2.0 * reg_rate * np.sign(W)", PENALTY),
    "SGD's momentum == 0 branch raises": (
        f"{O}:SGD.step", "params[name] -= eta * g", "raise RuntimeError('planted bug')",
        [test_optim.test_sgd_by_hand, test_train.test_full_batch_is_gradient_descent_on_trainloss]),
    "SGD momentum v += 2g": (f"{O}:SGD._update", "v += g", "v += 2.0 * g",
                             [test_optim.test_momentum_by_hand]),
    "Adam without bias correction (m)": (
        f"{O}:Adam._update", "m_hat = m / (1.0 - self.beta1 ** self.k)", "m_hat = m", ADAM),
    "Adam without bias correction (s)": (
        f"{O}:Adam._update", "s_hat = s / (1.0 - self.beta2 ** self.k)", "s_hat = s", ADAM),
    "squared loss gradient without its 2": (f"{L}:squared", "(2.0 / n) * R", "(1.0 / n) * R",
                                            [lambda: test_gradients.test_loss_gradients_one_output(
                                                "squared")]),
    "cross-entropy gradient / 2": (f"{L}:cross_entropy", "E *= (1.0 / (m * Z))",
                                   "E *= (0.5 / (m * Z))",
                                   [test_gradients.test_cross_entropy_gradient_and_value]),
}
WRONG_DERIVATIVES = {"sigmoid": lambda Z, H: H * (1.0 - H) * 2.0, "tanh": lambda Z, H: 1.0 - H,
                     "relu": lambda Z, H: Z > -1.0}


def mutate(monkeypatch, target, old, new):
    """Replace ``target`` (module:function or module:Class.method) by its source with old -> new."""
    module_name, qualname = target.split(":")
    module = importlib.import_module(module_name)
    owner, name = module, qualname
    if "." in qualname:
        cls, name = qualname.split(".")
        owner = getattr(module, cls)
    original = owner.__dict__[name] if owner is not module else getattr(module, name)
    source = textwrap.dedent(inspect.getsource(original))
    assert source.count(old) == 1, f"{old!r} must occur once in {target}"
    source = source.replace(old, new)
    if owner is not module:                         # zero-argument super() needs a class cell
        source = source.replace("super()", f"super({owner.__name__}, self)")
    namespace = {}
    exec(compile(source, f"<mutant of {target}>", "exec"), module.__dict__, namespace)
    mutant = namespace[name]
    monkeypatch.setattr(owner, name, mutant)
    for mod in list(sys.modules.values()):          # where it was imported, or put in a table
        if not getattr(mod, "__name__", "").startswith("deeplearn_helpers"):
            continue
        for attr, value in list(vars(mod).items()):
            if value is original:
                monkeypatch.setattr(mod, attr, mutant)
            elif isinstance(value, dict):
                for key, entry in list(value.items()):
                    if entry is original:
                        monkeypatch.setitem(value, key, mutant)


def caught(guards):
    """True as soon as one of the guarding tests fails (any exception counts)."""
    for guard in guards:
        try:
            guard()
        except Exception:                           # an AssertionError, or the bug's own
            return True
    return False


def test_the_guards_pass_without_a_bug():
    guards = {id(g): g for *_, gs in MUTANTS.values() for g in gs}
    assert not [g for g in guards.values() if caught([g])]


@pytest.mark.parametrize("name", list(MUTANTS))
def test_a_planted_bug_makes_a_unit_test_fail(name, monkeypatch):
    target, old, new, guards = MUTANTS[name]
    mutate(monkeypatch, target, old, new)
    assert caught(guards), f"no test caught: {name}"


@pytest.mark.parametrize("act", list(WRONG_DERIVATIVES))
def test_a_wrong_activation_derivative_makes_a_unit_test_fail(act, monkeypatch):
    monkeypatch.setitem(ACTIVATIONS, act, (ACTIVATIONS[act][0], WRONG_DERIVATIVES[act]))
    guards = [one(test_layers.test_activations, shape=(4, 3), act=act, seed=1),
              lambda: test_gradients.test_mlp_gradients_every_depth_activation_bias(2, act, True)]
    assert caught(guards)
