"""Layers: pure forward/backward pairs in the CS231n style, numpy only, batch first, float64.

    out, cache = <layer>_forward(inputs, parameters, ...)      the forward rule
    grads      = <layer>_backward(dout, cache)                  its local derivatives (chain rule)

A model (``models/``) only chains these pairs.  One file per family of layers:

    dense.py       affine, the activations (one table ACTIVATIONS), batch norm, dropout
    conv.py        conv2d, conv1d (with dilation), maxpool2d, flatten    (convolutional networks)
    recurrent.py   rnn, lstm (backpropagation through time), embedding  (sequence models)
    attention.py   scaled dot-product attention, softmax                (sequence models)

The signatures of the later layers are fixed in DESIGN.md ("Layers for the later sections");
each file has its own gradient checks (tests/test_layers.py, test_conv.py, test_recurrent.py)
and is exported from
``deeplearn_helpers/__init__.py`` as ``dl.<name>``.
"""
from .attention import attention_backward, attention_forward, softmax
from .conv import (
                    conv1d_backward,
                    conv1d_forward,
                    conv2d_backward,
                    conv2d_forward,
                    flatten_backward,
                    flatten_forward,
                    maxpool2d_backward,
                    maxpool2d_forward,
)
from .dense import (
                    ACTIVATIONS,
                    BN_EPS,
                    BN_MOMENTUM,
                    activation_backward,
                    activation_forward,
                    affine_backward,
                    affine_forward,
                    batchnorm_backward,
                    batchnorm_forward,
                    dropout_backward,
                    dropout_forward,
                    relu,
                    sigmoid,
                    tanh,
)
from .recurrent import (
                    embedding_backward,
                    embedding_forward,
                    lstm_backward,
                    lstm_forward,
                    rnn_backward,
                    rnn_forward,
)

__all__ = ["ACTIVATIONS", "BN_EPS", "BN_MOMENTUM", "activation_backward", "activation_forward",
           "affine_backward", "affine_forward", "batchnorm_backward", "batchnorm_forward",
           "dropout_backward", "dropout_forward", "relu", "sigmoid", "tanh",
           "conv1d_backward", "conv1d_forward", "conv2d_backward", "conv2d_forward",
           "flatten_backward", "flatten_forward", "maxpool2d_backward", "maxpool2d_forward",
           "embedding_backward", "embedding_forward", "lstm_backward", "lstm_forward",
           "rnn_backward", "rnn_forward", "attention_backward", "attention_forward", "softmax"]
