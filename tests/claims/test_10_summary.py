"""The claims of notebooks/10_summary.ipynb, asserted through the same package calls as the
notebook makes them: a claim that fails here means the notebook's text is wrong."""

import numpy as np

import deeplearn_helpers as dl

X, Y = dl.load_digits()
X_train, X_test, y_train, y_test = dl.train_test_split(X, Y, test_fraction=0.25, seed=0)

# --- 10_summary: the answers of the exercises ----------------------------------------------------

def test_10_parameter_count():
    assert dl.MLP(input_dim=64, hidden=[32, 32], output_dim=10).n_params == 3466


def test_10_line_against_xor():
    Xx, yx = dl.make_dataset("xor", n=200, noise=0.1, seed=0)
    errors = []
    for model in (dl.LinearPredictor(input_dim=2, bias=True),
                  dl.MLP(input_dim=2, hidden=[4], activation="tanh")):
        hist = dl.train(model, Xx, yx, loss="logistic", optimizer=dl.Adam(0.05), epochs=50,
                        batch_size=20)
        errors.append(hist.train_error[-1])
    assert errors[0] >= 0.25 and errors[1] == 0


def test_10_step_sizes():
    Xs, ys = dl.make_dataset("sine", n=50, noise=0.1, seed=0)
    hists = {eta: dl.train(dl.MLP(input_dim=1, hidden=[16], activation="tanh"), Xs, ys,
                           loss="squared", optimizer=dl.SGD(eta), epochs=30, batch_size=1)
             for eta in (0.01, 0.1, 1.0, 10.0)}
    assert [h.diverged for h in hists.values()] == [False, False, True, True]
    assert hists[0.1].train_loss[-1] < hists[0.01].train_loss[-1]


def test_10_over_parameterization():
    Xx, yx = dl.make_dataset("xor", n=100, noise=0.1, seed=0)
    solved = {}
    for width in (2, 16):
        runs = dl.train_many(lambda seed: dl.MLP(input_dim=2, hidden=[width], activation="tanh",
                                                 seed=seed),
                             Xx, yx, seeds=range(10), optimizer="adam", step_size=0.05,
                             loss="logistic", epochs=60, batch_size=10)
        solved[width] = sum(h.train_error[-1] == 0 for _, h in runs)
    assert solved[2] < 10 and solved[16] == 10


def test_10_vanishing_gradients():
    model = dl.MLP(input_dim=64, hidden=[32] * 10, output_dim=10, activation="sigmoid",
                   init="normal", init_scale=0.1, seed=0)
    _, grads = model.loss_and_grads(X[:100], Y[:100], loss="cross_entropy")
    ratio = np.linalg.norm(grads["V1"]) / np.linalg.norm(grads["V10"])
    assert ratio < 1e-6                                   # "many orders of magnitude"
    assert 1e-3 < ratio / (0.1 * np.sqrt(32) / 4) ** 9 < 1e3  # the "Why?" estimate, in order


def test_10_double_descent_exercise():
    dd = dl.double_descent(X_train[:50], y_train[:50], X_test, y_test,
                           n_features=[25, 50, 100, 400])
    assert dd.peak == 50
    assert int(dd.n_features[np.argmin(dd.test_error)]) == 400
