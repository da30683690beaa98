"""`make bench`: every benchmark twice, as the machine is and with numpy's AVX-512 kernels off,
then the notebook times (tools/time_notebooks.py) both ways.

    python tools/bench.py                  # what `make bench` runs
    python tools/bench.py --quick          # --quick to each benchmark script
    python tools/bench.py --no-notebooks   # the scripts only

Most students' laptops (and many CI runners) have no AVX-512; numpy picks its SIMD kernels
at import, so "AVX-512 off" runs each script in a fresh process with NPY_DISABLE_CPU_FEATURES
set to tools/cpu_features.py's `avx512` value for this numpy and CPU -- what such a laptop
runs.  The BLAS (OpenBLAS) keeps its own kernels: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are
never set or changed (some machines set them to keep OpenBLAS correct).  The scripts
themselves are every benchmarks/bench_*.py; each is run with this interpreter, from the repo
root.
"""
import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import cpu_features  # noqa: E402  (tools/ is not a package)

FIRST = ["benchmarks/bench_train.py", "benchmarks/bench_playground.py"]


def scripts():
    """Every benchmarks/bench_*.py (each takes --quick): the training and playground ones
    first, the others in name order."""
    found = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "benchmarks").glob("bench_*.py"))
    return [s for s in FIRST if s in found] + [s for s in found if s not in FIRST]


def configurations():
    """[(label, NPY_DISABLE_CPU_FEATURES value or None)], the machine first."""
    value = cpu_features.value("avx512")
    off = (f"AVX-512 OFF (NPY_DISABLE_CPU_FEATURES=\"{value}\")" if value else
           "AVX-512 OFF: nothing to switch off (this CPU or numpy has no AVX-512 kernels)")
    return [("AS THE MACHINE IS", None), (off, value or None)]


def env_for(value):
    env = dict(os.environ)
    env.pop("NPY_DISABLE_CPU_FEATURES", None)
    if value:
        env["NPY_DISABLE_CPU_FEATURES"] = value
    return env


def banner(text):
    line = "=" * 88
    print(f"\n{line}\n== {text}\n{line}", flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="pass --quick to each script")
    ap.add_argument("--no-notebooks", action="store_true", help="skip the notebook times")
    args = ap.parse_args(argv)
    print(f"# make bench: Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs; OMP/OPENBLAS/MKL threads "
          f"{os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")
    subprocess.run([sys.executable, str(HERE / "cpu_features.py"), "--show"], check=True)
    failed = []
    for label, value in configurations():
        for script in scripts():
            banner(f"{label}: {script}")
            cmd = [sys.executable, script] + (["--quick"] if args.quick else [])
            if subprocess.run(cmd, cwd=ROOT, env=env_for(value)).returncode:
                failed.append(f"{script} ({label})")
    if not args.no_notebooks:
        banner("notebooks under nbval, both configurations (tools/time_notebooks.py)")
        if subprocess.run([sys.executable, str(HERE / "time_notebooks.py")], cwd=ROOT).returncode:
            failed.append("tools/time_notebooks.py")
    if failed:
        print("\nFailed to run: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
