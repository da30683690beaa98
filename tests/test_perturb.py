"""The rounding perturbations of `make test-perturbed` work, and are really on when asked.

- perturb_init: every initial parameter moves by a relative 1e-12 or so, no more; zeros stay
  zero; the model's own random streams (dropout here) are untouched; install is idempotent.
- A notebook kernel started the way nbval starts it (--nbval-current-env) with the
  environment tools/perturbed.py makes reports the wrapped method, numpy's AVX kernels off,
  and no stray names from the startup file; without DL_PERTURB it reports nothing wrapped.
- Under DL_PERTURB (the perturbed pass itself) this process and nbval's kernels are perturbed.
"""
import contextlib
import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import perturb_init

import deeplearn_helpers as dl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import cpu_features  # noqa: E402
import perturbed  # noqa: E402

PERTURBED_RUN = perturb_init.seed_from_env() is not None


@contextlib.contextmanager
def perturbation(seed):
    """Perturbation on (seed) inside the block, the state before it restored afterwards."""
    was_on, saved = perturb_init.active(), dict(perturb_init.state)
    perturb_init.uninstall()
    perturb_init.install(seed)
    try:
        yield
    finally:
        perturb_init.uninstall()
        perturb_init.state.update(saved)
        if was_on:
            perturb_init.install(saved["seed"])
            perturb_init.state.update(saved)


@contextlib.contextmanager
def unperturbed():
    was_on, saved = perturb_init.active(), dict(perturb_init.state)
    perturb_init.uninstall()
    try:
        yield
    finally:
        if was_on:
            perturb_init.install(saved["seed"])
            perturb_init.state.update(saved)


def make(**kw):
    return dl.MLP(input_dim=2, hidden=[8, 8], activation="tanh", batch_norm=True, seed=0, **kw)


def test_every_initial_parameter_moves_by_about_1e_12():
    with unperturbed():
        plain = make()
    with perturbation(3):
        bent = make()
        again = make()
        other = dl.MLP(input_dim=2, hidden=[8, 8], activation="tanh", batch_norm=True, seed=1)
    with perturbation(4):
        other_noise = make()
    assert plain.params.keys() == bent.params.keys()
    moved = 0
    for name, p in plain.params.items():
        q = bent.params[name]
        rel = np.abs(q - p) / np.maximum(np.abs(p), 1e-300)
        assert rel.max() < 1e-10, name                 # far below anything a claim can see
        if np.any(p != 0):
            assert np.any(q != p), f"{name} was not perturbed"
            moved += 1
        else:
            assert np.array_equal(q, p), name          # zeros (biases, beta) stay zero
    assert moved >= 3  # V1, V2, w and the gammas
    # deterministic, like another CPU's rounding: the same seed gives the same model ...
    for k in bent.params:
        np.testing.assert_array_equal(again.params[k], bent.params[k])
    # ... and another DL_PERTURB other noise
    assert any(np.any(other_noise.params[k] != bent.params[k]) for k in bent.params)
    with unperturbed():
        plain_other = dl.MLP(input_dim=2, hidden=[8, 8], activation="tanh", batch_norm=True,
                             seed=1)
    assert np.any(other.params["V1"] != plain_other.params["V1"])


def test_perturbation_leaves_the_models_random_streams_alone():
    X = np.random.default_rng(1).normal(size=(50, 2))
    with unperturbed():
        plain = make(dropout=0.5)
    with perturbation(3):
        bent = make(dropout=0.5)
    bent.params = {k: v.copy() for k, v in plain.params.items()}
    out_plain = plain.forward(X, train=True)[0]
    out_bent = bent.forward(X, train=True)[0]
    np.testing.assert_array_equal(out_plain, out_bent)  # same dropout masks drawn


def test_install_is_idempotent_and_uninstall_restores():
    with unperturbed():
        original = dl.MLP.__dict__["reset_parameters"]
        with perturbation(5):
            assert perturb_init.active()
            perturb_init.install(5)
            assert dl.MLP.reset_parameters.__dl_original__ is original
            assert isinstance(dl.LinearPredictor(input_dim=2, seed=0), dl.MLP)
        assert dl.MLP.__dict__["reset_parameters"] is original
        assert not perturb_init.active()


def test_no_model_class_overrides_reset_parameters():
    """The wrapper sits on MLP; a subclass with its own reset_parameters would escape it."""
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for name in dir(dl):
        obj = getattr(dl, name, None)
        if isinstance(obj, type) and issubclass(obj, dl.MLP) and obj is not dl.MLP:
            assert "reset_parameters" not in obj.__dict__, name
    for sub in subclasses(dl.MLP):
        assert "reset_parameters" not in sub.__dict__, sub.__name__


