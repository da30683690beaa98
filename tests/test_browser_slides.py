"""The decks presented as a lecturer does, in a real browser: JupyterLab with
jupyterlab-slideshow in headless Chromium at 1280x720 (Playwright). For each deck: open
it, Run All, click the first cell, Start Deck, then step with Space (down, else forward)
through every slide and fragment to the end, and at every step check that

- the slide fits the viewport (no cell of the slide reaches beyond 1280x720, nothing inside
  it needs scrolling) and no figure is shrunk (a PNG shown narrower than its pixels);
- every widget on it is live: rendered as a widget (not as its text, such as
  ``IntSlider(value=3, ...)``), and dragging a slider changes its figure (or its readout;
  sliders in closed tabs or accordions are not dragged);
- no error dialog, no traceback;

and at the end that every cell the deck should show was shown, that Shift+Space goes back,
and that Escape leaves the deck (the menu bar is back). Screenshots of every step:
test-artifacts/slides/<deck>/NN.png.

tests/decks/test_deck.ipynb is our own small deck; the lecture's notebooks 02 and 09 are
presented once they carry slide metadata (until then their tests fail and say so);
SLIDE_DECKS="notebooks/NN_x.ipynb ..." presents other notebooks instead.
Needs /usr/bin/chromium and playwright, as tests/test_browser.py (see browser_util.py).
"""
import json
import os
import time

import pytest
from browser_util import (
    ARTIFACTS,
    REPO,
    launch,
    no_errors,
    open_notebook,
    run_all,
    running_lab,
    wait_until_all_ran,
)

pytestmark = pytest.mark.browser

# SLIDE_DECKS="notebooks/03_deep_networks.ipynb ..." presents other decks instead of 02, 09.
DECKS = ["tests/decks/test_deck.ipynb"] + (os.environ.get("SLIDE_DECKS", "").split() or [
    "notebooks/02_neural_networks.ipynb", "notebooks/09_playground.ipynb"])
VIEWPORT = {"width": 1280, "height": 720}
MAX_STEPS = 150        # a deck longer than this is a bug (or a deck that never ends)
STEP_MS = 15_000       # the longest a slide may take to settle or a figure to redraw


@pytest.fixture(scope="module")
def deck_lab(tmp_path_factory):
    """JupyterLab with the deck off at the start (its on/off is a persistent user setting)."""
    with running_lab(tmp_path_factory.mktemp("decklab"),
                     {"jupyterlab-slideshow/plugin": {"active": False}}) as server:
        yield server


