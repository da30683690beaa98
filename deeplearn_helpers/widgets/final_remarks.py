"""Explorer for notebook 14 (final remarks): the receptive field of a dilated convolution stack."""
import ipywidgets as W

from ..plot.final_remarks import plot_receptive_field
from ..plot.style import figsize
from .base import live_figure

_WIDE = {"description_width": "initial"}


def receptive_field_explorer(depth=4, dilation="doubling", max_depth=6):
    """Move the depth and switch dilation on and off: which inputs the last output sees.

    The picture is ``plot_receptive_field(depth, dilation, length=2 ** max_depth)``.
    """
    controls = {
        "depth": W.IntSlider(value=depth, min=1, max=max_depth, description="depth",
                             style=_WIDE, continuous_update=False),
        "dilation": W.ToggleButtons(options=["none", "doubling"], value=dilation,
                                    description="dilation", style=_WIDE),
    }
    return live_figure(lambda ax, depth, dilation: plot_receptive_field(
        depth, dilation, length=2 ** max_depth, ax=ax), controls, figsize=figsize(aspect=0.45))
