"""Sequence data for the sequence-model notebooks: a shipped text and seeded toy tasks.

    text = dl.load_text()                         # the generated text (data/text.txt)
    ids, chars = dl.encode_text(text)             # one id per character, chars[id] = character
    X, Y = dl.char_windows(ids, length=32)        # inputs x_1..x_T, targets x_2..x_{T+1}
    X, Y = dl.make_sequence_task("first", n=500, length=20, vocab=8, seed=0)

Symbols are ints; 0 is reserved (start or padding), the tasks use 1..vocab-1.  Tasks:
    copy       Y = X                               (sequence to sequence)
    reverse    Y = X reversed                      (sequence to sequence)
    translate  Y_t = a fixed permutation of X_t    (a toy translation; alignment = diagonal)
    first      y = X_1, read after the last symbol (a long dependency across T steps)
"""
from pathlib import Path

import numpy as np

from ._checks import bad, check_choice, check_int, check_seed

TASKS = ("copy", "reverse", "translate", "first")
TEXT_FILE = Path(__file__).parent / "data" / "text.txt"


def load_text():
    """The small generated English text that ships with the package (about 33 KB)."""
    return TEXT_FILE.read_text()


def encode_text(text):
    """(ids (len(text),) ints, chars): the text as symbol ids; ``chars[i]`` is symbol i."""
    if not isinstance(text, str) or not text:
        raise bad("text", "a non-empty string", text if not isinstance(text, str) else "''")
    chars = sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    return np.array([index[c] for c in text], dtype=np.intp), chars


def decode(ids, chars):
    """The string whose symbol ids are ``ids``."""
    return "".join(chars[i] for i in np.asarray(ids).ravel())


def char_windows(ids, length=32, step=None):
    """Training pairs for next-symbol prediction, x_{t+1} ~ Decode(h_t).

    ids: (N,) -> X (n, length) windows of the text, Y (n, length) the same shifted by one;
    windows start every ``step`` symbols (default: length, no overlap).
    """
    ids = np.asarray(ids)
    length = check_int(length, "length")
    step = length if step is None else check_int(step, "step")
    if ids.ndim != 1 or ids.size < length + 1:
        raise bad("ids", f"a 1-D array of more than length = {length} symbols",
                  got=f"shape {ids.shape}")
    starts = np.arange(0, ids.size - length, step)
    cols = starts[:, None] + np.arange(length)
    return ids[cols], ids[cols + 1]


def make_sequence_task(task, n=500, length=10, vocab=8, seed=0):
    """A toy sequence task: X (n, length) symbols in 1..vocab-1 and its targets.

    Y is (n, length) for copy, reverse and translate; (n,) for first.  Seeded.
    """
    check_choice(task, "task", TASKS)
    n, length = check_int(n, "n"), check_int(length, "length")
    vocab = check_int(vocab, "vocab", 3)
    rng = np.random.default_rng(check_seed(seed))
    X = rng.integers(1, vocab, size=(n, length))
    if task == "copy":
        return X, X.copy()
    if task == "reverse":
        return X, X[:, ::-1].copy()
    if task == "translate":
        table = np.concatenate([[0], 1 + np.random.default_rng(12345).permutation(vocab - 1)])
        return X, table[X]
    return X, X[:, 0].copy()
