"""Greedy layer-wise autoencoder pre-training: what it copies where; bad input."""
import numpy as np
from conftest import raises

import deeplearn_helpers as dl

X, Y = dl.load_digits()
XS = X[:60]




def test_each_layer_is_the_encoder_of_an_autoencoder_of_the_layer_below():
    net = dl.MLP(64, [12, 6], 10, activation="sigmoid", init="normal", init_scale=0.01, seed=0)
    w_before = net.params["w"].copy()
    hists = dl.pretrain_greedy(net, XS, epochs=3, optimizer="adam", step_size=0.01,
                               batch_size=10, seed=5)
    assert len(hists) == 2 and all(len(h.train_loss) == 4 for h in hists)
    # layer 1 by hand: an autoencoder 64 -> 12 -> 64 trained on X to reproduce X
    auto1 = dl.MLP(64, [12], 64, activation="sigmoid", init="xavier", seed=6)
    dl.train(auto1, XS, XS, loss="squared", optimizer="adam", step_size=0.01, epochs=3,
             batch_size=10, seed=5)
    np.testing.assert_array_equal(net.params["V1"], auto1.params["V1"])
    np.testing.assert_array_equal(net.params["b1"], auto1.params["b1"])
    # layer 2: an autoencoder 12 -> 6 -> 12 of h_1 = sigma(V1 x + b1)
    H1 = auto1.hidden_units(XS)[0]
    auto2 = dl.MLP(12, [6], 12, activation="sigmoid", init="xavier", seed=7)
    dl.train(auto2, H1, H1, loss="squared", optimizer="adam", step_size=0.01, epochs=3,
             batch_size=10, seed=5)
    np.testing.assert_array_equal(net.params["V2"], auto2.params["V1"])
    np.testing.assert_array_equal(net.hidden_units(XS)[1], auto2.hidden_units(H1)[0])
    np.testing.assert_array_equal(net.params["w"], w_before)       # the output layer is untouched


def test_reconstruction_improves_and_no_bias_works():
    net = dl.MLP(64, [16], 10, activation="tanh", bias=False, seed=0)
    hists = dl.pretrain_greedy(net, XS, epochs=5, optimizer="adam", step_size=0.01)
    assert hists[0].train_loss[-1] < 0.5 * hists[0].train_loss[0]
    assert "b1" not in net.params


def test_bad_input_changes_nothing():
    net = dl.MLP(64, [8], 10, seed=0)
    before = {k: v.copy() for k, v in net.params.items()}
    with raises(r"model: expected an MLP with at least one hidden layer"):
        dl.pretrain_greedy(dl.LinearPredictor(64), XS)
    with raises(r"model: expected an MLP"):
        dl.pretrain_greedy("net", XS)
    with raises(r"model: expected an MLP without batch norm"):
        dl.pretrain_greedy(dl.MLP(64, [8], 10, batch_norm=True), XS)
    with raises(r"optimizer: expected a name, one of sgd, momentum, adagrad, rmsprop, adam"):
        dl.pretrain_greedy(net, XS, optimizer=dl.Adam(0.01))
    with raises(r"X: expected shape \(n, 64\)"):
        dl.pretrain_greedy(net, XS[:, :10])
    with raises(r"X: expected at least 2 examples"):
        dl.pretrain_greedy(net, XS[:1])
    with raises(r"epochs: expected an int >= 0"):
        dl.pretrain_greedy(net, XS, epochs=-1)
    with raises(r"step_size: expected a finite number > 0"):
        dl.pretrain_greedy(net, XS, step_size=0)
    with raises(r"seed: expected None or an int >= 0"):
        dl.pretrain_greedy(net, XS, seed="0")
    assert all(np.array_equal(before[k], net.params[k]) for k in before)
