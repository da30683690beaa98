"""The experiments of notebook 13 (unsupervised learning), numpy only.

    PCA as a linear autoencoder   pca, principal_angles, pca_vs_autoencoder
    wider than the input          wide_linear_autoencoder (it learns the identity)
    denoising                     denoising_autoencoder, denoising_ratio
    pre-training, fine-tuning     pretrain_race (few labels, from scratch vs first layer from
                                  a denoising autoencoder, a step-size sweep for both)
    masked symbols (BERT's idea)  masked_char_data, masked_char_accuracy

The notebook and tests/claims/test_13_unsupervised_learning.py call the same functions.
"""
import numpy as np

from .._checks import bad, check_finite_array, check_int, check_number, check_seed
from ..augment import corrupt
from ..models import MLP, VAE, Autoencoder
from ..optim import Adam
from ..sequences import encode_text, load_text
from ..train import evaluate, train


def pca(X, k):
    """(mean (d,), U (d, k)): the mean and the top k principal directions of X (n, d)
    (orthonormal columns, by decreasing variance)."""
    X = check_finite_array(X, "X", ndim=2)
    k = check_int(k, "k")
    if k > min(X.shape):
        raise bad("k", f"an int in 1..{min(X.shape)}", k)
    mean = X.mean(axis=0)
    _, _, Vt = np.linalg.svd(X - mean, full_matrices=False)
    return mean, Vt[:k].T


def principal_angles(A, B):
    """The principal angles (degrees, ascending) between the column spans of A (d, k) and
    B (d, k): 0 for every angle iff the two spans are the same subspace."""
    A, B = check_finite_array(A, "A", ndim=2), check_finite_array(B, "B", ndim=2)
    if A.shape != B.shape:
        raise bad("B", f"shape {A.shape} (as A)", got=f"shape {B.shape}")
    Qa, Qb = np.linalg.qr(A)[0], np.linalg.qr(B)[0]
    cosines = np.clip(np.linalg.svd(Qa.T @ Qb, compute_uv=False), -1.0, 1.0)
    return np.sort(np.degrees(np.arccos(cosines)))


def squared_error(X, Xhat):
    """The mean over examples of ||x - x_hat||^2."""
    return float(np.sum((X - Xhat) ** 2) / len(X))


def linear_autoencoder(X, k, seed=0, epochs=60, step_size=0.003, batch_size=32):
    """An untied linear autoencoder x -> W x -> W' h with k hidden units, trained on the
    centred X by Adam on the squared loss (no labels).  Returns (autoencoder, mean)."""
    X = check_finite_array(X, "X", ndim=2)
    mean = X.mean(axis=0)
    ae = Autoencoder(X.shape[1], k, activation="linear", output_activation="linear", seed=seed)
    train(ae, X - mean, X - mean, loss="squared", optimizer=Adam(step_size), epochs=epochs,
          batch_size=batch_size, seed=seed, record_every=None)
    return ae, mean


def pca_vs_autoencoder(X, k, seed=0):
    """The autoencoder's subspace (the columns of its decoder W') against PCA's top k.
    Returns {"angles": principal angles in degrees, "ae_error", "pca_error"} (the mean
    squared reconstruction errors on X) and the two models' reconstructions."""
    mean, U = pca(X, k)
    ae, ae_mean = linear_autoencoder(X, k, seed=seed)
    Xc = X - mean
    pca_rec = Xc @ U @ U.T + mean
    ae_rec = ae.predict(X - ae_mean) + ae_mean
    return {"angles": principal_angles(ae.params["W2"], U), "ae_error": squared_error(X, ae_rec),
            "pca_error": squared_error(X, pca_rec), "pca_rec": pca_rec, "ae_rec": ae_rec}


def wide_linear_autoencoder(X_train, X_test, hidden=100, seed=0, epochs=20, noise_level=0.3):
    """A linear autoencoder wider than its input (hidden > d), nothing to stop it copying.
    Returns {"relative_error": test reconstruction error / test variance, "noise_kept":
    error of its output on blanked-out test digits / error of those inputs} (1 = it passes
    the noise through unchanged, as the identity would)."""
    ae, mean = linear_autoencoder(X_train, hidden, seed=seed, epochs=epochs)
    var = squared_error(X_test, mean)
    rel = squared_error(X_test, ae.predict(X_test - mean) + mean) / var
    noisy = corrupt(X_test, "blankout", noise_level, seed=seed)
    out = ae.predict(noisy - mean) + mean
    return {"relative_error": rel,
            "noise_kept": squared_error(X_test, out) / squared_error(X_test, noisy), "model": ae}


def denoising_autoencoder(X, hidden=100, noise_level=0.3, seed=0, epochs=30, step_size=0.01,
                          noise="blankout"):
    """Sigmoid units in both layers, blankout noise: every step corrupts its batch afresh and
    reconstructs the clean digits ("pick an example, add fresh noise, SGD update").
    noise=None: the same autoencoder trained on clean inputs only."""
    X = check_finite_array(X, "X", ndim=2)
    ae = Autoencoder(X.shape[1], hidden, activation="sigmoid", output_activation="sigmoid",
                     noise=noise, noise_level=noise_level if noise else 0.0, seed=seed)
    train(ae, X, X, loss="squared", optimizer=Adam(step_size), epochs=epochs, batch_size=32,
          seed=seed, record_every=None)
    return ae


def denoising_ratio(ae, X, level=0.3, seed=1):
    """||x - Decode(Encode(Corrupt(x)))||^2 / ||x - Corrupt(x)||^2 over X (blankout at
    ``level``): below 1 the autoencoder removes noise, 1 is what the identity does."""
    noisy = corrupt(X, "blankout", check_number(level, "level", 0.0, 1.0), seed=seed)
    return squared_error(X, ae.predict(noisy)) / squared_error(X, noisy)


