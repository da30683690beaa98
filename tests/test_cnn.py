"""The convolutional network: gradient-checked end to end, trained by dl.train unchanged,
its shapes and parameter counts, bad input."""
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl


@pytest.mark.parametrize("kwargs", [
    dict(filters=[2], output_dim=3),
    dict(filters=[3, 4], hidden=[5], output_dim=3),
    dict(input_shape=(2, 7, 6), filters=[3], kernel_size=2, padding=0, pool=3, output_dim=1),
    dict(input_shape=(1, 9, 9), filters=[2, 2], kernel_size=3, padding=2, pool=2, output_dim=2),
    dict(filters=[2], hidden=[4], output_dim=3, dropout=0.5),
])
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_gradients_match_finite_differences(kwargs, activation):
    model = dl.CNN(activation=activation, seed=1, **kwargs)
    r = np.random.default_rng(0)
    X = r.normal(size=(4, model.input_dim))     # continuous inputs: no ties in max pooling
    if model.output_dim == 1:
        y, loss = np.where(r.random(4) < 0.5, -1.0, 1.0), "logistic"
    else:
        y, loss = r.integers(0, model.output_dim, 4), "cross_entropy"
    errors = dl.check_model_gradients(model, X, y, loss=loss)
    assert list(errors) == list(model.params)
    assert max(errors.values()) < 1e-6


def test_shapes_and_parameter_counts():
    model = dl.CNN(input_shape=(1, 8, 8), filters=[8, 16], hidden=[32], output_dim=10)
    assert model.shapes == [(1, 8, 8), (8, 4, 4), (16, 2, 2)]
    assert model.params_per_layer() == {"conv1": 8 * 9 + 8, "conv2": 16 * 8 * 9 + 16,
                                        "dense1": 64 * 32 + 32, "output": 32 * 10 + 10}
    assert model.n_params == sum(model.params_per_layer().values())
    assert model.weight_names == ["K1", "K2", "V1", "w"]
    maps = model.feature_maps(np.zeros((3, 64)))
    assert [m.shape for m in maps] == [(3, 8, 8, 8), (3, 16, 4, 4)]


def test_dl_train_trains_it_unchanged():
    X, y = dl.load_digits()
    X, y = X[:300], y[:300]
    model = dl.CNN(seed=0)
    hist = dl.train(model, X, y, loss="cross_entropy", optimizer=dl.Adam(0.01), epochs=5,
                    batch_size=32, seed=0, regularization="l2", reg_rate=1e-4)
    assert len(hist.train_loss) == 6 and hist.train_loss[-1] < 0.5 * hist.train_loss[0]
    assert not hist.diverged
    assert model.classify(X).shape == (300,)


@pytest.mark.parametrize("kwargs, message", [
    (dict(input_shape=(8, 8)), r"input_shape: expected \(C, H, W\)"),
    (dict(filters=[]), r"filters: expected a non-empty list"),
    (dict(filters=[8, 8, 8, 8]), r"filters: expected at most 3 conv blocks"),
    (dict(kernel_size=0), r"kernel_size: expected an int >= 1, got 0"),
    (dict(activation="softplus"), r"activation: expected one of relu, tanh, sigmoid"),
    (dict(hidden=8), r"hidden: expected a list of dense layer widths"),
])
def test_bad_input(kwargs, message):
    with raises(message):
        dl.CNN(**kwargs)


def test_wrong_input_width_names_X():
    with raises(r"X: expected shape \(n, 64\)"):
        dl.CNN().predict(np.zeros((2, 63)))
