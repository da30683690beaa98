"""Every notebook is a deck for a 1280x720 projector (issue 10): static checks of the
committed notebooks, fast (no kernel). The definitions (a slide, its visible words,
plumbing, a figure's measured text) are in tools/slides_report.py's docstring;
`python tools/slides_report.py` prints the numbers.

- every cell has ``slideshow.slide_type`` (slide, subslide, fragment, notes or skip; not
  "-", which jupyterlab-slideshow 0.3.4 never shows: use "fragment");
- no slide shows more than ~60 words of markdown (the rest goes into notes cells or a
  collapsed ``<details><summary>More</summary>...</details>``);
- plumbing code cells (imports, definitions, more than a few lines) are skipped in the deck
  or have their source hidden;
- the first code cell calls ``dl.style("lecture")``;
- every figure output was measured by the lecture style and its smallest text is >= 14 px
  at 1280x720, and the figure is no wider than the deck's cell (else JupyterLab shrinks it).

tests/decks/test_deck.ipynb (the browser test's deck) is checked too: it must pass.
"""
import copy
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
import slides_report as sr  # noqa: E402

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")) + [
    REPO / "tests" / "decks" / "test_deck.ipynb"]
IDS = [p.stem for p in NOTEBOOKS]


def _first_line(cell):
    return sr.source(cell).strip().splitlines()[0][:60] if sr.source(cell).strip() else ""


def _where(nb, i):
    return f"cell {i} ({nb['cells'][i]['cell_type']}: {_first_line(nb['cells'][i])!r})"


def metadata_problems(nb):
    out = []
    for i, c in enumerate(nb["cells"]):
        t = sr.slide_type(c)
        if t == "-":
            out.append(f"{_where(nb, i)}: slide_type '-' is never shown by jupyterlab-slideshow "
                       "0.3.4: use 'fragment'")
        elif t not in sr.SLIDE_TYPES:
            out.append(f"{_where(nb, i)}: slide_type {t!r}")
    return out


def word_problems(nb):
    out = []
    for slide in sr.slides(nb):
        words = sr.slide_words(slide)
        if words > sr.MAX_WORDS:
            out.append(f"slide at {_where(nb, slide[0][0])}: {words} visible words")
    return out


def plumbing_problems(nb):
    return [f"{_where(nb, i)}: {why}" for i, c in enumerate(nb["cells"])
            if (why := sr.plumbing_shown(c))]


def style_problems(nb):
    cell = sr.first_code_cell(nb)
    if cell is None or not sr.STYLE_CALL.search(sr.source(cell)):
        return ['the first code cell does not call dl.style("lecture")']
    return []


def figure_problems(nb):
    return [f"figure in {_where(nb, i)}: {why}" for i, md in sr.figures(nb)
            if (why := sr.figure_problem(md))]


CHECKS = {"slide_metadata": metadata_problems, "words_per_slide": word_problems,
          "plumbing_hidden": plumbing_problems, "lecture_style": style_problems,
          "figure_text": figure_problems}


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_a_deck(path, check):
    problems = CHECKS[check](sr.load(path))
    assert not problems, f"{path.name}: {len(problems)} problem(s):\n" + "\n".join(problems)


# --- the checks themselves catch what they must: a good deck, broken once per rule ---------

GOOD = REPO / "tests" / "decks" / "test_deck.ipynb"


def _good():
    return sr.load(GOOD)


def test_checks_pass_the_good_deck():
    nb = _good()
    assert all(not check(nb) for check in CHECKS.values())


def test_a_cell_without_slide_type_is_caught():
    nb = _good()
    del nb["cells"][2]["metadata"]["slideshow"]
    assert metadata_problems(nb) and "cell 2" in metadata_problems(nb)[0]
    nb["cells"][2]["metadata"]["slideshow"] = {"slide_type": "slid"}
    assert metadata_problems(nb)
    nb["cells"][2]["metadata"]["slideshow"] = {"slide_type": "-"}
    assert "never shown" in metadata_problems(nb)[0]


def test_too_many_words_are_caught_but_notes_and_details_do_not_count():
    nb = _good()
    md = nb["cells"][2]
    base = sr.slide_words(sr.slides(nb)[1])
    md["source"] = sr.source(md) + "\n\n" + "word " * (sr.MAX_WORDS - base + 1)
    assert word_problems(nb)
    note = copy.deepcopy(md)
    note["metadata"]["slideshow"]["slide_type"] = "notes"
    note["source"] = "word " * 500
    nb = _good()
    nb["cells"].insert(3, note)
    more = "\n<details><summary>More</summary>\n\n" + "word " * 500 + "\n</details>\n"
    nb["cells"][2]["source"] = sr.source(nb["cells"][2]) + more
    assert not word_problems(nb)
    nb["cells"][2]["source"] = nb["cells"][2]["source"].replace("<details>", "<details open>")
    assert word_problems(nb)


def test_word_count():
    assert sr.count_words("## The loss $L(\\theta) = \\sum_i \\ell(y_i, f(x_i))$ is *convex*.") == 5
    assert sr.count_words("[the lecture](https://example.org/a/very/long/path) - ok") == 3
    assert sr.count_words("<!-- hidden -->\n| a | b |\n|---|---|") == 2


def test_plumbing_is_caught():
    nb = _good()
    shown_code = nb["cells"][3]
    shown_code["metadata"].pop("jupyter")
    assert plumbing_problems(nb) == []           # 5 short lines, no import: may show
    shown_code["source"] = "import numpy as np\n" + sr.source(shown_code)
    assert plumbing_problems(nb)
    shown_code["metadata"]["slideshow"]["slide_type"] = "skip"
    assert plumbing_problems(nb) == []


def test_a_missing_style_call_is_caught():
    nb = _good()
    nb["cells"][1]["source"] = sr.source(nb["cells"][1]).replace('dl.style("lecture")', "")
    assert style_problems(nb)


def test_small_wide_or_unmeasured_figures_are_caught():
    nb = _good()
    outputs = [o for o in nb["cells"][3]["outputs"] if "image/png" in o.get("data", {})]
    md = outputs[0]["metadata"]["image/png"]
    md["dl_min_text_px"] = 11.1
    assert figure_problems(nb) and "11.1 px" in figure_problems(nb)[0]
    md["dl_min_text_px"] = 15.0
    md["dl_png_px"] = [1300, 400]
    assert figure_problems(nb) and "1300 px wide" in figure_problems(nb)[0]
    outputs[0]["metadata"] = {}
    assert figure_problems(nb) and "not measured" in figure_problems(nb)[0]
