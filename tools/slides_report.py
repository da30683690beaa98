"""Every notebook as a deck, in numbers: `python tools/slides_report.py [notebooks/NN_x.ipynb ...]`;
with `--figures`, every figure: its smallest text (which one) and width.

Per notebook: its slides, the visible words per slide (max and median), the smallest figure
text on a 1280x720 projector, and what breaks the rules of issue 10. tests/test_slides.py
checks the same rules with these functions.

Definitions (the contract the test checks):
- Slide types: jupyterlab-slideshow 0.3.4 knows slide, subslide, fragment, notes, skip and
  a MISSING type (continue the slide); it never shows a cell whose type is "-" (nbformat's
  spelling of "continue"), so "-" is reported: use "fragment" (shown at the next press) or
  put the text into the cell before.
- A slide starts at a cell whose ``slideshow.slide_type`` is "slide" or "subslide" (cells
  before the first one form a slide too); it holds the cells up to the next such cell.
- Its visible words: the words of its markdown cells of type slide, subslide, fragment or
  "-" (not notes, not skip; a cell without a type counts as "-"), without collapsed
  ``<details>`` blocks (no ``open``), HTML comments, tags and link targets; a math span
  ``$...$`` / ``$$...$$`` counts as one word, a fenced code block as one word per line.
  A word is a run of non-space characters with a letter or digit in it. Code cells' source
  does not count.
- Plumbing: a code cell shown in the deck (not skip or notes) with its source visible must
  be a short demonstration: at most ``MAX_SHOWN_LINES`` lines, no ``import``, ``def`` or
  ``class``. Anything else is skipped or has its source hidden
  (``"jupyter": {"source_hidden": true}``).
- Figures: every PNG output carries the metadata that ``dl.style("lecture")`` attaches
  (deeplearn_helpers/plot/style.py: ``dl_min_text_px``, the smallest font size in pixels at
  the size the deck shows it, and ``dl_png_px``); it must be >= ``MIN_TEXT_PX`` and the PNG
  no wider than ``DECK_CELL_PX`` (the deck's cell: wider PNGs are shrunk, text included).
"""
import json
import re
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from deeplearn_helpers.plot.style import DECK_CELL_PX, MIN_TEXT_PX  # noqa: E402

SLIDE_TYPES = ("slide", "subslide", "fragment", "notes", "skip")   # not "-": see above
SHOWN = ("slide", "subslide", "fragment", "-")
MAX_WORDS = 60
MAX_SHOWN_LINES = 6
STYLE_CALL = re.compile(r"""\bdl\.style\(\s*["']lecture["']\s*\)""")


def load(path):
    """The notebook at ``path`` as a dict (nbformat 4 JSON)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def slide_type(cell):
    """The cell's slideshow.slide_type, or None if it has none."""
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def shown(cell):
    """Whether the deck shows the cell (no slide_type: "-", as JupyterLab treats it)."""
    return (slide_type(cell) or "-") in SHOWN


def slides(nb):
    """The notebook's slides: lists of (index, cell), in order."""
    out = []
    for i, cell in enumerate(nb["cells"]):
        if not out or slide_type(cell) in ("slide", "subslide"):
            out.append([])
        out[-1].append((i, cell))
    return out


_DETAILS = re.compile(r"<details(?![^>]*\bopen\b)[^>]*>.*?</details>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.S)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\S*[^\W_]\S*")


def visible_text(markdown):
    """What a markdown cell shows in the deck, as plain words (see the module docstring)."""
    text = _COMMENT.sub(" ", _DETAILS.sub(" ", markdown))
    text = _FENCE.sub(lambda m: " code " * max(1, m.group(0).count("\n") - 1), text)
    text = _MATH.sub(" math ", text)
    text = _LINK.sub(r" \1 ", text)
    return _TAG.sub(" ", text)


def count_words(markdown):
    return len(_WORD.findall(visible_text(markdown)))


def slide_words(slide):
    """The visible words of one slide."""
    return sum(count_words(source(c)) for _, c in slide
               if c["cell_type"] == "markdown" and shown(c))


def is_hidden(cell):
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def plumbing_shown(cell):
    """Why this code cell's source should not be on a slide, or None if it may show."""
    if cell["cell_type"] != "code" or not shown(cell) or is_hidden(cell):
        return None
    lines = [ln for ln in source(cell).splitlines() if ln.strip()]
    if len(lines) > MAX_SHOWN_LINES:
        return f"{len(lines)} lines shown (at most {MAX_SHOWN_LINES})"
    for ln in lines:
        if re.match(r"\s*(import|from\s+\S+\s+import|def|class|async\s+def)\b", ln):
            return f"shows plumbing: {ln.strip()[:60]!r}"
    return None


