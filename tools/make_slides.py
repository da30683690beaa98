"""Static reveal.js handouts of the decks that open offline: `make slides` (all notebooks) or
`python tools/make_slides.py notebooks/02_neural_networks.ipynb ...`.

Writes build/slides/NN_name.slides.html, one per notebook, beside build/slides/vendor/ with
the JavaScript they load: reveal.js, MathJax 2, require.js and jQuery, from their npm
packages (fetched once with `npm pack`, pinned below; never from a CDN at viewing time).
Open a handout in any browser (file://...): arrows step, Escape shows the overview. The
stored outputs are shown as they are (figures as committed); widgets show their text, not a
live slider (use the live deck in JupyterLab for those).
"""
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "build" / "slides"
VENDOR = OUT / "vendor"
PACKAGES = {   # npm package -> (version, file inside the package that must be there)
    "reveal.js": ("4.6.1", "dist/reveal.js"),
    "mathjax": ("2.7.9", "MathJax.js"),
    "requirejs": ("2.3.7", "require.js"),
    "jquery": ("3.7.1", "dist/jquery.min.js"),
}
URLS = {   # the exporter's settings, relative to the handout
    "reveal_url_prefix": "vendor/reveal.js",
    "reveal_theme": "white",             # its fonts ship with reveal.js (simple: a web font)
    "mathjax_url": "vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
    "require_js_url": "vendor/requirejs/require.js",
    "jquery_url": "vendor/jquery/dist/jquery.min.js",
}
# nbconvert's template imports mermaid as an ES module from a CDN; the decks have no
# mermaid diagrams, so the handouts leave that script out.
_MERMAID = re.compile(r'<script type="module">\s*import mermaid from[^<]*</script>\s*', re.S)


def vendor():
    """Unpack the pinned npm packages into build/slides/vendor/ (once)."""
    missing = [name for name, (_, probe) in PACKAGES.items()
               if not (VENDOR / name / probe).exists()]
    if not missing:
        return
    if shutil.which("npm") is None:
        sys.exit("make slides needs npm (Debian: apt-get install npm) to fetch "
                 + ", ".join(f"{n}@{PACKAGES[n][0]}" for n in missing) + " once")
    cache = OUT / "npm"
    cache.mkdir(parents=True, exist_ok=True)
    for name in missing:
        version = PACKAGES[name][0]
        subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=cache,
                       check=True, stdout=subprocess.DEVNULL)
        tgz = cache / f"{name}-{version}.tgz"
        target = VENDOR / name
        shutil.rmtree(target, ignore_errors=True)
        with tarfile.open(tgz) as tar:
            members = [m for m in tar.getmembers() if m.name.startswith("package/")]
            for m in members:
                m.name = m.name[len("package/"):]
            tar.extractall(target, members=members, filter="data")


def export(path):
    """One notebook -> build/slides/<name>.slides.html; returns the output path."""
    import nbformat
    from nbconvert import SlidesExporter
    exporter = SlidesExporter(**URLS)
    nb = nbformat.read(path, as_version=4)
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": Path(path).stem}})
    html = _MERMAID.sub("", html)
    out = OUT / f"{Path(path).stem}.slides.html"
    out.write_text(html, encoding="utf-8")
    return out


def external_urls(html):
    """Scripts and style sheets the page would load from the network."""
    return re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="(https?://[^"]+)"', html)


def main(paths):
    paths = paths or sorted(str(p) for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    OUT.mkdir(parents=True, exist_ok=True)
    vendor()
    for p in paths:
        out = export(p)
        remote = external_urls(out.read_text(encoding="utf-8"))
        if remote:
            sys.exit(f"{out}: still loads from the network: {remote}")
        print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main(sys.argv[1:])
