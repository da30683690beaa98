"""Autoencoders (tied, untied, denoising), corruption, and the variational autoencoder:
gradient checks (the ELBO's reparametrised gradient included), both ELBO terms, bad input."""
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.gradcheck import numerical_gradient, rel_error

X6 = np.random.default_rng(0).random((5, 6))


@pytest.mark.parametrize("tied", [False, True])
@pytest.mark.parametrize("noise", [None, "blankout", "gaussian"])
@pytest.mark.parametrize("activation", ["sigmoid", "linear"])
def test_autoencoder_gradients(tied, noise, activation):
    ae = dl.Autoencoder(input_dim=6, hidden=3, activation=activation, tied=tied, noise=noise,
                        noise_level=0.3, seed=1)
    _, grads = ae.loss_and_grads(X6, X6, loss="squared", seed=0)
    assert set(grads) == set(ae.params) and min(np.linalg.norm(g) for g in grads.values()) > 1e-3
    assert max(dl.check_model_gradients(ae, X6, X6, loss="squared").values()) < 1e-6


def test_tied_weights_share_one_matrix_and_noise_is_fresh_each_step():
    ae = dl.Autoencoder(input_dim=6, hidden=3, tied=True)
    assert set(ae.params) == {"W", "b", "c"}
    assert np.allclose(ae.decode(ae.encode(X6)), ae.predict(X6))
    dae = dl.Autoencoder(input_dim=6, hidden=3, noise="blankout", noise_level=0.5, seed=0)
    a = dae.forward(X6, train=True)[0]
    b = dae.forward(X6, train=True)[0]
    assert not np.allclose(a, b)                          # fresh noise at every step
    assert np.array_equal(dae.forward(X6)[0], dae.forward(X6)[0])   # none in eval mode


def test_corrupt_as_on_the_slide():
    x = np.array([[1.0, 2.0, 3.0, 4.0]])
    blank = dl.corrupt(np.repeat(x, 2000, axis=0), "blankout", 0.25, seed=0)
    assert set(np.unique(blank)) <= {0.0, 1.0, 2.0, 3.0, 4.0}
    assert abs(np.mean(blank == 0) - 0.25) < 0.02
    noisy = dl.corrupt(np.repeat(x, 2000, axis=0), "gaussian", 0.2, seed=0)
    assert abs(np.std(noisy - x) - 0.2) < 0.01


def test_vae_gradient_of_the_elbo_with_fixed_noise():
    vae = dl.VAE(input_dim=6, hidden=5, latent=2, seed=1)
    eps = np.random.default_rng(2).normal(size=(5, 2))
    value, grads, terms = vae.loss_and_grads(X6, eps)
    assert np.isclose(value, terms["reconstruction"] + terms["kl"]) and terms["kl"] > 0
    for name, p in vae.params.items():
        num = numerical_gradient(lambda: vae.loss_and_grads(X6, eps)[0], p)
        assert rel_error(grads[name], num) < 1e-6, name


def test_vae_kl_is_zero_exactly_at_the_prior():
    vae = dl.VAE(input_dim=6, hidden=5, latent=2, seed=1)
    for k in ("Wmu", "bmu", "Wlv", "blv"):
        vae.params[k][...] = 0.0
    assert vae.loss_and_grads(X6, np.zeros((5, 2)))[2]["kl"] == 0.0


def test_vae_fit_raises_the_elbo_and_reports_both_terms():
    X, _ = dl.load_digits()
    vae = dl.VAE(latent=2, seed=0)
    hist = vae.fit(X[:400], epochs=5, seed=0)
    assert len(hist["elbo"]) == 6 and hist["elbo"][-1] > hist["elbo"][0] + 5
    assert np.allclose(np.array(hist["elbo"]),
                       -(np.array(hist["reconstruction"]) + np.array(hist["kl"])))
    assert vae.encode(X[:3]).shape == (3, 2) and vae.sample(4).shape == (4, 64)


@pytest.mark.parametrize("call, message", [
    (lambda: dl.Autoencoder(noise="salt"), r"noise: expected one of None, blankout, gaussian"),
    (lambda: dl.corrupt(X6, "blankout", 1.5), r"level: expected"),
    (lambda: dl.VAE(input_dim=6).fit(X6 * 3), r"X: expected shape \(n, 6\) with pixels in"),
    (lambda: dl.VAE(latent=2).decode(np.zeros((1, 3))), r"H: expected shape \(n, 2\)"),
    (lambda: dl.VAE(input_dim=6).fit(X6, optimizer="adam"), r"optimizer: expected an Optimizer"),
])
def test_bad_input(call, message):
    with raises(message):
        call()
