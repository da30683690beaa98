"""The playground (notebook 09): every knob of the lecture, trained live.

    spec       the controls: names, allowed values, defaults          (numpy only)
    features   the input features (x1, x2, x1^2, ...)                 (numpy only)
    own_data   a student's CSV of points                              (numpy only)
    session    ``Session``: data, network, optimizer, history; ``step(n)`` trains (numpy only)
    pictures   the values drawn (unit pictures, output shades) and the panel base class
    diagram    the network diagram and the grid of hidden units        (matplotlib)
    panels     the output, hidden-space and loss panels                (matplotlib)
    render     ``PlaygroundView``: the figure, built once, updated in place (matplotlib)
    controls   the ipywidgets controls and the compact layout          (ipywidgets)
    player     Play: the background thread and its flow control        (ipywidgets)
    widget     ``Playground``: the thin widget that ties them together

``dl.Playground`` loads matplotlib and ipywidgets on first use; ``Session`` needs neither.
"""
from .session import Scene, Session

__all__ = ["Scene", "Session"]
