"""lessons/sequence_models, plot/sequences, widgets/sequences: the recipes of notebook 12."""
import matplotlib.pyplot as plt
import numpy as np
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.lessons import sequence_models as sm


def _direction(hidden, seed=0):
    u = np.random.default_rng(seed).standard_normal(hidden)
    return u / np.linalg.norm(u)


def test_state_gradients_match_the_product_of_jacobians():
    """For the simple RNN, d(u . h_T)/d h_k = u^T J_T ... J_{k+1}, J_t = diag(1 - h_t^2) Wh."""
    m = dl.RNN(vocab=6, length=7, hidden=5, cell="rnn", init_scale=1.5, seed=3)
    X = np.random.default_rng(0).integers(0, 6, size=(3, 7))
    got = sm.state_gradients(m, X)
    H = m.recur(X)[0]
    u, Wh = _direction(5), m.params["Wh"]
    for gap in range(1, 7):
        norms = []
        for i in range(3):
            g = u.copy()
            for t in range(6, 6 - gap, -1):             # back from h_T through gap steps
                g = (g * (1 - H[i, t] ** 2)) @ Wh
            norms.append(np.linalg.norm(g))
        assert np.isclose(got[gap], np.mean(norms), rtol=1e-10)
    assert got[0] == 1.0


def test_state_gradients_of_the_lstm_by_finite_differences():
    m = dl.RNN(vocab=5, length=6, hidden=4, cell="lstm", seed=1)
    X = np.random.default_rng(1).integers(0, 5, size=(1, 6))
    got = sm.state_gradients(m, X)
    P, u = m.params, _direction(4)
    Emb = P["E"][X]
    H, cache = dl.lstm_forward(Emb, np.zeros((1, 4)), np.zeros((1, 4)), P["Wx"], P["Wh"], P["bh"])
    k, eps = 2, 1e-6                                     # state after step k + 1, gap T - 1 - k = 3
    s = np.concatenate([H[0, k], cache["C"][0, k]])
    g = np.zeros(8)
    for j in range(8):
        vals = []
        for sign in (1, -1):
            d = s.copy()
            d[j] += sign * eps
            Hs, _ = dl.lstm_forward(Emb[:, k + 1:], d[None, :4], d[None, 4:], P["Wx"], P["Wh"],
                                    P["bh"])
            vals.append(u @ Hs[0, -1])
        g[j] = (vals[0] - vals[1]) / (2 * eps)
    assert np.isclose(got[3], np.linalg.norm(g), rtol=1e-6)


def test_word_share_and_bad_input():
    words = sm.words_of("The king sees the moon. A dog.")
    assert sm.word_share("xx king moon dgo the yy", words) == 0.75
    assert sm.word_share("one", words) == 0.0
    with raises("cell: expected"):
        sm.gradient_norms("gru")
    with raises("max_norm: expected"):
        sm.clipping_steps(-1.0)
    with raises("seed: expected"):
        sm.first_task("rnn", 5, seed=-1)


def test_plots_draw_on_the_given_axes():
    H = np.tanh(np.random.default_rng(0).standard_normal((5, 8)))
    fig, axes = plt.subplots(1, 6)
    assert dl.plot_hidden_states(H, "ab cd", upto=2, ax=axes[0]) is axes[0]
    assert dl.plot_word_share({"s": {0: 0.0, 1: 0.5}}, ax=axes[1], threshold=0.8) is axes[1]
    assert dl.plot_gradient_norms({"a": (np.arange(4), np.ones(4))}, ax=axes[2]) is axes[2]
    assert dl.plot_clipped_steps({"a": np.ones(3)}, ax=axes[3]) is axes[3]
    assert dl.plot_accuracy_vs_length([4, 8], {"a": [1, 0.5]}, ax=axes[4], chance=0.2) is axes[4]
    assert dl.plot_attention(np.eye(3), [1, 2, 3], [3, 2, 1], ax=axes[5]) is axes[5]
    plt.close(fig)


def test_widgets_build():
    m = dl.RNN(vocab=5, length=4, hidden=6, seed=0)
    H = sm.hidden_states(m, "abca", ["a", "b", "c", "d", "e"])
    box = dl.hidden_state_stepper(H, "abca")
    box.controls["t"].value = 3
    box = dl.gradient_explorer(length=6)
    box.controls["bias"].value = 0.0
    plt.close("all")