# The state of the deck: the active cell, and which cells are on screen / revealed.
_STATE = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map((c, i) => ({
    i, active: c.classList.contains('jp-mod-active'),
    onscreen: c.classList.contains('jp-deck-mod-onscreen'),
    visible: c.classList.contains('jp-deck-mod-visible')}))"""

# What does not fit: cells of the slide outside the viewport, scrolled boxes inside them,
# figures shown narrower than their pixels.
_LAYOUT = """() => {
  const out = [], H = window.innerHeight, W = window.innerWidth;
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
  cells.forEach((c, i) => {
    if (!c.classList.contains('jp-deck-mod-onscreen')) return;
    const r = c.getBoundingClientRect();
    if (r.top < -1 || r.bottom > H + 1 || r.left < -1 || r.right > W + 1)
      out.push(`cell ${i} spans y ${Math.round(r.top)}..${Math.round(r.bottom)}, ` +
               `x ${Math.round(r.left)}..${Math.round(r.right)} (viewport ${W}x${H})`);
    for (const e of c.querySelectorAll('*')) {
      const s = getComputedStyle(e);
      if (['auto', 'scroll'].includes(s.overflowY) && e.scrollHeight > e.clientHeight + 2)
        out.push(`cell ${i}: a ${e.className || e.tagName} scrolls ` +
                 `(${e.scrollHeight} px of content in ${e.clientHeight} px)`);
    }
    for (const img of c.querySelectorAll('.jp-OutputArea-output img')) {
      if (img.naturalWidth && img.clientWidth && img.clientWidth < img.naturalWidth - 1)
        out.push(`cell ${i}: a figure ${img.naturalWidth} px wide is shown ` +
                 `${img.clientWidth} px wide (its text shrinks)`);
    }
  });
  const outer = document.querySelector('.jp-NotebookPanel-notebook');
  if (outer && outer.scrollHeight > outer.clientHeight + 2)
    out.push(`the notebook scrolls (${outer.scrollHeight} px in ${outer.clientHeight} px)`);
  return out; }"""

# Widgets shown as text instead of views, or failing to render.
_DEAD_WIDGETS = """cells => {
  const out = [], all = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
  for (const i of cells) {
    const c = all[i];
    for (const o of c.querySelectorAll('.jp-OutputArea-output')) {
      const t = o.innerText.trim();
      if (o.getAttribute('data-mime-type') === 'text/plain' &&
          /^(\\w+\\.)*(\\w*(Slider|Box|Button|Dropdown|Output|Text|Checkbox|Tab|Accordion|Play|Image|HTML|interactive))\\(/.test(t))
        out.push(`cell ${i}: a widget shown as text: ${t.slice(0, 60)}`);
      if (/Error displaying widget|Error rendering|Loading widget/.test(t))
        out.push(`cell ${i}: ${t.slice(0, 80)}`);
    }
  }
  return out; }"""


def _state(page):
    cells = page.evaluate(_STATE)
    active = next((c["i"] for c in cells if c["active"]), None)
    return (active, tuple(c["i"] for c in cells if c["onscreen"]),
            tuple(c["i"] for c in cells if c["visible"]))


def _start_deck(page):
    page.locator(".jp-Notebook .jp-Cell").first.scroll_into_view_if_needed()
    page.locator(".jp-Notebook .jp-Cell .jp-InputPrompt").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Shift+C")
    page.locator(".lm-CommandPalette-input").fill("Start Deck")
    page.keyboard.press("Enter")
    page.locator(".jp-deck-mod-stop").wait_for(timeout=STEP_MS)
    _focus_deck(page)


# The deck's keys (Space, arrows) work while something in the notebook (command mode) has
# the focus: give it to the active cell, as JupyterLab does.
_FOCUS = "() => document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active').focus()"


def _focus_deck(page):
    page.evaluate(_FOCUS)


# Where the cells on screen are: equal twice in a row (100 ms apart) = the slide has settled.
_RECTS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell.jp-deck-mod-onscreen')]
    .map(c => { const r = c.getBoundingClientRect();
                return [r.top, r.bottom, r.left, r.right]; })"""


def _settle(page, most_ms=3000):
    """Wait until the slide stops moving (transitions, scrolling, layout): the cells on
    screen where they were 100 ms before."""
    deadline, rects = time.time() + most_ms / 1000, page.evaluate(_RECTS)
    while time.time() < deadline:
        page.wait_for_timeout(100)
        now = page.evaluate(_RECTS)
        if now == rects:
            return
        rects = now


def _step(page, before):
    """Space (down, else forward); the new state, or None at the end of the deck (nothing
    changed within 1.5 s)."""
    page.keyboard.press("Space")
    deadline = time.time() + 1.5
    while time.time() < deadline:
        now = _state(page)
        if now != before:
            _settle(page)
            return _state(page)
        page.wait_for_timeout(50)
    return None


def _try_sliders(page, cell_index, problems):
    """Drag every slider in the cell; its figure (else its readout) must change."""
    cell = page.locator(".jp-Notebook .jp-Cell").nth(cell_index)
    for k, slider in enumerate(cell.locator(".widget-slider").all()):
        handle = slider.locator(".noUi-handle").first
        if not slider.is_visible():
            continue          # in a closed tab or accordion: the lecturer opens it first
        if not handle.is_visible():
            problems.append(f"cell {cell_index}: slider {k} shows no handle")
            continue
        readout = slider.locator(".widget-readout").first
        before_readout = readout.inner_text() if readout.count() else None
        images = cell.locator(".jp-OutputArea-output img")
        before = [img.get_attribute("src") for img in images.all()]
        box = handle.bounding_box()
        track = slider.locator(".noUi-target").first.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        # drag towards the side with more room, a third of the track
        dx = track["width"] / 3 * (1 if x < track["x"] + track["width"] / 2 else -1)
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + dx, y, steps=8)
        page.mouse.up()
        deadline = time.time() + STEP_MS / 1000
        while True:
            after = [img.get_attribute("src") for img in images.all()]
            changed = (after != before) if before else (
                readout.count() and readout.inner_text() != before_readout)
            if changed:
                break
            if time.time() > deadline:
                what = "its figure" if before else "its readout"
                problems.append(f"cell {cell_index}: dragging slider {k} did not change {what}")
                break
            page.wait_for_timeout(200)
    _focus_deck(page)     # the keyboard belongs to the deck again, not to the slider


