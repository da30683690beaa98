"""Explorers for notebook 13 (unsupervised learning): a noise-level slider for the denoising
autoencoder, a walk through a VAE's 2-D latent space."""
import ipywidgets as W
import numpy as np

from ..augment import corrupt
from ..plot.style import figsize
from ..plot.unsupervised import plot_decoded_grid, plot_digit_rows
from .base import live_figure

_WIDE = {"description_width": "initial"}


def denoise_explorer(ae, X, level=0.3, seed=1):
    """Blank out a fraction ``level`` of the pixels of the digits X (m, 64) and denoise them
    with ``ae``: rows clean / corrupted / Decode(Encode(Corrupt(x))).  The picture is
    ``plot_digit_rows``."""
    X = np.asarray(X, dtype=float)

    def draw(ax, level):
        noisy = corrupt(X, "blankout", level, seed=seed)
        fig = ax.figure
        fig.clear()
        plot_digit_rows([X, noisy, ae.predict(noisy)],
                        ["clean x", f"Corrupt(x), {level:.0%}", "denoised"], fig=fig)

    controls = {"level": W.FloatSlider(value=level, min=0.0, max=0.9, step=0.1,
                                       description="blanked-out fraction", style=_WIDE,
                                       continuous_update=False, readout_format=".1f")}
    return live_figure(draw, controls, figsize=figsize(len(X), 3, aspect=1.0, width=0.8))


def latent_walk_explorer(vae, span=2.5, h1=0.0, h2=0.0):
    """Move a code h = (h_1, h_2) through a VAE's latent space: the grid of decoded images
    with h marked (left), the image decoded from h (right)."""
    def draw(axes, h1, h2):
        plot_decoded_grid(vae.decode, span=span, n=7, ax=axes[0], point=(h1, h2))
        img = vae.decode(np.array([[h1, h2]]))[0].reshape(8, 8)
        axes[1].imshow(img, cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
        axes[1].set_axis_off()
        axes[1].set_title(f"Decode(h), h = ({h1:.1f}, {h2:.1f})")

    slider = dict(min=-span, max=span, step=0.25, style=_WIDE, continuous_update=True)
    controls = {"h1": W.FloatSlider(value=h1, description="$h_1$", **slider),
                "h2": W.FloatSlider(value=h2, description="$h_2$", **slider)}
    return live_figure(draw, controls, figsize=figsize(2, 1, aspect=0.9, width=0.8), ncols=2)
