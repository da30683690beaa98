"""The claims of notebooks/01_linear_predictors.ipynb, asserted through the same package calls
as the notebook makes them: a claim that fails here means the notebook's text is wrong."""
import numpy as np
import pytest

import deeplearn_helpers as dl


def test_the_notebook_states_the_measured_claims():
    import json
    from pathlib import Path
    nb = Path(__file__).parents[2] / "notebooks" / "01_linear_predictors.ipynb"
    src = "".join("".join(c["source"]) for c in json.loads(nb.read_text())["cells"])
    assert "(39.5-56% over 5 seeds)" in src and "45° already has 0% training error" in src
    assert 'dl.make_dataset("xor", n=200, noise=0.05, seed=0)' in src
    assert 'optimizer=dl.SGD(0.01), epochs=30, seed=0)' in src
    assert ('loss="squared", optimizer=dl.SGD(0.01), epochs=15,\n'
            '                batch_size=1, seed=0') in src


@pytest.fixture(scope="module")
def linear():
    return dl.make_dataset("linear", n=100, noise=0.05, seed=0)


def _error(angle, length, X, y):
    return dl.error_rate(dl.linear_predictor(angle, length).predict(X), y)


def test_45_degrees_already_has_zero_error_and_so_do_others(linear):
    """'45 degrees already has 0% training error. Which other angles do?'"""
    X, y = linear
    zero = [a for a in range(0, 360, 5) if _error(a, 1.0, X, y) == 0]
    assert 45 in zero and len(zero) > 1
    assert all(_error(a, L, X, y) == _error(a, 1.0, X, y) for a in (0, 45, 200) for L in (0.3, 3))


def _sgd(X, y, loss="squared", eta=0.01, epochs=15):
    model = dl.LinearPredictor(input_dim=2, bias=False)
    path = dl.weight_path(model)
    hist = dl.train(model, X, y, loss=loss, optimizer=dl.SGD(eta), epochs=epochs, batch_size=1,
                    seed=0, callback=path)
    return model, hist, np.asarray(path.values)


def test_sgd_slides_to_the_bottom_of_the_bowl(linear):
    """Squared loss: TrainLoss convex; after 15 epochs within 0.01 of the least-squares minimum."""
    X, y = linear
    _, hist, _ = _sgd(X, y)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    best = np.mean((X @ w_star - y) ** 2)
    assert hist.train_error[-1] == 0.0
    assert hist.train_loss[-1] - best < 0.01


def test_a_huge_step_size_diverges(linear):
    X, y = linear
    _, hist, _ = _sgd(X, y, eta=2.0)
    assert hist.diverged and hist.diverged_epoch == 1 and "diverged" in hist.summary()


def test_the_hinge_loss_has_a_flat_zero_floor_and_sgd_walks_out_to_it(linear):
    """Hinge TrainLoss is 0 on a region (every margin >= 1); SGD's path leaves [-2, 2]^2 and the
    loss surface plot widens to hold it."""
    X, y = linear
    angles = np.deg2rad(np.arange(0, 360, 0.5))
    U = np.stack([np.cos(angles), np.sin(angles)])          # unit directions (2, k)
    margins = np.min(y[:, None] * (X @ U), axis=0)          # smallest y u.x per direction
    best = np.argmax(margins)
    assert margins[best] > 0                                # separable: a floor exists
    w = 1.01 * U[:, best] / margins[best]
    assert np.mean(np.maximum(0, 1 - y * (X @ w))) == 0.0        # a w on the floor
    assert np.mean(np.maximum(0, 1 - y * (X @ (1.5 * w)))) == 0.0  # and farther out too
    _, hist, path = _sgd(X, y, loss="hinge")
    assert np.abs(path).max() > 2.0
    ax = dl.plot_linear_loss_surface(X, y, loss="hinge", path=path)
    assert ax.get_xlim()[1] >= np.abs(path).max()


@pytest.mark.parametrize("seed", range(5))
def test_a_line_fails_on_xor(seed):
    """Squared loss: TrainLoss stays near 1 and 39.5-56% of the points are wrong over 5 seeds
    (asserted: 35-65%, TrainLoss > 0.95); logistic and hinge: never below 20% (no line can)."""
    Xx, yx = dl.make_dataset("xor", n=200, noise=0.05, seed=0)
    for loss in ("squared", "logistic", "hinge"):
        model = dl.LinearPredictor(input_dim=2, bias=True)
        hist = dl.train(model, Xx, yx, loss=loss, optimizer=dl.SGD(0.01), epochs=30, seed=seed)
        assert hist.train_error[-1] >= dl.best_line_error(Xx, yx) > 0.20
        if loss == "squared":
            assert 0.35 <= hist.train_error[-1] <= 0.65 and hist.train_loss[-1] > 0.95
