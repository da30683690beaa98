"""End to end in a real browser: JupyterLab runs notebooks/09_playground.ipynb in headless
Chromium (driven by Playwright); the playground must answer its controls and train live.

Needs Debian's Chromium at /usr/bin/chromium (Playwright's own browser download does not
work here) and the playwright package (the test extra). Without them the test is skipped,
except under CI (CI=true), where it fails. Screenshots go to test-artifacts/.
"""
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

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/09_playground.ipynb"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TIMEOUT_MS = int(os.environ.get("BROWSER_TEST_TIMEOUT_MS", 120_000))  # CI may be slow


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser test must run)")
    pytest.skip(reason)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free localhost port with a fresh token; its URL and token."""
    if not os.path.exists(CHROMIUM):
        _unavailable(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is missing (pip install -e '.[test]')")
    tmp = tmp_path_factory.mktemp("lab")
    settings = tmp / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    # every cell stays in the page (no virtual scrolling), so the test can find them all
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps(
        {"windowingMode": "none", "autoStartDefaultKernel": True}))
    news = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
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
                    pytest.fail("JupyterLab did not start:\n" + (tmp / "lab.log").read_text()[-3000:])
                time.sleep(0.5)
        yield url, token
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# Counts how often the picture changes: a MutationObserver on the <img> of the widget.
_COUNT_FRAMES = """img => { window.__frames = 0;
    new MutationObserver(() => { window.__frames += 1; })
        .observe(img, {attributes: true, attributeFilter: ['src']}); }"""


def test_playground_in_jupyterlab(lab):
    from playwright.sync_api import expect, sync_playwright

    url, token = lab
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(f"{url}/lab/tree/{NOTEBOOK}?token={token}")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for()
            select = page.locator(".jp-Dialog button", has_text="Select")
            ready = page.locator(".jp-StatusBar-TextItem", has_text="| Idle")  # kernel started
            expect(select.or_(ready).first).to_be_visible()
            if select.count():                  # "Select Kernel": take the notebook's own
                select.first.click()
            ready.wait_for()

            # Run > Run All Cells, then wait until the kernel is idle again
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            widget = page.locator(".jp-OutputArea-output .widget-vbox").filter(
                has=page.locator("img.widget-image")).first
            image = widget.locator("img.widget-image").first
            expect(image).to_have_attribute("src", _any_blob(), timeout=TIMEOUT_MS)
            _wait_until_all_ran(page)
            _no_errors(page)
            widget.scroll_into_view_if_needed()
            widget.screenshot(path=str(ARTIFACTS / "playground_1_after_run_all.png"))
            counter = widget.locator(".widget-html", has_text="epoch").first
            expect(counter).to_contain_text("epoch 0")

            # the width slider, 8 -> 6 (two steps with the arrow keys, as a student would);
            # the network is rebuilt: the widths field says 6, 6 and the picture changes
            src = image.get_attribute("src")
            width = _slider(widget, page, "width")
            _press(width, "ArrowLeft", 2)
            expect(width.locator(".widget-readout").first).to_have_text("6")
            widths = widget.locator(".widget-text", has=page.locator(
                ".widget-label", has_text="widths")).locator("input").first
            expect(widths).to_have_value("6, 6")
            expect(image).not_to_have_attribute("src", src)
            widget.screenshot(path=str(ARTIFACTS / "playground_2_width_changed.png"))

            # Step: one epoch
            src = image.get_attribute("src")
            widget.locator("button", has_text="Step").first.click()
            expect(counter).to_contain_text("epoch 1")
            expect(image).not_to_have_attribute("src", src)

            # Play for about 3 seconds, counting the frames the browser shows
            image.evaluate(_COUNT_FRAMES)
            widget.locator("button", has_text="Play").first.click()
            start = time.time()
            page.wait_for_timeout(3000)
            frames = page.evaluate("window.__frames")
            seconds = time.time() - start
            widget.screenshot(path=str(ARTIFACTS / "playground_3_playing.png"))
            # a slider answers while it trains: a larger step size carries on training
            step_size = _slider(widget, page, "step size η")
            _press(step_size, "ArrowRight", 3)
            expect(step_size.locator(".widget-readout").first).to_have_text("0.200")
            widget.locator("button", has_text="Pause").first.click()
            expect(widget.locator("button", has_text="Play").first).to_be_visible()
            epoch = int(counter.inner_text().split("epoch")[1].split()[0])
            print(f"\nbrowser: {frames} frames in {seconds:.1f} s = {frames / seconds:.1f} "
                  f"frames/s during Play; reached epoch {epoch}")
            assert epoch > 1, "Play did not train"
            assert frames >= 3, f"the picture hardly changed during Play ({frames} frames)"
            widget.screenshot(path=str(ARTIFACTS / "playground_4_paused.png"))

            # own data: a malformed CSV gets a message and the data stay; a good one is used
            status = widget.locator(".widget-html").nth(1)
            _upload(page, widget, "bad.csv", b"x1,x2,label\n0.1,0.2\n")
            expect(status).to_contain_text("could not use bad.csv")
            rows = "\n".join(f"{i / 20 - 1},{(i * 7 % 40) / 20 - 1},{i % 2}" for i in range(40))
            _upload(page, widget, "mine.csv", ("x1,x2,label\n" + rows).encode())
            expect(status).to_contain_text("loaded 40 points from mine.csv")
            expect(counter).to_contain_text("epoch 0")
            widget.screenshot(path=str(ARTIFACTS / "playground_5_own_data.png"))
            _no_errors(page)
            assert "error" not in status.inner_text().lower(), status.inner_text()
        except BaseException:
            page.screenshot(path=str(ARTIFACTS / "playground_failure.png"))
            raise
        finally:
            browser.close()


def _slider(widget, page, label):
    """The slider labelled ``label`` (exactly) in the widget."""
    for slider in widget.locator(".widget-slider").all():
        if slider.locator(".widget-label").first.inner_text().strip() == label:
            return slider
    pytest.fail(f"no slider labelled {label!r}")


def _press(slider, key, times):
    """Focus the slider's handle and press ``key`` ``times`` times."""
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    for _ in range(times):
        handle.press(key)


def _upload(page, widget, name, content):
    """Choose a file in the widget's upload button, as a student does."""
    with page.expect_file_chooser() as chooser:
        widget.locator("button", has_text="own data").first.click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])


def _any_blob():
    import re
    return re.compile(r"^(blob:|data:image)")


def _wait_until_all_ran(page):
    """Every code cell has an execution count (none is '[*]' or empty) and the kernel is idle."""
    deadline = time.time() + TIMEOUT_MS / 1000
    while time.time() < deadline:
        prompts = page.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
        if prompts and all(p.strip() not in ("[ ]:", "[*]:", "") for p in prompts):
            page.locator(".jp-StatusBar-TextItem", has_text="| Idle").wait_for()
            return
        time.sleep(0.5)
    pytest.fail(f"the notebook did not finish running: prompts {prompts}")


def _no_errors(page):
    """No cell shows a traceback."""
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    texts = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
    assert not texts, "a cell shows an error:\n" + "\n\n".join(texts)[:3000]
