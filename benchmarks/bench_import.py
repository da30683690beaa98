#!/usr/bin/env python
"""How long `import deeplearn_helpers` takes in a fresh interpreter, and what it pulls in.

    python benchmarks/bench_import.py            # 9 runs
    python benchmarks/bench_import.py --quick    # 3 runs

Three measurements, each in fresh subprocesses of this interpreter, interleaved run by run
so that machine noise hits them alike; the median is reported:

  wall     time of `python -c "import deeplearn_helpers"` minus `python -c "pass"`
           (what a notebook's first cell pays); the target is < 150 ms
  numpy    the same for `import numpy` alone, to show the package's own share
  -X importtime   the interpreter's own cumulative count for deeplearn_helpers (and numpy)

It also checks that the import loaded neither matplotlib nor ipywidgets (DESIGN.md: the math
modules import numpy only; plot and widgets load on first use).

``bench_train.py`` runs this as its last part; this file also runs on its own.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

PACKAGE = "deeplearn_helpers"
TARGET_MS = 150.0
FORBIDDEN = ("matplotlib", "ipywidgets")


def _wall(args):
    """Wall-clock seconds of one fresh interpreter running ``args``.

    (Not CPU time: numpy's BLAS starts worker threads whose CPU time would count too.)
    """
    t0 = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=_env())
    return time.perf_counter() - t0


def _importtime(module):
    """(cumulative us of ``module``, of numpy) from `python -X importtime -c "import module"`."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                         check=True, capture_output=True, text=True, env=_env()).stderr
    cum = {}
    for line in out.splitlines():
        # "import time:      self [us] |   cumulative | imported package"
        parts = line.split("|")
        if len(parts) != 3 or not line.startswith("import time:"):
            continue
        try:
            value = int(parts[1])
        except ValueError:                                 # the header line
            continue
        name = parts[2].strip()                            # nested imports are indented
        cum.setdefault(name, value)
    return cum.get(module), cum.get("numpy")


def _loaded_modules():
    """Top-level names of the modules that `import deeplearn_helpers` leaves in sys.modules."""
    code = (f"import sys, json; import {PACKAGE}; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env=_env()).stdout
    return json.loads(out.strip().splitlines()[-1])


def _env():
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)               # measure with cached bytecode
    return env


def measure(runs=9):
    """All import measurements; returns a dict (times in ms)."""
    _wall(["-c", f"import {PACKAGE}"])                     # warm-up: .pyc files, disk cache
    base, pkg, npy, it_pkg, it_np = [], [], [], [], []
    for _ in range(runs):
        base.append(_wall(["-c", "pass"]))
        pkg.append(_wall(["-c", f"import {PACKAGE}"]))
        npy.append(_wall(["-c", "import numpy"]))
        a, b = _importtime(PACKAGE)
        it_pkg.append(a)
        it_np.append(b)
    med = statistics.median
    loaded = _loaded_modules()
    res = {
        "runs": runs,
        "startup_ms": 1e3 * med(base),
        "import_ms": 1e3 * med(p - b for p, b in zip(pkg, base, strict=True)),
        "numpy_ms": 1e3 * med(n - b for n, b in zip(npy, base, strict=True)),
        "importtime_ms": None if None in it_pkg else 1e-3 * med(it_pkg),
        "importtime_numpy_ms": None if None in it_np else 1e-3 * med(it_np),
        "forbidden_loaded": [m for m in FORBIDDEN if m in loaded],
        "heavy_loaded": [m for m in ("torch", "scipy", "pandas", "IPython", "PIL")
                         if m in loaded],
    }
    res["time_ok"] = res["import_ms"] < TARGET_MS
    res["modules_ok"] = not res["forbidden_loaded"]
    return res


def report(res):
    """Print the import part; return the markdown rows for the summary."""
    ok = lambda b: "PASS" if b else "FAIL"                 # noqa: E731
    print(f"`import {PACKAGE}` in a fresh interpreter, median of {res['runs']} interleaved runs")
    print(f"  interpreter start-up (python -c pass)        {res['startup_ms']:7.1f} ms")
    print(f"  import numpy        (minus start-up)         {res['numpy_ms']:7.1f} ms")
    print(f"  import {PACKAGE} (minus start-up)  {res['import_ms']:7.1f} ms   "
          f"target < {TARGET_MS:.0f} ms  {ok(res['time_ok'])}")
    if res["importtime_ms"] is not None:
        print(f"  -X importtime cumulative: {PACKAGE} {res['importtime_ms']:.1f} ms, "
              f"of which numpy {res['importtime_numpy_ms']:.1f} ms")
    bad = res["forbidden_loaded"]
    print(f"  matplotlib / ipywidgets in sys.modules after the import: "
          f"{', '.join(bad) if bad else 'neither'}  {ok(res['modules_ok'])}")
    if res["heavy_loaded"]:
        print(f"  (also loaded: {', '.join(res['heavy_loaded'])})")
    return [
        f"| `import {PACKAGE}` (fresh process, minus start-up) | {res['import_ms']:.0f} ms "
        f"(numpy alone {res['numpy_ms']:.0f} ms) | < {TARGET_MS:.0f} ms | {ok(res['time_ok'])} |",
        f"| matplotlib / ipywidgets imported | {', '.join(bad) if bad else 'no'} | no "
        f"| {ok(res['modules_ok'])} |",
    ]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 runs instead of 9")
    ap.add_argument("--runs", type=int, default=None, help="number of runs (default 9)")
    ap.add_argument("--strict", action="store_true", help="exit 1 if a check fails")
    args = ap.parse_args(argv)
    res = measure(args.runs or (3 if args.quick else 9))
    rows = report(res)
    print()
    print("| check | measured | target | |")
    print("|---|---|---|---|")
    print("\n".join(rows))
    return 1 if args.strict and not (res["time_ok"] and res["modules_ok"]) else 0


if __name__ == "__main__":
    sys.exit(main())
