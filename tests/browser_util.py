"""What the browser tests share: a JupyterLab server on a free localhost port
(``running_lab``, for a module-scoped fixture), Debian's Chromium driven by Playwright
(``launch``), and waits and checks on a notebook page.

Needs Debian's Chromium at /usr/bin/chromium (Playwright's own browser download does not
work here) and the playwright package (the test extra). Without them the tests are skipped,
except under CI (CI=true), where they fail.
"""
import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TIMEOUT_MS = int(os.environ.get("BROWSER_TEST_TIMEOUT_MS", 120_000))  # CI may be slow

# JupyterLab user settings for every test: every cell stays in the page (no virtual
# scrolling), so the tests can find them all; the kernel starts without asking; no news;
# no autosave (running a notebook in the browser must not rewrite the committed one).
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none",
                                               "autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


def unavailable(reason):
    """Skip (or under CI=true fail) a test whose browser or package is missing."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser test must run)")
    pytest.skip(reason)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(folder, settings):
    for plugin, values in settings.items():
        package, name = plugin.rsplit("/", 1)
        path = folder / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


@contextlib.contextmanager
def running_lab(tmp, settings=None):
    """Start JupyterLab on the repository (fresh token, settings in ``tmp``); yield (url, token).

    settings: extra user settings, {"<package>/<plugin>": {...}}, on top of ``SETTINGS``.
    """
    if not os.path.exists(CHROMIUM):
        unavailable(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the playwright package is missing (pip install -e '.[test]')")
    tmp = Path(tmp)
    _write_settings(tmp / "settings", {**SETTINGS, **(settings or {})})
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--ServerApp.root_dir={REPO}", f"--IdentityProvider.token={token}",
           f"--LabApp.user_settings_dir={tmp / 'settings'}",
           f"--LabApp.workspaces_dir={tmp / 'workspaces'}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(tmp / "lab.log", "w")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")}
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=REPO, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    log.flush()
                    tail = (tmp / "lab.log").read_text()[-3000:]
                    pytest.fail("JupyterLab did not start:\n" + tail)
                time.sleep(0.5)
        yield url, token
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def launch(playwright):
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def open_notebook(page, url, token, notebook):
    """Open ``notebook`` (a path in the repository) and wait until its kernel is idle."""
    from playwright.sync_api import expect
    page.set_default_timeout(TIMEOUT_MS)
    # reset: a fresh workspace, without the notebooks an earlier test of the server opened
    page.goto(f"{url}/lab/tree/{notebook}?reset&token={token}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    select = page.locator(".jp-Dialog button", has_text="Select")
    ready = page.locator(".jp-StatusBar-TextItem", has_text="| Idle")  # kernel started
    expect(select.or_(ready).first).to_be_visible(timeout=TIMEOUT_MS)
    if select.count():                  # "Select Kernel": take the notebook's own
        select.first.click()
    ready.wait_for()


def run_all(page):
    """Run > Run All Cells (the kernel keeps running; see ``wait_until_all_ran``)."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def run_through(page, index):
    """Run cells 0 to ``index`` with Shift+Enter from the first, as a student steps down."""
    page.locator(".jp-Notebook .jp-Cell .jp-InputPrompt").first.click()
    page.keyboard.press("Escape")
    for _ in range(index + 1):
        page.keyboard.press("Shift+Enter")


# The input prompts ('[3]:', '[*]:', '[ ]:') of the code cells among the first n cells (all:
# null) that show their input.
_PROMPTS = """n => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].slice(0, n ?? undefined)
    .filter(c => c.classList.contains('jp-CodeCell'))
    .map(c => c.querySelector('.jp-InputArea-prompt')).filter(p => p).map(p => p.innerText)"""


def wait_until_all_ran(page, cells=None):
    """Every code cell (among the first ``cells``; None: all) has an execution count (none
    is '[*]' or empty) and the kernel is idle.

    Fails at once if a cell shows a traceback (Run All stops there)."""
    deadline = time.time() + TIMEOUT_MS / 1000
    prompts = []
    while time.time() < deadline:
        no_errors(page)
        prompts = page.evaluate(_PROMPTS, cells)
        if prompts and all(p.strip() not in ("[ ]:", "[*]:", "") for p in prompts):
            page.locator(".jp-StatusBar-TextItem", has_text="| Idle").wait_for()
            return
        time.sleep(0.5)
    pytest.fail(f"the notebook did not finish running: prompts {prompts}")


def no_errors(page):
    """No cell shows a traceback."""
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    texts = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
    assert not texts, "a cell shows an error:\n" + "\n\n".join(texts)[:3000]
