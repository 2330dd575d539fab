"""The import graph of storyline: one way only, and nothing hidden inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"
#: A storyline module imported inside a function must say why on that line:
#: which heavy optional dependency it defers (e.g. FastAPI for ``serve``).
LAZY_MARK = "# lazy:"
#: Cycles spelt out in a failure (one bad import usually closes dozens).
MAX_CYCLES_SHOWN = 3


def _modules() -> dict[str, Path]:
    out = {}
    for p in SRC.rglob("*.py"):
        parts = p.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def _target(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imports(mods: dict[str, Path]) -> list[tuple[str, str, int, bool, str]]:
    """(importer, imported, line, inside a function, source line) for every import of a storyline module."""
    found = []
    for module, path in mods.items():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)

        def visit(node: ast.AST, in_function: bool, module: str = module, path: Path = path, lines: list[str] = lines) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                    continue  # annotations only: no import at run time
                if isinstance(child, ast.Import | ast.ImportFrom):
                    if isinstance(child, ast.ImportFrom):
                        base = _target(module, path, child)
                        subs = [f"{base}.{a.name}" for a in child.names if f"{base}.{a.name}" in mods]
                        names = subs if len(subs) == len(child.names) else [base, *subs]
                    else:
                        names = [a.name for a in child.names]
                    for name in names:
                        # (a module's own package is imported before it anyway: not an edge)
                        if name in mods and name != module and not module.startswith(name + "."):
                            found.append((module, name, child.lineno, in_function, lines[child.lineno - 1]))
                visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

        visit(tree, False)
    return found


def test_no_import_cycles() -> None:
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for importer, imported, *_ in _imports(mods):
        graph[importer].add(imported)
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    cycles: list[list[str]] = []

    def walk(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, stack)
        stack.pop()
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            walk(m, [])
    shown = "; ".join(" -> ".join(c) for c in cycles[:MAX_CYCLES_SHOWN])
    assert cycles == [], f"{len(cycles)} import cycles, e.g. {shown}"


def test_storyline_modules_are_imported_at_the_top_unless_a_comment_says_why() -> None:
    hidden = [
        f"{importer}:{line} imports {imported}"
        for importer, imported, line, in_function, text in _imports(_modules())
        if in_function and LAZY_MARK not in text
    ]
    assert hidden == [], "imports inside functions hide the graph:\n" + "\n".join(hidden)
