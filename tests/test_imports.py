"""No module of the app imports a module that imports it back (at any depth, also inside functions),
and nothing imports upward: ``app.classes`` (below every feature) reaches no feature package."""
from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def _module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The app modules ``path`` imports (``from x import y`` counts y when y is a module)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(APP.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(p, modules) for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each found once from its smallest module (packages importing their
    own submodules to register views are not cycles: a package's ``__init__`` is left out as a
    target of its own submodules)."""
    found = []
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt.startswith(node + ".") or node.startswith(nxt + "."):
                    continue  # a package and its own modules
                if nxt == start:
                    found.append(path + [start])
                elif nxt not in path and nxt > start:
                    stack.append((nxt, path + [nxt]))
    return found


#: The features built on top of classes; they register what they add to it (its menu, its hooks).
FEATURES_ABOVE_CLASSES = ("app.forum", "app.wiki", "app.prompts", "app.reflections", "app.grading", "app.search")


def upward_imports(graph: dict[str, set[str]], package: str, above: tuple[str, ...]) -> list[tuple[str, str]]:
    """(module of ``package``, module of a package in ``above``) for each import of one from the
    other, also through modules in between (a module's own parent packages, such as ``app``
    for ``from app import clock``, are not followed: Python has them loaded already)."""
    found = []
    for start in sorted(m for m in graph if m == package or m.startswith(package + ".")):
        seen, stack = {start}, [start]
        while stack:
            node = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt in seen or node.startswith(nxt + "."):
                    continue
                seen.add(nxt)
                if any(nxt == top or nxt.startswith(top + ".") for top in above):
                    found.append((start, nxt))
                else:
                    stack.append(nxt)
    return sorted(found)


def test_no_module_imports_a_module_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_the_check_finds_a_cycle():
    assert cycles({"app.a": {"app.b"}, "app.b": {"app.a"}}) == [["app.a", "app.b", "app.a"]]


def test_classes_imports_no_feature_package():
    assert upward_imports(import_graph(), "app.classes", FEATURES_ABOVE_CLASSES) == []


def test_the_check_finds_an_upward_import():
    graph = {"app.classes.routes": {"app.hooks"}, "app.hooks": {"app.forum.rules"}, "app.forum.rules": set()}
    assert upward_imports(graph, "app.classes", ("app.forum",)) == [("app.classes.routes", "app.forum.rules")]
