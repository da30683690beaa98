"""Lottery tickets: iterative magnitude pruning with rewinding (Frankle & Carbin, 2019).

    1. draw theta_0, train it to theta_T (the dense network)
    2. prune: set to 0 (mask m_ij = 0) the ``fraction`` smallest |V_ij| still alive in every
       weight matrix (the output layer's ``output_fraction``); biases are never pruned
    3. rewind the survivors to their values in theta_0, train again with the mask; repeat 2-3

The subnetwork m * theta_0 is the *ticket*.  The control trains the same mask from a fresh
random initialisation theta_0': if the ticket does better, the initial values of the
surviving weights matter, not just the wiring.  ``MaskedOptimizer`` keeps pruned weights at
0 during training.
"""
from dataclasses import dataclass, field

import numpy as np

from .._checks import check_open_interval, check_positive_int, check_seed, is_int
from ..optim import Adam, Optimizer
from ..train import train


class MaskedOptimizer(Optimizer):
    """An optimizer whose every step keeps pruned weights at 0: after the inner optimizer's
    step, params[k] *= masks[k] (masks: {name: 0/1 array of the parameter's shape})."""

    def __init__(self, optimizer, masks):
        if not isinstance(optimizer, Optimizer):
            raise ValueError(f"optimizer: expected an Optimizer, got {optimizer!r}")
        if not isinstance(masks, dict):
            raise ValueError(f"masks: expected a dict {{parameter name: 0/1 array}}, got {masks!r}")
        self.optimizer = optimizer
        self.masks = {k: np.asarray(m, dtype=float) for k, m in masks.items()}

    t = property(lambda self: self.optimizer.t, lambda self, t: setattr(self.optimizer, "t", t))
    eta = property(lambda self: self.optimizer.eta)

    def reset(self):
        self.optimizer.reset()

    def __repr__(self):
        return f"MaskedOptimizer({self.optimizer!r}, masks for {', '.join(self.masks)})"

    def apply(self, params):
        """params[k] *= masks[k] for every masked parameter (in place)."""
        for k, m in self.masks.items():
            if np.shape(params.get(k)) != m.shape or not np.all((m == 0) | (m == 1)):
                raise ValueError(f"masks: expected 0/1 arrays of the parameters' shapes, got "
                                 f"{m.shape} for {k!r}")
            params[k] *= m

    def step(self, params, grads):
        self.optimizer.step(params, grads)
        for k, m in self.masks.items():
            params[k] *= m


def prune_by_magnitude(params, masks, fraction, output_fraction=None, output_name="w"):
    """New masks: each matrix loses ``fraction`` of its surviving weights, the smallest |V_ij|.

    params: {name: array}; masks: {name: 0/1 array of the same shape} for the matrices to
    prune (all ones at the start); fraction in (0, 1); output_fraction (default: fraction)
    for ``output_name``.  Ties at the cut are pruned together.  Returns a new dict of masks.
    """
    fraction = check_open_interval(fraction, "fraction", 0, 1)
    output_fraction = fraction if output_fraction is None else check_open_interval(
        output_fraction, "output_fraction", 0, 1)
    if not isinstance(masks, dict) or not masks:
        raise ValueError("masks: expected a dict {parameter name: 0/1 array}, not empty")
    new = {}
    for name, m in masks.items():
        if name not in params or np.shape(m) != params[name].shape:
            raise ValueError(f"masks: {name!r} must name a parameter and have its shape")
        m = np.asarray(m, dtype=float)
        alive = np.abs(params[name][m == 1])
        if alive.size == 0:
            new[name] = m.copy()
            continue
        f = output_fraction if name == output_name else fraction
        k = int(round(f * alive.size))                  # how many survivors to cut
        cut = np.sort(alive)[k - 1] if k > 0 else -np.inf
        new[name] = m * (np.abs(params[name]) > cut)
    return new


def sparsity(masks):
    """The fraction of weights pruned: (number of zeros in all masks) / (number of entries)."""
    total = sum(np.size(m) for m in masks.values())
    return float(1.0 - sum(np.sum(m) for m in masks.values()) / total)


