"""Attention only: gradients, permutation equivariance without positions, positions break it."""
import numpy as np
import pytest

import deeplearn_helpers as dl


@pytest.mark.parametrize("positions", [False, True])
@pytest.mark.parametrize("output_dim", [1, 3])
def test_gradients(positions, output_dim):
    r = np.random.default_rng(0)
    m = dl.SelfAttention(vocab=5, length=4, d=3, output_dim=output_dim, positions=positions,
                         seed=1)
    X = r.integers(0, 5, (3, 4)).astype(float)
    y = r.integers(0, 3, 3) if output_dim == 3 else r.normal(size=3)
    loss = "cross_entropy" if output_dim == 3 else "squared"
    _, grads = m.loss_and_grads(X, y, loss=loss)
    assert min(np.linalg.norm(g) for g in grads.values()) > 1e-4
    assert max(dl.check_model_gradients(m, X, y, loss=loss).values()) < 1e-6


def test_without_positions_the_order_is_invisible():
    r = np.random.default_rng(0)
    X = r.integers(0, 6, (20, 8)).astype(float)
    perm = r.permutation(8)
    plain = dl.SelfAttention(vocab=6, length=8, positions=False, seed=0)
    with_pos = dl.SelfAttention(vocab=6, length=8, positions=True, seed=0)
    assert np.allclose(plain.predict(X[:, perm]), plain.predict(X))
    assert not np.allclose(with_pos.predict(X[:, perm]), with_pos.predict(X))
    A = plain.attention_weights(X)
    assert A.shape == (20, 8, 8) and np.allclose(A.sum(-1), 1)


def test_position_codes():
    P = dl.positional_encoding(10, 6)
    assert P.shape == (10, 6) and np.allclose(P[0], [0, 1, 0, 1, 0, 1])
    assert len({tuple(np.round(p, 6)) for p in P}) == 10          # every position differs
