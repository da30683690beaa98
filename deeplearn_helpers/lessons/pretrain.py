"""Greedy layer-wise pre-training with autoencoders (Hinton et al. 2006; Bengio et al. 2007).

The lecture's "careful initialization (pre-training)": before any label is used, each hidden
layer in turn learns to reconstruct its own input.  For layer l, with H_0 = X:

    autoencoder   H_{l-1}  ->  h = sigma(V H_{l-1} + b)  ->  H_{l-1}' = W h + c
    trained on    TrainLoss = mean ||H_{l-1}' - H_{l-1}||^2        (squared loss, no labels)
    then          V_l, b_l <- V, b   (the encoder), and H_l = sigma(V_l H_{l-1} + b_l)

Only the hidden layers are pre-trained; the output layer keeps its initialisation.  Then
fine-tuning trains the whole network on the (few) labelled examples with ``dl.train``.
"""
from .._checks import check_seed, check_X
from ..models import MLP
from ..optim import OPTIMIZERS
from ..train import train


def pretrain_greedy(model, X, epochs=10, optimizer="adam", step_size=0.01, batch_size=10,
                    seed=0, init="xavier"):
    """Pre-train every hidden layer of ``model`` as an autoencoder of the layer below, in place.

    model: an MLP without batch norm; X: (n, input_dim) unlabelled inputs.
    Layer l's autoencoder is MLP(width_{l-1} -> [width_l] -> width_{l-1}) with the layer's
    activation, initialised with ``init``, trained by dl.train for ``epochs`` epochs
    (optimizer: a name in OPTIMIZERS, a fresh one per layer; step_size, batch_size, seed as
    in dl.train) with the squared loss to reproduce H_{l-1}; its encoder (V, b) is copied
    into V_l, b_l.  Autoencoder l is seeded with seed + l.
    Returns the autoencoders' Histories, one per hidden layer (reconstruction TrainLoss).
    """
    if not isinstance(model, MLP) or not model.hidden:
        raise ValueError(f"model: expected an MLP with at least one hidden layer, got {model!r}")
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer: expected a name, one of {', '.join(OPTIMIZERS)} (each layer "
                         f"gets a fresh optimizer), got {optimizer!r}")
    check_seed(seed)
    if model.batch_norm:
        raise ValueError(f"model: expected an MLP without batch norm (pre-training copies plain "
                         f"affine layers), got {model!r}")
    H = check_X(X, model.input_dim)
    if H.shape[0] < 2:
        raise ValueError(f"X: expected at least 2 examples, got {H.shape[0]}")
    histories = []
    for layer in model.layers[:-1]:                  # the hidden layers
        l, Vn, bn, act = layer.index, layer.weight, layer.bias, layer.activation
        width = model.params[Vn].shape[0]
        auto = MLP(input_dim=H.shape[1], hidden=[width], output_dim=H.shape[1], activation=act,
                   init=init, bias=model.bias, seed=None if seed is None else seed + l)
        histories.append(train(auto, H, H, loss="squared", optimizer=optimizer,
                               step_size=step_size, epochs=epochs, batch_size=batch_size,
                               seed=seed))
        model.params[Vn][...] = auto.params["V1"]
        if bn:
            model.params[bn][...] = auto.params["b1"]
        H = auto.hidden_units(H)[0]                  # h = sigma(V_l H_{l-1} + b_l): the next input
    return histories

