"""How long each notebook takes under nbval, kernel start included, as the machine is and with
numpy's AVX-512 kernels off: `make bench-notebooks` (also part of `make bench`).

    python tools/time_notebooks.py                       # every notebook, both configurations
    python tools/time_notebooks.py notebooks/06_*.ipynb  # some
    python tools/time_notebooks.py --config machine      # one configuration only

Each configuration is one pytest session over the notebooks (pyproject's addopts: --nbval,
strict, --nbval-current-env), in a fresh process whose environment the notebook kernels
inherit; "AVX-512 off" sets NPY_DISABLE_CPU_FEATURES to tools/cpu_features.py's `avx512`
value (what a laptop without AVX-512 runs).  A notebook's time runs from the start of its
first cell's set-up (nbval starts the kernel there) to the end of its last cell's tear-down
(the kernel shut down): what `make test` spends on it.  Goals (issue 11): each notebook
<= 10 s, 07 <= 15 s, all together <= 90 s, on 2 cores without AVX-512; the later sections'
notebooks 11-14 <= 15 s each (issues 12-14).  A notebook whose
outputs do not match is marked FAILED: its time then means little.
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are left as they are.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import cpu_features  # noqa: E402  (tools/ is not a package)

GOAL_S, TOTAL_GOAL_S = 10.0, 90.0
SPECIAL_GOALS = {"07": 15.0, "11": 15.0, "12": 15.0, "13": 15.0, "14": 15.0}
CONFIGS = ("machine", "no-avx512")


def goal(path):
    return SPECIAL_GOALS.get(Path(path).name[:2], GOAL_S)


class Timer:
    """pytest plugin: wall time and outcome per notebook file."""

    def __init__(self):
        self.seconds, self.failed, self.keys = {}, set(), {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.key(item)
        t = time.perf_counter()
        yield
        self.seconds[self.key(item)] = (self.seconds.get(self.key(item), 0.0)
                                        + time.perf_counter() - t)

    def key(self, item):
        path = Path(str(item.path))
        key = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        self.keys[item.nodeid] = key
        return key

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.failed.add(self.keys.get(report.nodeid, report.nodeid))


def run_one(paths, out):
    """In this process: one pytest session over ``paths``; write {notebook: [s, ok]} to out."""
    timer = Timer()
    code = pytest.main(["-q", "-p", "no:cacheprovider", "--no-header", "--rootdir", str(ROOT),
                        "-c", str(ROOT / "pyproject.toml"), *paths], plugins=[timer])
    result = {k: [s, k not in timer.failed] for k, s in timer.seconds.items()}
    Path(out).write_text(json.dumps({"code": int(code), "notebooks": result}))


def measure(config, paths):
    """Run one configuration in a fresh process; returns ({notebook: (s, ok)}, npy value)."""
    env = dict(os.environ)
    env.pop("NPY_DISABLE_CPU_FEATURES", None)
    value = cpu_features.value("avx512") if config == "no-avx512" else ""
    if value:
        env["NPY_DISABLE_CPU_FEATURES"] = value
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "times.json"
        subprocess.run([sys.executable, __file__, "--_run-one", str(out), *paths], cwd=ROOT,
                       env=env, check=False)
        data = json.loads(out.read_text()) if out.exists() else {"code": -1, "notebooks": {}}
    return {k: tuple(v) for k, v in data["notebooks"].items()}, value, data["code"]


def table(results, labels):
    """Markdown table: one row per notebook, one column per configuration, and the total."""
    names = sorted({k for r in results for k in r})
    lines = ["| notebook | " + " | ".join(labels) + " | goal |",
             "|---|" + "---:|" * len(labels) + "---:|"]
    ok_all = True
    for name in names:
        cells = []
        for r in results:
            s, ok = r.get(name, (float("nan"), False))
            over = s > goal(name)
            ok_all &= ok and not over
            cells.append(f"{s:.1f}" + (" FAILED" if not ok else "") + (" over" if over else ""))
        lines.append(f"| {Path(name).stem} | " + " | ".join(cells) + f" | <= {goal(name):g} |")
    totals = [sum(s for s, _ in r.values()) for r in results]
    ok_all &= all(t <= TOTAL_GOAL_S for t in totals)
    lines.append("| **all** | " + " | ".join(
        f"**{t:.1f}**" + (" over" if t > TOTAL_GOAL_S else "") for t in totals)
        + f" | <= {TOTAL_GOAL_S:g} |")
    return lines, ok_all


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_run-one"]:
        return run_one(argv[2:], argv[1])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--config", choices=CONFIGS + ("both",), default="both")
    args = ap.parse_args(argv)
    paths = args.notebooks or sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    configs = CONFIGS if args.config == "both" else (args.config,)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"# notebook times under nbval (kernel start included): Python "
          f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {load:.1f}", flush=True)
    results, labels, problems = [], [], []
    for config in configs:
        print(f"\n== {config}: pytest over {len(paths)} notebooks", flush=True)
        times, value, code = measure(config, paths)
        if len(times) != len(paths) or code not in (0, 1):
            problems.append(f"{config}: {len(times)} of {len(paths)} notebooks timed "
                            f"(pytest exit code {code})")
        results.append(times)
        labels.append("as the machine is (s)" if config == "machine" else
                      f"AVX-512 off (s) [NPY_DISABLE_CPU_FEATURES=\"{value}\"]" if value else
                      "AVX-512 off (s) [this CPU/numpy has none]")
    lines, ok = table(results, labels)
    ok &= not problems
    print()
    print("\n".join(lines))
    for problem in problems:
        print(f"\nerror: {problem}")
    print(f"\nGoals: each notebook <= {GOAL_S:g} s (07 and 11-14 <= 15 s), all <= "
          f"{TOTAL_GOAL_S:g} s: "
          + ("PASS" if ok else "not met"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
