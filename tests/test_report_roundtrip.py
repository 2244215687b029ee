"""Every format planwatch writes reads back through planwatch's own readers, row for row.

The strongest check that a generated table is a real plan table: ingest finds the caption,
the header, the merged categories with their counts, and every phrase unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.ingest import read_document
from planwatch.model import PlanDocument
from planwatch.report import write_report


def _fields(table) -> list[tuple]:
    return [(r.no, r.category, r.name, r.target, r.actual, r.nature) for r in table.rows]


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html", "md"])
@pytest.mark.parametrize("year", [2024, 2025])
def test_written_table_reads_back_unchanged(
    sample_doc: PlanDocument, tmp_path: Path, fmt: str, year: int
) -> None:
    out = tmp_path / f"table.{fmt}"
    write_report(sample_doc, out, year=year)
    original = sample_doc.table_for(year=year)
    [table] = read_document(out).tables
    assert (table.role, table.year) == (original.role, year)
    assert table.declared_counts == original.declared_counts
    assert _fields(table) == _fields(original)


def test_full_report_reads_back_its_table(sample_doc: PlanDocument, tmp_path: Path) -> None:
    write_report(sample_doc, tmp_path / "full.docx", year=2024, full=True, status=True)
    [table] = read_document(tmp_path / "full.docx").tables
    assert _fields(table) == _fields(sample_doc.table_for(year=2024))