def _shown_cells(path):
    """Indexes of the cells the deck must show at some step (not skip, not notes)."""
    nb = json.loads((REPO / path).read_text())
    types = [c.get("metadata", {}).get("slideshow", {}).get("slide_type") for c in nb["cells"]]
    if not any(types):
        pytest.fail(f"{path} has no slide metadata yet (issue 10: every cell needs "
                    "slideshow.slide_type): there is no deck to present")
    return {i for i, t in enumerate(types) if (t or "-") not in ("skip", "notes")}


@pytest.mark.parametrize("path", DECKS)
def test_present_deck(deck_lab, path):
    from playwright.sync_api import sync_playwright

    expected = _shown_cells(path)
    url, token = deck_lab
    stem = path.rsplit("/", 1)[-1].removesuffix(".ipynb")
    shots = ARTIFACTS / "slides" / stem
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob("*.png"):
        old.unlink()
    problems, seen, tried = [], set(), set()
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=VIEWPORT)
        try:
            open_notebook(page, url, token, path)
            run_all(page)
            wait_until_all_ran(page)
            no_errors(page)
            _start_deck(page)
            _settle(page)
            state, step = _state(page), 0
            while state is not None:
                if step >= MAX_STEPS:
                    pytest.fail(f"{path}: still not at the end after {MAX_STEPS} steps")
                page.screenshot(path=str(shots / f"{step:02d}.png"))
                where = f"step {step:02d} (cells {list(state[2])})"
                problems += [f"{where}: {m}" for m in page.evaluate(_LAYOUT)]
                problems += [f"{where}: {m}" for m in page.evaluate(_DEAD_WIDGETS, list(state[2]))]
                dialog = page.locator(".jp-Dialog")
                if dialog.count():
                    problems.append(f"{where}: a dialog: {dialog.first.inner_text()[:200]}")
                for i in state[2]:
                    if i not in tried:
                        tried.add(i)
                        _try_sliders(page, i, problems)
                seen.update(state[2])
                state, step = _step(page, state), step + 1
            missing = sorted(expected - seen)
            if missing:
                problems.append(f"cells never shown in the deck: {missing}")
            assert step > 1, f"{path}: the deck did not move past its first slide"
            # previous: Shift+Space goes back; leaving the deck brings the menu bar back
            before = _state(page)
            page.keyboard.press("Shift+Space")
            deadline = time.time() + 1.5
            while _state(page) == before and time.time() < deadline:
                page.wait_for_timeout(100)
            if _state(page) == before:
                problems.append("Shift+Space did not go back one step")
            _focus_deck(page)
            page.keyboard.press("Escape")                   # leave the deck
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.wait_for(timeout=STEP_MS)
            no_errors(page)
        except BaseException:
            page.screenshot(path=str(shots / "failure.png"))
            raise
        finally:
            browser.close()
    print(f"\n{path}: {step} steps, screenshots in {shots.relative_to(REPO)}/")
    assert not problems, f"{path}: {len(problems)} problem(s):\n" + "\n".join(problems)
