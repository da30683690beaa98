"""The training loop: stochastic gradient descent exactly as the slide writes it.

    For t = 1, ..., T:
        For (x, y) in D_train:
            theta <- theta - eta_t * grad_theta Loss(x, y, theta)

``batch_size=1`` is that loop (the examples visited in a seeded random order each epoch, or
in order with ``shuffle=False``); a larger ``batch_size`` averages the gradient over that many
examples; ``batch_size=None`` is full-batch gradient descent on TrainLoss.

The loop knows nothing about plots or widgets: they listen through ``callback``.
"""
import math

import numpy as np

from . import losses as _losses
from ._checks import bad, check_choice, check_int, check_number, check_seed, check_X, is_int
from .history import History, epochs_to_reach  # noqa: F401  (dl.epochs_to_reach lives here)
from .optim import Optimizer, make_optimizer

REGULARIZATIONS = (None, "l1", "l2")
DIVERGENCE_FACTOR = 1e8      # TrainLoss this many times its start (or 1) counts as diverged


def train(model, X, y, loss="squared", optimizer=None, epochs=10, batch_size=1, seed=0,
          X_test=None, y_test=None, callback=None, shuffle=True, step_size=None,
          regularization=None, reg_rate=0.0, history=None, record_every=1):
    """Train ``model`` in place; return its History.

    X: (n, input_dim), y: (n,) targets (or (n, k) for squared loss with k outputs).
    optimizer: an Optimizer, or a name ('sgd', 'momentum', 'adagrad', 'rmsprop', 'adam')
      with ``step_size`` (default 0.1); None means SGD.
    batch_size: 1 (per-example SGD, the slide's loop), any k, or None for the full batch.
    seed: the shuffling (epoch t's order depends on (seed, t) only); None: fresh randomness.
    regularization: None, 'l1' (adds reg_rate * sum |V|) or 'l2' (reg_rate * sum V^2) to
      the loss, over the weight matrices (not biases, not batch-norm gamma/beta).
    callback(epoch, model, history): called after every epoch; returning True stops training.
    history: a History to continue (epochs count on from its last one); None starts anew.
    record_every: the History records TrainLoss (and the test loss) before training, after
      every ``record_every``-th epoch and after the last one; None: only before and after.
      Each record is a pass over the whole training (and test) set, which a caller that wants
      only the trained model can skip.  The training itself is the same.
    """
    run = _Run(model, X, y, loss, optimizer, epochs, batch_size, seed, X_test, y_test,
               callback, shuffle, step_size, regularization, reg_rate, history, record_every)
    hist, opt, P = run.history, run.optimizer, model.params
    last = hist.epoch + epochs
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for t in range(hist.epoch + 1, last + 1):                   # for t = 1, ..., T
            opt.t = t
            theta_before = {k: v.copy() for k, v in P.items()}
            finite = True
            for Xb, yb in run.batches(t):                           # for each batch (x, y)
                value, grads = run.backprop(Xb, yb)
                finite = math.isfinite(value)
                if not finite:
                    break
                run.add_penalty(grads)
                opt.step(P, grads)                                  # theta -= eta_t grad
            recorded = t == last or (run.record_every and t % run.record_every == 0)
            if not finite or (recorded and not run.record(t)):
                _diverged(hist, P, theta_before, t)
                break
            if callback is not None and callback(t, model, hist):
                hist.stopped_early = True
                if not (recorded or run.record(t)):                 # the History ends at t
                    _diverged(hist, P, theta_before, t)
                break
    return hist


def _diverged(hist, P, theta_before, t):
    """Epoch t blew up: back to the parameters before it, and the History says so."""
    for k, v in theta_before.items():
        P[k][...] = v
    hist.diverged, hist.diverged_epoch = True, t
    hist.message = f"diverged in epoch {t}: TrainLoss blew up; try a smaller step size"


