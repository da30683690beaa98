"""The set-up files agree with each other and do what the README says.

- environment.yml (conda/Binder) lists the same runtime packages as pyproject.toml and
  pip-installs this package;
- constraints.txt (`make lock`) pins every package exactly, each of pyproject's requirements
  at a version inside its range, and never torch;
- the Makefile's `test` and `lab` targets set up a fresh venv with those pins (and redo it
  when the pins change), `test` lints first, `lab` binds 127.0.0.1, honours PORT and adds
  --allow-root only for uid 0, `test` and `test-perturbed` leave the browser tests to
  `test-browser`, `bench` and `test-perturbed` run their tools, `help` lists every target
  (checked with `make -n`, a dry run);
- .ci/run calls `make test`, `make test-browser` and `make test-perturbed`.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent


def normalise(name):
    """PEP 503 name: lower case, runs of -_. become one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def split_requirement(spec):
    """'numpy>=1.24' -> ('numpy', '>=1.24'); extras and markers are dropped."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)", spec)
    assert match, f"cannot parse requirement {spec!r}"
    return normalise(match.group(1)), match.group(2).replace(" ", "")


def lower_bound(constraint):
    """The version after '>=' in a constraint such as '>=1.24,<3', else None."""
    match = re.search(r">=\s*([0-9][0-9a-zA-Z.]*)", constraint)
    return match.group(1) if match else None


def read_environment_yml(path):
    """Parse the small subset of YAML that environment.yml uses.

    Returns {'name': str, 'channels': [str], 'dependencies': [str], 'pip': [str]}.
    Enough for top-level `key: value`, top-level `key:` followed by `- item` lists,
    and the nested `- pip:` list; comments and blank lines are skipped.
    """
    out = {"name": None, "channels": [], "dependencies": [], "pip": []}
    section = None
    in_pip = False
    pip_indent = None
    for raw in path.read_text().splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        if indent == 0:
            key, _, value = text.partition(":")
            section = key.strip()
            in_pip = False
            if value.strip():
                out[section] = value.strip()
            continue
        if not text.startswith("- "):
            raise AssertionError(f"environment.yml: unexpected line {raw!r}")
        item = text[2:].strip()
        if in_pip and indent > pip_indent:
            out["pip"].append(item)
            continue
        in_pip = False
        if section == "dependencies" and item == "pip:":
            in_pip, pip_indent = True, indent
        elif section in ("channels", "dependencies"):
            out[section].append(item)
    return out


@pytest.fixture(scope="module")
def pyproject():
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def environment():
    return read_environment_yml(ROOT / "environment.yml")


def read_lock(path):
    """constraints.txt -> {normalised name: version}; every line must be `name==version`."""
    pins = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][0-9A-Za-z.+!-]*)", line)
        assert match, f"constraints.txt: expected name==version, got {raw!r}"
        name = normalise(match.group(1))
        assert name not in pins, f"constraints.txt: {name} pinned twice"
        pins[name] = match.group(2)
    return pins


@pytest.fixture(scope="module")
def lock():
    return read_lock(ROOT / "constraints.txt")


# --- pyproject.toml and environment.yml -------------------------------------------------


def test_yaml_parser_reads_nested_pip_list(tmp_path):
    tmp = tmp_path / "environment.yml"
    tmp.write_text("# comment\nname: x\nchannels:\n  - conda-forge\ndependencies:\n"
                   "  - numpy>=1  # why\n  - pip\n  - pip:\n      - -e .[test]\n  - scipy\n")
    env = read_environment_yml(tmp)
    assert env == {"name": "x", "channels": ["conda-forge"],
                   "dependencies": ["numpy>=1", "pip", "scipy"], "pip": ["-e .[test]"]}


def test_pyproject_basics(pyproject):
    project = pyproject["project"]
    assert project["name"] == "deeplearn-helpers"
    assert project["requires-python"].replace(" ", "") == ">=3.10"
    runtime = {split_requirement(r)[0] for r in project["dependencies"]}
    assert runtime == {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "jupyterlab-slideshow"}
    extras = project["optional-dependencies"]
    assert {split_requirement(r)[0] for r in extras["test"]} >= {
        "pytest", "nbval", "hypothesis", "playwright"}
    # torch is only for the benchmark, pinned to the CPU build that lies on the machine.
    assert extras["bench"] == ["torch==2.13.0"]
    all_but_bench = project["dependencies"] + [
        r for name, reqs in extras.items() if name != "bench" for r in reqs]
    assert "torch" not in {split_requirement(r)[0] for r in all_but_bench}


def test_pytest_runs_notebooks_under_strict_nbval(pyproject):
    ini = pyproject["tool"]["pytest"]["ini_options"]
    assert ini["testpaths"] == ["tests", "notebooks"]
    addopts = ini["addopts"]
    addopts = addopts.split() if isinstance(addopts, str) else addopts
    assert "--nbval" in addopts and "--nbval-lax" not in addopts
    assert "--nbval-current-env" in addopts
    cfg = addopts[addopts.index("--nbval-sanitize-with") + 1]
    assert (ROOT / cfg).is_file()
    markers = {m.split(":")[0].strip() for m in ini["markers"]}
    assert {"browser", "slow"} <= markers


def test_sanitize_patterns_parse_and_work():
    nbval_plugin = pytest.importorskip("nbval.plugin")
    text = (ROOT / "tests" / "nbval_sanitize.cfg").read_text()
    patterns = nbval_plugin.get_sanitize_patterns(text)
    assert len(patterns) == text.count("\nregex: "), "every regex: needs a replace: line"

    def sanitize(s):
        for regex, replace in patterns:
            s = re.sub(regex, replace, s)
        return s

    assert sanitize("<function f at 0x7f3a2c1d4e50>") == sanitize("<function f at 0x55d0aa>")
    assert sanitize("epoch took 12.3 ms") == "epoch took TIME"
    assert sanitize("total 1.2 s") == "total TIME"
    # Things a notebook computes stay comparable; figure reprs are untouched.
    for kept in ["train loss 0.2500 after 200 samples", "<Figure size 640x480 with 1 Axes>",
                 "test error 0.125, 3 steps, 4 significant digits"]:
        assert sanitize(kept) == kept


def test_environment_yml_matches_pyproject(pyproject, environment):
    assert environment["name"] == "deeplearn"
    assert environment["channels"] == ["conda-forge"]
    conda = dict(split_requirement(d) for d in environment["dependencies"])
    assert "python" in conda and lower_bound(conda.pop("python")) == "3.10"
    assert "pip" in conda
    conda.pop("pip")
    pip_runtime = dict(split_requirement(r) for r in pyproject["project"]["dependencies"])
    assert set(conda) == set(pip_runtime)
    for name, constraint in pip_runtime.items():
        assert lower_bound(conda[name]) == lower_bound(constraint), name


# --- constraints.txt (the lock) ----------------------------------------------------------


def test_lock_parser(tmp_path):
    tmp = tmp_path / "c.txt"
    tmp.write_text("# head\n\nNumPy==2.4.6\njupyter_core==5.9.1\n")
    assert read_lock(tmp) == {"numpy": "2.4.6", "jupyter-core": "5.9.1"}
    tmp.write_text("numpy>=2\n")
    with pytest.raises(AssertionError, match="expected name==version"):
        read_lock(tmp)


def test_lock_pins_every_requirement_inside_its_range(pyproject, lock):
    from packaging.requirements import Requirement
    from packaging.version import Version

    project = pyproject["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    env = {"python_version": "3.11"}  # the lock is made on 3.11+: 3.10-only packages are not in it
    checked = []
    for spec in wanted:
        req = Requirement(spec)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        name = normalise(req.name)
        assert name in lock, f"{name} ({spec}) is not pinned in constraints.txt: run make lock"
        assert req.specifier.contains(Version(lock[name]), prereleases=True), (
            f"constraints.txt pins {name}=={lock[name]}, outside pyproject's {spec!r}: "
            "run make lock")
        checked.append(name)
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "jupyterlab-slideshow",
            "pytest", "nbval", "ruff"} <= set(checked)


def test_lock_is_complete_and_without_torch(lock):
    # transitive packages are pinned too, pip itself included; torch is only for make bench
    assert {"ipykernel", "jupyter-client", "pyzmq", "tornado", "contourpy", "pip"} <= set(lock)
    assert "torch" not in lock and "deeplearn-helpers" not in lock
    assert "setuptools" not in lock  # torch (make bench) needs a newer one than venv seeds
    head = (ROOT / "constraints.txt").read_text().splitlines()[:6]
    assert any(line.startswith("# Made with Python 3.") for line in head)


def test_lock_matches_this_environment_when_installed_from_it(lock):
    """Under `make test` (installed with -c constraints.txt) what runs is what is pinned."""
    from importlib.metadata import version

    stamp = Path(sys.prefix, ".installed-test")  # the Makefile writes the LOCK it used there
    if not stamp.exists() or stamp.read_text().strip() != "constraints.txt":
        pytest.skip("not installed by `make` from constraints.txt")
    for name in ("numpy", "matplotlib", "pytest", "nbval", "ipywidgets", "ruff"):
        assert version(name) == lock[name], name


def test_environment_yml_installs_the_package(environment):
    pip_lines = [re.sub(r"\s+", " ", p) for p in environment["pip"]]
    assert any(re.fullmatch(r"-e \.(\[test\])?", p) for p in pip_lines), pip_lines


# --- Makefile (dry runs) ----------------------------------------------------------------

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")


def make_n(*args):
    """`make -n ARGS` in the repo root: print the commands without running them."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "PORT", "VENV", "USER_UID")}
    result = subprocess.run(["make", "--no-print-directory", "-n", *args], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def fresh_venv(tmp_path):
    """A venv path that does not exist, so the dry run shows every set-up step."""
    return f"VENV={tmp_path / 'venv'}"


@needs_make
@pytest.mark.parametrize("target, extra", [("test", "'.[test]'"), ("lab", "'.'")])
def test_make_sets_up_a_fresh_venv(target, extra, fresh_venv):
    out = make_n(target, fresh_venv)
    venv = fresh_venv.split("=", 1)[1]
    assert "sys.version_info < (3, 10)" in out, "checks the Python version"
    assert f"-m venv {venv}" in out
    assert f"{venv}/bin/python -m pip install -c constraints.txt --upgrade pip" in out
    assert f"{venv}/bin/python -m pip install -c constraints.txt -e {extra}" in out
    assert f'echo "constraints.txt" > {venv}/.installed-{target}' in out
    # set-up comes before the run
    run = f"{venv}/bin/python -m pytest" if target == "test" else f"{venv}/bin/jupyter lab"
    assert out.index(f"-m venv {venv}") < out.index("pip install -c") < out.index(run)


@needs_make
def test_make_without_lock_installs_from_the_ranges(fresh_venv):
    out = make_n("test", "LOCK=", fresh_venv)
    assert "pip install -e '.[test]'" in out and "pip install -c" not in out


@needs_make
def test_make_redoes_the_install_when_the_lock_changes(tmp_path):
    """A venv installed before the pins changed is installed again (stamp older than lock)."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    stamp = venv / ".installed-test"
    stamp.touch()
    newer = max(os.stat(ROOT / f).st_mtime for f in ("pyproject.toml", "constraints.txt")) + 60
    os.utime(stamp, (newer, newer))
    assert "pip install" not in make_n("test", f"VENV={venv}")
    lock_copy = tmp_path / "constraints.txt"
    lock_copy.write_text((ROOT / "constraints.txt").read_text())
    os.utime(lock_copy, (newer + 60, newer + 60))
    out = make_n("test", f"VENV={venv}", f"LOCK={lock_copy}")
    assert f"pip install -c {lock_copy} -e '.[test]'" in out


@needs_make
def test_make_test_lints_first(fresh_venv):
    out = make_n("test", fresh_venv)
    venv = fresh_venv.split("=", 1)[1]
    lint = f"{venv}/bin/ruff check --output-format concise deeplearn_helpers tests notebooks " \
           "benchmarks tools"
    assert lint in out
    assert out.index(lint) < out.index(f"{venv}/bin/python -m pytest")


@needs_make
def test_make_lint_says_what_to_fix(tmp_path):
    """On a finding, `make lint` fails, shows file:line and the rule, and what to do."""
    ruff = shutil.which("ruff", path=os.path.dirname(sys.executable)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff not installed")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    (venv / "bin" / "ruff").symlink_to(ruff)
    (venv / ".installed-test").touch()
    # the stamp newer than what it depends on (in a working tree pyproject.toml may be newer
    # than constraints.txt), so make does not reinstall into this fake venv
    later = max(os.stat(ROOT / f).st_mtime for f in ("constraints.txt", "pyproject.toml")) + 3600
    os.utime(venv / ".installed-test", (later, later))
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    result = subprocess.run(["make", "--no-print-directory", "lint", f"VENV={venv}",
                             f"LINT_PATHS={bad}"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert f"{bad}:1:8: F401" in result.stdout
    assert "make lint: ruff found the problems listed above" in result.stderr
    assert "make lint-fix" in result.stderr


@needs_make
def test_make_help_lists_every_target():
    out = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60).stdout
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*?)(?<!\\)$", makefile, re.M | re.S).group(1)
    targets = phony.replace("\\", " ").split()
    assert len(targets) >= 12
    for target in targets:
        if target != "help":
            assert re.search(rf"make {re.escape(target)}\b", out), f"make help omits {target}"


@needs_make
def test_make_test_perturbed_and_bench_run_their_tools(fresh_venv):
    out = make_n("test", fresh_venv)
    assert '-m "not browser"' in out.splitlines()[-1], "make test leaves the browser tests out"
    out = make_n("test-browser", fresh_venv)
    assert "-m pytest" in out and "-m browser tests" in out
    out = make_n("test-perturbed", fresh_venv)
    assert '-m "not browser"' in out
    assert "DL_PERTURB=1 " in out and "tools/perturbed.py" in out
    assert "OPENBLAS_CORETYPE" not in out and "OPENBLAS_L2_SIZE" not in out
    out = make_n("bench", fresh_venv)
    assert "tools/bench.py" in out
    out = make_n("bench-notebooks", fresh_venv)
    assert "tools/time_notebooks.py" in out
    assert "tools/lock.py --python python3" in make_n("lock")


def test_nothing_sets_openblas_coretype():
    """Some machines set OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE to keep OpenBLAS correct."""
    files = [ROOT / "Makefile", ROOT / ".ci" / "run", *sorted((ROOT / "tools").glob("*.py")),
             *sorted((ROOT / "tests" / "perturb").glob("*.py")), ROOT / "tests" / "conftest.py"]
    for f in files:
        for line in f.read_text().splitlines():
            if "OPENBLAS_CORETYPE" in line or "OPENBLAS_L2_SIZE" in line:
                code = line.split("#", 1)[0]
                assert not re.search(r"OPENBLAS_(CORETYPE|L2_SIZE)\s*[=\]]|environ\[", code), \
                    (f.name, line)


@needs_make
def test_make_lab_binds_localhost_with_a_token(fresh_venv):
    out = make_n("lab", fresh_venv)
    assert "--ServerApp.ip=127.0.0.1" in out
    assert "--ServerApp.port=8888" in out
    assert "0.0.0.0" not in out
    assert "secrets.token_hex" in out and "JUPYTER_TOKEN" in out
    assert "Open: http://127.0.0.1:8888/lab/tree/notebooks/00_roadmap.ipynb?token=" in out


@needs_make
def test_make_lab_port(fresh_venv):
    out = make_n("lab", "PORT=9000", fresh_venv)
    assert "--ServerApp.port=9000" in out
    assert "http://127.0.0.1:9000/lab/tree/notebooks/00_roadmap.ipynb?token=" in out
    assert "--ServerApp.port=8888" not in out and "127.0.0.1:8888" not in out


@needs_make
@pytest.mark.parametrize("uid, allowed", [("0", True), ("1000", False)])
def test_make_lab_allow_root_only_for_root(uid, allowed, fresh_venv):
    out = make_n("lab", f"USER_UID={uid}", fresh_venv)
    assert ("--allow-root" in out) == allowed


@needs_make
def test_make_lab_allow_root_follows_the_real_uid(fresh_venv):
    out = make_n("lab", fresh_venv)
    assert ("--allow-root" in out) == (os.getuid() == 0)


@needs_make
def test_make_bench_installs_the_bench_extra(fresh_venv):
    out = make_n("bench", fresh_venv)
    assert "pip install -c constraints.txt -e '.[test,bench]'" in out
    assert "tools/bench.py" in out


@needs_make
def test_make_python_version_check_is_clear(tmp_path):
    """A too-old PYTHON stops `make test` with a message that says what to do."""
    old = tmp_path / "python-old"
    old.write_text("#!/bin/sh\n"
                   "case \"$1\" in --version) echo 'Python 3.8.10';; *) exit 1;; esac\n")
    old.chmod(0o755)
    result = subprocess.run(["make", "--no-print-directory", "test", f"PYTHON={old}",
                             f"VENV={tmp_path / 'venv'}"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0
    assert "needs Python >= 3.10" in result.stderr and "3.8.10" in result.stderr
    assert not (tmp_path / "venv").exists()


# --- CI -----------------------------------------------------------------------------


def test_ci_runs_make_test():
    ci = ROOT / ".ci" / "run"
    assert os.access(ci, os.X_OK), ".ci/run must be executable"
    lines = [ln.split("#", 1)[0].strip() for ln in ci.read_text().splitlines()]
    assert "set -euo pipefail" in lines
    assert "make test" in lines
    assert "make test-browser" in lines
    assert "make test-perturbed" in lines
    assert lines.index("make test") < lines.index("make test-browser")
    assert lines.index("make test") < lines.index("make test-perturbed")
