"""2-D loss surfaces: gradients, optimizer paths, steps to the minimum, step-size sweeps;
bad input."""
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl  # noqa: E402

SURFACES = [dl.make_surface("quadratic", condition=25), dl.make_surface("quadratic", angle=30),
            dl.make_surface("rosenbrock", c=10)]


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_gradient_matches_finite_differences(surface):
    rng = np.random.default_rng(0)
    for _ in range(5):
        theta = rng.uniform(-2, 2, 2)
        num = dl.numerical_gradient(lambda theta=theta: float(surface.loss(theta)), theta)
        assert dl.rel_error(surface.grad(theta), num) < 1e-8


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.name)
def test_minimum_is_a_zero_of_loss_and_gradient(surface):
    assert surface.loss(surface.minimum) == pytest.approx(0.0, abs=1e-15)
    assert np.allclose(surface.grad(surface.minimum), 0.0)


def test_quadratic_formula_and_vectorised_loss():
    s = dl.make_surface("quadratic", condition=50)
    assert s.loss([2.0, 1.0]) == pytest.approx(0.5 * (4 + 50))
    grid = np.array([[[1.0, 0.0], [0.0, 1.0]], [[1.0, 1.0], [2.0, 0.0]]])
    assert s.loss(grid) == pytest.approx(np.array([[0.5, 25.0], [25.5, 2.0]]))
    turned = dl.make_surface("quadratic", condition=50, angle=90)    # steep axis now theta_1
    assert turned.loss([1.0, 0.0]) == pytest.approx(25.0)


def test_sgd_path_is_gradient_descent_by_hand():
    s = dl.make_surface("quadratic", condition=10)
    path = dl.optimizer_path(s, dl.SGD(0.05), steps=3)
    theta = s.start.copy()
    expect = [theta.copy()]
    for _ in range(3):
        theta = theta - 0.05 * s.grad(theta)
        expect.append(theta)
    assert path.shape == (4, 2)
    np.testing.assert_allclose(path, expect, rtol=1e-14)


def test_path_resets_the_optimizer_and_keeps_start():
    s = dl.make_surface("quadratic")
    opt = dl.Adam(0.1)
    a = dl.optimizer_path(s, opt, steps=20)
    b = dl.optimizer_path(s, opt, steps=20)
    np.testing.assert_array_equal(a, b)
    assert np.array_equal(s.start, [-4.0, 1.5])
    c = dl.optimizer_path(s, "adam", steps=0, start=(1.0, 2.0))
    assert c.shape == (1, 2) and np.array_equal(c[0], [1.0, 2.0])


def test_sgd_is_stable_only_below_two_over_kappa():
    kappa = 50
    s = dl.make_surface("quadratic", condition=kappa)
    stable = dl.optimizer_path(s, dl.SGD(0.9 * 2 / kappa), steps=500)
    assert len(stable) == 501 and np.linalg.norm(stable[-1]) < 1e-3
    unstable = dl.optimizer_path(s, dl.SGD(1.1 * 2 / kappa), steps=2000)
    assert len(unstable) < 2001                      # stopped where |theta| passed 1e6
    k = dl.step_size_sweep(s, "sgd", [0.9 * 2 / kappa, 1.1 * 2 / kappa], steps=500)
    assert np.isfinite(k[0]) and k[1] == np.inf


def test_steps_to_reach_means_staying_inside():
    s = dl.make_surface("quadratic")
    path = np.array([[1.0, 0.0], [0.05, 0.0], [0.5, 0.0], [0.05, 0.0], [0.0, 0.01]])
    assert dl.steps_to_reach(s, path, radius=0.1) == 3       # the visit at step 1 does not count
    assert dl.steps_to_reach(s, path[:3], radius=0.1) is None
    assert dl.steps_to_reach(s, path[4:], radius=0.1) == 0


def test_sweep_and_best_step_size():
    s = dl.make_surface("quadratic", condition=50)
    etas = [0.01, 0.03, 0.05]     # too slow (0.99^150 * 4 > 0.1), fine, unstable (> 2/50)
    k = dl.step_size_sweep(s, "sgd", etas, steps=150)
    assert k[0] == np.inf and 100 < k[1] < 150 and k[2] == np.inf
    eta, steps = dl.best_step_size(etas, k)
    assert eta == 0.03 and steps == k[1]
    assert dl.best_step_size([1.0, 2.0], [5.0, 5.0]) == (1.0, 5.0)       # ties: the smaller eta
    assert dl.best_step_size([1.0, 2.0], [np.inf, np.inf]) == (1.0, np.inf)


def test_momentum_keyword_reaches_the_optimizer():
    s = dl.make_surface("quadratic", condition=50)
    plain = dl.step_size_sweep(s, "sgd", [0.01], steps=150)
    heavy = dl.step_size_sweep(s, "sgd", [0.01], steps=150, momentum=0.9)
    assert heavy[0] != plain[0]


