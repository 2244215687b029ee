"""The panel written out: CSV (UTF-8 with BOM, so Excel opens the Chinese), Excel, JSON and
Parquet.

Parquet goes through pyarrow (the ``parquet`` extra): one small, widely used library that
writes typed columns directly from Python lists, where DuckDB would bring a whole database
engine for one file format. Files are written beside the target and renamed into place, so
an interrupted export never leaves half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from planwatch.errors import PlanwatchError
from planwatch.model.panel import PANEL_COLUMNS, PANEL_HEADERS_ZH, PanelRow
from planwatch.report.cells import csv_row, formula_like
from planwatch.report.files import check_output, temporary_beside

_NUMBERS = {"year", "target_value", "actual_value", "margin", "escalation"}


class PanelFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    PARQUET = "parquet"


def panel_csv(rows: Iterable[PanelRow], *, chinese_headers: bool = False) -> str:
    """The rows as CSV text; the header is the column names (or their Chinese)."""
    buffer = io.StringIO()
    _write_csv(rows, buffer, chinese_headers=chinese_headers)
    return buffer.getvalue()


def _write_csv(rows: Iterable[PanelRow], file: TextIO, *, chinese_headers: bool) -> None:
    writer = csv.writer(file, lineterminator="\r\n")
    writer.writerow(_headers(chinese_headers))
    for row in rows:
        writer.writerow(csv_row(_values(row)))


def panel_json(rows: Iterable[PanelRow]) -> str:
    return json.dumps({"rows": [row.as_dict() for row in rows]}, ensure_ascii=False, indent=1)


def write_panel(rows: Iterable[PanelRow], out: Path, fmt: PanelFormat) -> Path:
    """Write ``rows`` to ``out`` in ``fmt``, all or nothing; CSV, Excel and Parquet stream, so
    a national panel read from the store never sits in memory whole. Raises
    ``PlanwatchError`` for a missing folder, or Parquet without pyarrow."""
    check_output(out)
    temporary = temporary_beside(out, f".{fmt.value}")
    try:
        if fmt is PanelFormat.CSV:
            with temporary.open("w", encoding="utf-8-sig", newline="") as file:
                _write_csv(rows, file, chinese_headers=True)
        elif fmt is PanelFormat.JSON:
            temporary.write_text(panel_json(rows), encoding="utf-8")
        elif fmt is PanelFormat.XLSX:
            temporary.write_bytes(panel_xlsx(rows))
        else:
            _write_parquet(rows, temporary)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    return out


def panel_xlsx(rows: Iterable[PanelRow]) -> bytes:
    """An Excel workbook of the rows: Chinese headers, frozen header row, a CJK font."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("面板")
    sheet.freeze_panes = "A2"
    font = Font(name="宋体", size=10)
    bold = Font(name="宋体", size=10, bold=True)
    for column, width in zip("ABCDEFGHIJ", (12, 10, 6, 10, 10, 6, 24, 24, 16, 10), strict=True):
        sheet.column_dimensions[column].width = width

    def cell(value: object, style: Font) -> WriteOnlyCell:
        made = WriteOnlyCell(sheet, value=value)
        made.font = style
        if isinstance(value, str) and formula_like(value):
            made.data_type = "s"
            made.quotePrefix = True
        return made

    sheet.append([cell(h, bold) for h in _headers(True)])
    for row in rows:
        sheet.append([cell(v, font) for v in _values(row)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_BATCH = 50_000


def _write_parquet(rows: Iterable[PanelRow], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise PlanwatchError(
            "导出 Parquet 需要 pyarrow：pip install 'planwatch[parquet]'",
            "Parquet export needs pyarrow: pip install 'planwatch[parquet]'",
        ) from None
    schema = pa.schema([(name, _arrow_type(pa, name)) for name in PANEL_COLUMNS])
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[PanelRow] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _BATCH:
                writer.write_table(_arrow_table(pa, schema, batch))
                batch = []
        writer.write_table(_arrow_table(pa, schema, batch))


def _arrow_type(pa, name: str):
    if name == "year":
        return pa.int32()
    return pa.float64() if name in _NUMBERS else pa.string()


def _arrow_table(pa, schema, rows: list[PanelRow]):
    columns = [
        pa.array([getattr(row, name) for row in rows], type=schema.field(name).type)
        for name in PANEL_COLUMNS
    ]
    return pa.Table.from_arrays(columns, schema=schema)


def _headers(chinese: bool) -> list[str]:
    return [PANEL_HEADERS_ZH[name] if chinese else name for name in PANEL_COLUMNS]


def _values(row: PanelRow) -> list[object]:
    return [getattr(row, name) for name in PANEL_COLUMNS]
