"""`make slides` (tools/make_slides.py): a static reveal.js handout opens offline. The test
deck is exported and opened in headless Chromium from file:// with every network request
blocked: no request leaves the machine, reveal.js starts, MathJax typesets, the arrow keys
step through the slides. Needs npm once (it fetches the pinned packages into build/slides/)
and Chromium (browser_util)."""
import shutil
import sys

import pytest
from browser_util import REPO, launch, unavailable

pytestmark = pytest.mark.browser

sys.path.insert(0, str(REPO / "tools"))
import make_slides  # noqa: E402

DECK = REPO / "tests" / "decks" / "test_deck.ipynb"


def test_handout_opens_offline():
    from playwright.sync_api import sync_playwright

    if not all((make_slides.VENDOR / n / probe).exists()
               for n, (_, probe) in make_slides.PACKAGES.items()) and not shutil.which("npm"):
        unavailable("make slides needs npm once (apt-get install npm)")
    make_slides.OUT.mkdir(parents=True, exist_ok=True)
    make_slides.vendor()
    out = make_slides.export(DECK)
    html = out.read_text(encoding="utf-8")
    assert make_slides.external_urls(html) == []
    remote, errors = [], []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                       else (remote.append(r.request.url), r.abort()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(out.as_uri())
            page.locator(".reveal.ready").wait_for(timeout=30_000)
            page.locator(".MathJax_CHTML").first.wait_for(state="attached", timeout=30_000)
            slides = page.locator(".reveal .slides > section").count()
            first = page.locator(".slides section.present").first.inner_text()
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(800)
            second = page.locator(".slides section.present").first.inner_text()
            page.screenshot(path=str(make_slides.OUT / "test_deck_slide_2.png"))
        finally:
            browser.close()
    assert remote == [], f"the handout loads from the network: {remote}"
    assert errors == [], errors
    assert slides == 4                          # the test deck's four slides
    assert "a small test deck" in first.lower() and "a full-width figure" in second.lower()
