"""Models: chains of the layer pairs in ``layers/``, one file per kind of model.

    base.py            Model: the checked public face (predict, loss_and_grads, ...)
    mlp.py             MLP (any depth and width), its Layer records and   (feedforward)
                       LinearPredictor (an MLP without hidden layers)
    residual.py        ResidualMLP: deep layers, plain or with skips      (convolutional)
    cnn.py             CNN: (conv -> relu -> max pool) blocks, dense layers
    rnn.py             RNN: embedding -> simple RNN or LSTM -> decoder    (sequence models)
    seq2seq.py         Seq2Seq: encoder-decoder, with or without attention
    self_attention.py  SelfAttention: attention only, with or without positions
    autoencoder.py     Autoencoder: tied or untied, denoising            (unsupervised)
    vae.py             VAE: variational autoencoder, ELBO and its own fit loop

Every model but the VAE is trained by ``dl.train`` unchanged (its loss depends only on the
model's output); a new one subclasses ``Model`` and defines forward/backward.
"""
from ..layers.dense import ACTIVATIONS, sigmoid
from .autoencoder import Autoencoder
from .base import Model
from .cnn import CNN
from .mlp import MLP, Layer, LinearPredictor, check_hidden
from .residual import ResidualMLP, residual_backward, residual_forward
from .rnn import RNN
from .self_attention import SelfAttention, positional_encoding
from .seq2seq import Seq2Seq, seq2seq_inputs
from .vae import VAE

__all__ = ["ACTIVATIONS", "Autoencoder", "CNN", "VAE", "MLP", "Model", "RNN", "ResidualMLP",
           "Seq2Seq", "seq2seq_inputs", "SelfAttention", "positional_encoding",
           "residual_backward", "residual_forward", "Layer", "LinearPredictor", "check_hidden",
           "sigmoid"]