def train_vae(X, seed=0, epochs=20, hidden=64, latent=2):
    """A VAE with a 2-D latent space fitted to X by Adam(0.01), batch 32.  -> (vae, history)."""
    vae = VAE(input_dim=np.shape(X)[1], hidden=hidden, latent=latent, seed=seed)
    return vae, vae.fit(X, epochs=epochs, seed=seed)


STEP_SIZES = (0.003, 0.01, 0.03, 0.1)


def pretrain_race(X_train, y_train, X_test, y_test, seeds=range(5), n_labels=50, hidden=(64, 32),
                  step_sizes=STEP_SIZES, fine_tune_epochs=50, ae_epochs=20, noise_level=0.3):
    """Few labels: an MLP 64 -> hidden (sigmoid) -> 10 fine-tuned on ``n_labels`` labelled
    training digits, its hidden layers either random (Xavier: "from scratch") or pre-trained
    greedily without labels: layer 1 is the encoder of a denoising autoencoder trained on ALL
    training digits, layer 2 that of one trained on layer 1's codes, and so on (the output
    layer stays random).  Both fine-tune every layer by Adam for ``fine_tune_epochs`` epochs
    (batch 10) at every step size.  Seed s picks the labelled subset, the initialisations and
    the shuffling.  Returns test errors, an array (len(seeds), 2, len(step_sizes)):
    [:, 0] scratch, [:, 1] pre-trained."""
    seeds = [check_seed(s) for s in seeds]
    n_labels = check_int(n_labels, "n_labels", 10)
    hidden = [check_int(h, "hidden") for h in hidden]
    out = np.zeros((len(seeds), 2, len(step_sizes)))
    for i, seed in enumerate(seeds):
        encoders, H = [], X_train
        for width in hidden:
            ae = denoising_autoencoder(H, width, noise_level, seed=seed, epochs=ae_epochs)
            encoders.append(ae)
            H = ae.encode(H)
        idx = np.random.default_rng(seed).choice(len(X_train), n_labels, replace=False)
        for j, pre in enumerate((False, True)):
            for m, eta in enumerate(step_sizes):
                net = MLP(input_dim=X_train.shape[1], hidden=hidden, output_dim=10,
                          activation="sigmoid", seed=seed)
                if pre:
                    for layer, ae in zip(net.layers, encoders):
                        net.params[layer.weight][...] = ae.params["W"]
                        net.params[layer.bias][...] = ae.params["b"]
                train(net, X_train[idx], y_train[idx], loss="cross_entropy",
                      optimizer=Adam(eta), epochs=fine_tune_epochs, batch_size=10, seed=seed,
                      record_every=None)
                out[i, j, m] = evaluate(net, X_test, y_test, "cross_entropy")[1]
    return out


def masked_char_data(context=3, n_train=6000, n_test=2000, seed=0):
    """The shipped text as a fill-in-the-blank task: the input is the ``context`` characters
    left and right of a position (one-hot, 2 * context * V numbers), the label the character
    in the middle (blanked).  Positions shuffled by ``seed``; train and test disjoint.
    Returns X_train, y_train, X_test, y_test, chars."""
    context = check_int(context, "context")
    ids, chars = encode_text(load_text())
    pos = np.arange(context, len(ids) - context)
    if n_train + n_test > len(pos):
        raise bad("n_train", f"n_train + n_test <= {len(pos)}", n_train)
    np.random.default_rng(check_seed(seed)).shuffle(pos)
    V, offsets = len(chars), np.r_[np.arange(-context, 0), np.arange(1, context + 1)]

    def one_hot(p):
        ctx = ids[p[:, None] + offsets]
        F = np.zeros((len(p), 2 * context * V))
        F[np.arange(len(p))[:, None], np.arange(2 * context) * V + ctx] = 1.0
        return F

    tr, te = pos[:n_train], pos[len(pos) - n_test:]
    return one_hot(tr), ids[tr], one_hot(te), ids[te], chars


def masked_char_accuracy(context=3, seed=0, epochs=5, hidden=64):
    """Train a one-hidden-layer ReLU network to fill in the blanked character.
    Returns (test accuracy, the frequency baseline: always guess the commonest character,
    the network)."""
    Xtr, ytr, Xte, yte, chars = masked_char_data(context, seed=seed)
    net = MLP(input_dim=Xtr.shape[1], hidden=[hidden], output_dim=len(chars), activation="relu",
              seed=seed)
    train(net, Xtr, ytr, loss="cross_entropy", optimizer=Adam(0.01), epochs=epochs,
          batch_size=32, seed=seed, record_every=None)
    baseline = float(np.mean(yte == np.bincount(ytr).argmax()))
    return 1.0 - evaluate(net, Xte, yte, "cross_entropy")[1], baseline, net


def fill_blank(net, text, context=3):
    """The network's guess for the one "_" in ``text`` (which needs ``context`` characters
    on each side of it, from the shipped text's alphabet).  Returns the filled-in text."""
    _, chars = encode_text(load_text())
    i = text.find("_") if isinstance(text, str) else -1
    if i < context or i + context >= len(text) or text.count("_") != 1:
        raise bad("text", f"a string with one '_' and {context} characters on each side", text)
    window = text[i - context:i] + text[i + 1:i + 1 + context]
    if any(ch not in chars for ch in window):
        raise bad("text", "characters of the shipped text", text)
    F = np.zeros((1, 2 * context * len(chars)))
    F[0, np.arange(2 * context) * len(chars) + [chars.index(ch) for ch in window]] = 1.0
    return text[:i] + chars[int(np.argmax(net.predict(F)[0]))] + text[i + 1:]