def test_bad_input():
    s = dl.make_surface()
    with raises(r"condition: expected a finite number >= 1"):
        dl.make_surface("quadratic", condition=0.5)
    with raises(r"angle: expected a finite number"):
        dl.make_surface("quadratic", angle=float("nan"))
    with raises(r"start: expected a point"):
        dl.make_surface("quadratic", start=(1.0, 2.0, 3.0))
    with raises(r"c: expected a finite number > 0"):
        dl.make_surface("rosenbrock", c=0)
    with raises(r"name: expected one of quadratic, rosenbrock, got 'bowl'"):
        dl.make_surface("bowl")
    with raises(r"surface: expected a Surface"):
        dl.optimizer_path("quadratic", "sgd")
    with raises(r"optimizer: expected one of sgd, .*, got 'adamw'"):
        dl.optimizer_path(s, "adamw")
    with raises(r"optimizer: expected a dl optimizer"):
        dl.optimizer_path(s, 0.1)
    with raises(r"steps: expected an integer >= 0"):
        dl.optimizer_path(s, "sgd", steps=-1)
    with raises(r"start: expected finite numbers"):
        dl.optimizer_path(s, "sgd", start=(np.nan, 0.0))
    with raises(r"radius: expected a number > 0"):
        dl.steps_to_reach(s, np.zeros((3, 2)), radius=0)
    with raises(r"path: expected shape \(k\+1, 2\)"):
        dl.steps_to_reach(s, np.zeros((3, 3)))
    with raises(r"optimizer: expected one of sgd, momentum, adagrad, rmsprop, adam, got 'newton'"):
        dl.step_size_sweep(s, "newton", [0.1])
    with raises(r"step_sizes: expected a non-empty list of numbers > 0"):
        dl.step_size_sweep(s, "sgd", [0.1, -1.0])
    with raises(r"step_sizes: expected a non-empty list of numbers > 0"):
        dl.step_size_sweep(s, "sgd", [])
    with raises(r"steps_needed: expected one number per step size"):
        dl.best_step_size([0.1, 0.2], [3.0])
    with raises(r"start: expected a point \(2,\) or points \(k, 2\)"):
        dl.step_size_sweep(s, "sgd", [0.1], start=np.zeros((3, 3)))
    with raises(r"steps: expected an integer >= 1, got 0"):
        dl.step_size_sweep(s, "sgd", [0.1], steps=0)
    with raises(r"k: expected an integer >= 1, got 0"):
        dl.random_starts(s, 0)
    with raises(r"seed: expected an int >= 0, got -1"):
        dl.random_starts(s, 3, seed=-1)


def test_plots_and_widget():
    s = dl.make_surface("quadratic", condition=50)
    paths = {name: dl.optimizer_path(s, name, steps=30) for name in ("sgd", "adam")}
    fig, axes = plt.subplots(1, 2)
    assert dl.plot_optimizer_paths(s, paths, ax=axes[0], steps=10, radius=0.1,
                                   step_sizes={"sgd": 0.1}) is axes[0]
    etas = [0.01, 0.1]
    sweep = {"sgd": dl.step_size_sweep(s, "sgd", etas, steps=30)}
    assert dl.plot_step_size_sweep(etas, sweep, ax=axes[1], max_steps=30) is axes[1]
    plt.close("all")


def test_explorer_redraws_with_the_slider(monkeypatch):
    s = dl.make_surface("quadratic", condition=50)
    paths = {name: dl.optimizer_path(s, name, steps=30) for name in ("sgd", "adam")}
    import deeplearn_helpers.widgets.making_it_work as mw
    drawn = []
    real = mw.plot_optimizer_paths
    monkeypatch.setattr(mw, "plot_optimizer_paths",
                        lambda *a, **k: drawn.append(k["steps"]) or real(*a, **k))
    box = dl.optimizer_path_explorer(s, paths, radius=0.1)
    assert box.controls["steps"].max == 30 and drawn == [20]
    box.controls["steps"].value = 5
    assert drawn == [20, 5]
    plt.close("all")


def test_vectorised_gradient_and_starts_run_as_if_alone():
    s = dl.make_surface("quadratic", condition=50, angle=30)
    T = np.array([[1.0, 2.0], [-3.0, 0.5], [0.2, -1.0]])
    assert np.allclose(s.grad(T), [s.grad(t) for t in T])
    starts = dl.random_starts(s, 4, seed=1)
    assert starts.shape == (4, 2) and np.array_equal(starts[0], s.start)
    assert np.all(s.loss(starts) >= s.loss(s.start) / 4)
    etas = [0.01, 0.03, 0.3, 1.0]
    for name in ("sgd", "momentum", "adagrad", "adam"):
        together = dl.step_size_sweep(s, name, etas, steps=60, radius=0.5, start=starts)
        alone = np.column_stack([dl.step_size_sweep(s, name, etas, steps=60, radius=0.5, start=p)
                                 for p in starts])
        assert together.shape == (4, 4) and np.array_equal(together, alone)
    # a step size that is stable from some starts and not from others stays per start
    s50 = dl.make_surface("quadratic", condition=50)
    starts = dl.random_starts(s50, 5, seed=0)
    k = dl.step_size_sweep(s50, "adagrad", [2.7], steps=150, start=starts)[0]
    alone = [dl.step_size_sweep(s50, "adagrad", [2.7], steps=150, start=p)[0] for p in starts]
    assert np.isinf(k).any() and np.isfinite(k).any() and np.array_equal(k, alone)


def test_race_judges_each_optimizer_at_its_own_best_median():
    s = dl.make_surface("quadratic", condition=50)
    etas = np.geomspace(0.003, 10, 12)
    race = dl.optimizer_race(s, etas, dl.random_starts(s, 3), steps=150,
                             optimizers=("sgd", "adagrad"))
    for name in ("sgd", "adagrad"):
        assert race.steps_needed[name].shape == (12, 3)
        assert np.array_equal(race.median[name], np.median(race.steps_needed[name], axis=1))
        i = int(np.argmin(race.median[name]))
        assert race.best[name] == (etas[i], race.median[name][i])
        assert race.bracketed[name] == (0 < i < 11)
    narrow = dl.optimizer_race(s, etas[:3], steps=150, optimizers=("sgd",))
    assert narrow.bracketed["sgd"] is False          # best at the sweep's largest eta
