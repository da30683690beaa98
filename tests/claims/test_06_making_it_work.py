"""The claims of notebooks/06_making_it_work.ipynb, asserted through the same package calls as the
notebook makes them: a claim that fails here means the notebook's text is wrong."""
import math

import numpy as np

import deeplearn_helpers as dl


def test_06_wider_networks_succeed_from_more_seeds():
    """Claim: the success rate of 20 seeds at the widest width is at least that at width 2,
    and reaches >= 90%, on xor and on the spiral."""
    widths = [2, 8, 32, 128]
    recipe = dict(seeds=range(20), threshold=0.1, activation="relu", init="xavier",
                  optimizer="adam", step_size=0.05)
    X_xor, y_xor = dl.make_dataset("xor", n=40, noise=0.05, seed=0)
    X_spiral, y_spiral = dl.make_dataset("spiral", n=40, noise=0.0, seed=0)
    rates = {"xor, 60 epochs": dl.width_sweep(X_xor, y_xor, widths, epochs=60, **recipe),
             "spiral, 100 epochs": dl.width_sweep(X_spiral, y_spiral, widths, epochs=100,
                                                  **recipe)}
    for r in rates.values():
        assert r[-1] >= r[0] and r[-1] >= 0.9
    assert rates["xor, 60 epochs"][0] <= 0.5         # text: "with 2 units most seeds get stuck"


# --- 2 · adaptive step sizes -----------------------------------------------------------------

def test_06_adam_and_adagrad_beat_sgd_at_its_best_stable_step_size():
    """Claim: on the ill-conditioned surface (kappa = 50) Adam and AdaGrad reach the minimum's
    neighbourhood in fewer steps than SGD at its best stable step size (each at its best)."""
    surface = dl.make_surface("quadratic", condition=50)
    etas = np.geomspace(0.001, 3, 41)
    sweep = {name: dl.step_size_sweep(surface, name, etas, steps=150, radius=0.1)
             for name in dl.OPTIMIZERS}
    best = {name: dl.best_step_size(etas, k) for name, k in sweep.items()}
    eta_sgd, k_sgd = best["sgd"]
    assert math.isfinite(k_sgd) and eta_sgd < 2 / 50       # a stable step size that gets there
    assert not np.isfinite(sweep["sgd"][etas > 2 / 50]).any()   # above 2/kappa SGD fails
    assert best["adam"][1] < k_sgd and best["adagrad"][1] < k_sgd


def test_06_the_turned_valley_takes_away_most_of_the_edge():
    """Caveat in the text: in the valley turned by 45 degrees AdaGrad needs more steps than
    SGD at its best."""
    etas = np.geomspace(0.001, 3, 41)
    turned = dl.make_surface("quadratic", condition=50, angle=45)
    k = {name: dl.best_step_size(etas, dl.step_size_sweep(turned, name, etas, steps=150,
                                                          radius=0.1))[1]
         for name in ["sgd", "adagrad", "adam"]}
    assert k["adagrad"] > k["sgd"]


def test_06_adaptive_methods_and_momentum_beat_plain_sgd_on_the_spiral():
    """Text: on the network the adaptive methods and momentum bring TrainLoss down faster
    than plain SGD with the same budget of steps."""
    X, y = dl.make_dataset("spiral", n=100, noise=0.05, seed=0)
    step_sizes = {"sgd": 0.1, "momentum": 0.1, "adagrad": 0.1, "rmsprop": 0.01, "adam": 0.01}
    runs = dl.train_optimizers(lambda: dl.MLP(2, [16, 16], activation="tanh", seed=0), X, y,
                               step_sizes, loss="squared", epochs=200, batch_size=None)
    final = {name: h.train_loss[-1] for name, h in runs.items()}
    assert all(final[name] < final["sgd"] for name in ["momentum", "adagrad", "rmsprop", "adam"])


# --- 3 · dropout -------------------------------------------------------------------------------

def test_06_dropout_narrows_the_gap_between_train_and_test_error():
    """Claim: dropout narrows the gap between train and test error (text: without dropout the
    training error is 0; here the test error drops too)."""
    X, y = dl.make_dataset("moons", n=400, noise=0.3, seed=1)
    X_train, X_test, y_train, y_test = dl.train_test_split(X, y, test_fraction=0.9, seed=0)
    nets = {p: dl.MLP(2, [128], activation="relu", dropout=p, seed=0) for p in (0.0, 0.5)}
    runs = {f"dropout p={p}": dl.train(net, X_train, y_train, optimizer="adam", step_size=0.02,
                                       epochs=300, batch_size=None, X_test=X_test, y_test=y_test)
            for p, net in nets.items()}
    plain, drop = runs["dropout p=0.0"], runs["dropout p=0.5"]
    gap = {k: h.test_error[-1] - h.train_error[-1] for k, h in runs.items()}
    assert gap["dropout p=0.5"] < gap["dropout p=0.0"]
    assert plain.train_error[-1] == 0.0 and drop.train_error[-1] > 0.0
    assert drop.test_error[-1] < plain.test_error[-1]


# --- 4 · careful initialisation ------------------------------------------------------------------