def test_every_model_class_is_perturbed_once():
    """Not only the MLP: every model in dl.models that draws parameters (those that can be
    built with their defaults here), each exactly once, deterministically."""
    import deeplearn_helpers.models as models

    wrapped = {cls for cls, _ in perturb_init.targets()}
    checked = []
    for name in models.__all__:
        cls = getattr(models, name)
        if not isinstance(cls, type) or not any(issubclass(cls, w) for w in wrapped):
            continue
        try:
            with unperturbed():
                plain = cls()
        except TypeError:
            continue  # needs arguments (vocabularies, lengths): covered by targets() above
        if not any(np.any(v != 0) for v in (getattr(plain, "params", None) or {}).values()):
            continue  # nothing to scale (LinearPredictor starts at w = 0)
        with perturbation(2):
            before = perturb_init.state["models"]
            bent, again = cls(), cls()
            assert perturb_init.state["models"] - before == 2, name  # once per model
        moved = [k for k, v in plain.params.items()
                 if np.any(v != 0) and np.any(bent.params[k] != v)]
        assert moved, name
        for k, v in plain.params.items():
            np.testing.assert_allclose(bent.params[k], v, rtol=1e-10, atol=0, err_msg=name)
            np.testing.assert_array_equal(again.params[k], bent.params[k], err_msg=name)
        checked.append(name)
    assert {"MLP", "CNN", "VAE", "Autoencoder", "ResidualMLP"} <= set(checked), checked
    for name in ("RNN", "Seq2Seq", "SelfAttention"):
        assert getattr(models, name) in wrapped, name


@pytest.mark.parametrize("raw, seed", [("", None), ("  ", None), ("1", 1), (" 42 ", 42)])
def test_seed_from_env(raw, seed):
    assert perturb_init.seed_from_env({"DL_PERTURB": raw}) == seed
    assert perturb_init.seed_from_env({}) is None


@pytest.mark.parametrize("raw", ["yes", "-1", "1.5"])
def test_seed_from_env_rejects_anything_else(raw):
    with pytest.raises(ValueError, match=f"DL_PERTURB: expected an integer seed >= 0, got '{raw}'"):
        perturb_init.seed_from_env({"DL_PERTURB": raw})


# --- a kernel started as nbval starts it -------------------------------------------------

PROBE = """
import json as _j
import deeplearn_helpers as _dl
try:
    from numpy._core import _multiarray_umath as _mu
except ImportError:
    from numpy.core import _multiarray_umath as _mu
print(_j.dumps({"perturbed": bool(getattr(_dl.MLP.reset_parameters, "__dl_perturbed__", False)),
                "on": [k for k, v in _mu.__cpu_features__.items() if v],
                "V1": _dl.MLP(input_dim=2, hidden=[3], seed=0).params["V1"].tolist(),
                "names": sorted(n for n in globals() if "perturb" in n)}))
"""


def kernel_report():
    """Start a kernel exactly as nbval does (--nbval-current-env: this process's environment)
    and return what PROBE prints there."""
    kernel_mod = pytest.importorskip("nbval.kernel")
    kernel = kernel_mod.RunningKernel(kernel_mod.CURRENT_ENV_KERNEL_NAME,
                                      cwd=str(ROOT / "notebooks"))
    try:
        msg_id = kernel.execute_cell_input(PROBE, allow_stdin=False)
        out = []
        while True:
            msg = kernel.get_message("iopub", timeout=60)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                raise AssertionError("\n".join(msg["content"]["traceback"]))
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
    finally:
        kernel.stop()
    return json.loads("".join(out))


def plain_V1():
    with unperturbed():
        return dl.MLP(input_dim=2, hidden=[3], seed=0).params["V1"].tolist()


@pytest.mark.slow
def test_kernel_with_perturbed_env_is_perturbed(tmp_path, monkeypatch):
    env = perturbed.perturbed_env(tmp_path / "ipython", {"DL_PERTURB": "9"})
    for key in ("DL_PERTURB", "DL_PERTURB_MODULE", "IPYTHONDIR"):
        monkeypatch.setenv(key, env[key])
    report = kernel_report()
    assert report["perturbed"] is True
    assert report["names"] == []                   # the startup file leaves nothing behind
    V1 = np.array(report["V1"])
    assert np.any(V1 != plain_V1()) and np.allclose(V1, plain_V1(), rtol=1e-10, atol=0)


