"""The claims of notebooks/09_playground.ipynb, asserted through the same package calls as the
notebook makes them: a claim that fails here means the notebook's text is wrong."""
import ast
import json
from pathlib import Path

import numpy as np

import deeplearn_helpers as dl
from deeplearn_helpers.playground.render import forward_from

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "09_playground.ipynb"


def _lessons():
    """{name: state} for every ``name = dict(...)`` in the notebook's code cells."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    lessons = {}
    for c in cells:
        if c["cell_type"] != "code":
            continue
        for node in ast.parse("".join(c["source"])).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and getattr(node.value.func, "id", None) == "dict"):
                lessons[node.targets[0].id] = eval(compile(ast.Expression(node.value), "nb", "eval"))
    return lessons


LESSONS = _lessons()


def run(epochs, **state):
    pg = dl.Playground(**state)
    pg.step(epochs)
    return pg


def test_defaults_after_100_epochs_still_miss_about_a_third_of_the_spiral():
    h = run(100, seed=0).history
    assert 0.3 <= h.train_error[-1] <= 0.4


def test_squared_features_let_a_linear_predictor_separate_the_circle():
    circle_features = LESSONS["circle_features"]
    assert run(30, **circle_features).history.train_error[-1] <= 0.05
    assert run(30, dataset="circle", depth=0).history.train_error[-1] >= 0.35


def test_a_layer_of_two_units_makes_the_circle_separable_by_a_line():
    pg = run(100, **LESSONS["bend"])
    assert pg.history.train_error[-1] <= 0.02
    # f is affine in h^(2): its boundary in the hidden space is a straight line
    h = np.random.default_rng(0).uniform(-1, 1, (50, 2))
    w, b = pg.model.params["w"][0], pg.model.params["b"][0]
    np.testing.assert_allclose(forward_from(pg.model, h, 2), h @ w + b, rtol=1e-12)


def test_three_layers_learn_the_spiral_where_one_does_not():
    deep_spiral = LESSONS["deep_spiral"]
    assert run(80, **deep_spiral).history.train_error[-1] <= 0.15
    assert run(80, **{**deep_spiral, "depth": 1}).history.train_error[-1] >= 0.25


def test_a_step_size_of_3_diverges_in_the_first_epoch_and_pauses():
    pg = run(10, **LESSONS["too_large"])
    assert pg.history.diverged and pg.history.diverged_epoch == 1 and not pg.playing
    assert "diverged" in pg.message
    assert all(np.all(np.isfinite(p)) for p in pg.model.params.values())


def test_adam_halves_the_training_error_of_sgd():
    sgd = run(100, seed=0).history.train_error[-1]
    adam = run(100, **LESSONS["adam"]).history.train_error[-1]
    assert adam <= 0.55 * sgd


def test_few_points_overfit_and_l2_or_dropout_help():
    few_points = LESSONS["few_points"]
    h = run(150, **few_points).history
    best = int(np.argmin(h.test_loss))
    assert h.test_loss[-1] >= 1.8 * h.test_loss[best]        # "almost twice its lowest value"
    assert h.train_loss[-1] < h.train_loss[best]             # while TrainLoss goes on falling
    for extra in (dict(regularization="l2", reg_rate=0.003), dict(dropout=0.3)):
        g = run(150, **few_points, **extra).history
        assert g.test_loss[-1] <= 0.7 * h.test_loss[-1], extra
        assert g.test_error[-1] < h.test_error[-1], extra


def test_batch_norm_trains_a_deep_sigmoid_network_that_is_stuck_without_it():
    deep_sigmoid = LESSONS["deep_sigmoid"]
    assert run(30, **deep_sigmoid).history.train_error[-1] >= 0.4
    assert run(30, **deep_sigmoid, batch_norm=True).history.train_error[-1] <= 0.05


def test_the_lessons_are_the_notebooks():
    assert set(LESSONS) == {"circle_features", "bend", "deep_spiral", "too_large", "adam",
                            "few_points", "deep_sigmoid"}
    assert LESSONS["too_large"] == {"step_size": 3.0}
