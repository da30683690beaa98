"""Explorers of notebook 12 (sequence models): a stepper through h_t, and the gradient norms
through time under the weight scale and the forget bias.  The pictures are
plot.sequences functions."""
import ipywidgets as W

from ..lessons.sequence_models import gradient_norms
from ..plot.sequences import plot_gradient_norms, plot_hidden_states
from ..plot.style import figsize
from .base import live_figure


def hidden_state_stepper(H, text):
    """A slider t = 1..T: h_t after each of the symbols of ``text`` read so far.
    H: (T, hidden) from lessons.sequence_models.hidden_states."""
    T = len(H)
    t = W.IntSlider(value=1, min=1, max=T, description="t", continuous_update=True)
    return live_figure(lambda ax, t: plot_hidden_states(H, text, upto=t, ax=ax), {"t": t},
                       figsize=figsize(1, 1, aspect=0.35))


def gradient_explorer(length=40):
    """Sliders for the simple RNN's weight scale and the LSTM's forget bias:
    ||d h_T / d h_k|| against T - k for both (untrained networks)."""
    scale = W.FloatSlider(value=1.0, min=0.25, max=8.0, step=0.25, description="RNN scale",
                          continuous_update=False)
    bias = W.FloatSlider(value=1.0, min=-2.0, max=5.0, step=0.5, description="forget bias",
                         continuous_update=False)

    def draw(ax, scale, bias):
        rnn = gradient_norms("rnn", scale, length=length)
        lstm = gradient_norms("lstm", forget_bias=bias, length=length)
        plot_gradient_norms({f"simple RNN, scale {scale:g}": rnn,
                             f"LSTM, forget bias {bias:g}": lstm}, ax=ax)

    return live_figure(draw, {"scale": scale, "bias": bias},
                       figsize=figsize(1, 1, aspect=0.5, width=0.85))
