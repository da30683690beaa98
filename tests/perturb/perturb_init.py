"""Perturb every initial parameter by a factor (1 + 1e-12 * N(0, 1)): `make test-perturbed`.

Training runs are chaotic, and another CPU's rounding changes the last bits of every number
they compute.  A notebook output or claim that changes when each initial weight moves in its
12th significant digit depends on rounding, and some user's CI will see it change.  This
module makes that visible on one machine: ``install()`` wraps
``deeplearn_helpers.MLP.reset_parameters`` -- the one method that draws every initial
parameter of every model (LinearPredictor inherits it) -- so that after it has run, every
array in ``self.params`` is multiplied in place by ``1 + scale * noise``, noise drawn from a
generator of this module's own (seeded by DL_PERTURB), never from the model's random streams:
a perturbed model shuffles, drops out and samples exactly as an unperturbed one does.

Where it is active, only when the environment variable DL_PERTURB is set (to an integer seed):
- in pytest's own process: tests/conftest.py calls ``install()``;
- in every notebook kernel nbval starts: tools/perturbed.py points IPYTHONDIR at a
  temporary folder whose profile_default/startup/ holds a file that calls ``install()``
  (kernels inherit pytest's environment under --nbval-current-env).

A wrapped method carries ``__dl_perturbed__ = True``; tests/test_perturb.py checks both
places report it.
"""
import functools
import os

import numpy as np

SCALE = 1e-12
FLAG = "__dl_perturbed__"

state = {"rng": None, "seed": None, "models": 0, "scale": SCALE}


def seed_from_env(environ=os.environ):
    """The seed DL_PERTURB asks for, or None when it is unset or empty."""
    raw = environ.get("DL_PERTURB", "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"DL_PERTURB: expected an integer seed, got {raw!r}") from None


def perturb(params, rng, scale=SCALE):
    """Multiply every floating-point array in ``params`` by (1 + scale * N(0,1)), in place."""
    for name, p in params.items():
        if isinstance(p, np.ndarray) and np.issubdtype(p.dtype, np.floating):
            factor = 1.0 + scale * rng.standard_normal(p.shape)
            if p.flags.writeable:
                p *= factor
            else:
                params[name] = p * factor


def install(seed=1, scale=SCALE):
    """Wrap deeplearn_helpers.MLP.reset_parameters; idempotent.  Returns the MLP class."""
    import deeplearn_helpers as dl

    cls = dl.MLP
    state.update(rng=np.random.default_rng(seed), seed=seed, scale=scale)
    original = cls.__dict__["reset_parameters"]
    if getattr(original, FLAG, False):
        return cls

    @functools.wraps(original)
    def reset_parameters(self, *args, **kwargs):
        out = original(self, *args, **kwargs)
        perturb(self.params, state["rng"], state["scale"])
        state["models"] += 1
        return out

    setattr(reset_parameters, FLAG, True)
    reset_parameters.__dl_original__ = original
    cls.reset_parameters = reset_parameters
    return cls


def uninstall():
    """Undo ``install()`` (for tests)."""
    import deeplearn_helpers as dl

    method = dl.MLP.__dict__["reset_parameters"]
    if getattr(method, FLAG, False):
        dl.MLP.reset_parameters = method.__dl_original__


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
