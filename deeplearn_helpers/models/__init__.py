"""Models: chains of the layer pairs in ``layers/``, one file per kind of model.

    mlp.py       MLP (any depth and width) and its Layer records
    linear.py    LinearPredictor (an MLP without hidden layers)
    base.py      Model: the checked public face (predict, loss_and_grads, ...) of a model
    cnn.py       CNN: (conv -> relu -> max pool) blocks, then dense layers
    residual.py  ResidualMLP: a deep stack of layers, plain or with skips h + sigma(V h)

Later sections add theirs here (e.g. a convolutional network, an RNN, an autoencoder),
built from the pairs in ``layers/`` the same way.
"""
from ..layers.dense import ACTIVATIONS, sigmoid
from .base import Model
from .cnn import CNN
from .linear import LinearPredictor
from .mlp import MLP, Layer, check_hidden
from .residual import ResidualMLP, residual_backward, residual_forward

__all__ = ["ACTIVATIONS", "CNN", "MLP", "Model", "ResidualMLP", "residual_backward",
           "residual_forward", "Layer", "LinearPredictor", "check_hidden", "sigmoid"]
