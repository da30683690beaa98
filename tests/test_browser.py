"""End to end in a real browser: JupyterLab runs notebooks/09_playground.ipynb down to its
first playground in headless Chromium (driven by Playwright) at 1280x720; the playground must
fit the screen (controls, network, output and loss at once), answer its controls and train
live.  (The whole notebook, Run All, is presented as a deck in test_browser_slides.py.)

Needs Debian's Chromium at /usr/bin/chromium and the playwright package (the test extra);
without them the test is skipped, except under CI (CI=true), where it fails (browser_util).
Screenshots go to test-artifacts/.
"""
import json
import time

import pytest
from browser_util import (
    ARTIFACTS,
    REPO,
    TIMEOUT_MS,
    launch,
    no_errors,
    open_notebook,
    run_through,
    running_lab,
    wait_until_all_ran,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/09_playground.ipynb"
SCREEN = {"width": 1280, "height": 720}


def _first_playground_cell():
    cells = json.loads((REPO / NOTEBOOK).read_text())["cells"]
    return next(i for i, c in enumerate(cells) if c["cell_type"] == "code"
                and "".join(c["source"]).startswith("dl.Playground("))


PLAYGROUND_CELL = _first_playground_cell()     # the cell of the playground the test plays with


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free localhost port with a fresh token; its URL and token."""
    # no autosave: running the notebook in the browser must not rewrite the committed one
    no_autosave = {"@jupyterlab/docmanager-extension/plugin": {"autosave": False}}
    with running_lab(tmp_path_factory.mktemp("lab"), settings=no_autosave) as server:
        yield server


# Counts how often the picture changes: a MutationObserver on the <img> of the widget.
_COUNT_FRAMES = """img => { window.__frames = 0;
    new MutationObserver(() => { window.__frames += 1; })
        .observe(img, {attributes: true, attributeFilter: ['src']}); }"""


def test_playground_in_jupyterlab(lab):
    from playwright.sync_api import expect, sync_playwright

    url, token = lab
    ARTIFACTS.mkdir(exist_ok=True)
    expect.set_options(timeout=TIMEOUT_MS)        # a busy machine starts kernels slowly
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport=SCREEN)
            open_notebook(page, url, token, NOTEBOOK)
            page.keyboard.press("Control+b")   # close the left sidebar, as when presenting
            # the cells up to the first playground (Run All is the deck test's: test_browser_slides)
            run_through(page, PLAYGROUND_CELL)
            widget = page.locator(".jp-OutputArea-output .dl-playground").first
            image = widget.locator("img.widget-image").first
            expect(image).to_have_attribute("src", _any_blob(), timeout=TIMEOUT_MS)
            wait_until_all_ran(page, PLAYGROUND_CELL + 1)
            no_errors(page)
            widget.scroll_into_view_if_needed()
            # the whole widget fits the notebook's part of a 1280x720 screen: the controls,
            # the network, the output and the loss curve at once, no scrolling
            area = page.locator(".jp-NotebookPanel-notebook").first.bounding_box()
            box = widget.bounding_box()
            print(f"\nwidget {box['width']:.0f} x {box['height']:.0f} px in a notebook area of "
                  f"{area['width']:.0f} x {area['height']:.0f} px")
            assert box["width"] <= area["width"] and box["height"] <= area["height"], (box, area)
            picture = image.bounding_box()
            # shown at (almost) its own size: its smallest text (15.3 px at 800) >= 14 px
            assert 800 * 14 / 15.3 <= picture["width"] <= 800, picture
            assert picture["x"] + picture["width"] <= area["x"] + area["width"], (picture, area)
            page.screenshot(path=str(ARTIFACTS / "playground_1_after_running.png"))
            counter = widget.locator(".widget-html", has_text="epoch").first
            expect(counter).to_contain_text("epoch 0")

            # the width slider, 4 -> 2 (two steps with the arrow keys, as a student would);
            # the network is rebuilt: the widths field says 2, 2 and the picture changes
            src = image.get_attribute("src")
            _tab(widget, "network")
            width = _slider(widget, page, "width")
            _press(width, "ArrowLeft", 2)
            expect(width.locator(".widget-readout").first).to_have_text("2")
            widths = widget.locator(".widget-text", has=page.locator(
                ".widget-label", has_text="widths")).locator("input").first
            expect(widths).to_have_value("2, 2")
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
            _tab(widget, "training")
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
            _tab(widget, "data")
            _upload(page, widget, "bad.csv", b"x1,x2,label\n0.1,0.2\n")
            expect(status).to_contain_text("could not use bad.csv")
            rows = "\n".join(f"{i / 20 - 1},{(i * 7 % 40) / 20 - 1},{i % 2}" for i in range(40))
            _upload(page, widget, "mine.csv", ("x1,x2,label\n" + rows).encode())
            expect(status).to_contain_text("loaded 40 points from mine.csv")
            expect(counter).to_contain_text("epoch 0")
            widget.screenshot(path=str(ARTIFACTS / "playground_5_own_data.png"))
            no_errors(page)
            assert "error" not in status.inner_text().lower(), status.inner_text()
        except BaseException:
            page.screenshot(path=str(ARTIFACTS / "playground_failure.png"))
            raise
        finally:
            browser.close()


def _tab(widget, title):
    """Open the tab ``title`` of the widget's control groups."""
    widget.locator(".lm-TabBar-tab", has_text=title).first.click()


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
