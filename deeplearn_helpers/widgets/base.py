"""The one mechanism every explorer uses: controls on top, a figure below, redrawn on change."""
import ipywidgets as W
import matplotlib.pyplot as plt
from IPython.display import display


def live_figure(draw, controls, figsize=None, ncols=1, width_ratios=None):
    """A widget: ``controls`` (name -> ipywidget) and a figure that ``draw`` redraws on any change.

    draw(axes, **values) draws on a fresh figure's axes (one Axes, or an array of ``ncols``)
    given every control's current value; figsize None: the style's default size;
    width_ratios: the relative widths of the ``ncols`` axes (None: equal).
    Returns a VBox; ``box.controls`` is the dict, ``box.draws`` counts the redraws.
    """
    out = W.Output()
    box = W.VBox([W.HBox(list(controls.values())), out])
    box.draws = 0                                   # how many times the figure was drawn

    def redraw(_=None):
        fig, axes = plt.subplots(1, ncols, figsize=figsize, squeeze=ncols == 1,
                                 width_ratios=width_ratios)
        draw(axes if ncols == 1 else axes[0], **{k: c.value for k, c in controls.items()})
        fig.tight_layout()
        with out:
            out.clear_output(wait=True)
            display(fig)
        plt.close(fig)
        box.draws += 1

    for c in controls.values():
        c.observe(redraw, names="value")
    box.controls = controls
    box.redraw = redraw
    redraw()
    return box
