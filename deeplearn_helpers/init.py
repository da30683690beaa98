"""Initialisation of a layer's weight matrix V (fan_out, fan_in).

    normal:  V_ij ~ N(0, init_scale^2)
    xavier:  V_ij ~ N(0, init_scale^2 * 2 / (fan_in + fan_out))      (Glorot & Bengio, 2010)
    he:      V_ij ~ N(0, init_scale^2 * 2 / fan_in)                  (He et al., 2015)
    zeros:   V_ij = 0   (fine for a linear predictor; a network stays symmetric)

Biases start at zero.  Greedy layer-wise pre-training lives in ``pretrain``.
"""
import numpy as np

from ._checks import check_choice

INITS = ("normal", "xavier", "he", "zeros")


def init_std(init, fan_in, fan_out, init_scale=1.0):
    """The standard deviation of the weights that ``init`` draws for a (fan_out, fan_in) layer."""
    check_choice(init, "init", INITS)
    if init == "normal":
        return init_scale
    if init == "xavier":
        return init_scale * np.sqrt(2.0 / (fan_in + fan_out))
    if init == "he":
        return init_scale * np.sqrt(2.0 / fan_in)
    return 0.0                                                          # zeros


def init_weights(init, fan_in, fan_out, rng, init_scale=1.0):
    """A freshly drawn weight matrix V: (fan_out, fan_in)."""
    std = init_std(init, fan_in, fan_out, init_scale)
    return std * rng.standard_normal((fan_out, fan_in))