class _Run:
    """train's arguments, checked, and what its loop needs: batches, penalty, record."""

    def __init__(self, model, X, y, loss, optimizer, epochs, batch_size, seed, X_test, y_test,
                 callback, shuffle, step_size, regularization, reg_rate, history, record_every):
        self.model = model
        self.X = check_X(X, model.input_dim)
        self.y = _losses.check_targets(y, loss, model.output_dim, self.X.shape[0])
        if (X_test is None) != (y_test is None):
            raise bad("X_test, y_test", "both or neither", got=f"only "
                      f"{'X_test' if y_test is None else 'y_test'}")
        if X_test is not None:
            X_test = check_X(X_test, model.input_dim, "X_test")
            y_test = _losses.check_targets(y_test, loss, model.output_dim, X_test.shape[0])
        self.X_test, self.y_test, self.loss = X_test, y_test, loss
        check_int(epochs, "epochs", 0)
        if record_every is not None and not (is_int(record_every) and record_every >= 1):
            raise bad("record_every", "an int >= 1 or None", record_every)
        self.record_every = record_every
        n = self.X.shape[0]
        self.batch_size = n if batch_size is None else min(check_int(batch_size, "batch_size"), n)
        if model.batch_norm and self.batch_size < 2:
            raise bad("batch_size", "batches of >= 2 examples (batch norm)", batch_size)
        self.seed, self.shuffle = check_seed(seed), shuffle
        self.rng = np.random.default_rng() if seed is None else None
        check_choice(regularization, "regularization", REGULARIZATIONS)
        reg_rate = check_number(reg_rate, "reg_rate", 0.0)
        self.reg = (regularization, reg_rate) if regularization and reg_rate > 0 else None
        if callback is not None and not callable(callback):
            raise bad("callback", "a function callback(epoch, model, history) or None", callback)
        if history is not None and not isinstance(history, History):
            raise bad("history", "a History (from an earlier train) or None", history)
        self.optimizer = make_train_optimizer(optimizer, step_size)
        self.loss_fn = _losses.get_loss(loss)
        self.classification = (is_classification(loss, self.y),
                               X_test is not None and is_classification(loss, y_test))
        # Full batch without dropout and batch norm: training and eval mode agree, so the
        # forward pass that measures TrainLoss at theta_t is also epoch t+1's step (reused).
        self.reuse = (callback is None and self.batch_size == n and not model.batch_norm
                      and not model.dropout and self.record_every == 1)
        self.ahead = None
        self.history = History() if history is None else history
        if not self.history.epochs:
            self.record(0)

    def order(self, t):
        """The order of the examples in epoch t: a permutation drawn from (seed, t)."""
        n = self.X.shape[0]
        return (self.rng or np.random.default_rng([self.seed, t])).permutation(n) \
            if self.shuffle else np.arange(n)

    def batches(self, t):
        """Epoch t's minibatches (Xb, yb) in the order of (seed, t) (batch norm: none of 1)."""
        if self.ahead is not None and self.ahead[0] == t:
            yield self.ahead[1], self.ahead[2]                     # the full batch, reused
            return
        n, bs, order = self.X.shape[0], self.batch_size, self.order(t)
        Xp, yp = self.X[order], self.y[order]
        for i in range(0, n, bs):
            if not (self.model.batch_norm and n - i < 2):
                yield Xp[i:i + bs], yp[i:i + bs]

    def backprop(self, Xb, yb):
        """(TrainLoss on the batch, grads) in training mode; reuses the forward pass of record."""
        ahead, self.ahead = self.ahead, None
        if ahead is not None and ahead[1] is Xb:
            return ahead[3], self.model.backward(ahead[4], ahead[5])
        return self.model.backprop(Xb, yb, self.loss_fn)

    def add_penalty(self, grads):
        """grads += the gradient of the regularisation penalty (for the weight matrices)."""
        if self.reg:
            for name in self.model.weight_names:
                grads[name] = grads[name] + penalty_gradient(self.model.params[name], *self.reg)

    def record(self, t):
        """Append epoch t's losses and errors; False (nothing appended) if they blew up."""
        hist, cls = self.history, self.classification
        if self.reuse:                      # the forward pass of epoch t+1's step, at theta_t
            order = self.order(t + 1)
            Xp, yp = self.X[order], self.y[order]
            F, caches = self.model.forward(Xp, train=True)
            value, dF = self.loss_fn(F, yp)
            self.ahead = (t + 1, Xp, yp, value, dF, caches)
            F_x = np.empty_like(F)
            F_x[order] = F                  # back in the order of X: TrainLoss summed as always
            tr = self.loss_fn(F_x, self.y)[0]
            tr_err = _losses.error_rate(F_x, self.y) if cls[0] else None
        else:
            tr, tr_err = evaluate(self.model, self.X, self.y, self.loss, cls[0])
        te, te_err = (evaluate(self.model, self.X_test, self.y_test, self.loss, cls[1])
                      if self.X_test is not None else (None, None))
        # Diverged: not finite, or 1e8 times worse than at the start (on its way to infinity;
        # a run that blows up the loss this far never comes back in practice).
        limit = DIVERGENCE_FACTOR * max(1.0, hist.train_loss[0]) if hist.train_loss else math.inf
        if not (math.isfinite(tr) and tr < limit) or (te is not None and not math.isfinite(te)):
            return False
        hist.append(t, tr, tr_err, te, te_err)
        return True


def evaluate(model, X, y, loss, classification=None):
    """(TrainLoss, error rate or None) of a model on (X, y) in eval mode, no argument checks."""
    F = model.forward(X)[0]
    value = _losses.get_loss(loss)(F, y)[0]
    if classification is None:
        classification = is_classification(loss, y)
    return value, (_losses.error_rate(F, y) if classification else None)


def is_classification(loss, y):
    """True unless squared loss on targets other than {-1, +1} (regression: no error rate)."""
    return loss != "squared" or (y.ndim == 1 and bool(np.all((y == 1) | (y == -1))))


def penalty_gradient(W, regularization, reg_rate):
    """The penalty's gradient w.r.t. a weight matrix W: 2 reg_rate W (l2), reg_rate sign(W) (l1)."""
    return 2.0 * reg_rate * W if regularization == "l2" else reg_rate * np.sign(W)


def regularization_penalty(model, regularization, reg_rate):
    """The penalty added to TrainLoss: reg_rate * sum |V| (l1) or reg_rate * sum V^2 (l2)."""
    check_choice(regularization, "regularization", REGULARIZATIONS)
    if not regularization:
        return 0.0
    f = np.abs if regularization == "l1" else np.square
    return float(reg_rate * sum(f(model.params[k]).sum() for k in model.weight_names))


def make_train_optimizer(optimizer, step_size):
    """train's optimizer: an Optimizer as it is, or a name (None: 'sgd') with step_size (0.1)."""
    if isinstance(optimizer, Optimizer):
        if step_size is not None:
            raise bad("step_size", "None when optimizer is an Optimizer object (give the step "
                      "size to the optimizer)", step_size)
        return optimizer
    if optimizer is not None and not isinstance(optimizer, str):
        raise bad("optimizer", "an Optimizer or one of 'sgd', 'momentum', 'adagrad', 'rmsprop', "
                  "'adam'", optimizer)
    return make_optimizer(optimizer or "sgd", 0.1 if step_size is None else step_size)
