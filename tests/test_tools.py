"""The helper scripts in tools/ (lock, bench, notebook times) do what their docstrings say.

Fast checks of their logic; the real runs are `make lock`, `make bench` and
`make bench-notebooks` (tests/test_environment.py checks the Makefile calls them).
"""
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import bench  # noqa: E402
import cpu_features  # noqa: E402
import lock  # noqa: E402
import time_notebooks  # noqa: E402


def test_lock_parses_pip_freeze():
    text = """# Editable Git install with no remote (deeplearn-helpers==0.1.0)
-e /work/main
Jinja2==3.1.6
jupyter_core==5.9.1
numpy==2.4.6
pip==26.3
torch==2.13.0
setuptools==65.5.0
foo @ file:///tmp/foo-1.0-py3-none-any.whl
deeplearn-helpers==0.1.0
"""
    pins = lock.parse_freeze(text)
    assert pins == ["jinja2==3.1.6", "jupyter-core==5.9.1", "numpy==2.4.6", "pip==26.3"]


def test_lock_file_says_how_it_was_made():
    out = lock.render(["numpy==2.4.6"], "3.11.7", machine="Linux x86_64")
    lines = out.splitlines()
    assert lines[-1] == "numpy==2.4.6"
    assert any("make lock" in ln for ln in lines if ln.startswith("#"))
    assert any(ln.startswith("# Made with Python 3.11.7 on Linux x86_64") for ln in lines)


def test_committed_lock_is_what_lock_py_writes():
    """constraints.txt has the form tools/lock.py gives it (so it was not edited by hand)."""
    text = (ROOT / "constraints.txt").read_text()
    pins = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    assert pins == sorted(pins, key=lambda pin: pin.split("==")[0])
    assert lock.parse_freeze("\n".join(pins)) == pins
    version = text.split("# Made with Python ", 1)[1].split()[0]
    machine = text.split(f"# Made with Python {version} on ", 1)[1].split(",")[0]
    head = lock.render(pins, version, machine).split("\n# Made with")[0]
    assert text.startswith(head)


def test_bench_runs_every_script_both_ways():
    configs = bench.configurations()
    assert [label for label, _ in configs][0] == "AS THE MACHINE IS"
    assert configs[0][1] is None
    assert configs[1][1] == (cpu_features.value("avx512") or None)
    assert "AVX-512 OFF" in configs[1][0]
    found = bench.scripts()
    assert found[:2] == ["benchmarks/bench_train.py", "benchmarks/bench_playground.py"]
    assert set(found) == {f"benchmarks/{p.name}" for p in (ROOT / "benchmarks").glob("bench_*.py")}
    for script in found:  # tools/bench.py passes --quick to each
        assert "--quick" in (ROOT / script).read_text(), script
    env = bench.env_for("X86_V4")
    assert env["NPY_DISABLE_CPU_FEATURES"] == "X86_V4"
    assert "NPY_DISABLE_CPU_FEATURES" not in bench.env_for(None)


def test_notebook_goals():
    assert time_notebooks.goal("notebooks/07_depth_mysteries.ipynb") == 15
    assert time_notebooks.goal("notebooks/06_making_it_work.ipynb") == 10


def test_notebook_table_marks_what_is_over_or_failed():
    machine = {"notebooks/00_a.ipynb": (2.0, True), "notebooks/07_b.ipynb": (14.0, True)}
    off = {"notebooks/00_a.ipynb": (11.0, True), "notebooks/07_b.ipynb": (9.0, False)}
    lines, ok = time_notebooks.table([machine, off], ["machine", "off"])
    assert not ok
    assert lines[2] == "| 00_a | 2.0 | 11.0 over | <= 10 |"
    assert lines[3] == "| 07_b | 14.0 | 9.0 FAILED | <= 15 |"
    assert lines[4] == "| **all** | **16.0** | **20.0** | <= 90 |"
    lines, ok = time_notebooks.table([machine], ["machine"])
    assert ok


def test_notebook_table_missing_notebook_is_not_a_pass():
    lines, ok = time_notebooks.table([{"notebooks/00_a.ipynb": (1.0, True)}, {}], ["a", "b"])
    assert not ok and "nan FAILED" in lines[2]
    assert math.isnan(float("nan"))


def tiny_notebook(path, stored):
    path.write_text('{"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, '
                    '"outputs": [{"name": "stdout", "output_type": "stream", "text": ["'
                    + stored + '\\n"]}], "source": ["print(1 + 1)"]}], "metadata": {}, '
                    '"nbformat": 4, "nbformat_minor": 5}')
    return str(path)


@pytest.mark.slow
def test_time_notebooks_times_a_notebook_and_flags_a_wrong_output(tmp_path):
    """A real run (one kernel): its start is included, so well above zero; the stored output
    does not match, so the row says FAILED and the goals are not met."""
    bad = tiny_notebook(tmp_path / "01_wrong.ipynb", "3")
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "time_notebooks.py"),
                          "--config", "machine", bad], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    row = next(ln for ln in out.stdout.splitlines() if ln.startswith("| 01_wrong |"))
    assert 0.2 < float(row.split("|")[2].split()[0]) < 120
    assert "FAILED" in row and "not met" in out.stdout
