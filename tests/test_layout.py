"""The layout is the architecture: packages import only downward, and modules stay small.

Each package's ``__init__`` docstring says what it may import; ``ALLOWED`` below is the same
map, checked against every ``import`` in kbtool (at the top of a module, inside a function or
under ``TYPE_CHECKING``: a lazy import is still a dependency), read with ``ast``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kbtool"

# Unit (a package, or a module at the centre) -> the units it may import. The order is the
# layout from the bottom up; ``kbtool`` is the top-level package (``__version__``).
ALLOWED: dict[str, set[str]] = {
    "kbtool": set(),
    "errors": set(),
    "models": set(),
    "queries": {"errors", "models"},
    "integrity": {"models"},
    "store": {"errors", "models"},
    "search": {"errors", "models", "store"},
    "service": {"errors", "models", "queries", "integrity", "store", "search"},
    "kb": {"errors", "store", "service"},
    "render": {"errors", "models", "kb", "search"},
    "ingest": {"kbtool", "errors", "models", "integrity", "kb", "render", "store"},
    "cli": {
        "kbtool",
        "errors",
        "models",
        "queries",
        "integrity",
        "store",
        "search",
        "service",
        "kb",
        "render",
        "ingest",
    },
    "__main__": {"cli"},
}
PACKAGES = ("cli", "render", "service", "store", "search", "ingest")
MAX_LINES = 450
EXEMPT_FROM_LENGTH: tuple[str, ...] = ()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imported(module: str, tree: ast.AST) -> Iterator[str]:
    """Every kbtool module ``tree`` imports, wherever the import statement is."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x
                base = ".".join(filter(None, [module.rsplit(".", node.level)[0], base]))
            # from kbtool.search import filters: the module filters, else names in base.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            if name in MODULES:
                yield name


def _graph() -> dict[str, set[str]]:
    return {
        module: set(_imported(module, ast.parse(path.read_text(encoding="utf-8"))))
        for module, path in MODULES.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle in ``graph``, as the nodes along it, or None."""
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> list[str] | None:
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            found = visit(target)
            if found:
                return found
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        found = visit(node)
        if found:
            return found
    return None


def test_every_unit_is_in_the_map() -> None:
    assert {_unit(module) for module in MODULES} == set(ALLOWED)


def test_packages_import_only_what_their_docstring_allows() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if _unit(target) != _unit(module) and _unit(target) not in ALLOWED[_unit(module)]
    )
    assert wrong == []


def test_the_packages_import_each_other_without_a_circle() -> None:
    units: dict[str, set[str]] = {unit: set() for unit in ALLOWED}
    for module, targets in _graph().items():
        units[_unit(module)] |= {_unit(t) for t in targets if _unit(t) != _unit(module)}
    assert _cycle(units) is None
    assert _cycle({unit: allowed for unit, allowed in ALLOWED.items()}) is None


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert _cycle(_graph()) is None


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_init_is_its_docstring_saying_what_it_may_import(package: str) -> None:
    tree = ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring is not None and "May import:" in docstring
    assert len(tree.body) == 1  # nothing imported when a module of the package is
    allowed = docstring.split("May import:")[1]
    for unit in ALLOWED[package] - {"kbtool"}:
        if package != "cli":  # cli may import everything, and says so
            assert f"kbtool.{unit}" in allowed, f"{package}: docstring omits {unit}"


def test_no_module_is_over_450_lines() -> None:
    lengths = {
        module: len(path.read_text(encoding="utf-8").splitlines())
        for module, path in MODULES.items()
        if _unit(module) not in EXEMPT_FROM_LENGTH
    }
    too_long = sorted(f"{m} ({n} lines)" for m, n in lengths.items() if n > MAX_LINES)
    assert too_long == []
