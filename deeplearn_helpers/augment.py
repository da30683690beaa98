"""Data augmentation for image arrays, as AlexNet used it against overfitting: translate,
reflect horizontally, vary the intensity.  Numpy only, seeded.

Images are the rows of X, flattened: X (n, C*H*W) with ``image_shape`` = (C, H, W) (the
digits: (1, 8, 8)), or arrays (n, C, H, W).  Every function returns a new array of the same
shape as its input.
"""
import numpy as np

from ._checks import bad, check_choice, check_int, check_number, check_seed


def _as_images(X, image_shape):
    """X -> (images (n, C, H, W), the input's shape)."""
    X = np.asarray(X, dtype=np.float64)
    shape = tuple(image_shape)
    if len(shape) != 3:
        raise bad("image_shape", "(C, H, W), e.g. (1, 8, 8)", image_shape)
    if X.ndim == 4 and X.shape[1:] == shape:
        return X, X.shape
    if X.ndim == 2 and X.shape[1] == int(np.prod(shape)):
        return X.reshape(-1, *shape), X.shape
    raise bad("X", f"images (n, {np.prod(shape)}) or (n, {shape[0]}, {shape[1]}, {shape[2]})",
              got=f"shape {X.shape}")


def translate(X, dx, dy, image_shape=(1, 8, 8)):
    """Shift every image by dx pixels right and dy pixels down; pixels shifted in are 0.

    X: (n, C*H*W) or (n, C, H, W); dx, dy: ints (negative: left, up) -> same shape as X.
    """
    imgs, shape = _as_images(X, image_shape)
    H, W = imgs.shape[2:]
    for name, d, size in (("dx", dx, W), ("dy", dy, H)):
        if check_int(d, name, -size + 1) >= size:
            raise bad(name, f"an int with |{name}| < {size}", d)
    out = np.zeros_like(imgs)
    out[:, :, max(dy, 0):H + min(dy, 0), max(dx, 0):W + min(dx, 0)] = \
        imgs[:, :, max(-dy, 0):H - max(dy, 0), max(-dx, 0):W - max(dx, 0)]
    return out.reshape(shape)


def reflect(X, image_shape=(1, 8, 8)):
    """Mirror every image left to right.  X: (n, C*H*W) or (n, C, H, W) -> same shape."""
    imgs, shape = _as_images(X, image_shape)
    return imgs[:, :, :, ::-1].reshape(shape).copy()


def vary_intensity(X, factor):
    """Scale every pixel by ``factor`` (> 0) and clip to [0, 1].  X: any shape in [0, 1]."""
    factor = check_number(factor, "factor", 0.0, np.inf, "()")
    return np.clip(np.asarray(X, dtype=np.float64) * factor, 0.0, 1.0)


def augment(X, y, copies=1, max_shift=1, flip=False, intensity=0.0, image_shape=(1, 8, 8),
            seed=0):
    """The training set and ``copies`` randomly changed copies of it, stacked.

    Each copy of each image: translated by dx, dy drawn from -max_shift..max_shift, mirrored
    with probability 1/2 if ``flip``, its intensity scaled by a factor drawn from
    [1 - intensity, 1 + intensity].  X: (n, C*H*W), y: (n,) -> ((1 + copies) n, ...), labels.
    """
    copies = check_int(copies, "copies", 0)
    max_shift = check_int(max_shift, "max_shift", 0)
    intensity = check_number(intensity, "intensity", 0.0, 1.0, "[)")
    imgs, shape = _as_images(X, image_shape)
    y = np.asarray(y)
    if y.shape[:1] != (imgs.shape[0],):
        raise bad("y", f"{imgs.shape[0]} labels (one per image)", got=f"shape {y.shape}")
    rng = np.random.default_rng(check_seed(seed))
    out = [imgs]
    for _ in range(copies):
        new = np.empty_like(imgs)
        shifts = rng.integers(-max_shift, max_shift + 1, size=(imgs.shape[0], 2))
        for (dx, dy) in {tuple(s) for s in shifts}:          # one call per distinct shift
            rows = np.all(shifts == (dx, dy), axis=1)
            new[rows] = translate(imgs[rows], int(dx), int(dy), image_shape)
        if flip:
            rows = rng.random(imgs.shape[0]) < 0.5
            new[rows] = new[rows][:, :, :, ::-1]
        if intensity:
            factors = rng.uniform(1 - intensity, 1 + intensity, size=imgs.shape[0])
            new = np.clip(new * factors[:, None, None, None], 0.0, 1.0)
        out.append(new)
    Xa = np.concatenate(out).reshape(-1, *shape[1:])
    return Xa, np.concatenate([y] * (copies + 1))


# --- corruption, for denoising autoencoders ------------------------------------------------------

NOISES = ("blankout", "gaussian")


def corrupt(X, kind, level, seed=0):
    """Corrupt(x): 'blankout' sets each entry to 0 with probability ``level``
    (Corrupt([1, 2, 3, 4]) = [0, 2, 3, 0]); 'gaussian' adds N(0, level^2) noise
    ([1.1, 1.9, 3.3, 4.2]).  X: any shape -> same shape; seed: an int or a numpy Generator."""
    kind = check_choice(kind, "kind", NOISES)
    X = np.asarray(X, dtype=np.float64)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(
        check_seed(seed))
    if kind == "blankout":
        level = check_number(level, "level", 0.0, 1.0, "[]")
        return X * (rng.random(X.shape) >= level)
    level = check_number(level, "level", 0.0)
    return X + level * rng.standard_normal(X.shape)
