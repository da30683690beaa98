"""Data augmentation: translation, reflection, intensity, and the stacked augmented set."""
import numpy as np
import pytest
from conftest import raises

import deeplearn_helpers as dl
from deeplearn_helpers.augment import augment, reflect, translate, vary_intensity

IMG = np.arange(1.0, 17.0).reshape(1, 1, 4, 4)


@pytest.mark.parametrize("dx, dy", [(1, 0), (-1, 0), (0, 2), (2, -1), (0, 0)])
def test_translate_moves_pixels_and_fills_zeros(dx, dy):
    out = translate(IMG, dx, dy, (1, 4, 4))[0, 0]
    for i in range(4):
        for j in range(4):
            si, sj = i - dy, j - dx
            expected = IMG[0, 0, si, sj] if 0 <= si < 4 and 0 <= sj < 4 else 0.0
            assert out[i, j] == expected


def test_flattened_rows_round_trip_and_reflect_twice_is_identity():
    X, _ = dl.load_digits()
    X = X[:5]
    assert translate(X, 1, 0).shape == X.shape
    assert np.array_equal(translate(translate(X, 0, 0), 0, 0), X)
    assert np.array_equal(reflect(reflect(X)), X)
    assert np.array_equal(reflect(X).reshape(-1, 8, 8), X.reshape(-1, 8, 8)[:, :, ::-1])


def test_intensity_scales_and_clips():
    X = np.array([[0.2, 0.6, 1.0]])
    assert np.allclose(vary_intensity(X, 0.5), [[0.1, 0.3, 0.5]])
    assert np.allclose(vary_intensity(X, 2.0), [[0.4, 1.0, 1.0]])


def test_augment_stacks_copies_with_their_labels_seeded():
    X, y = dl.load_digits()
    X, y = X[:20], y[:20]
    Xa, ya = augment(X, y, copies=2, max_shift=1, flip=True, intensity=0.2, seed=3)
    assert Xa.shape == (60, 64) and np.array_equal(ya, np.tile(y, 3))
    assert np.array_equal(Xa[:20], X)                      # the originals come first
    assert not np.array_equal(Xa[20:40], X)
    assert np.all((Xa >= 0) & (Xa <= 1))
    Xb, _ = augment(X, y, copies=2, max_shift=1, flip=True, intensity=0.2, seed=3)
    assert np.array_equal(Xa, Xb)
    # without flip or intensity, every copy is a translate of its original
    Xc, _ = augment(X, y, copies=1, max_shift=1, seed=0)
    shifted = [[translate(X[i:i + 1], dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
               for i in range(20)]
    assert all(any(np.array_equal(Xc[20 + i], s[0]) for s in shifted[i]) for i in range(20))


@pytest.mark.parametrize("call, message", [
    (lambda: translate(IMG, 4, 0, (1, 4, 4)), r"dx: expected an int with \|dx\| < 4, got 4"),
    (lambda: translate(IMG, 0, 1.5, (1, 4, 4)), r"dy: expected an int >= -3, got 1.5"),
    (lambda: translate(np.zeros((2, 10)), 1, 0), r"X: expected images \(n, 64\)"),
    (lambda: reflect(IMG, (4, 4)), r"image_shape: expected \(C, H, W\)"),
    (lambda: vary_intensity(IMG, 0.0), r"factor: expected"),
    (lambda: augment(np.zeros((3, 64)), np.zeros(2)), r"y: expected 3 labels"),
    (lambda: augment(np.zeros((3, 64)), np.zeros(3), copies=-1), r"copies: expected an int >= 0"),
])
def test_bad_input(call, message):
    with raises(message):
        call()
