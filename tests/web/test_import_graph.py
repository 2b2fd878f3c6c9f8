"""The modules of the web interface import one another in floors, never in a cycle: a cycle
makes an import's outcome depend on which module was imported first, and hides which
module holds what the others need (issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "reporting" / "web"


def web_imports(source: str, modules: set[str]) -> set[str]:
    """The sibling modules of `reporting.web` that a module's source imports, at its top
    or inside a function (`from .x import y`, `from . import x`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom) or node.level != 1:
            continue
        if node.module:
            found.add(node.module.split(".")[0])
        else:
            found.update(alias.name for alias in node.names)
    return found & modules


def import_graph(folder: Path) -> dict[str, set[str]]:
    """Module name -> the sibling modules it imports; the package's `__init__`, which
    gathers the blueprints, is the top floor and left out."""
    files = {path.stem: path for path in folder.glob("*.py") if path.stem != "__init__"}
    return {
        name: web_imports(path.read_text(encoding="utf-8"), set(files))
        for name, path in files.items()
    }


def a_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph (its modules in order, the first repeated at the end),
    or None."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        trail.append(module)
        for imported in sorted(graph[module]):
            if state.get(imported) == "open":
                return trail[trail.index(imported) :] + [imported]
            if imported not in state and (cycle := visit(imported)):
                return cycle
        state[module] = "done"
        trail.pop()
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_the_web_modules_import_one_another_without_a_cycle():
    cycle = a_cycle(import_graph(WEB))
    assert cycle is None, "import cycle in reporting/web: " + " -> ".join(cycle or [])


def test_a_cycle_is_found_wherever_it_hides_in_the_graph():
    graph = {
        "ui": {"common"},
        "common": set(),
        "login": {"ui"},
        "reports": {"login", "submission"},
        "submission": {"reports"},
    }
    assert a_cycle(graph) == ["reports", "submission", "reports"]
    assert a_cycle({**graph, "submission": set()}) is None


def test_imports_inside_functions_count():
    source = "from .common import x\n\ndef f():\n    from . import reports\n    from ..models import Report\n"
    assert web_imports(source, {"common", "reports", "models"}) == {"common", "reports"}
