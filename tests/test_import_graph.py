"""The architecture's arrows hold in the code: ``scripts/import_graph.py --check``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "import_graph.py"
spec = importlib.util.spec_from_file_location("import_graph", SCRIPT)
assert spec and spec.loader
import_graph = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_graph)


def test_the_source_keeps_the_layering_and_has_no_cycle():
    graph = import_graph.module_graph()
    assert "planwatch.store.plans" in graph and "planwatch.web.app" in graph
    assert import_graph.violations(graph) == []


def test_the_store_depends_on_the_model_only():
    arrows = import_graph.package_graph(import_graph.module_graph())
    assert arrows["store"] <= {"model", "errors", "textclean"}
    assert arrows["model"] <= {"errors"}


def test_a_store_arrow_upwards_and_a_cycle_are_reported():
    graph = {
        "planwatch.store.plans": {"planwatch.phrases.actual", "planwatch.store.observations"},
        "planwatch.store.observations": {"planwatch.store.plans"},
        "planwatch.phrases.actual": {"planwatch.model"},
        "planwatch.model": set(),
    }
    problems = import_graph.violations(graph)
    assert problems == [
        "planwatch.store.plans imports planwatch.phrases.actual "
        "(store may import only errors, model, textclean)",
        "import cycle: planwatch.store.observations ↔ planwatch.store.plans",
    ]


def test_a_lazy_import_counts_and_a_type_checking_import_does_not(tmp_path):
    source = tmp_path / "planwatch" / "store"
    source.mkdir(parents=True)
    module = source / "x.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from planwatch.lineage import Pairing\n"
        "def f():\n    from planwatch.phrases import parse_actual\n",
        encoding="utf-8",
    )
    known = {"planwatch.store.x", "planwatch.phrases", "planwatch.lineage"}
    original = import_graph.SRC
    import_graph.SRC = tmp_path
    try:
        assert import_graph.imports_of(module, known) == {"planwatch.phrases"}
        assert import_graph.imports_of(module, known, type_only=True) == {"planwatch.lineage"}
    finally:
        import_graph.SRC = original


def _package(root: Path, b_source: str) -> None:
    package = root / "planwatch"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("from planwatch import b\n", encoding="utf-8")
    (package / "b.py").write_text(b_source, encoding="utf-8")


def test_a_cycle_through_type_checking_only_is_listed_apart_not_reported(tmp_path, monkeypatch):
    type_only, lazy = tmp_path / "type_only", tmp_path / "lazy"
    type_only.mkdir(), lazy.mkdir()
    _package(
        type_only, "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import planwatch.a\n"
    )
    _package(lazy, "def f():\n    from planwatch.a import x\n")

    monkeypatch.setattr(import_graph, "SRC", type_only)
    assert import_graph.violations(import_graph.module_graph()) == []
    assert import_graph.module_graph(type_only=True)["planwatch.b"] == {"planwatch.a"}

    monkeypatch.setattr(import_graph, "SRC", lazy)
    assert import_graph.violations(import_graph.module_graph()) == [
        "import cycle: planwatch.a ↔ planwatch.b"
    ]
