"""The import graph of src/planwatch, and the architecture's rules checked on it.

Run: ``python scripts/import_graph.py`` prints each package's arrows (``store -> errors, model``)
and, apart, the imports made only for type checking; ``--modules`` prints the module graph;
``--check`` exits 1 listing every broken rule:

- the store imports nothing above it: only ``model`` and the leaves ``errors`` and
  ``textclean`` of planwatch;
- the model imports nothing of planwatch but ``errors``;
- no import cycle among modules (imports inside functions count: hiding a cycle in a lazy
  import does not remove it; imports under ``if TYPE_CHECKING:`` do not, being for types only).

Read with ``ast``: nothing is imported.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "planwatch"
# ``errors`` and ``textclean`` are leaves (they import nothing of planwatch): anyone may use them.
LEAVES = {"errors", "textclean"}
ALLOWED = {"store": {"model"} | LEAVES, "model": {"errors"}, **{leaf: set() for leaf in LEAVES}}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the import nodes under ``if TYPE_CHECKING:``."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden |= {id(n) for child in node.body for n in ast.walk(child)}
    return hidden


def imports_of(path: Path, modules: set[str], type_only: bool = False) -> set[str]:
    """The planwatch modules ``path`` imports (a ``from package import name`` of a submodule
    counts as importing that submodule); with ``type_only``, those it imports only under
    ``if TYPE_CHECKING:`` instead."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    is_package = path.name == "__init__.py"
    hidden = _type_checking_nodes(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if (id(node) in hidden) != type_only:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == PACKAGE}
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, here, is_package)
            if base is None or base.split(".")[0] != PACKAGE:
                continue
            submodules = {f"{base}.{a.name}" for a in node.names} & modules
            found |= submodules  # ``from pkg import mod`` needs mod, not what pkg re-exports
            if len(submodules) < len(node.names):
                found.add(base)
    return {_known(name, modules) for name in found} - {here, None}  # type: ignore[arg-type]


def _absolute(node: ast.ImportFrom, here: str, is_package: bool) -> str | None:
    if not node.level:
        return node.module
    parts = here.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _known(name: str, modules: set[str]) -> str | None:
    """The module a dotted name lands in (``planwatch.store.Entry`` → ``planwatch.store``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def module_graph(type_only: bool = False) -> dict[str, set[str]]:
    """Each module of planwatch and the planwatch modules it imports at run time (functions'
    lazy imports included); with ``type_only``, those it imports under ``if TYPE_CHECKING:``."""
    paths = sorted((SRC / PACKAGE).rglob("*.py"))
    paths = [p for p in paths if "migrations" not in p.parts]
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules, type_only) for p in paths}


def area(module: str) -> str:
    """The capability a module belongs to: ``planwatch.store.plans`` → ``store``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    arrows: dict[str, set[str]] = {}
    for module, targets in graph.items():
        arrows.setdefault(area(module), set()).update(
            area(t) for t in targets if area(t) != area(module)
        )
    return arrows


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def violations(graph: dict[str, set[str]]) -> list[str]:
    problems = []
    for module, targets in sorted(graph.items()):
        allowed = ALLOWED.get(area(module))
        if allowed is None:
            continue
        for target in sorted(targets):
            if area(target) != area(module) and area(target) not in allowed | {PACKAGE}:
                problems.append(
                    f"{module} imports {target} ({area(module)} may import only "
                    f"{', '.join(sorted(allowed))})"
                )
    for group in cycles(graph):
        problems.append("import cycle: " + " ↔ ".join(group))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a rule is broken")
    parser.add_argument("--modules", action="store_true", help="print the module graph")
    args = parser.parse_args(argv)
    graph = module_graph()
    shown = graph if args.modules else package_graph(graph)
    for node, targets in sorted(shown.items()):
        print(f"{node} -> {', '.join(sorted(targets)) or '(nothing)'}")
    type_only = {m: t for m, t in module_graph(type_only=True).items() if t}
    if type_only:
        print("\nonly for type checking (if TYPE_CHECKING:; not counted in the rules):")
        for module, targets in sorted(type_only.items()):
            print(f"{module} -> {', '.join(sorted(targets))}")
    if not args.check:
        return 0
    problems = violations(graph)
    for problem in problems:
        print(f"✗ {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
