"""What every model shares: the checked public face around its forward and backward pass.

A model sets ``input_dim``, ``output_dim`` and ``params`` (a dict name -> array, in layer
order), and defines ``forward(X, train=False, rng=None) -> (F, cache)`` and
``backward(dF, cache) -> grads``; then ``dl.train``, the optimizers and the gradient checks
use it unchanged.
"""
import numpy as np

from .. import losses as _losses
from .._checks import bad, check_seed, check_X


class Model:
    """Base class: loss_and_grads, predict, classify, n_params, copy from forward/backward."""

    batch_norm = False          # train() asks: batch norm needs batches of >= 2 examples
    dropout = 0.0

    def backprop(self, X, y, loss_fn, rng=None):
        """(mean loss, grads) on a batch in training mode, no argument checks (train's step)."""
        F, cache = self.forward(X, train=True, rng=rng)
        value, dF = loss_fn(F, y)
        return value, self.backward(dF, cache)

    def loss_and_grads(self, X, y, loss="squared", seed=None):
        """TrainLoss on (X, y) in training mode and its gradient: (float, dict like params)."""
        X = check_X(X, self.input_dim)
        y = _losses.check_targets(y, loss, self.output_dim, X.shape[0])
        if self.batch_norm and X.shape[0] < 2:
            raise bad("X", "at least 2 examples (batch norm in training mode)", X.shape[0])
        rng = np.random.default_rng(check_seed(seed)) if seed is not None else None
        return self.backprop(X, y, _losses.get_loss(loss), rng)

    def predict(self, X):
        """f_theta(x) for every row of X in eval mode: (n,) for one output, else (n, k)."""
        return self.forward(check_X(X, self.input_dim))[0]

    def classify(self, X):
        """Predicted labels: sign(f_theta(x)) in {-1, +1}, or argmax for k outputs.  -> (n,)."""
        F = self.predict(X)
        return np.argmax(F, axis=1) if F.ndim == 2 else np.where(F >= 0, 1.0, -1.0)

    @property
    def n_params(self):
        """The number of parameters d, theta in R^d."""
        return int(sum(p.size for p in self.params.values()))

    def copy(self):
        """An independent copy (its parameters copied)."""
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        new.params = {k: v.copy() for k, v in self.params.items()}
        return new


def symbol_ids(X, vocab):
    """The symbol ids of X (rows of a sequence model's input, as numbers) as ints; a ValueError
    naming X unless they are whole numbers in 0..vocab-1."""
    ids = np.asarray(X)
    if ids.size and (np.any(ids != np.round(ids)) or ids.min() < 0 or ids.max() >= vocab):
        raise bad("X", f"symbol ids in 0..{vocab - 1}", got=f"values {np.unique(ids)[:6]}")
    return ids.astype(np.intp)
