"""The loss landscape (lines, planes, unit swaps), the GD/SGD bookkeeping, their pictures and
the step-size explorer; bad input."""
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.lessons import landscape as ls

X, Y = dl.make_dataset("xor", n=20, seed=0)
XS, YS = dl.make_dataset("sine", n=20, seed=0)


def trained(seed, hidden=(3,), **kw):
    model = dl.MLP(input_dim=2, hidden=list(hidden), activation="tanh", seed=seed, **kw)
    dl.train(model, X, Y, optimizer=dl.SGD(0.1), epochs=3, batch_size=5 if kw else 1, seed=seed)
    return model




def test_interpolate_is_the_straight_line():
    a, b = trained(0).params, trained(1).params
    for k in a:
        np.testing.assert_allclose(ls.interpolate(a, b, 0.0)[k], a[k])
        np.testing.assert_allclose(ls.interpolate(a, b, 1.0)[k], b[k])
        np.testing.assert_allclose(ls.interpolate(a, b, 0.25)[k], 0.75 * a[k] + 0.25 * b[k])


def test_loss_along_line_ends_are_the_two_models_and_models_unchanged():
    a, b = trained(0), trained(1)
    before = {k: v.copy() for k, v in a.params.items()}
    alphas, losses = dl.loss_along_line(a, b, X, Y, alphas=[0.0, 0.5, 1.0])
    assert losses[0] == pytest.approx(dl.evaluate(a, X, Y, "squared")[0], rel=1e-12)
    assert losses[2] == pytest.approx(dl.evaluate(b, X, Y, "squared")[0], rel=1e-12)
    for k in before:
        np.testing.assert_array_equal(a.params[k], before[k])
    alphas, losses = dl.loss_along_line(a, b, X, Y)
    assert alphas.shape == losses.shape == (61,) and alphas[0] == -0.25 and alphas[-1] == 1.25


@pytest.mark.parametrize("seed", range(4))
def test_a_convex_trainloss_never_rises_above_the_chord(seed):
    """The linear predictor's squared TrainLoss is convex: on a line it stays below the chord."""
    rng = np.random.default_rng(seed)
    a, b = dl.LinearPredictor(input_dim=2), dl.LinearPredictor(input_dim=2)
    a.w[:], b.w[:] = rng.normal(size=2), rng.normal(size=2)
    alphas, losses = dl.loss_along_line(a, b, X, Y, alphas=np.linspace(0, 1, 21))
    chord = (1 - alphas) * losses[0] + alphas * losses[-1]
    assert np.all(losses <= chord + 1e-12)


def test_loss_slice_centre_is_the_model_and_a_chosen_plane_contains_the_line():
    a, b = trained(0), trained(1)
    A, B, L = dl.loss_slice(a, X, Y, resolution=5, span=1.0, seed=0)
    assert A.shape == B.shape == (5,) and L.shape == (5, 5)
    assert L[2, 2] == pytest.approx(dl.evaluate(a, X, Y, "squared")[0], rel=1e-12)
    zero = {k: np.zeros_like(v) for k, v in a.params.items()}
    A, B, L = dl.loss_slice(a, X, Y, directions=(dl.direction_between(a, b), zero),
                            span=((0.0, 1.0), (-1.0, 1.0)), resolution=5)
    _, line = dl.loss_along_line(a, b, X, Y, alphas=A)
    np.testing.assert_allclose(L[2], line, rtol=1e-12)


def test_random_direction_is_filter_normalised_and_seeded():
    m = trained(0)
    d = dl.random_direction(m, seed=3)
    for k, p in m.params.items():
        np.testing.assert_allclose(np.linalg.norm(np.atleast_2d(d[k]), axis=1),
                                   np.linalg.norm(np.atleast_2d(p), axis=1), rtol=1e-9, atol=1e-12)
    e = dl.random_direction(m, seed=3)
    assert all(np.array_equal(d[k], e[k]) for k in d)
    assert not np.array_equal(d["V1"], dl.random_direction(m, seed=4)["V1"])


