"""The playground (notebook 09): every knob of the lecture, trained live.

    features   the input features (x1, x2, x1^2, ...), numpy only
    own_data   a student's CSV of points, numpy only
    panels     the figure's panels (matplotlib)
    render     the renderer: builds the figure once, updates it in place (matplotlib)
    controls   the ipywidgets controls
    widget     ``Playground``: the widget that ties them together

``dl.Playground`` loads matplotlib and ipywidgets on first use.
"""
