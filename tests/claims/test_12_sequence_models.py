"""The claims of notebooks/12_sequence_models.ipynb over 5 seeds, through the same lesson
functions (deeplearn_helpers/lessons/sequence_models.py) the notebook calls: a claim that fails
here means the notebook's text is wrong."""
import numpy as np
import pytest

from deeplearn_helpers.lessons import sequence_models as sm

SEEDS = range(5)


@pytest.fixture(scope="module")
def language_models():
    return [sm.language_model(seed=s, temperatures=(0.5,)) for s in SEEDS]


def test_12_language_model_writes_words(language_models):
    """Claim: after 4 epochs at least 80% of the sampled words (temperature 0.5) are words of
    the text in every seed (measured 96-100%); after 1 epoch at most 70% (measured 45-56%);
    untrained, (almost) none."""
    final = [lm["share"][4] for lm in language_models]
    one = [lm["share"][1] for lm in language_models]
    print("LM word share after 4 epochs", np.round(final, 2), "after 1", np.round(one, 2))
    assert min(final) >= 0.8
    assert max(one) <= 0.7
    assert max(lm["share"][0] for lm in language_models) <= 0.2


def test_12_gradients_vanish_explode_and_the_lstm_keeps_them():
    """Claim: 30 steps back the gradient is below 1e-6 with scale 0.5 (measured <= 1.2e-9) and
    below 1e-2 with scale 1 (measured <= 3.7e-4); with scale 4 it grows (above 5 at 20 steps
    back, measured >= 18.8); the LSTM with forget bias 3 keeps it above 1e-2 over 39 steps
    (measured >= 0.05), with forget bias 0 it vanishes (below 1e-5 at 30 steps, measured
    <= 4.1e-7) -- 5 of 5 seeds; at scale 2, seed 0, about 0.06 after 39 steps (the exercise)."""
    for s in SEEDS:
        assert sm.gradient_norms("rnn", scale=0.5, seed=s)[1][30] < 1e-6
        assert sm.gradient_norms("rnn", scale=1.0, seed=s)[1][30] < 1e-2
        assert sm.gradient_norms("rnn", scale=4.0, seed=s)[1][20] > 5.0
        assert sm.gradient_norms("lstm", forget_bias=3.0, seed=s)[1][1:].min() > 1e-2
        assert sm.gradient_norms("lstm", forget_bias=0.0, seed=s)[1][30] < 1e-5
    assert 0.02 < sm.gradient_norms("rnn", scale=2.0)[1][39] < 0.2


def test_12_clipping_bounds_the_steps():
    """Claim: without clipping the first update jumps by more than 5 in every seed (measured
    8.9 to 594; about 80 for seed 0); clipped at norm 1 with step 0.1, no step is longer than
    0.1 although the gradients exceed 100."""
    for s in SEEDS:
        free, _ = sm.clipping_steps(None, seed=s)
        norms, steps = sm.clipping_steps(1.0, seed=s)
        assert 0.1 * free[0] > 5
        assert steps.max() <= 0.1 + 1e-12 and norms.max() > 100


def test_12_lstm_remembers_the_first_symbol_where_the_rnn_forgets():
    """Claim: at T = 20 the LSTM is right on >= 95% in at least 4 of 5 seeds (measured 5 of 5,
    99.6-100%; under perturbed rounding one seed fell to 89%, and seed 7, not among these,
    gives 77%), the simple RNN on <= 35% in every seed (measured 24-27%); at T = 5 both
    succeed (the exercise: RNN 100%)."""
    lstm = [sm.first_task("lstm", 20, seed=s) for s in SEEDS]
    rnn = [sm.first_task("rnn", 20, seed=s) for s in SEEDS]
    print("first T=20 lstm", lstm, "rnn", rnn)
    assert sum(a >= 0.95 for a in lstm) >= 4 and max(rnn) <= 0.35
    assert sm.first_task("rnn", 5, seed=0) >= 0.95


def test_12_first_in_between_and_beyond():
    """Claims of the "More" and the exercise: at T = 10 the simple RNN succeeds (>= 95%) in
    some seeds only (measured 3 of 5: 49%, 100%, 100%, 100%, 50%); at T = 40 the LSTM mostly
    fails within 20 epochs (at most 2 of 5 succeed, measured 1 of 5; seed 0 near chance, <= 35%)."""
    rnn10 = [sm.first_task("rnn", 10, seed=s) for s in SEEDS]
    lstm40 = [sm.first_task("lstm", 40, seed=s) for s in SEEDS]
    print("first T=10 rnn", rnn10, "T=40 lstm", lstm40)
    assert 1 <= sum(a >= 0.95 for a in rnn10) <= 4
    assert sum(a >= 0.95 for a in lstm40) <= 2 and lstm40[0] <= 0.35


def test_12_attention_holds_up_on_long_inputs_and_learns_the_alignment():
    """Claim: at length 4 both models are right on at least 85% of symbols (measured 90-98%);
    at length 12 attention at least 65% (measured 74-82%), without attention at most 40%
    (measured 27-30%; chance 1/7) in every seed.  The length-12 attention puts its largest
    weight on x_t for at least 55% of outputs (measured 68-76%; uniform would be 1/12).
    Without attention the first output is the one it gets right (exercise 4)."""
    for att in (False, True):
        short = [sm.seq2seq_accuracy(4, att, seed=s)[0] for s in SEEDS]
        assert min(short) >= 0.85, (att, short)
    plain_runs = [sm.seq2seq_accuracy(12, False, seed=s) for s in SEEDS]
    plain = [r[0] for r in plain_runs]
    runs = [sm.seq2seq_accuracy(12, True, seed=s) for s in SEEDS]
    attended = [r[0] for r in runs]
    on_diagonal = [sm.alignment(r[1], r[2])[1] for r in runs]
    print("seq2seq length 12", np.round(plain, 3), np.round(attended, 3),
          np.round(on_diagonal, 2))
    assert max(plain) <= 0.40 and min(attended) >= 0.65
    assert min(on_diagonal) >= 0.55
    # Exercise 4: without attention the first outputs are the ones it gets right: y_1 on
    # 55-76% of test sentences, y_6..y_12 on 20-24% on average (also under perturbed rounding)
    for _acc, model, Xt, Yt in plain_runs:
        per_position = np.mean(model.translate(Xt)[0] == Yt, axis=0)
        assert per_position[0] >= 0.45 and per_position[5:].mean() <= 0.30, per_position


def test_12_self_attention_needs_positions():
    """Claim: without positions at most 60% on "first" (T = 8) in every seed (measured
    40-48%), with positions at least 95% (measured 100%); without positions a permuted input
    gives the same prediction, with positions not."""
    X = np.random.default_rng(7).integers(1, 5, size=(5, 8))
    perm = np.random.default_rng(0).permutation(8)
    plain_acc, with_acc = [], []
    for s in SEEDS:
        a, plain = sm.self_attention_first(False, seed=s)
        b, with_pos = sm.self_attention_first(True, seed=s)
        plain_acc.append(a)
        with_acc.append(b)
        assert np.allclose(plain.predict(X[:, perm]), plain.predict(X))
        assert not np.allclose(with_pos.predict(X[:, perm]), with_pos.predict(X))
    print("self-attention first", plain_acc, with_acc)
    assert max(plain_acc) <= 0.6 and min(with_acc) >= 0.95