@pytest.mark.parametrize("kw,layer", [({}, 1), ({}, 2), ({"batch_norm": True}, 1),
                                      ({"bias": False}, 2)])
def test_swapping_two_hidden_units_keeps_the_function(kw, layer):
    m = trained(0, hidden=(4, 3), **kw)
    s = dl.swap_hidden_units(m, 0, 2, layer=layer)
    G = dl.input_grid(resolution=15)[2]
    np.testing.assert_allclose(s.predict(G), m.predict(G), rtol=1e-12, atol=1e-12)
    V = f"V{layer}"
    np.testing.assert_array_equal(s.params[V][[0, 2]], m.params[V][[2, 0]])
    assert not np.array_equal(s.params[V], m.params[V])              # different parameters
    back = dl.swap_hidden_units(s, 0, 2, layer=layer)                # a swap undoes itself
    assert all(np.array_equal(back.params[k], m.params[k]) for k in m.params)


def test_gradient_evaluations_count_n_per_epoch_for_sgd_and_gd():
    for batch_size in (1, None, 5):
        h = dl.train(dl.MLP(seed=0), X, Y, optimizer=dl.SGD(0.1), epochs=3, batch_size=batch_size)
        np.testing.assert_array_equal(dl.gradient_evaluations(h, len(X)), [0, 20, 40, 60])
    h = dl.History(train_loss=[1.0, 0.5, 0.2], epochs=[0, 1, 2])
    assert dl.evaluations_to_reach(h, 0.5, 20) == 20
    assert dl.evaluations_to_reach(h, 2.0, 20) == 0
    assert dl.evaluations_to_reach(h, 0.1, 20) is None


def test_train_step_sizes_trains_one_fresh_model_per_step_size():
    def make():
        return dl.MLP(input_dim=1, hidden=[4], seed=0)
    runs = dl.train_step_sizes(make, XS, YS, [0.05, dl.schedule("inv", 0.05), 50.0], epochs=3)
    assert len(runs) == 3 and list(runs)[0] == 0.05
    (m1, h1), (m2, h2), (_, h3) = runs.values()
    assert m1 is not m2 and not h1.diverged and h3.diverged
    assert h1.train_loss[1] != h2.train_loss[1] or h1.train_loss[2] != h2.train_loss[2]
    table = dl.evaluations_table({"SGD": runs}, target=1e-9, n_examples=len(XS))
    assert table.splitlines()[1].startswith("SGD     eta = 0.05") and "not within 60" in table
    assert "inv(0.05)" in table


# --- pictures and the explorer ------------------------------------------------------------------

def test_pictures_draw_and_return_their_axes():
    def make():
        return dl.MLP(input_dim=1, hidden=[4], seed=0)
    runs = dl.train_step_sizes(make, XS, YS, [0.05, 50.0], epochs=3)
    ax = dl.plot_loss_vs_evaluations({"SGD": runs}, n_examples=len(XS), target=0.3)
    assert ax.get_xscale() == "log" and "gradient evaluations" in ax.get_xlabel()
    axes = dl.plot_step_sizes(runs, XS, YS)
    assert "diverged in epoch" in axes[0].figure.legends[0].get_texts()[-1].get_text()
    many = dl.train_many(lambda s: dl.MLP(seed=s), X, Y, range(3), step_size=0.1, epochs=2)
    assert "3 seeds" in dl.plot_final_losses(many).get_title()
    a, b = trained(0), trained(1)
    ax = dl.plot_loss_along_line(*dl.loss_along_line(a, b, X, Y))
    assert len(ax.lines) == 3
    A, B, L = dl.loss_slice(a, X, Y, resolution=6)
    ax = dl.plot_loss_slice(A, B, L, points={"theta": (0, 0)})
    assert ax.get_title()
    assert dl.plot.step_size_label(dl.schedule("inv_sqrt", 0.3)) == "$\\eta_t = 0.3/\\sqrt{t}$"
    plt.close("all")


