"""tests/decks/ holds notebooks that the slide tests present (test_slides.py statically,
test_browser_slides.py in a browser); nbval does not re-run them (their widget cell would
fail strict nbval by design, see DESIGN.md)."""
collect_ignore_glob = ["*.ipynb"]
