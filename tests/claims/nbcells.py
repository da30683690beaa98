"""Reading a notebook's own code from its claims test: the code cells, the markdown, the
set-up (imports, functions, recipe dicts, data), and the notebook's calls ``dl.<name>(...)``,
re-run with some keywords replaced (another seed, say), so that a claims test always runs
the recipe the notebook runs."""
import ast
import json
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


class NotebookCode:
    """The code of notebooks/<name>.ipynb."""

    def __init__(self, name):
        self.path = NOTEBOOKS / f"{name}.ipynb"

    def code_cells(self):
        """The source of every code cell, in order."""
        return ["".join(c["source"]) for c in json.loads(self.path.read_text())["cells"]
                if c["cell_type"] == "code"]

    def markdown(self):
        """All the notebook's markdown as one string, whitespace collapsed to single spaces."""
        cells = json.loads(self.path.read_text())["cells"]
        return " ".join(" ".join("".join(c["source"]) for c in cells
                                 if c["cell_type"] == "markdown").split())

    def setup(self):
        """The notebook's set-up run in a fresh namespace, returned: its imports, functions
        and ``name = dict(...)`` / ``name = dl.make_dataset(...)`` assignments."""
        ns = {}
        for source in self.code_cells():
            for node in ast.parse(source).body:
                call = getattr(node, "value", None)
                name = ast.unparse(call.func) if isinstance(call, ast.Call) else None
                if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef)) or (
                        isinstance(node, ast.Assign) and name in ("dict", "dl.make_dataset")):
                    exec(compile(ast.Module([node], []), str(self.path), "exec"), ns)
        return ns

    def calls(self, name):
        """The notebook's calls ``dl.<name>(...)``, as ast.Call nodes, in order."""
        calls = [node for src in self.code_cells() for node in ast.walk(ast.parse(src))
                 if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == name]
        if not calls:
            raise LookupError(f"the notebook no longer calls dl.{name}")
        return calls

    def kwargs(self, name, i=0):
        """The literal keyword arguments of the notebook's i-th call dl.<name>(...)."""
        return {k.arg: ast.literal_eval(k.value) for k in self.calls(name)[i].keywords}

    def rerun(self, ns, name, **override):
        """Evaluate the notebook's first call dl.<name>(...) in ``ns``, some keywords replaced."""
        call = self.calls(name)[0]
        kws = [k for k in call.keywords if k.arg not in override]
        kws += [ast.keyword(arg=k, value=ast.Name(id=f"_override_{k}", ctx=ast.Load()))
                for k in override]
        node = ast.Expression(ast.Call(func=call.func, args=call.args, keywords=kws))
        env = dict(ns, **{f"_override_{k}": v for k, v in override.items()})
        return eval(compile(ast.fix_missing_locations(node), str(self.path), "eval"), env)

    def run(self, skip=()):
        """The namespace after every code cell that contains none of the strings ``skip``."""
        ns = {}
        for src in self.code_cells():
            if not any(s in src for s in skip):
                exec(compile(src, str(self.path), "exec"), ns)
        return ns
