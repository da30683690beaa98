"""What training records: the History of per-epoch losses and errors."""
import math
from dataclasses import dataclass, field

from ._checks import bad, is_real


@dataclass
class History:
    """Per-epoch record of training.  Index 0 is before training, index t after epoch t.

    train_loss, test_loss: TrainLoss (and the same average on the test set), measured in eval
    mode after each epoch; train_error, test_error: fraction misclassified (empty for
    regression); diverged: True if the loss became NaN, infinite or 1e8 times its start
    (training stopped there, the model was put back to its parameters at the start of that
    epoch).
    """
    train_loss: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    train_error: list = field(default_factory=list)
    test_error: list = field(default_factory=list)
    epochs: list = field(default_factory=list)
    diverged: bool = False
    diverged_epoch: int = None
    stopped_early: bool = False
    message: str = ""

    @property
    def epoch(self):
        """The number of epochs trained so far."""
        return self.epochs[-1] if self.epochs else 0

    def append(self, t, train_loss, train_error=None, test_loss=None, test_error=None):
        """Record epoch t (errors and test loss only where they are not None)."""
        for values, v in ((self.epochs, t), (self.train_loss, train_loss),
                          (self.train_error, train_error), (self.test_loss, test_loss),
                          (self.test_error, test_error)):
            values.extend([] if v is None else [v])

    def summary(self):
        """One line: epochs, final TrainLoss (4 significant digits), errors, divergence."""
        parts = [f"epoch {self.epoch}", f"TrainLoss {self.train_loss[-1]:.4g}"]
        if self.test_loss:
            parts.append(f"TestLoss {self.test_loss[-1]:.4g}")
        if self.train_error:
            parts.append(f"train error {self.train_error[-1]:.1%}")
        if self.test_error:
            parts.append(f"test error {self.test_error[-1]:.1%}")
        return ", ".join(parts) + (f"  [{self.message}]" if self.message else "")

    def __repr__(self):
        return f"History({self.summary()})"


def epochs_to_reach(history, target):
    """The first epoch t with TrainLoss <= target (0 = already at the start), or None if never."""
    if not isinstance(history, History):
        raise bad("history", "a History", history)
    if not is_real(target) or not math.isfinite(target):
        raise bad("target", "a finite number", target)
    for t, value in zip(history.epochs, history.train_loss):
        if value <= target:
            return int(t)
    return None
