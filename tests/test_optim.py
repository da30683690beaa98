"""Optimizer update rules against values worked out by hand; schedules."""
import copy
import math

import numpy as np
import pytest

import deeplearn_helpers as dl


def run(opt, gs, p0=1.0):
    """Apply the gradients gs one by one to a single parameter starting at p0; the path."""
    params = {"p": np.array([p0])}
    path = []
    for g in gs:
        opt.step(params, {"p": np.array([g])})
        path.append(float(params["p"][0]))
    return path


def test_sgd_by_hand():
    # theta <- theta - eta g:  1 - 0.1 * 0.5 = 0.95, then 0.95 - 0.1 * (-1) = 1.05
    assert run(dl.SGD(0.1), [0.5, -1.0]) == pytest.approx([0.95, 1.05], abs=1e-15)


def test_momentum_by_hand():
    # v1 = 0.5, p = 1 - 0.05 = 0.95;  v2 = 0.9 * 0.5 + 0.5 = 0.95, p = 0.95 - 0.095 = 0.855
    assert run(dl.SGD(0.1, momentum=0.9), [0.5, 0.5]) == pytest.approx([0.95, 0.855], abs=1e-15)


def test_adagrad_by_hand():
    # G1 = 0.25: p = 1 - 0.1 * 0.5 / 0.5 = 0.9;  G2 = 0.5: p = 0.9 - 0.1 * 0.5 / sqrt(0.5)
    expected = [0.9, 0.9 - 0.05 / math.sqrt(0.5)]
    assert run(dl.AdaGrad(0.1), [0.5, 0.5]) == pytest.approx(expected, abs=1e-9)


def test_rmsprop_by_hand():
    # G1 = 0.01 * 0.25 = 0.0025: p = 1 - 0.01 * 0.5 / 0.05 = 0.9
    # G2 = 0.99 * 0.0025 + 0.0025 = 0.004975: p = 0.9 - 0.005 / sqrt(0.004975)
    expected = [0.9, 0.9 - 0.005 / math.sqrt(0.004975)]
    assert run(dl.RMSProp(0.01, rho=0.99), [0.5, 0.5]) == pytest.approx(expected, abs=1e-7)


def test_adam_by_hand():
    # step 1: m = 0.05, s = 0.00025; m_hat = 0.5, s_hat = 0.25: p = 1 - 0.1 * 0.5 / 0.5 = 0.9
    # step 2 (g = -0.5): m = 0.045 - 0.05 = -0.005, s = 0.00049975;
    #   m_hat = -0.005 / 0.19, s_hat = 0.00049975 / (1 - 0.999^2) = 0.25:
    #   p = 0.9 + 0.1 * (0.005/0.19) / 0.5
    expected = [0.9, 0.9 + 0.1 * (0.005 / 0.19) / 0.5]
    assert run(dl.Adam(0.1), [0.5, -0.5]) == pytest.approx(expected, abs=1e-7)


def test_adam_first_step_is_step_size_in_every_coordinate():
    """Bias correction makes Adam's first step eta * sign(g), whatever the gradient's size."""
    params = {"p": np.zeros(3)}
    dl.Adam(0.01).step(params, {"p": np.array([1e-3, -5.0, 200.0])})
    assert params["p"] == pytest.approx([-0.01, 0.01, -0.01], rel=1e-4)


def test_optimizers_keep_state_per_parameter_and_reset():
    opt = dl.SGD(0.1, momentum=0.5)
    params = {"a": np.array([0.0]), "b": np.array([0.0])}
    opt.step(params, {"a": np.array([1.0]), "b": np.array([-1.0])})
    assert set(opt.state) == {"a", "b"}
    opt.reset()
    assert opt.state == {} and opt.k == 0


RULES = [dl.SGD(0.1, momentum=0.9), dl.AdaGrad(0.1), dl.RMSProp(0.01), dl.Adam(0.01)]


@pytest.mark.parametrize("opt", RULES, ids=lambda o: type(o).__name__)
def test_all_parameters_in_one_step_move_as_each_alone(opt):
    """step() updates all parameters as one vector: the very same bits as stepping each
    parameter with an optimizer of its own, over several steps and shapes."""
    rng = np.random.default_rng(0)
    shapes = {"V1": (3, 2), "b1": (3,), "w": (1, 3), "b": (1,)}
    together = {k: rng.normal(size=s) for k, s in shapes.items()}
    alone = {k: v.copy() for k, v in together.items()}
    opts = {k: copy.deepcopy(opt) for k in shapes}
    for _ in range(5):
        grads = {k: rng.normal(size=s) * 10.0 ** rng.integers(-3, 3) for k, s in shapes.items()}
        opt.step(together, grads)
        for k in shapes:
            opts[k].step({k: alone[k]}, {k: grads[k]})
    for k in shapes:
        assert np.array_equal(together[k], alone[k]), k
        assert all(np.array_equal(a, b) for a, b in zip(opt.state[k], opts[k].state[k])), k
    opt.reset()


def test_state_follows_the_parameters_when_they_change():
    """A parameter that joins later starts from zero state, the others keep theirs; a
    parameter whose shape changed starts afresh."""
    opt, alone = dl.Adam(0.1), dl.Adam(0.1)
    a, a_alone = {"a": np.ones(2)}, {"a": np.ones(2)}
    opt.step(a, {"a": np.array([1.0, -2.0])})
    alone.step(a_alone, {"a": np.array([1.0, -2.0])})
    both = {"a": a["a"], "b": np.zeros(3)}
    opt.step(both, {"a": np.array([0.5, 0.5]), "b": np.array([1.0, 2.0, 3.0])})
    alone.step(a_alone, {"a": np.array([0.5, 0.5])})
    assert np.array_equal(both["a"], a_alone["a"])
    m, s = opt.state["b"]
    assert np.allclose(m, 0.1 * np.array([1.0, 2.0, 3.0]))        # (1 - beta1) g from zero
    opt.step({"a": np.ones(5)}, {"a": np.ones(5)})                  # a new shape: fresh state
    assert np.allclose(opt.state["a"][0], 0.1) and set(opt.state) == {"a", "b"}


def test_make_optimizer_names():
    assert isinstance(dl.make_optimizer("adam", 0.01), dl.Adam)
    m = dl.make_optimizer("momentum", 0.1)
    assert isinstance(m, dl.SGD) and m.momentum == 0.9
    assert {type(dl.make_optimizer(n, 0.1)).__name__ for n in dl.OPTIMIZERS} == \
        {"SGD", "AdaGrad", "RMSProp", "Adam"}


@pytest.mark.parametrize("kind, t, eta",
                         [("constant", 9, 0.4), ("inv_sqrt", 4, 0.2), ("inv", 8, 0.05)])
def test_schedules(kind, t, eta):
    assert dl.schedule(kind, 0.4)(t) == pytest.approx(eta)


def test_schedule_drives_the_step_size_with_t():
    opt = dl.SGD(dl.schedule("inv", 1.0))
    params = {"p": np.array([0.0])}
    opt.t = 4
    opt.step(params, {"p": np.array([1.0])})
    assert params["p"][0] == pytest.approx(-0.25)


def test_train_sets_t_to_the_epoch():
    seen = []

    def eta(t):
        seen.append(t)
        return 0.01

    X, y = dl.make_dataset("linear", n=6, seed=0)
    dl.train(dl.LinearPredictor(), X, y, optimizer=dl.SGD(eta), epochs=3, batch_size=None)
    assert seen[0] == 1 and sorted(set(seen)) == [1, 2, 3]
