"""The claims of notebooks/11_convolutional_networks.ipynb.  Each test runs the notebook's own
cells (found by their cell ids) and asserts what the text beside them says, with margins."""
import json
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "11_convolutional_networks.ipynb"
CELLS = {c["id"]: "".join(c["source"]) for c in json.loads(NOTEBOOK.read_text())["cells"]}


def run_cells(*ids):
    """Execute the setup cell and the notebook's code cells ``ids`` in order."""
    ns = {}
    for cell in ("setup", *ids):
        exec(compile(CELLS[cell], f"11:{cell}", "exec"), ns)
    plt.close("all")
    return ns


def test_convolution_is_equivariant_and_pooling_damps_a_shift():
    ns = run_cells("translation")
    assert ns["worst"] < 1e-12
    change = ns["change"]
    assert change["feature maps"] > 0.75                    # "about 84%"
    assert 0.4 < change["after max pooling"] < 0.6          # "about half"


def test_the_cnn_loses_less_on_shifted_digits_than_an_mlp_of_its_size():
    shift = run_cells("shift-runs")["shift"]
    assert len(shift.seeds) == 5
    assert abs(shift.cnn_params - shift.mlp_params) < 0.15 * shift.mlp_params
    assert abs(np.median(shift.cnn[:, 0]) - np.median(shift.mlp[:, 0])) < 0.05
    gap = shift.drop("mlp") - shift.drop("cnn")
    assert gap.min() >= 0.05                                # every seed; measured >= 0.09


def test_relu_trains_where_sigmoid_stays_at_guessing():
    act = run_cells("activation-runs")["act"]
    assert act["relu"].shape == (5, 6)
    assert act["relu"][:, -1].max() < 2.0                   # measured <= 1.86
    assert act["sigmoid"][:, -1].min() > 2.2                # ln 10 = 2.30


def test_augmentation_helps_on_shifted_digits_and_nothing_gains_on_aligned_ones():
    aug = run_cells("augmentation-runs")["aug"]
    as_is = aug["as they are"]
    assert (aug["augmented"][:, 1] - as_is[:, 1]).min() >= 0.10      # measured >= 0.17
    assert max(np.median(v[:, 0]) for v in aug.values()) - np.median(as_is[:, 0]) < 0.05


def test_residual_connections_train_the_deep_network_the_plain_one_cannot():
    res = run_cells("residual-runs")["res"]
    plain, resid = res["plain"], res["residual"]
    assert plain["errors"].min() >= 0.45
    g = plain["gradient norms"]
    assert (g[:, 0] / g[:, -1]).max() < 1e-9
    assert resid["errors"].max() <= 0.15
    r = resid["gradient norms"]
    assert (r[:, 0] / r[:, -1]).min() > 1e-3