@pytest.mark.slow
@pytest.mark.skipif(PERTURBED_RUN, reason="this process runs perturbed")
def test_kernel_without_DL_PERTURB_is_not_perturbed(tmp_path, monkeypatch):
    env = perturbed.perturbed_env(tmp_path / "ipython", {})
    monkeypatch.setenv("IPYTHONDIR", env["IPYTHONDIR"])       # startup file there, but
    monkeypatch.setenv("DL_PERTURB_MODULE", env["DL_PERTURB_MODULE"])
    monkeypatch.delenv("DL_PERTURB", raising=False)            # not asked for
    report = kernel_report()
    assert report["perturbed"] is False and report["V1"] == plain_V1()


def test_npy_value_switches_off_what_it_names():
    for level in cpu_features.LEVELS:
        value = cpu_features.value(level)
        on = cpu_features.features_in_effect(value or None)   # numpy accepts it (-W error)
        assert not set(value.split()) & set(on), (level, value)
    assert set(cpu_features.value("avx512").split()) <= set(cpu_features.value("avx2").split())


@pytest.mark.parametrize("dispatched, baseline, found, avx512, avx2", [
    # numpy 2.4 on this AMD EPYC (AVX-512 up to ICL, no SPR)
    (["X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR"], ["X86_V2"],
     ["X86_V2", "X86_V3", "X86_V4", "AVX512_ICL"], ["X86_V4", "AVX512_ICL"],
     ["X86_V3", "X86_V4", "AVX512_ICL"]),
    # numpy 2.4 on a laptop with AVX2 and no AVX-512
    (["X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR"], ["X86_V2"], ["X86_V2", "X86_V3"],
     [], ["X86_V3"]),
    # numpy 1.26 on an AVX-512 Skylake server
    (["SSE41", "AVX", "F16C", "FMA3", "AVX2", "AVX512F", "AVX512CD", "AVX512_SKX", "AVX512_ICL"],
     ["SSE", "SSE2", "SSE3"],
     ["SSE", "SSE2", "SSE3", "SSE41", "AVX", "F16C", "FMA3", "AVX2", "AVX512F", "AVX512CD",
      "AVX512_SKX"],
     ["AVX512F", "AVX512CD", "AVX512_SKX"], ["FMA3", "AVX2", "AVX512F", "AVX512CD", "AVX512_SKX"]),
    # arm64: nothing of the kind
    (["ASIMDHP", "ASIMDDP"], ["NEON", "ASIMD"], ["NEON", "ASIMD", "ASIMDHP"], [], []),
])
def test_npy_value_for_other_machines(dispatched, baseline, found, avx512, avx2):
    assert cpu_features.disabled("avx512", dispatched, baseline, found) == avx512
    assert cpu_features.disabled("avx2", dispatched, baseline, found) == avx2


# --- the perturbed pass itself -----------------------------------------------------------

needs_perturbed_run = pytest.mark.skipif(not PERTURBED_RUN,
                                         reason="only under DL_PERTURB (make test-perturbed)")


@needs_perturbed_run
def test_this_process_is_perturbed():
    assert perturb_init.active()
    off = os.environ.get("NPY_DISABLE_CPU_FEATURES", "").split()
    try:
        from numpy._core import _multiarray_umath as mu
    except ImportError:  # numpy 1.x
        from numpy.core import _multiarray_umath as mu
    in_process = [k for k, v in mu.__cpu_features__.items() if v]
    assert not set(off) & set(in_process)
    V1 = dl.MLP(input_dim=2, hidden=[3], seed=0).params["V1"]
    assert np.any(V1 != np.array(plain_V1()))


@needs_perturbed_run
@pytest.mark.slow
def test_nbval_kernels_are_perturbed():
    report = kernel_report()
    assert report["perturbed"] is True
    assert np.any(np.array(report["V1"]) != np.array(plain_V1()))
    off = os.environ.get("NPY_DISABLE_CPU_FEATURES", "").split()
    assert off == cpu_features.value("avx2").split()
    assert not set(off) & set(report["on"])            # off in the kernel
    in_process = cpu_features.features_in_effect(os.environ.get("NPY_DISABLE_CPU_FEATURES"))
    assert not set(off) & set(in_process)              # and in pytest's subprocesses
    assert set(off) <= set(cpu_features.features_in_effect(None))  # and the CPU has them