@dataclass
class LotteryResult:
    """One run of ``lottery_ticket``; entry r of each list is pruning round r + 1.

    dense_accuracy: test accuracy of the trained dense network;  sparsity: fraction of
    weights pruned;  ticket_accuracy: rewound to theta_0 and retrained;  random_accuracy:
    the same mask from a fresh initialisation;  masks: the masks of every round.
    """
    dense_accuracy: float
    sparsity: list = field(default_factory=list)
    ticket_accuracy: list = field(default_factory=list)
    random_accuracy: list = field(default_factory=list)
    masks: list = field(default_factory=list)

    def sparsest_match(self, tolerance=0.01):
        """The round (index) of the highest sparsity where the ticket's test accuracy is at
        least dense_accuracy - tolerance; None if there is none."""
        ok = [i for i, a in enumerate(self.ticket_accuracy) if a >= self.dense_accuracy - tolerance]
        return max(ok, key=lambda i: self.sparsity[i]) if ok else None

    def summary(self):
        """A table: sparsity, test error of the ticket and of the fresh init, per round."""
        lines = [f"dense network: test error {1 - self.dense_accuracy:.1%}",
                 "pruned   test error: ticket (rewound)   fresh init"]
        lines += [f"{s:6.1%}   {1 - t:28.1%}   {1 - r:10.1%}" for s, t, r in
                  zip(self.sparsity, self.ticket_accuracy, self.random_accuracy, strict=True)]
        return "\n".join(lines)


def lottery_ticket(make_model, X_train, y_train, X_test, y_test, rounds=10, fraction=0.2,
                   output_fraction=0.1, epochs=15, step_size=0.002, batch_size=32,
                   loss="cross_entropy", seed=0, random_seed=1000):
    """Iterative magnitude pruning with rewinding; test accuracy of ticket and control per round.

    make_model(seed) -> a fresh MLP; theta_0 = make_model(seed), the control's init is
    make_model(random_seed).  Every training: Adam(step_size), ``epochs`` epochs of
    minibatches of ``batch_size``, shuffled with ``seed``.  Round r prunes ``fraction`` of the
    surviving hidden weights (``output_fraction`` of the output layer's), so after r rounds
    about 1 - (1 - fraction)^r of the hidden weights are gone.  X: (n, d), y: labels.
    Returns a LotteryResult.
    """
    rounds = check_positive_int(rounds, "rounds")
    check_open_interval(fraction, "fraction", 0, 1)
    check_open_interval(output_fraction, "output_fraction", 0, 1)
    for v, name in ((epochs, "epochs"), (batch_size, "batch_size")):
        check_positive_int(v, name)
    if not callable(make_model):
        raise ValueError("make_model: expected a function seed -> model")
    seed, random_seed = check_seed(seed), check_seed(random_seed, "random_seed")
    if not is_int(seed) or not is_int(random_seed):
        raise ValueError("seed, random_seed: expected ints >= 0 (a ticket must be reproducible)")

    def accuracy(model, masks):
        opt = MaskedOptimizer(Adam(step_size), masks)
        opt.apply(model.params)                            # pruned weights start at 0
        hist = train(model, X_train, y_train, loss=loss, optimizer=opt,
                     epochs=epochs, batch_size=batch_size, seed=seed, X_test=X_test,
                     y_test=y_test, record_every=None)
        if hist.diverged or not hist.test_error:
            raise ValueError("lottery_ticket: training diverged or gave no test error; "
                             "use a classification loss and a smaller step_size")
        return 1.0 - hist.test_error[-1]

    theta0 = make_model(seed)
    output = theta0.weight_names[-1]
    masks = {k: np.ones_like(theta0.params[k]) for k in theta0.weight_names}
    trained = theta0.copy()
    result = LotteryResult(accuracy(trained, masks))
    for _ in range(rounds):
        masks = prune_by_magnitude(trained.params, masks, fraction, output_fraction, output)
        trained = theta0.copy()                            # rewind to theta_0
        result.ticket_accuracy.append(accuracy(trained, masks))
        result.random_accuracy.append(accuracy(make_model(random_seed), masks))
        result.sparsity.append(sparsity(masks))
        result.masks.append(masks)
    return result
