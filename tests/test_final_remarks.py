"""deeplearn_helpers/lessons/final_remarks.py (notebook 14): receptive fields by backpropagation,
the adversarial network's gradients, the one-hidden-layer fit; its plots and widget."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.lessons import final_remarks as fr


@pytest.mark.parametrize("kernel_size", [2, 3])
@pytest.mark.parametrize("depth", [1, 2, 3, 5])
def test_receptive_field_is_the_formula(depth, kernel_size):
    for dilation in ("none", "doubling"):
        ds = fr.dilations(depth, dilation)
        assert dl.receptive_field(depth, dilation, kernel_size) == 1 + sum(ds) * (kernel_size - 1)


def test_receptive_masks_follow_the_taps():
    masks = dl.receptive_masks(3, "doubling")
    assert [m.astype(int).tolist() for m in masks] == [
        [1] * 8, [1, 0, 1, 0, 1, 0, 1], [1, 0, 0, 0, 1], [1]]
    plain = dl.receptive_masks(3, "none", length=8)
    assert plain[0].tolist() == [False] * 4 + [True] * 4      # only the last 4 inputs count


def _check(f, params, grads):
    for name, p in params.items():
        num = dl.numerical_gradient(f, p)
        assert dl.rel_error(num, grads[name]) < 1e-6, name


def test_gan_gradients_match_finite_differences():
    G, D = fr.gan_parameters(hidden=4, seed=3)
    rng = np.random.default_rng(0)
    X, Z = rng.standard_normal((6, 1)), rng.standard_normal((5, 1))
    loss, grads = fr.discriminator_loss_and_grads(D, G, X, Z)
    assert set(grads) == set(D)
    _check(lambda: fr.discriminator_loss_and_grads(D, G, X, Z)[0], D, grads)
    loss, grads = fr.generator_loss_and_grads(G, D, Z)
    assert set(grads) == set(G)
    _check(lambda: fr.generator_loss_and_grads(G, D, Z)[0], G, grads)


def test_gan_losses_are_the_formulas():
    G, D = fr.gan_parameters(hidden=3, seed=1)
    rng = np.random.default_rng(1)
    X, Z = rng.standard_normal((4, 1)), rng.standard_normal((4, 1))
    d_real, d_fake = fr.discriminate(D, X), fr.discriminate(D, fr.generate(G, Z))
    assert np.isclose(fr.discriminator_loss_and_grads(D, G, X, Z)[0],
                      -np.mean(np.log(d_real)) - np.mean(np.log(1 - d_fake)))
    assert np.isclose(fr.generator_loss_and_grads(G, D, Z)[0], -np.mean(np.log(d_fake)))


def test_train_gan_is_seeded_and_records():
    a, b = (dl.train_gan(0.01, steps=20, record_every=10, seed=4) for _ in range(2))
    assert a.steps == [0, 10, 20] and a.distance == b.distance
    assert all(np.all(np.diff(x) >= 0) for x in a.samples)           # sorted samples


def test_fit_is_exact_at_the_fitting_points_when_wide():
    f = dl.fit_one_hidden_layer(400, seed=0)
    x = np.linspace(-1, 1, 400)
    assert np.max(np.abs(f(x) - fr.target_function(x))) < 1e-3
    assert dl.approximation_errors([2, 64], seeds=[0]).shape == (2, 1)


@pytest.mark.parametrize("call, message", [
    (lambda: dl.receptive_field(0), "depth: expected an int >= 1, got 0"),
    (lambda: dl.receptive_field(2, "tripling"), "dilation: expected one of none, doubling"),
    (lambda: dl.receptive_masks(3, "doubling", length=4), "length: expected an int >= 8, got 4"),
    (lambda: dl.train_gan(-0.1), "step_size: expected"),
    (lambda: dl.train_gan(0.01, steps=0), "steps: expected an int >= 1, got 0"),
    (lambda: dl.fit_one_hidden_layer(0), "width: expected an int >= 1, got 0"),
    (lambda: dl.approximation_errors([4], seeds=[]), "seeds: expected at least one seed"),
])
def test_bad_input(call, message):
    with raises(message):
        call()


def test_plots_return_their_axes_and_figures():
    ax = dl.plot_receptive_field(3, "none", length=8)
    assert ax.get_title().endswith("sees 4 inputs")
    assert dl.plot_receptive_growth(4).get_lines()[1].get_ydata().tolist() == [2, 4, 8, 16]
    runs = dl.gan_runs(step_sizes=(0.01,), seeds=[0], steps=20)
    assert len(dl.plot_gan_stages(runs[0.01], [0]).axes) == 1
    assert len(dl.plot_gan_distance(runs).get_lines()) == 1
    fig = dl.plot_approximation([2, 4], np.ones((2, 3)), {2: dl.fit_one_hidden_layer(2)})
    assert len(fig.axes) == 2
    plt.close("all")


def test_receptive_field_explorer_redraws():
    box = dl.receptive_field_explorer(depth=2)
    box.controls["depth"].value = 5
    box.controls["dilation"].value = "none"
    plt.close("all")
