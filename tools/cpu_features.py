"""The value of NPY_DISABLE_CPU_FEATURES that switches off numpy's AVX-512 (or AVX-512 and
AVX2) kernels, for the numpy installed here and this CPU.

    python tools/cpu_features.py avx512     # e.g. "X86_V4 AVX512_ICL"   (make bench)
    python tools/cpu_features.py avx2       # e.g. "X86_V3 X86_V4 AVX512_ICL" (make test-perturbed)
    python tools/cpu_features.py --show     # what numpy dispatches and what this CPU has

numpy picks a SIMD kernel at run time among the targets it was built for (its "dispatched"
features); NPY_DISABLE_CPU_FEATURES, read once when numpy is imported, takes some out.  The
names differ between numpy versions (numpy 2.4: X86_V3 = AVX2 + FMA3 level, X86_V4 =
AVX-512 Skylake level, AVX512_ICL, AVX512_SPR; numpy 1.x: AVX2, FMA3, AVX512F, AVX512_SKX,
...), and numpy refuses some values: a baseline feature is an error, a name it does not
dispatch a warning.  So the value is computed, not hard-coded: the dispatched features
whose name says AVX-512 (or X86_V4) -- plus AVX2, FMA3 and X86_V3 for `avx2` -- that this
CPU has.  On a CPU without AVX-512 the `avx512` value is empty: the machine already runs
without them.  On a non-x86 machine both are empty.

This never touches OPENBLAS_CORETYPE or OPENBLAS_L2_SIZE (some machines set them to keep
OpenBLAS correct): BLAS kernels stay as they are; only numpy's own ufunc loops change.
"""
import argparse
import json
import os
import subprocess
import sys

LEVELS = ("avx512", "avx2")


def numpy_features():
    """(dispatched, baseline, found): numpy's lists and the features this CPU has."""
    try:
        from numpy._core import _multiarray_umath as mu  # numpy >= 2
    except ImportError:  # pragma: no cover - numpy 1.x
        from numpy.core import _multiarray_umath as mu
    if os.environ.get("NPY_DISABLE_CPU_FEATURES"):
        found = features_in_effect(None)  # what the CPU has, not what this process uses
    else:
        found = [name for name, on in mu.__cpu_features__.items() if on]
    return list(mu.__cpu_dispatch__), list(mu.__cpu_baseline__), found


def is_avx512(name):
    return "AVX512" in name or name == "X86_V4"


def is_avx2(name):
    return name in ("AVX2", "FMA3", "X86_V3")


def disabled(level, dispatched, baseline, found):
    """The feature names to put in NPY_DISABLE_CPU_FEATURES for ``level``, in numpy's order.

    Only names numpy dispatches (others make it warn), never baseline ones (an error), and
    only features the CPU has (disabling an absent one changes nothing)."""
    if level not in LEVELS:
        raise ValueError(f"level: expected one of {LEVELS}, got {level!r}")
    want = is_avx512 if level == "avx512" else (lambda n: is_avx512(n) or is_avx2(n))
    has = set(found) | set(baseline)
    return [n for n in dispatched if want(n) and n not in baseline and n in has]


def value(level):
    """The NPY_DISABLE_CPU_FEATURES string for ``level`` (may be empty)."""
    return " ".join(disabled(level, *numpy_features()))


PROBE = ("import json; from numpy import __version__ as v\n"
         "try:\n    from numpy._core import _multiarray_umath as mu\n"
         "except ImportError:\n    from numpy.core import _multiarray_umath as mu\n"
         "print(json.dumps([v, [k for k, on in mu.__cpu_features__.items() if on]]))")


def features_in_effect(env_value, python=sys.executable):
    """The features numpy reports as on in a fresh ``python`` with the given
    NPY_DISABLE_CPU_FEATURES (None: unset).  Raises if numpy refuses the value."""
    env = dict(os.environ)
    env.pop("NPY_DISABLE_CPU_FEATURES", None)
    if env_value:
        env["NPY_DISABLE_CPU_FEATURES"] = env_value
    out = subprocess.run([python, "-W", "error", "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)[1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("level", nargs="?", choices=LEVELS)
    ap.add_argument("--show", action="store_true", help="print numpy's and the CPU's features")
    args = ap.parse_args(argv)
    if args.show or args.level is None:
        dispatched, baseline, found = numpy_features()
        print(f"baseline:   {' '.join(baseline)}")
        print(f"dispatched: {' '.join(dispatched)}")
        print(f"this CPU:   {' '.join(n for n in dispatched if n in found) or '(none of them)'}")
        for level in LEVELS:
            print(f"{level} off:  NPY_DISABLE_CPU_FEATURES=\"{value(level)}\"")
        return 0
    print(value(args.level))
    return 0


if __name__ == "__main__":
    sys.exit(main())
