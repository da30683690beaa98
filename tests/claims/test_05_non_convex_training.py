"""The claims of notebooks/05_non_convex_training.ipynb, asserted through the same package calls as the
notebook makes them: a claim that fails here means the notebook's text is wrong."""

import numpy as np
import pytest

import deeplearn_helpers as dl

# --- 05_non_convex_training ------------------------------------------------------------------

X5, Y5 = dl.make_dataset("xor", n=40, noise=0.1, seed=0)


def make_xor_model(seed):
    return dl.MLP(input_dim=2, hidden=[2], activation="sigmoid", seed=seed)


@pytest.fixture(scope="module")
def seeds():
    runs = dl.train_many(make_xor_model, X5, Y5, seeds=range(20), step_size=0.2, epochs=40,
                         loss="squared")
    final = np.array([hist.train_loss[-1] for _, hist in runs])
    return runs, final


def test_05_seeds_end_in_visibly_different_losses(seeds):
    """Claim: the same network from 20 seeds ends with max/min final TrainLoss > 2; most seeds
    solve xor (error <= 10%), a few are stuck (TrainLoss >= 0.4, error >= 25%)."""
    runs, final = seeds
    assert final.max() / final.min() > 2
    errors = np.array([h.train_error[-1] for _, h in runs])
    assert np.sum(errors <= 0.1) >= 11
    stuck = errors >= 0.25
    assert 1 <= stuck.sum() <= 9 and np.all(final[stuck] >= 0.4)


def test_05_the_loss_rises_between_two_solutions_and_swapped_units_compute_the_same(seeds):
    """Claims: swapping two hidden units gives different parameters and the same function
    (checked numerically); along the line between two solutions (and between a solution and its
    swapped copy) TrainLoss rises far above both ends, which a convex TrainLoss cannot."""
    runs, final = seeds
    order = np.argsort(final)
    best, second = runs[order[0]][0], runs[order[1]][0]
    swapped = dl.swap_hidden_units(best, 0, 1)
    points = np.vstack([X5, dl.input_grid(X5, resolution=50)[2]])
    assert np.max(np.abs(best.predict(points) - swapped.predict(points))) < 1e-12
    assert np.abs(best.params["V1"] - swapped.params["V1"]).max() > 1.0
    alphas = np.linspace(0, 1, 51)
    for other in (second, swapped):
        _, along = dl.loss_along_line(best, other, X5, Y5, alphas=alphas)
        assert along.max() > 5 * max(along[0], along[-1])


def test_05_the_plane_through_two_solutions_has_two_valleys(seeds):
    """Text: on the plane through theta_A and theta_B, both are low with higher ground between."""
    runs, final = seeds
    order = np.argsort(final)
    best, second = runs[order[0]][0], runs[order[1]][0]
    plane = (dl.direction_between(best, second), dl.random_direction(best, seed=0))
    a, b, L = dl.loss_slice(best, X5, Y5, directions=plane, span=((-0.5, 1.5), (-1.0, 1.0)))
    i0, iA, iB, iM = 20, 10, 30, 20                  # b = 0; a = 0, 1 and 0.5 on the grid
    assert a[iA] == 0 and a[iB] == 1 and a[iM] == 0.5 and b[i0] == 0
    assert L[i0, iM] > 5 * max(L[i0, iA], L[i0, iB])


@pytest.fixture(scope="module")
def before_2000():
    Xg, yg = dl.make_dataset("gaussians", n=100, noise=0.1, seed=0)
    small = dl.MLP(input_dim=2, depth=4, width=16, activation="sigmoid", init="normal",
                   init_scale=0.01, seed=0)
    xavier = dl.MLP(input_dim=2, depth=4, width=16, activation="sigmoid", init="xavier", seed=0)
    g_small, g_xavier = (m.loss_and_grads(Xg, yg)[1] for m in (small, xavier))
    h_small = dl.train(small, Xg, yg, loss="squared", optimizer=dl.SGD(0.2), epochs=600,
                       batch_size=None)
    h_xavier = dl.train(xavier, Xg, yg, loss="squared", optimizer=dl.SGD(0.2), epochs=600,
                        batch_size=None)
    return g_small, g_xavier, h_small, h_xavier


def test_05_deep_sigmoid_small_init_hardly_moves_xavier_trains(before_2000):
    """Claim: after the same 600 GD steps the small-init network's TrainLoss stays within 10% of
    its start and the Xavier network's falls by more than half."""
    _, _, h_small, h_xavier = before_2000
    assert abs(h_small.train_loss[-1] / h_small.train_loss[0] - 1) <= 0.10
    assert max(abs(v / h_small.train_loss[0] - 1) for v in h_small.train_loss) <= 0.10
    assert h_xavier.train_loss[-1] < 0.5 * h_xavier.train_loss[0]
    assert not h_small.diverged and not h_xavier.diverged
    assert h_small.train_error[-1] == 0.5 and h_xavier.train_error[-1] == 0.0


def test_05_the_first_layers_gradient_vanishes_with_small_init(before_2000):
    """Text: the first layer's gradient is about 1e-8 with small init, some hundred thousand times
    smaller than with Xavier."""
    g_small, g_xavier, _, _ = before_2000
    n_small, n_xavier = np.linalg.norm(g_small["V1"]), np.linalg.norm(g_xavier["V1"])
    assert 1e-9 < n_small < 1e-7
    assert n_xavier / n_small > 1e4
    norms = [np.linalg.norm(g_small[f"V{l}"]) for l in range(1, 5)]
    assert norms[0] < norms[2] < norms[3]                # it shrinks on the way back
