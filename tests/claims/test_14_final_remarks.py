"""The claims of notebooks/14_final_remarks.ipynb, asserted through the same package calls as the
notebook makes them (the calls are read from the notebook's cells, so that a changed recipe there
cannot pass unnoticed): a claim that fails here means the notebook's text is wrong.

Training claims (seeds 0-4 as in the notebook; measured on 20 seeds while writing them):
- adversarial network, 1000 steps: final distance fake-real below 0.5 for eta = 0.01 in all 5
  (measured 0.12-0.24; 20 seeds: at most 0.30), above 1 for eta = 0.2 in all 5 (measured
  1.56-20.9; 20 seeds: at least 1.43); at eta = 0.2 every fake ends on one side of 0 in all 5
  (20 of 20 seeds).
- one hidden layer (random tanh features, least squares): worst error above 0.5 for m <= 4 in all
  5 seeds (measured >= 0.58), below 0.01 for m = 128 in all 5 (measured <= 0.0052).
"""
import json
from pathlib import Path

import numpy as np
import pytest

import deeplearn_helpers as dl

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "14_final_remarks.ipynb"
SOURCE = "\n".join("".join(c["source"]) for c in json.loads(NOTEBOOK.read_text())["cells"]
                   if c["cell_type"] == "code")
GAN_CALL = "dl.gan_runs(step_sizes=(0.01, 0.2), seeds=range(5), steps=1000)"
WIDTHS_LINE = "widths = [1, 2, 4, 8, 16, 32, 64, 128]"
APPROX_CALL = "dl.approximation_errors(widths, seeds=range(5))"


def test_the_notebook_runs_these_recipes():
    for line in (GAN_CALL, WIDTHS_LINE, APPROX_CALL):
        assert line in SOURCE, line


# --- dilated convolutions (exact: no training) ------------------------------------------------

def test_receptive_fields_printed_and_drawn():
    assert [(dl.receptive_field(d, "none"), dl.receptive_field(d, "doubling"))
            for d in (2, 5, 10)] == [(3, 4), (6, 32), (11, 1024)]
    assert dl.receptive_field(3, "none") == 4 and dl.receptive_field(3, "doubling") == 8
    assert dl.receptive_masks(3, "doubling")[0].all()          # "each exactly once": no gaps
    assert dl.receptive_field(10, "doubling", kernel_size=3) == 2047   # the exercise


# --- adversarial network ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def runs():
    return eval(GAN_CALL)


def test_small_step_settles_large_step_does_not(runs):
    final = {eta: [r.distance[-1] for r in rs] for eta, rs in runs.items()}
    assert all(d < 0.5 for d in final[0.01])
    assert all(d > 1 for d in final[0.2])


def test_large_step_loses_a_bump_small_step_keeps_both(runs):
    # eta = 0.2: every fake ends on one side of 0 in all 5 seeds (20 of 20 seeds measured)
    assert all(np.mean(r.samples[-1] < 0) in (0.0, 1.0) for r in runs[0.2])
    # eta = 0.01, seed 0 (the picture): both bumps
    assert 0.3 < np.mean(runs[0.01][0].samples[-1] < 0) < 0.7


def test_saturating_slope_exercise():
    D = 1 / (1 + np.exp(5.0))
    assert f"{-D:.3f}" == "-0.007" and f"{D - 1:.3f}" == "-0.993"


# --- one hidden layer approximates ------------------------------------------------------------

def test_width_brings_the_worst_error_below_what_was_asked():
    errors = eval(APPROX_CALL, {"dl": dl, "widths": eval(WIDTHS_LINE.split("=", 1)[1])})
    assert errors[:3].min() > 0.5 and errors[-1].max() < 0.01
    medians = np.median(errors[-3:], axis=1)
    assert [float(f"{e:.2g}") for e in medians] == [0.016, 0.0069, 0.0047]   # the exercise
    assert medians[1] < medians[0] / 2 and medians[2] > medians[1] / 2
    x = np.linspace(-1, 1, 1001)                  # the answer: the worst point is the kink at 0
    for seed in range(5):
        f = dl.fit_one_hidden_layer(128, seed)
        assert x[np.argmax(np.abs(f(x) - np.abs(x) - 0.5 * np.sin(2 * np.pi * x)))] == 0
