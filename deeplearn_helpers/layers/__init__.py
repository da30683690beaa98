"""Layers: pure forward/backward pairs in the CS231n style, numpy only, batch first, float64.

    out, cache = <layer>_forward(inputs, parameters, ...)      the forward rule
    grads      = <layer>_backward(dout, cache)                  its local derivatives (chain rule)

A model (``models/``) only chains these pairs.  One file per family of layers:

    dense.py       affine, the activations (one table ACTIVATIONS), batch norm, dropout
    conv.py        (later section) conv2d, conv1d, maxpool2d           -- add it here
    recurrent.py   (later section) rnn, lstm (backpropagation through time)
    attention.py   (later section) scaled dot-product attention

The signatures of the later layers are fixed in DESIGN.md ("Layers for the later sections");
each new file gets its own gradient checks in tests/test_layers.py and is exported from
``deeplearn_helpers/__init__.py`` as ``dl.<name>``.
"""
from .dense import (ACTIVATIONS, BN_EPS, BN_MOMENTUM, activation_backward, activation_forward,
                    affine_backward, affine_forward, batchnorm_backward, batchnorm_forward,
                    dropout_backward, dropout_forward, relu, sigmoid, tanh)

__all__ = ["ACTIVATIONS", "BN_EPS", "BN_MOMENTUM", "activation_backward", "activation_forward",
           "affine_backward", "affine_forward", "batchnorm_backward", "batchnorm_forward",
           "dropout_backward", "dropout_forward", "relu", "sigmoid", "tanh"]
