"""Your own points for the playground: a CSV file (x1, x2, label per line) or arrays.

numpy only. Labels become the package's conventions: 2 classes -> y in {-1, +1}; 3 to 8
classes -> y in 0..k-1 (for the cross-entropy loss).
"""
import numpy as np


def read_points(source):
    """Points for the playground from a CSV text (x1, x2, label per line) or a pair (X, y).

    A header line and lines starting with '#' are skipped; separators: comma, semicolon,
    tab or spaces. Labels: 2 values -> {-1, +1} (the smaller -1); 3 to 8 integers -> classes
    0..k-1. Returns (X (n, 2) float, y (n,)). Raises ValueError saying what is wrong.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        try:
            source = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("the file is not text (UTF-8); expected lines x1, x2, label") \
                from None
    if isinstance(source, str):
        rows, header_seen = [], False
        for i, line in enumerate(source.splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            cells = [p for p in line.replace(";", ",").replace("\t", ",").replace(" ", ",")
                     .split(",") if p]
            try:
                values = [float(p) for p in cells]
            except ValueError:
                if not rows and not header_seen:
                    header_seen = True         # a header line, e.g. x1,x2,label
                    continue
                raise ValueError(f"line {i}: expected 3 numbers x1, x2, label, "
                                 f"got {line!r}") from None
            if len(values) != 3:
                raise ValueError(f"line {i}: expected 3 numbers x1, x2, label, got {line!r}")
            rows.append(values)
        if not rows:
            raise ValueError("no data: expected lines of 3 numbers x1, x2, label")
        A = np.array(rows)
        X, y = A[:, :2], A[:, 2]
    else:
        try:
            if len(source) == 2 and np.ndim(source[0]) == 2:
                X, y = (np.asarray(a, dtype=float) for a in source)
            else:                                   # rows x1, x2, label (as in pg.state)
                A = np.asarray(source, dtype=float)
                X, y = (A[:, :2], A[:, 2]) if A.ndim == 2 and A.shape[1] == 3 else (A, A)
        except (TypeError, ValueError):
            raise ValueError("data: expected (X, y) with X of shape (n, 2) and y of shape (n,),"
                             " or rows x1, x2, label") from None
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"data: expected X of shape (n, 2) and y of shape (n,), "
                         f"got {X.shape} and {y.shape}")
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y))):
        raise ValueError("data: contains NaN or infinity")
    if not 10 <= len(X) <= 5000:
        raise ValueError(f"data: expected 10 to 5000 points, got {len(X)}")
    labels = np.unique(y)
    if len(labels) == 2:
        return X, np.where(y == labels[1], 1.0, -1.0)
    if 3 <= len(labels) <= 8 and np.all(labels == np.round(labels)):
        return X, np.searchsorted(labels, y).astype(np.int64)
    raise ValueError(f"label: expected 2 classes (e.g. -1/+1 or 0/1) or 3 to 8 integer "
                     f"classes, got {len(labels)} different labels")
