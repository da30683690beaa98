"""The training loop: the slide's SGD, determinism, histories, divergence, callbacks."""
import warnings

import numpy as np
import pytest

import deeplearn_helpers as dl
from deeplearn_helpers.gradcheck import numerical_gradient


def test_per_example_sgd_is_the_slides_loop():
    """batch_size=1, shuffle=False: for (x, y) in D_train: theta <- theta - eta grad Loss."""
    X, y = dl.make_dataset("circle", n=30, seed=1)
    a = dl.MLP(input_dim=2, hidden=[4], activation="tanh", seed=0)
    b = a.copy()
    dl.train(a, X, y, loss="squared", optimizer=dl.SGD(0.05), epochs=2, batch_size=1, shuffle=False)
    for _ in range(2):
        for x_i, y_i in zip(X, y):
            _, g = b.loss_and_grads(x_i[None, :], np.array([y_i]), loss="squared")
            for k in b.params:
                b.params[k] -= 0.05 * g[k]
    for k in a.params:
        np.testing.assert_allclose(a.params[k], b.params[k], rtol=1e-12, atol=1e-14)


def test_full_batch_is_gradient_descent_on_trainloss():
    X, y = dl.make_dataset("moons", n=40, seed=2)
    a = dl.MLP(input_dim=2, hidden=[5], seed=1)
    b = a.copy()
    dl.train(a, X, y, optimizer=dl.SGD(0.3), epochs=3, batch_size=None)
    for _ in range(3):
        _, g = b.loss_and_grads(X, y)
        for k in b.params:
            b.params[k] -= 0.3 * g[k]
    for k in a.params:
        np.testing.assert_allclose(a.params[k], b.params[k], rtol=1e-12)


def test_history_records_the_slides_trainloss():
    X, y = dl.make_dataset("xor", n=50, seed=0)
    model = dl.MLP(input_dim=2, hidden=[4], seed=0)
    hist = dl.train(model, X, y, epochs=5)
    assert hist.epochs == [0, 1, 2, 3, 4, 5] and len(hist.train_loss) == 6
    assert hist.train_loss[-1] == pytest.approx(np.mean((model.predict(X) - y) ** 2), rel=1e-12)
    assert hist.train_error[-1] == pytest.approx(np.mean(model.classify(X) != y))
    assert hist.test_loss == [] and not hist.diverged


@pytest.mark.parametrize("batch_size", [1, 7, None])
def test_same_seed_same_numbers(batch_size):
    X, y = dl.make_dataset("spiral", n=60, noise=0.1, seed=3)
    runs = []
    for _ in range(2):
        m = dl.MLP(input_dim=2, hidden=[6, 6], activation="relu", dropout=0.2, seed=5)
        h = dl.train(m, X, y, loss="logistic", optimizer=dl.Adam(0.01), epochs=4,
                     batch_size=batch_size, seed=11)
        runs.append((h.train_loss, m.params))
    assert runs[0][0] == runs[1][0]
    assert all(np.array_equal(runs[0][1][k], runs[1][1][k]) for k in runs[0][1])
    m = dl.MLP(input_dim=2, hidden=[6, 6], activation="relu", dropout=0.2, seed=5)
    other = dl.train(m, X, y, loss="logistic", optimizer=dl.Adam(0.01), epochs=4,
                     batch_size=batch_size, seed=12)
    if batch_size is None:
        assert other.train_loss != runs[0][0]      # only dropout differs at full batch
    else:
        assert other.train_loss != runs[0][0]


def test_models_with_the_same_seed_are_equal_and_different_seeds_differ():
    a, b, c = (dl.MLP(input_dim=2, hidden=[3, 3], seed=s) for s in (0, 0, 1))
    assert all(np.array_equal(a.params[k], b.params[k]) for k in a.params)
    assert not np.array_equal(a.params["V1"], c.params["V1"])


def test_xor_fits_with_hidden_units_and_not_with_a_linear_predictor():
    X, y = dl.make_dataset("xor", n=200, noise=0.05, seed=0)
    net = dl.MLP(input_dim=2, hidden=[8], activation="tanh", seed=0)
    h = dl.train(net, X, y, loss="squared", optimizer=dl.SGD(0.1), epochs=150)
    assert h.train_loss[-1] < 0.01 and h.train_error[-1] == 0.0
    lin = dl.LinearPredictor(input_dim=2, bias=True)
    hl = dl.train(lin, X, y, loss="squared", optimizer=dl.SGD(0.01), epochs=50)
    assert hl.train_loss[-1] > 0.9 and hl.train_error[-1] >= 0.25


