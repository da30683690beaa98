"""Models: chains of the layer pairs in ``layers/``, one file per kind of model.

    mlp.py       MLP (any depth and width) and its Layer records
    linear.py    LinearPredictor (an MLP without hidden layers)

Later sections add theirs here (e.g. a convolutional network, an RNN, an autoencoder),
built from the pairs in ``layers/`` the same way.
"""
from ..layers.dense import ACTIVATIONS, sigmoid
from .linear import LinearPredictor
from .mlp import MLP, Layer, check_hidden

__all__ = ["ACTIVATIONS", "MLP", "Layer", "LinearPredictor", "check_hidden", "sigmoid"]