def test_step_size_explorer_retrains_and_redraws_on_a_change(monkeypatch):
    """Every change of a control retrains with the new schedule and draws the new runs."""
    pytest.importorskip("ipywidgets")
    import deeplearn_helpers.widgets.optimization as wo
    drawn = []

    def spy(runs, X, y, axes=None):
        drawn.append(list(runs))
        return dl.plot_step_sizes(runs, X, y, axes=axes)
    monkeypatch.setattr(wo, "plot_step_sizes", spy)

    def make():
        return dl.MLP(input_dim=1, hidden=[4], seed=0)
    box = dl.step_size_explorer(make, XS, YS, eta=0.1, epochs=2)
    assert set(box.controls) == {"eta", "kind"}
    assert [eta.__name__ for (eta,) in drawn] == ["constant(0.1)"]
    box.controls["kind"].value = "inv_sqrt"
    box.controls["eta"].value = 3.0
    assert [eta.__name__ for (eta,) in drawn] == ["constant(0.1)", "inv_sqrt(0.1)",
                                                  "inv_sqrt(3)"]
    plt.close("all")


# --- bad input ----------------------------------------------------------------------------------

def test_bad_input_names_the_parameter():
    a = trained(0)
    other = dl.MLP(input_dim=2, hidden=[5], seed=0)
    with raises(r"model_a, model_b: expected the same architecture"):
        dl.loss_along_line(a, other, X, Y)
    with raises(r"model_a: expected a dl.MLP"):
        dl.loss_along_line("net", a, X, Y)
    with raises(r"alphas: expected a non-empty 1-D list of finite numbers"):
        dl.loss_along_line(a, a, X, Y, alphas=[0.0, np.nan])
    with raises(r"X: expected shape"):
        dl.loss_along_line(a, a, X[:, :1], Y)
    with raises(r"loss: expected one of squared, logistic"):
        dl.loss_slice(a, X, Y, loss="l2")
    with raises(r"span: expected a number > 0"):
        dl.loss_slice(a, X, Y, span=0.0)
    with raises(r"span: expected a number > 0"):
        dl.loss_slice(a, X, Y, span=((1, 0), (-1, 1)))
    with raises(r"resolution: expected an integer from 2 to 400"):
        dl.loss_slice(a, X, Y, resolution=1)
    with raises(r"directions: expected None or a pair"):
        dl.loss_slice(a, X, Y, directions=a.params)
    with raises(r"directions\[1\]: expected the same parameter names and shapes"):
        dl.loss_slice(a, X, Y, directions=(a.params, other.params))
    with raises(r"seed: expected None or an int >= 0"):
        dl.random_direction(a, seed=-1)
    with raises(r"layer: expected a hidden layer from 1 to 1"):
        dl.swap_hidden_units(a, 0, 1, layer=2)
    with raises(r"j: expected a unit of layer 1, an integer from 0 to 2"):
        dl.swap_hidden_units(a, 0, 3)
    with raises(r"i, j: expected two different units"):
        dl.swap_hidden_units(a, 1, 1)
    with raises(r"n_examples: expected an integer >= 1"):
        dl.gradient_evaluations(dl.History(), 0)
    with raises(r"target: expected a finite number"):
        dl.evaluations_to_reach(dl.History(train_loss=[1.0], epochs=[0]), float("nan"), 5)
    with raises(r"make_model: expected a function"):
        dl.train_step_sizes(a, X, Y, [0.1])
    with raises(r"step_sizes: expected a non-empty list"):
        dl.train_step_sizes(lambda: a, X, Y, 0.1)
    with raises(r"step_sizes: expected a non-empty list"):
        dl.train_step_sizes(lambda: a, X, Y, [])
    with raises(r"step_size: expected a finite number > 0"):
        dl.train_step_sizes(lambda: a, X, Y, [0.1, -1.0])
    with raises(r"optimizer: expected a name"):
        dl.train_step_sizes(lambda: a, X, Y, [0.1], optimizer=dl.SGD(0.1))
    with raises(r"groups: expected"):
        dl.evaluations_table([], 0.1, 5)