def test_spiral_fits_with_a_deep_enough_net():
    X, y = dl.make_dataset("spiral", n=400, noise=0.0, seed=0)
    net = dl.MLP(input_dim=2, hidden=[16, 16, 16], activation="tanh", seed=0)
    h = dl.train(net, X, y, loss="squared", optimizer=dl.Adam(0.01), batch_size=16, epochs=300)
    assert h.train_loss[-1] < 0.01 and h.train_error[-1] == 0.0


def test_digits_multiclass_trains():
    X, y = dl.load_digits()
    Xtr, Xte, ytr, yte = dl.train_test_split(X, y, seed=0)
    net = dl.MLP(input_dim=64, hidden=[32], output_dim=10, activation="relu", init="he", seed=0)
    h = dl.train(net, Xtr, ytr, loss="cross_entropy", optimizer=dl.Adam(0.01), batch_size=32,
                 epochs=15, X_test=Xte, y_test=yte)
    assert h.test_error[-1] < 0.08 and len(h.test_loss) == 16


def test_divergence_stops_training_says_so_and_leaves_finite_parameters():
    X, y = dl.make_dataset("spiral", n=100, seed=0)
    net = dl.MLP(input_dim=2, hidden=[8, 8], activation="relu", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")               # no RuntimeWarning storm
        h = dl.train(net, X, y, optimizer=dl.SGD(50.0), epochs=20)
    assert h.diverged and h.diverged_epoch == 1 and "step size" in h.message
    assert all(np.isfinite(v) for v in h.train_loss) and len(h.train_loss) == h.epoch + 1
    assert all(np.all(np.isfinite(p)) for p in net.params.values())
    assert np.all(np.isfinite(net.predict(X)))


def test_callback_sees_every_epoch_and_can_stop():
    X, y = dl.make_dataset("xor", n=40, seed=0)
    seen = []

    def cb(epoch, model, hist):
        seen.append((epoch, len(hist.train_loss)))
        return epoch == 3

    h = dl.train(dl.MLP(input_dim=2, hidden=[4], seed=0), X, y, epochs=10, callback=cb)
    assert seen == [(1, 2), (2, 3), (3, 4)] and h.stopped_early and h.epoch == 3


def test_training_continues_a_history():
    X, y = dl.make_dataset("xor", n=40, seed=0)
    a = dl.MLP(input_dim=2, hidden=[4], seed=0)
    b = a.copy()
    opt_a, opt_b = dl.Adam(0.01), dl.Adam(0.01)
    ha = dl.train(a, X, y, optimizer=opt_a, epochs=4, seed=0, batch_size=4)
    hb = dl.train(b, X, y, optimizer=opt_b, epochs=2, seed=0, batch_size=4)
    hb = dl.train(b, X, y, optimizer=opt_b, epochs=2, seed=0, batch_size=4, history=hb)
    assert hb.epochs == [0, 1, 2, 3, 4]
    assert hb.train_loss == pytest.approx(ha.train_loss, rel=1e-12)


def test_test_set_is_recorded():
    X, y = dl.make_dataset("moons", n=80, noise=0.2, seed=0)
    Xtr, Xte, ytr, yte = dl.train_test_split(X, y, seed=0)
    h = dl.train(dl.MLP(input_dim=2, hidden=[6], seed=0), Xtr, ytr, epochs=3, X_test=Xte,
                 y_test=yte)
    assert len(h.test_loss) == len(h.test_error) == 4
    assert "TestLoss" in h.summary()


@pytest.mark.parametrize("reg", ["l1", "l2"])
def test_regularization_shrinks_the_weights(reg):
    X, y = dl.make_dataset("spiral", n=100, noise=0.1, seed=0)
    norms = []
    for rate in (0.0, 0.03):
        m = dl.MLP(input_dim=2, hidden=[16], activation="tanh", seed=0)
        dl.train(m, X, y, optimizer=dl.SGD(0.05), epochs=20, regularization=reg, reg_rate=rate)
        norms.append(dl.regularization_penalty(m, reg, 1.0))
    assert norms[1] < 0.8 * norms[0]


def test_batch_norm_trains_in_minibatches_and_uses_running_stats_in_eval():
    X, y = dl.make_dataset("circle", n=101, seed=0)     # 101: a last batch of one is skipped
    m = dl.MLP(input_dim=2, hidden=[8, 8], batch_norm=True, seed=0)
    h = dl.train(m, X, y, optimizer=dl.SGD(0.1), epochs=30, batch_size=10)
    assert h.train_loss[-1] < 0.5 * h.train_loss[0]
    assert not np.allclose(m.running[1][0], 0.0)
    # eval mode is per-example: a batch of one gives the same answer as inside a batch
    assert m.predict(X[:1])[0] == pytest.approx(m.predict(X)[0], rel=1e-12)


def test_dropout_is_off_in_predict():
    X, _ = dl.make_dataset("xor", n=10, seed=0)
    m = dl.MLP(input_dim=2, hidden=[16], dropout=0.5, seed=0)
    assert np.array_equal(m.predict(X), m.predict(X))


def test_masked_optimizer_keeps_pruned_weights_at_zero():
    from deeplearn_helpers.lessons.prune import MaskedOptimizer
    X, y = dl.make_dataset("circle", n=40, seed=0)
    m = dl.MLP(input_dim=2, hidden=[6], seed=0)
    mask = (np.arange(12).reshape(6, 2) % 3 != 0).astype(float)
    opt = MaskedOptimizer(dl.Adam(0.05), {"V1": mask})
    opt.apply(m.params)
    dl.train(m, X, y, optimizer=opt, epochs=3)
    assert np.all(m.params["V1"][mask == 0] == 0) and np.all(m.params["V1"][mask == 1] != 0)
    with pytest.raises(ValueError, match="masks: expected 0/1 arrays"):
        MaskedOptimizer(dl.SGD(0.1), {"V9": mask}).apply(m.params)
    with pytest.raises(ValueError, match="masks: expected 0/1 arrays"):
        MaskedOptimizer(dl.SGD(0.1), {"V1": np.ones((2, 6))}).apply(m.params)


def test_train_many_gives_one_independent_run_per_seed():
    X, y = dl.make_dataset("xor", n=40, seed=0)
    runs = dl.train_many(lambda s: dl.MLP(input_dim=2, hidden=[4], seed=s), X, y, seeds=[0, 1, 0],
                         optimizer="adam", step_size=0.01, epochs=3)
    assert len(runs) == 3
    assert runs[0][1].train_loss == runs[2][1].train_loss != runs[1][1].train_loss
    with pytest.raises(ValueError, match="optimizer: expected a name or a function"):
        dl.train_many(lambda s: dl.MLP(), X, y, seeds=[0], optimizer=dl.SGD(0.1))


def test_weight_path_records_start_and_every_epoch():
    X, y = dl.make_dataset("linear", n=20, seed=0)
    model = dl.LinearPredictor()
    path = dl.weight_path(model)
    dl.train(model, X, y, optimizer=dl.SGD(0.05), epochs=4, callback=path)
    assert path.values.shape == (5, 2)
    assert np.all(path.values[0] == 0) and np.array_equal(path.values[-1], model.w)
    with pytest.raises(ValueError, match="name: expected one of w, got 'V1'"):
        dl.weight_path(model, "V1")


def test_a_loss_exploding_by_1e8_counts_as_diverged_even_if_finite():
    """Linear regression with a step size just past stability: the loss grows geometrically
    and stays finite for many epochs; it is stopped once it is 1e8 times its start."""
    X, y = dl.make_dataset("sine", n=40, seed=0)
    model = dl.MLP(input_dim=1, hidden=[], seed=0)
    h = dl.train(model, X, y, optimizer=dl.SGD(3.5), epochs=2000, batch_size=None)
    assert h.diverged and h.epoch < 2000
    assert max(h.train_loss) < 1e8 * max(1.0, h.train_loss[0])


@pytest.mark.parametrize("reg", ["l1", "l2"])
def test_a_regularised_step_follows_the_gradient_of_the_penalty(reg):
    """One full-batch SGD step with a penalty is theta - eta (grad TrainLoss + grad penalty),
    the penalty's gradient by finite differences of regularization_penalty."""
    X, y = dl.make_dataset("moons", n=30, seed=0)
    a = dl.MLP(input_dim=2, hidden=[4, 3], activation="tanh", seed=1)
    b = a.copy()
    dl.train(a, X, y, optimizer=dl.SGD(0.1), epochs=1, batch_size=None, regularization=reg,
             reg_rate=0.05)
    _, g = b.loss_and_grads(X, y)
    for k, p in b.params.items():
        pen = numerical_gradient(lambda: dl.regularization_penalty(b, reg, 0.05), p)
        assert (np.any(pen != 0)) == (k in b.weight_names)     # weights only, not biases
        np.testing.assert_allclose(a.params[k], p - 0.1 * (g[k] + pen), rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("kw", [dict(), dict(X_test=True), dict(shuffle=False), dict(seed=None)])
def test_full_batch_reuse_gives_the_same_numbers_as_a_separate_evaluation(kw):
    """A full-batch epoch reuses the forward pass that measured TrainLoss at theta_t (no
    callback); with a callback it evaluates separately.  Both give the same bits."""
    X, y = dl.make_dataset("spiral", n=80, seed=0)
    if kw.pop("X_test", None):
        kw.update(X_test=X[:20], y_test=y[:20])
    runs = []
    for callback in (None, lambda t, m, h: False):
        m = dl.MLP(input_dim=2, hidden=[6, 6], activation="tanh", seed=2)
        h = dl.train(m, X, y, loss="logistic", optimizer=dl.SGD(0.5), epochs=6, batch_size=None,
                     callback=callback, **kw)
        runs.append((h, m))
        # the History holds TrainLoss at theta_T in eval mode
        assert h.train_loss[-1] == dl.evaluate(m, X, y, "logistic")[0]
    (h1, m1), (h2, m2) = runs
    if kw.get("seed", 0) is not None:
        assert h1.train_loss == h2.train_loss and h1.train_error == h2.train_error
        assert h1.test_loss == h2.test_loss
        assert all(np.array_equal(m1.params[k], m2.params[k]) for k in m1.params)


@pytest.mark.parametrize("batch_size", [1, 8, None])
@pytest.mark.parametrize("every, epochs_recorded", [(3, [0, 3, 6, 7]), (None, [0, 7]),
                                                     (10, [0, 7])])
def test_record_every_records_fewer_epochs_and_trains_the_same(batch_size, every,
                                                                epochs_recorded):
    """record_every skips the History's passes over the data, not the training: the same
    parameters to the bit, and the recorded epochs hold the same numbers."""
    X, y = dl.make_dataset("moons", n=40, noise=0.2, seed=0)
    runs = []
    for kw in (dict(), dict(record_every=every)):
        m = dl.MLP(input_dim=2, hidden=[5, 5], activation="tanh", dropout=0.2, seed=3)
        h = dl.train(m, X, y, optimizer=dl.Adam(0.02), epochs=7, batch_size=batch_size,
                     X_test=X[:10], y_test=y[:10], **kw)
        runs.append((m, h))
    (m1, h1), (m2, h2) = runs
    assert h1.epochs == list(range(8)) and h2.epochs == epochs_recorded
    assert all(np.array_equal(m1.params[k], m2.params[k]) for k in m1.params)
    for field in ("train_loss", "train_error", "test_loss", "test_error"):
        full = dict(zip(h1.epochs, getattr(h1, field)))
        assert getattr(h2, field) == [full[t] for t in epochs_recorded], field


def test_record_every_still_stops_a_diverging_run_and_a_callback_still_stops():
    X, y = dl.make_dataset("spiral", n=100, seed=0)
    net = dl.MLP(input_dim=2, hidden=[8, 8], activation="relu", seed=0)
    h = dl.train(net, X, y, optimizer=dl.SGD(50.0), epochs=20, record_every=None)
    assert h.diverged and h.diverged_epoch == 1 and h.epochs == [0]
    assert all(np.all(np.isfinite(p)) for p in net.params.values())
    h = dl.train(dl.MLP(input_dim=2, hidden=[4], seed=0), X, y, epochs=10, record_every=None,
                 callback=lambda t, m, hist: t == 3)
    assert h.stopped_early and h.epochs == [0, 3] and not h.diverged
