"""Iterative magnitude pruning with rewinding (lottery tickets, notebook 07)."""
import numpy as np
import pytest

import deeplearn_helpers as dl


def _small_digits():
    X, y = dl.load_digits()
    Xtr, Xte, ytr, yte = dl.train_test_split(X[:300], y[:300], test_fraction=0.5, seed=0)
    return Xtr, ytr, Xte, yte


def _make(seed):
    return dl.MLP(input_dim=64, hidden=[16], output_dim=10, activation="relu", init="he", seed=seed)


def test_the_prunable_weights_are_the_matrices():
    m = dl.MLP(input_dim=3, hidden=[4, 5], batch_norm=True)
    assert m.weight_names == ["V1", "V2", "w"]


def test_prune_by_magnitude_cuts_the_smallest_survivors():
    params = {"V1": np.arange(1.0, 11.0).reshape(2, 5) * np.array([1, -1, 1, -1, 1]),
              "w": np.arange(1.0, 11.0).reshape(1, 10)}
    masks = {k: np.ones_like(v) for k, v in params.items()}
    new = dl.prune_by_magnitude(params, masks, 0.2, output_fraction=0.1)
    assert new["V1"].sum() == 8 and new["w"].sum() == 9
    assert new["V1"].ravel()[:2].sum() == 0              # |1| and |-2| go first
    assert new["w"][0, 0] == 0
    assert np.all(masks["V1"] == 1)                      # the old masks are not changed
    again = dl.prune_by_magnitude(params, new, 0.5)      # pruned weights stay pruned
    assert np.all(again["V1"] <= new["V1"]) and again["V1"].sum() == 4
    assert dl.sparsity(again) == pytest.approx(1 - (4 + again["w"].sum()) / 20)


def test_sparsity_counts_zeros():
    assert dl.sparsity({"a": np.array([1, 0, 0, 1]), "b": np.zeros(4)}) == pytest.approx(0.75)


def test_lottery_ticket_runs_and_records_every_round():
    Xtr, ytr, Xte, yte = _small_digits()
    r = dl.lottery_ticket(_make, Xtr, ytr, Xte, yte, rounds=3, epochs=2, seed=0, random_seed=5)
    assert len(r.sparsity) == len(r.ticket_accuracy) == len(r.random_accuracy) == len(r.masks) == 3
    assert all(0 < a <= 1 for a in r.ticket_accuracy + r.random_accuracy + [r.dense_accuracy])
    assert np.all(np.diff(r.sparsity) > 0)
    V1 = r.masks[0]["V1"]
    assert V1.sum() == round(0.8 * V1.size)                          # 20% of 1024 gone
    assert np.all(r.masks[2]["V1"] <= r.masks[1]["V1"])
    again = dl.lottery_ticket(_make, Xtr, ytr, Xte, yte, rounds=3, epochs=2, seed=0, random_seed=5)
    assert again.ticket_accuracy == r.ticket_accuracy
    assert "fresh init" in r.summary()


def test_sparsest_match():
    r = dl.LotteryResult(0.9, [0.2, 0.5, 0.8], [0.91, 0.895, 0.85], [0.9, 0.8, 0.7])
    assert r.sparsest_match(0.01) == 1
    assert r.sparsest_match(0.0) == 0
    assert dl.LotteryResult(0.9, [0.5], [0.5], [0.5]).sparsest_match() is None


def test_rewinding_starts_from_theta_0(monkeypatch):
    """Every ticket training starts from the masked theta_0, not from the trained weights."""
    import deeplearn_helpers.lessons.prune as prune
    starts, real_train = [], prune.train

    def spy(model, *args, **kwargs):
        starts.append({k: v.copy() for k, v in model.params.items()})
        return real_train(model, *args, **kwargs)

    monkeypatch.setattr(prune, "train", spy)
    Xtr, ytr, Xte, yte = _small_digits()
    dl.lottery_ticket(_make, Xtr, ytr, Xte, yte, rounds=2, epochs=1, seed=3, random_seed=4)
    theta0, fresh = _make(3).params, _make(4).params
    # trainings: dense, ticket 1, random 1, ticket 2, random 2
    for i in (0, 1, 3):                          # theta_0, its pruned weights set to 0
        assert all(np.all((starts[i][k] == theta0[k]) | (starts[i][k] == 0)) for k in theta0)
    assert all(np.all((starts[2][k] == fresh[k]) | (starts[2][k] == 0)) for k in fresh)
    assert np.sum(starts[3]["V1"] == 0) > np.sum(starts[1]["V1"] == 0) > 0


@pytest.mark.parametrize("kwargs, word", [
    (dict(fraction=0.0), "fraction"),
    (dict(fraction=1.0), "fraction"),
    (dict(output_fraction=1.5), "output_fraction"),
    (dict(rounds=0), "rounds"),
    (dict(epochs=0), "epochs"),
    (dict(seed=None), "seed"),
    (dict(random_seed=-1), "random_seed"),
])
def test_lottery_ticket_bad_input(kwargs, word):
    Xtr, ytr, Xte, yte = _small_digits()
    with pytest.raises(ValueError, match=word):
        dl.lottery_ticket(_make, Xtr, ytr, Xte, yte, **kwargs)


def test_bad_input_prune():
    with pytest.raises(ValueError, match="make_model"):
        dl.lottery_ticket("mlp", *(_small_digits()))
    params = {"V1": np.ones((2, 2))}
    with pytest.raises(ValueError, match="masks"):
        dl.prune_by_magnitude(params, {"V1": np.ones((3, 2))}, 0.5)
    with pytest.raises(ValueError, match="masks"):
        dl.prune_by_magnitude(params, {}, 0.5)
    with pytest.raises(ValueError, match="fraction"):
        dl.prune_by_magnitude(params, {"V1": np.ones((2, 2))}, 2)


def test_plot_lottery():
    import matplotlib.pyplot as plt
    r = dl.LotteryResult(0.9, [0.2, 0.5, 0.8], [0.91, 0.895, 0.85], [0.9, 0.8, 0.7])
    ax = dl.plot_lottery(r)
    assert ax.get_xlabel() == "weights pruned (%)"
    plt.close("all")
