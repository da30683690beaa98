"""Perturb every initial parameter by a factor (1 + 1e-12 * N(0, 1)): `make test-perturbed`.

Training runs are chaotic, and another CPU's rounding changes the last bits of every number
they compute.  A notebook output or claim that changes when each initial weight moves in its
12th significant digit depends on rounding, and some user's CI will see it change.  This
module makes that visible on one machine: ``install()`` wraps
``deeplearn_helpers.MLP.reset_parameters`` -- the one method that draws every initial
parameter of an MLP (LinearPredictor inherits it) -- and likewise the ``reset_parameters`` of
every other model class in ``deeplearn_helpers.models`` (CNN, RNN, ...; a class without one,
such as the VAE, gets its ``__init__`` wrapped), so that after it has run, every array in
``self.params`` is multiplied in place by ``1 + scale * noise`` (once per model, however the
wrapped methods call each other).  The noise comes from
a generator of this module's own, never from the model's random streams (a perturbed model
shuffles, drops out and samples exactly as an unperturbed one does), seeded by DL_PERTURB and
by a hash of the freshly drawn parameters: like a different CPU's rounding, the perturbation
is deterministic, so two models built with the same seed are still equal, and models with
different seeds (or a different DL_PERTURB) get different noise.

Where it is active, only when the environment variable DL_PERTURB is set (to an integer seed):
- in pytest's own process: tests/conftest.py calls ``install()``;
- in every notebook kernel nbval starts: tools/perturbed.py points IPYTHONDIR at a
  temporary folder whose profile_default/startup/ holds a file that calls ``install()``
  (kernels inherit pytest's environment under --nbval-current-env).

A wrapped method carries ``__dl_perturbed__ = True``; tests/test_perturb.py checks both
places report it.
"""
import functools
import hashlib
import os
import threading

import numpy as np

SCALE = 1e-12
FLAG = "__dl_perturbed__"

state = {"seed": None, "models": 0, "scale": SCALE}
_local = threading.local()


def seed_from_env(environ=os.environ):
    """The seed DL_PERTURB asks for, or None when it is unset or empty."""
    raw = environ.get("DL_PERTURB", "").strip()
    if not raw:
        return None
    try:
        seed = int(raw)
    except ValueError:
        seed = -1
    if seed < 0:
        raise ValueError(f"DL_PERTURB: expected an integer seed >= 0, got {raw!r}")
    return seed


def noise_rng(params, seed):
    """A generator seeded by ``seed`` and the contents of ``params`` (names, shapes, bytes)."""
    h = hashlib.blake2b(digest_size=8)
    for name, p in params.items():
        h.update(name.encode())
        if isinstance(p, np.ndarray):
            h.update(str(p.shape).encode())
            h.update(np.ascontiguousarray(p).tobytes())
    return np.random.default_rng([seed, int.from_bytes(h.digest(), "little")])


def perturb(params, rng, scale=SCALE):
    """Multiply every floating-point array in ``params`` by (1 + scale * N(0,1)), in place."""
    for name, p in params.items():
        if isinstance(p, np.ndarray) and np.issubdtype(p.dtype, np.floating):
            factor = 1.0 + scale * rng.standard_normal(p.shape)
            if p.flags.writeable:
                p *= factor
            else:
                params[name] = p * factor


def targets():
    """[(class, method name)] to wrap: MLP.reset_parameters first, then every class of
    deeplearn_helpers.models with its own reset_parameters, or its own __init__ when it has
    no reset_parameters at all (a model that draws its parameters there)."""
    import importlib

    import deeplearn_helpers as dl

    found = [(dl.MLP, "reset_parameters")]
    try:
        models = importlib.import_module("deeplearn_helpers.models")
    except ImportError:  # pragma: no cover - models is a module, not a package
        return found
    for name in sorted(getattr(models, "__all__", None) or dir(models)):
        cls = getattr(models, name, None)
        if not isinstance(cls, type) or cls is dl.MLP:
            continue
        if "reset_parameters" in cls.__dict__:
            found.append((cls, "reset_parameters"))
        elif not hasattr(cls, "reset_parameters") and "__init__" in cls.__dict__:
            found.append((cls, "__init__"))
    return found


def _wrap(original):
    @functools.wraps(original)
    def wrapper(self, *args, **kwargs):
        busy = _local.__dict__.setdefault("busy", set())  # models inside a wrapped call
        outermost = id(self) not in busy
        busy.add(id(self))
        try:
            out = original(self, *args, **kwargs)
        finally:
            if outermost:
                busy.discard(id(self))
        params = getattr(self, "params", None)
        if outermost and isinstance(params, dict) and params:
            perturb(params, noise_rng(params, state["seed"]), state["scale"])
            state["models"] += 1
        return out

    setattr(wrapper, FLAG, True)
    wrapper.__dl_original__ = original
    return wrapper


def install(seed=1, scale=SCALE):
    """Wrap the methods ``targets()`` lists; idempotent.  Returns the MLP class."""
    import deeplearn_helpers as dl

    state.update(seed=seed, scale=scale)
    for cls, name in targets():
        original = cls.__dict__[name]
        if not getattr(original, FLAG, False):
            setattr(cls, name, _wrap(original))
    return dl.MLP


def uninstall():
    """Undo ``install()`` (for tests)."""
    for cls, name in targets():
        method = cls.__dict__[name]
        if getattr(method, FLAG, False):
            setattr(cls, name, method.__dl_original__)


def active():
    """True when deeplearn_helpers.MLP.reset_parameters is wrapped (in this process)."""
    import deeplearn_helpers as dl

    return bool(getattr(dl.MLP.reset_parameters, FLAG, False))


def install_from_env(environ=os.environ):
    """``install(seed)`` if DL_PERTURB is set; returns the seed or None."""
    seed = seed_from_env(environ)
    if seed is not None:
        install(seed)
    return seed
