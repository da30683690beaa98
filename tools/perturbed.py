"""Run pytest with floating-point rounding perturbed: `make test-perturbed`.

    python tools/perturbed.py                          # the whole suite, like `make test`
    python tools/perturbed.py notebooks/05_*.ipynb     # any pytest arguments
    DL_PERTURB=7 python tools/perturbed.py             # another noise seed (default 1)

A notebook output nbval compares, or a claim a test checks, must not depend on the last bits
of rounding: users' CI machines have other CPUs and other SIMD kernels.  This runs pytest
with two perturbations at once, each far below any real difference in results:

1. every initial parameter of every model multiplied by (1 + 1e-12 * N(0,1))
   (tests/perturb/perturb_init.py): in pytest's process through tests/conftest.py, and in
   every notebook kernel through an IPython startup file in a temporary IPYTHONDIR
   (nbval's kernels inherit this environment, --nbval-current-env);
2. numpy's AVX-512 and AVX2 kernels switched off (NPY_DISABLE_CPU_FEATURES, the value from
   tools/cpu_features.py for this numpy and CPU), so its math functions round as on an
   older laptop.

OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are never set or changed (some machines set them to
keep OpenBLAS correct).  Exits with pytest's exit code.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import cpu_features  # noqa: E402  (tools/ is not a package)

PERTURB_DIR = ROOT / "tests" / "perturb"


def perturbed_env(ipythondir, environ=os.environ):
    """The environment for the perturbed run, with IPYTHONDIR set to ``ipythondir``
    (filled here with the startup file)."""
    env = dict(environ)
    env["DL_PERTURB"] = env.get("DL_PERTURB", "").strip() or "1"
    env["DL_PERTURB_MODULE"] = str(PERTURB_DIR / "perturb_init.py")
    startup = Path(ipythondir) / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    shutil.copy(PERTURB_DIR / "ipython_startup.py", startup / "00-dl-perturb.py")
    env["IPYTHONDIR"] = str(ipythondir)
    value = cpu_features.value("avx2")
    env.pop("NPY_DISABLE_CPU_FEATURES", None)
    if value:
        env["NPY_DISABLE_CPU_FEATURES"] = value
    return env


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory(prefix="deeplearn-ipython-") as ipythondir:
        env = perturbed_env(ipythondir)
        value = env.get("NPY_DISABLE_CPU_FEATURES", "")
        on = cpu_features.features_in_effect(value or None)  # raises if numpy refuses it
        still = [n for n in value.split() if n in on]
        if still:
            sys.exit(f"error: numpy kept {still} on despite NPY_DISABLE_CPU_FEATURES={value!r}")
        print(f"== perturbed run: DL_PERTURB={env['DL_PERTURB']} (every initial parameter x "
              "(1 + 1e-12 N(0,1)), in pytest and in every notebook kernel)")
        print(f"== numpy kernels off: NPY_DISABLE_CPU_FEATURES=\"{value}\""
              + ("" if value else "  (none: numpy dispatches no AVX2/AVX-512 kernel here)"))
        dispatched = cpu_features.numpy_features()[0]
        kept = [n for n in dispatched if n in on]
        print(f"== numpy's dispatched kernels still on: {' '.join(kept) or 'none'} "
              f"(of {' '.join(dispatched) or 'none'})", flush=True)
        return subprocess.call([sys.executable, "-m", "pytest", *args], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
