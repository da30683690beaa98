"""The claims of notebooks/09_playground.ipynb over 5 seeds, from the notebook's own lessons:
every ``name = dict(...)`` of its code cells is read here and trained by the playground's
Session (what ``dl.Playground(...).step(n)`` runs), so that a lesson changed in the notebook
is the lesson tested. A claim that fails here means the notebook's text is wrong.

Measured (seeds 0-4, this machine, AVX-512 and AVX-512-off alike) and claimed:
  defaults, 50 epochs            training error 0.3% - 1.7%      claim: all <= 5%
  circle_features, 30 epochs     2.0% - 4.0%                     all <= 8%
  circle with x1, x2, depth 0    41% - 59%                       all >= 35%
  bend, 100 epochs               0.7% - 2.0%                     all <= 5%
  slow_sgd, 100 / 400 epochs     34% - 47% / 3.0% - 8.0%         all >= 25% / all <= 12%
  deep_spiral (3 x 16), 150      4.0% - 7.0%                     all <= 12%
  deep_spiral with 1 x 16, 150   29% - 46%                       all >= 25%
  too_large                      diverges in epoch 1             all
  few_points: test loss at the end / its lowest   1.16 - 2.6     all >= 1.05
              median final test loss: none 0.87, L2 0.37, dropout 0.52
                                                  claim: L2 <= 0.6 x none, dropout <= 0.75 x
  deep_sigmoid, 30 epochs        plain 47% - 49%, batch norm 1.3% - 5.3%
                                                  all >= 40% / all <= 12%
"""
import ast
import json
import statistics
from pathlib import Path

import numpy as np
import pytest

from deeplearn_helpers.playground import Session

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "09_playground.ipynb"
SEEDS = range(5)


def _lessons():
    """{name: state} for every ``name = dict(...)`` in the notebook's code cells."""
    lessons = {}
    for c in json.loads(NOTEBOOK.read_text())["cells"]:
        if c["cell_type"] != "code":
            continue
        for node in ast.parse("".join(c["source"])).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and getattr(node.value.func, "id", None) == "dict"):
                lessons[node.targets[0].id] = ast.literal_eval(ast.Dict(
                    keys=[ast.Constant(k.arg) for k in node.value.keywords],
                    values=[k.value for k in node.value.keywords]))
    return lessons


LESSONS = _lessons()


def train_errors(epochs, **state):
    """Training error after each of ``epochs`` (increasing), per seed: {seed: [errors]}."""
    out = {}
    for seed in SEEDS:
        s, done, row = Session(**{**state, "seed": seed}), 0, []
        for e in epochs:
            s.step(e - done)
            done = e
            row.append(s.history.train_error[-1])
        out[seed] = row
    return out


def test_the_lessons_are_the_notebooks():
    assert set(LESSONS) == {"circle_features", "bend", "slow_sgd", "deep_spiral", "too_large",
                            "few_points", "deep_sigmoid"}
    assert LESSONS["too_large"] == {"step_size": 3.0}


def test_the_defaults_learn_the_circle_in_50_epochs():
    errors = train_errors([50])
    assert all(e[0] <= 0.05 for e in errors.values()), errors


def test_squared_features_let_a_linear_predictor_separate_the_circle():
    squared = train_errors([30], **LESSONS["circle_features"])
    plain = train_errors([30], dataset="circle", depth=0)
    assert all(e[0] <= 0.08 for e in squared.values()), squared
    assert all(e[0] >= 0.35 for e in plain.values()), plain


def test_a_layer_of_two_units_makes_the_circle_separable_by_a_line():
    errors = train_errors([100], **LESSONS["bend"])
    assert all(e[0] <= 0.05 for e in errors.values()), errors
    s = Session(**LESSONS["bend"])
    s.step(100)
    # f is affine in h^(2): its boundary in the hidden space is a straight line
    h = np.random.default_rng(0).uniform(-1, 1, (50, 2))
    F = s.model.forward(h, start=2)[0]
    w, b = s.model.params[s.model.weight_names[-1]][0], s.model.params["b"][0]
    np.testing.assert_allclose(F, h @ w + b, rtol=1e-12)


def test_sgd_on_the_spiral_is_slow_not_stuck():
    errors = train_errors([100, 400], **LESSONS["slow_sgd"])
    assert all(e[0] >= 0.25 for e in errors.values()), errors
    assert all(e[1] <= 0.12 for e in errors.values()), errors


def test_three_layers_with_adam_learn_the_spiral_where_one_does_not():
    """3 x 16: below 12% in at least 4 of 5 seeds (measured 3-7%; with perturbed rounding
    one seed ended at 15%, and seeds 5-9 reach 16-20% at times), the median below 8%;
    1 x 16: above 25% in every seed (measured 29-46%)."""
    deep = train_errors([150], **LESSONS["deep_spiral"])
    shallow = train_errors([150], **{**LESSONS["deep_spiral"], "widths": "16"})
    assert sum(e[0] <= 0.12 for e in deep.values()) >= 4, deep
    assert np.median([e[0] for e in deep.values()]) < 0.08, deep
    assert all(e[0] >= 0.25 for e in shallow.values()), shallow


@pytest.mark.parametrize("seed", SEEDS)
def test_a_step_size_of_3_diverges_in_the_first_epoch_and_stops(seed):
    s = Session(**LESSONS["too_large"], seed=seed)
    assert not s.step(10)
    assert s.history.diverged and s.history.diverged_epoch == 1
    assert s.note == "diverged in epoch 1: TrainLoss blew up; try a smaller step size"
    assert all(np.all(np.isfinite(p)) for p in s.model.params.values())


def test_few_points_overfit_and_l2_or_dropout_help_in_the_median():
    final = {}
    for name, extra in (("none", {}), ("l2", dict(regularization="l2", reg_rate=0.003)),
                        ("dropout", dict(dropout=0.3))):
        final[name] = []
        for seed in SEEDS:
            s = Session(**LESSONS["few_points"], **extra, seed=seed)
            s.step(300)
            h = s.history
            final[name].append(h.test_loss[-1])
            if name == "none":             # the test loss turns up while TrainLoss falls
                best = int(np.argmin(h.test_loss))
                assert h.test_loss[-1] >= 1.05 * h.test_loss[best], (seed, h.test_loss[best])
                assert h.train_loss[-1] < h.train_loss[best], seed
    median = {k: statistics.median(v) for k, v in final.items()}
    assert median["l2"] <= 0.6 * median["none"], final
    assert median["dropout"] <= 0.75 * median["none"], final


def test_batch_norm_trains_a_deep_sigmoid_network_that_is_stuck_without_it():
    plain = train_errors([30], **LESSONS["deep_sigmoid"])
    normed = train_errors([30], **LESSONS["deep_sigmoid"], batch_norm=True)
    assert all(e[0] >= 0.4 for e in plain.values()), plain
    assert all(e[0] <= 0.12 for e in normed.values()), normed