def test_06_first_layer_gradient_vanishes_under_scale_0_1():
    """Claim: the gradient norm of the first layer under scale 0.1 is orders of magnitude
    below that of the last (text: about 1e-9 times), and Xavier / He do not fix it for the
    sigmoid; with tanh and Xavier every layer gets a gradient of the same size."""
    X, y = dl.make_dataset("spiral", n=200, noise=0.1, seed=0)
    inits = [("normal", 0.1), ("normal", 1.0), ("normal", 10.0), ("xavier", 1.0), ("he", 1.0)]
    stats = [dl.init_layer_stats(X, y, init, scale, depth=10, width=32, activation="sigmoid")
             for init, scale in inits]
    small = stats[0]
    assert small.first_to_last < 1e-2                          # orders of magnitude
    assert 1e-10 < small.first_to_last < 1e-8                  # "about 1e-9"
    assert stats[3].first_to_last < 1e-3 and stats[4].first_to_last < 1e-3
    tanh_stats = [dl.init_layer_stats(X, y, init, scale, depth=10, width=32, activation="tanh")
                  for init, scale in inits]
    xavier = tanh_stats[3].grad_norms
    assert xavier.max() / xavier.min() < 10                   # the same size in every layer
    assert tanh_stats[2].first_to_last > 100                  # scale 10: exploding


def test_06_greedy_pretraining_rescues_a_stalled_deep_sigmoid_network():
    """Claim: a deep sigmoid network that stalls from naive small random initialisation trains
    after greedy pre-training (lower TrainLoss after the same fine-tuning epochs)."""
    X, y = dl.load_digits()
    X_train, X_test, y_train, y_test = dl.train_test_split(X, y, test_fraction=0.25, seed=0)
    X_few, y_few = X_train[:100], y_train[:100]
    random_net = dl.MLP(64, [32, 32, 32, 32], 10, activation="sigmoid", init="normal",
                        init_scale=0.01, seed=0)
    pretrained_net = random_net.copy()
    autoencoders = dl.pretrain_greedy(pretrained_net, X_train[:500], epochs=10, optimizer="adam",
                                      step_size=0.01, batch_size=10)
    assert all(h.train_loss[-1] < h.train_loss[0] for h in autoencoders)
    fine_tune = dict(loss="cross_entropy", optimizer="momentum", step_size=0.2, epochs=50,
                     batch_size=10)
    nets = {"small random init": random_net, "greedy pre-training": pretrained_net}
    runs = {name: dl.train(net, X_few, y_few, **fine_tune) for name, net in nets.items()}
    stalled, rescued = runs["small random init"], runs["greedy pre-training"]
    assert abs(stalled.train_loss[-1] - math.log(10)) < 0.05     # "stalls at ln 10"
    assert rescued.train_loss[-1] < 0.1 < stalled.train_loss[-1]
    assert (dl.evaluate(pretrained_net, X_test, y_test, "cross_entropy")[1]
            < dl.evaluate(random_net, X_test, y_test, "cross_entropy")[1])


# --- 5 · batch normalisation ------------------------------------------------------------------

def test_06_batch_norm_reaches_the_target_in_fewer_epochs():
    """Claim: with batch norm the deep sigmoid network reaches TrainLoss 0.5 in fewer epochs."""
    X, y = dl.make_dataset("circle", n=100, noise=0.05, seed=0)
    runs = {name: dl.train(dl.MLP(2, [16] * 5, activation="sigmoid", batch_norm=bn, seed=0),
                           X, y, optimizer="adam", step_size=0.01, epochs=120, batch_size=25)
            for name, bn in [("plain", False), ("batch norm", True)]}
    t_bn = dl.epochs_to_reach(runs["batch norm"], 0.5)
    t_plain = dl.epochs_to_reach(runs["plain"], 0.5)
    assert t_bn is not None and (t_plain is None or t_bn < t_plain)
    assert t_plain is not None and t_bn < t_plain / 3      # "far fewer": both reach it here


# --- 6 · model and optimization are tightly coupled ---------------------------------------------

def test_06_activation_and_initialisation_only_work_together():
    """Claim: with one optimizer, ReLU + He trains while ReLU from small weights stalls, ReLU
    from s = 1 diverges, tanh needs Xavier or He, and the sigmoid fails from every start."""
    X, y = dl.make_dataset("circle", n=100, noise=0.05, seed=0)
    activations = ["sigmoid", "tanh", "relu"]
    inits = [("normal", 0.1), ("normal", 1.0), ("xavier", 1.0), ("he", 1.0)]
    settings = [dict(activation=a, init=i, init_scale=s) for a in activations for i, s in inits]
    final, _ = dl.final_losses(lambda **kw: dl.MLP(2, [16] * 6, seed=0, **kw), X, y, settings,
                               optimizer="sgd", step_size=0.1, epochs=40, batch_size=20)
    grid = final.reshape(3, 4)
    sigmoid, tanh, relu = grid
    assert relu[3] < 0.1                       # ReLU + He works
    assert relu[0] > 0.5                       # ReLU + small normal stalls
    assert relu[1] == np.inf                   # ReLU + normal s=1 diverges
    assert np.all(sigmoid > 0.5)               # sigmoid fails from every start, He included
    assert tanh[0] > 0.5 and tanh[1] > 0.5 and tanh[2] < 0.1 and tanh[3] < 0.1
