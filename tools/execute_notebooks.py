"""Re-execute notebooks in place, the way they are committed: `make notebooks` (all) or
`python tools/execute_notebooks.py notebooks/04_optimization_sgd.ipynb ...`.

Why not `jupyter nbconvert --execute`: nbclient's Output-widget hook sends comm updates on
the shell channel while it waits for the execute_reply on that same channel; with a figure
inside an ipywidgets Output this race can hang forever (jupyter/nbclient#311, #312; seen
here on notebooks 01 and 03).  Without the hook a widget cell's figure would land in its
outputs; widget cells (tagged `nbval-ignore-output`) keep only the widget's text instead, as
nbval sees them.  The picture is drawn by the plain cell before every widget cell.
"""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET = "application/vnd.jupyter.widget-view+json"


def execute(path, timeout=300):
    """Run every cell of the notebook at ``path`` in a fresh kernel and save it with outputs."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(Path(path).parent)}})
    client.comm_open_handlers = {}
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)          # timestamps: noise in every diff
    strip_widget_figures(nb)
    nbformat.write(nb, path)


def strip_widget_figures(nb):
    """Widget cells (tagged nbval-ignore-output, showing a widget) keep only its text."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "nbval-ignore-output" in cell.metadata.get(
                "tags", []) and any(WIDGET in o.get("data", {}) for o in cell.outputs):
            cell.outputs = [o for o in cell.outputs if WIDGET in o.get("data", {})]
            for o in cell.outputs:
                o["data"] = {"text/plain": o["data"]["text/plain"]}


if __name__ == "__main__":
    paths = sys.argv[1:] or sorted(str(p) for p in Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
    for p in paths:
        t = time.perf_counter()
        execute(p)
        print(f"executed {p} in {time.perf_counter() - t:.1f} s")
