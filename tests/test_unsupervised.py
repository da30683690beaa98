"""lessons/unsupervised.py, plot/unsupervised.py, widgets/unsupervised.py (notebook 13)."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.lessons import unsupervised as un

RNG = np.random.default_rng(0)


def test_pca_matches_the_eigenvectors_of_the_covariance():
    X = RNG.standard_normal((200, 5)) * np.array([5.0, 3.0, 2.0, 1.0, 0.5])
    mean, U = un.pca(X, 2)
    assert np.allclose(mean, X.mean(0))
    assert np.allclose(U.T @ U, np.eye(2))
    w, V = np.linalg.eigh(np.cov(X.T))
    assert np.all(un.principal_angles(U, V[:, ::-1][:, :2]) < 1e-6)


def test_principal_angles_known_values():
    e = np.eye(3)
    assert np.allclose(un.principal_angles(e[:, :2], e[:, :2] @ [[2.0, 1.0], [0.0, 3.0]]), 0,
                       atol=1e-6)
    assert np.allclose(un.principal_angles(e[:, [0]], e[:, [1]]), [90.0])
    tilted = np.array([[1.0], [1.0], [0.0]])
    assert np.allclose(un.principal_angles(e[:, [0]], tilted), [45.0])


def test_bad_inputs_raise_before_anything_runs():
    with raises("k: expected an int in 1..5"):
        un.pca(np.ones((10, 5)), 6)
    with raises("B: expected shape"):
        un.principal_angles(np.ones((4, 2)), np.ones((4, 3)))
    with raises("level: expected"):
        un.denoising_ratio(None, np.ones((2, 64)), level=1.5)
    with raises("text: expected a string with one '_'"):
        un.fill_blank(None, "no blank here")
    with raises("n_labels: expected"):
        un.pretrain_race(np.ones((20, 64)), np.zeros(20, int), np.ones((5, 64)),
                         np.zeros(5, int), n_labels=0)


def test_masked_char_data_blanks_the_middle_character():
    Xtr, ytr, Xte, yte, chars = un.masked_char_data(context=2, n_train=50, n_test=20)
    V = len(chars)
    assert Xtr.shape == (50, 4 * V) and Xte.shape == (20, 4 * V)
    assert np.all(Xtr.reshape(50, 4, V).sum(axis=2) == 1)       # one character per slot
    ids, _ = dl.encode_text(dl.load_text())
    # the label and its context occur together in the text
    text = dl.load_text()
    ctx = Xtr[0].reshape(4, V).argmax(1)
    window = "".join(chars[i] for i in ctx[:2]) + chars[ytr[0]] + "".join(chars[i] for i in ctx[2:])
    assert window in text
    assert len(ids) == len(text)


def test_plots_return_their_axes_and_figures():
    X, y = dl.load_digits()
    fig = dl.plot_digit_rows([X[:4], X[4:8]], ["a", "b"])
    assert len(fig.axes) == 2
    ax = dl.plot_filters(RNG.standard_normal((20, 64)), n=16)
    assert ax.get_title()
    ax = dl.plot_latent(RNG.standard_normal((30, 2)), y[:30])
    assert len(ax.texts) == 30 and ax.texts[0].get_text() == str(y[0])
    mosaic = dl.plot.decoded_grid(lambda H: np.tile(H[:, :1], (1, 64)) * 0 + 0.5, n=3)
    assert mosaic.shape == (3 * 9 - 1, 3 * 9 - 1)
    ax = dl.plot_pretrain_race(RNG.random((5, 2, 4)), un.STEP_SIZES)
    assert len(ax.get_legend().get_texts()) == 2
    with raises("labels: expected one label per row"):
        dl.plot_digit_rows([X[:4]], ["a", "b"])
    plt.close("all")


def test_widgets_redraw():
    pytest.importorskip("ipywidgets")
    X, _ = dl.load_digits()
    ae = dl.Autoencoder(64, 8, activation="sigmoid", output_activation="sigmoid")
    box = dl.denoise_explorer(ae, X[:4])
    box.controls["level"].value = 0.6
    vae = dl.VAE(64, 8, 2)
    box = dl.latent_walk_explorer(vae)
    box.controls["h1"].value = 1.0
    plt.close("all")
