"""Pictures of convolutional networks (notebook 11): a filter sliding over an image, learned
filters and feature maps, the volumes through a network, shift and residual results."""
import matplotlib.pyplot as plt
import numpy as np

from ..layers.conv import conv2d_forward
from . import style

IMAGE_CMAP = "gray_r"          # ink dark on white, as the digits are written
SIGNED_CMAP = style.DIVERGING  # filters and feature maps: signed values around white 0


def _image(ax, img, title, signed=False):
    img = np.asarray(img, dtype=float)
    if signed:
        m = max(float(np.abs(img).max()), 1e-12)
        ax.imshow(img, cmap=SIGNED_CMAP, vmin=-m, vmax=m)
    else:
        ax.imshow(img, cmap=IMAGE_CMAP, vmin=0, vmax=max(1.0, float(img.max())))
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def plot_feature_map(image, kernel, fig=None):
    """Image * filter = feature map: the filter's dot product with every 3x3 patch (zero
    padding 1, so the map is as large as the image).  image: (8, 8), kernel: (3, 3)."""
    fig = fig or plt.figure(figsize=style.figsize(3, aspect=0.8))
    draw_feature_map(fig.subplots(1, 3), image, kernel)
    return fig


def draw_feature_map(axes, image, kernel):
    """plot_feature_map's three panels on the given three Axes."""
    K = np.asarray(kernel, dtype=float)
    Y = conv2d_forward(np.asarray(image, dtype=float).reshape(1, 1, 8, 8), K[None, None],
                       padding=1)[0][0, 0]
    _image(axes[0], np.asarray(image).reshape(8, 8), "image x")
    _image(axes[1], K, "filter K", signed=True)
    for (i, j), v in np.ndenumerate(K):
        axes[1].text(j, i, f"{v:.2g}", ha="center", va="center")
    _image(axes[2], Y, "feature map K * x", signed=True)
    return axes


def plot_filters_and_maps(model, x, fig=None):
    """The first layer's learned filters (top) and their feature maps on the digit x (below)."""
    K = model.params["K1"][:, 0]
    maps = model.feature_maps(np.asarray(x).reshape(1, -1))[0][0]
    F = len(K)
    fig = fig or plt.figure(figsize=style.figsize(F, 2, aspect=1.0))
    axes = fig.subplots(2, F, squeeze=False)
    for f in range(F):
        _image(axes[0, f], K[f], f"K{f + 1}", signed=True)
        _image(axes[1, f], maps[f], "", signed=False)
    axes[1, 0].set_ylabel("relu(K * x)")
    return fig


def plot_volumes(model, ax=None):
    """The shape of the volume after every layer: channels x height x width, as boxes."""
    ax = ax or plt.figure(figsize=style.figsize(1, aspect=0.35)).add_subplot()
    sizes = [("input", *model.input_shape)]
    for l, (C, H, W) in enumerate(model.shapes[1:], start=1):
        sizes.append((f"conv{l} + pool", C, H, W))
    sizes.append(("dense", model.output_dim, 1, 1))
    x = 0.0
    for name, C, H, W in sizes:
        depth = 0.25 + 0.05 * C
        ax.add_patch(plt.Rectangle((x, 0), depth, H / 8, fill=True, alpha=0.35, color="C0"))
        ax.text(x + depth / 2, H / 8 + 0.08, f"{C}x{H}x{W}", ha="center")
        ax.text(x + depth / 2, -0.18, name, ha="center", va="top")
        x += depth + 0.6
    ax.set_xlim(-0.2, x)
    ax.set_ylim(-0.5, 1.35)
    ax.axis("off")
    return ax


def plot_shift_accuracy(result, ax=None):
    """Test accuracy on the digits as they are and moved one pixel, per seed (dots) and
    median (bar), for the CNN and the MLP (a ShiftResult)."""
    ax = ax or plt.figure(figsize=style.figsize(1, aspect=0.45)).add_subplot()
    for i, (name, acc) in enumerate((("CNN", result.cnn), ("MLP", result.mlp))):
        for j, label in enumerate(("as they are", "moved 1 pixel")):
            pos = 3 * i + j
            ax.bar(pos, np.median(acc[:, j]), color=f"C{j}", alpha=0.6,
                   label=label if i == 0 else None)
            ax.plot(np.full(len(acc), pos), acc[:, j], "o", color="k")
        params = result.cnn_params if name == "CNN" else result.mlp_params
        ax.text(3 * i + 0.5, 1.02, f"{name} ({params} parameters)", ha="center")
    ax.set_xticks([])
    ax.set_ylim(0, 1.12)
    ax.set_ylabel("test accuracy")
    ax.legend(loc="lower center")
    return ax


def plot_residual(result, fig=None):
    """Left: final train error per seed, plain vs residual.  Right: the gradient norm of
    every layer at the start (log scale), one line per seed."""
    fig = fig or plt.figure(figsize=style.figsize(2))
    ax1, ax2 = fig.subplots(1, 2)
    for i, name in enumerate(("plain", "residual")):
        errs = result[name]["errors"]
        ax1.plot(np.full(len(errs), i), errs, "o", color=f"C{i}")
        for g in result[name]["gradient norms"]:
            ax2.semilogy(np.arange(1, len(g) + 1), g, color=f"C{i}", alpha=0.7)
        ax2.plot([], [], color=f"C{i}", label=name)
    ax1.set_xticks([0, 1], ["plain", "residual"])
    ax1.set_xlim(-0.5, 1.5)
    ax1.set_ylim(-0.02, 0.6)
    ax1.set_ylabel("train error after training")
    ax2.set_xlabel("layer $l$")
    ax2.set_ylabel(r"$\|\partial\,\mathrm{TrainLoss} / \partial V_l\|$")
    ax2.legend()
    fig.tight_layout()
    return fig


def plot_activation_curves(curves, ax=None):
    """TrainLoss per epoch for each activation ({name: (n_seeds, epochs + 1)}), every seed a
    line, and chance level (ln 10) dotted."""
    ax = ax or plt.figure(figsize=style.figsize(1, aspect=0.45)).add_subplot()
    for i, (name, runs) in enumerate(curves.items()):
        for k, run in enumerate(runs):
            ax.plot(np.arange(len(run)), run, color=f"C{i}", label=name if k == 0 else None)
    ax.axhline(np.log(10), color="k", ls=":", label="guessing: ln 10")
    ax.set_xlabel("epoch $t$")
    ax.set_ylabel("TrainLoss")
    ax.legend()
    return ax


def plot_augmentation(results, ax=None):
    """Test accuracy with few training digits, per setting ({name: (n_seeds, 2)}): digits as
    they are and moved one pixel, per seed (dots) and median (bars)."""
    ax = ax or plt.figure(figsize=style.figsize(1, aspect=0.45)).add_subplot()
    names = list(results)
    for i, name in enumerate(names):
        for j, label in enumerate(("as they are", "moved 1 pixel")):
            pos = 3 * i + j
            acc = results[name][:, j]
            ax.bar(pos, np.median(acc), color=f"C{j}", alpha=0.6,
                   label=label if i == 0 else None)
            ax.plot(np.full(len(acc), pos), acc, "o", color="k")
    ax.set_xticks([3 * i + 0.5 for i in range(len(names))], names)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("test accuracy")
    ax.legend(loc="lower right")
    return ax