def figures(nb):
    """Every PNG output: (cell index, its image/png metadata dict or {})."""
    out = []
    for i, cell in enumerate(nb["cells"]):
        for o in cell.get("outputs", []):
            if "image/png" in o.get("data", {}):
                out.append((i, o.get("metadata", {}).get("image/png", {})))
    return out


def figure_problem(md):
    """What is wrong with a figure's measured text or width, or None."""
    if "dl_min_text_px" not in md:
        if "dl_png_px" in md:
            return None                    # a figure without text
        return "not measured (no dl_min_text_px: call dl.style('lecture') first, re-execute)"
    problems = []
    if md["dl_min_text_px"] < MIN_TEXT_PX:
        problems.append(f"text {md['dl_min_text_px']} px < {MIN_TEXT_PX:g} px "
                        f"({md.get('dl_min_text', '')!r})")
    if md["dl_png_px"][0] > DECK_CELL_PX:
        problems.append(f"{md['dl_png_px'][0]} px wide > the deck's cell, {DECK_CELL_PX} px")
    return "; ".join(problems) or None


def first_code_cell(nb):
    return next((c for c in nb["cells"] if c["cell_type"] == "code"), None)


def report(path):
    """A dict of the numbers for one notebook."""
    nb = load(path)
    words = [slide_words(s) for s in slides(nb)]
    texts = [md["dl_min_text_px"] for _, md in figures(nb) if "dl_min_text_px" in md]
    missing = sum(slide_type(c) not in SLIDE_TYPES for c in nb["cells"])
    return {
        "notebook": Path(path).name,
        "cells": len(nb["cells"]),
        "without_slide_type": missing,
        "slides": len(words),
        "words_max": max(words, default=0),
        "words_median": statistics.median(words) if words else 0,
        "slides_over_limit": sum(w > MAX_WORDS for w in words),
        "figures": len(figures(nb)),
        "figures_unmeasured": sum("dl_png_px" not in md for _, md in figures(nb)),
        "min_text_px": min(texts, default=None),
        "figure_problems": sum(figure_problem(md) is not None for _, md in figures(nb)),
        "plumbing_shown": sum(plumbing_shown(c) is not None for c in nb["cells"]),
    }


def _all():
    return sorted(str(p) for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def print_figures(paths):
    """One line per figure: notebook, cell, smallest text px and which text, PNG size."""
    for path in paths:
        nb = load(path)
        for i, md in figures(nb):
            px = md.get("dl_min_text_px", "-")
            bad = figure_problem(md)
            print(f"{Path(path).name[:2]} cell {i:2d}  min {px!s:>5} px  "
                  f"{str(md.get('dl_png_px', '?')):12} {md.get('dl_min_text', '')[:28]!r:32} "
                  f"{'BAD' if bad else 'ok'}")


def main(paths):
    if "--figures" in paths:
        paths = [p for p in paths if p != "--figures"] or _all()
        print_figures(paths)
        return None
    paths = paths or _all()
    rows = [report(p) for p in paths]
    print(f"{'notebook':32} {'slides':>6} {'words max':>9} {'median':>6} {'>60':>4} "
          f"{'figs':>4} {'min px':>6} {'bad figs':>8} {'no type':>7} {'plumbing':>8}")
    for r in rows:
        px = "-" if r["min_text_px"] is None else f"{r['min_text_px']:.1f}"
        print(f"{r['notebook']:32} {r['slides']:>6} {r['words_max']:>9} "
              f"{r['words_median']:>6g} {r['slides_over_limit']:>4} {r['figures']:>4} {px:>6} "
              f"{r['figure_problems']:>8} {r['without_slide_type']:>7} {r['plumbing_shown']:>8}")
    print(f"\nwords: visible markdown per slide (limit {MAX_WORDS}); min px: the smallest "
          f"figure text at 1280x720 (limit {MIN_TEXT_PX:g}); bad figs: unmeasured, text too "
          f"small or wider than {DECK_CELL_PX} px; no type: cells without slideshow.slide_type;"
          f" plumbing: code cells shown with imports/defs or > {MAX_SHOWN_LINES} lines.")
    return rows


if __name__ == "__main__":
    main(sys.argv[1:])
