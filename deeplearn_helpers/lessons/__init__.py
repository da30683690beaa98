"""The experiments of single notebooks, built on the core's public API only.

One module per experiment; the notebook that shows it in brackets:
    circuits         McCulloch-Pitts gates, xor, a full adder, learned circuits (03)
    backprop_graph   the computation graph of one example, forward and backward (04)
    landscape        the loss along lines and planes, unit swaps, gradient evaluations (04, 05)
    surfaces         ill-conditioned 2-D losses and optimizer paths (06)
    layerstats       per-layer activations and gradients (06)
    pretrain         greedy layer-wise autoencoder pre-training (06)
    sweeps           success rate against width, per-setting runs (06)
    random_features  double descent with random ReLU features (07)
    prune            lottery tickets: magnitude pruning with rewinding (07)
    compute          the cost of an epoch against width and data (08)
    learning_curve   test error against the number of training examples (08)
    unsupervised     PCA vs a linear autoencoder, denoising, VAE, pre-training, masked symbols (13)
    final_remarks    dilated receptive fields, a tiny adversarial network, approximation (14)
"""
