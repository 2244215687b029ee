"""Word .docx reports: paragraphs and tables in body order.

python-docx repeats a merged cell (``gridSpan`` across, ``vMerge`` down) in every grid
position it covers, which is what the grid builder expects: a category merged down its
group is read on every row, a two-level header spanning columns is flattened. A cell's
paragraphs are its lines.
"""

from __future__ import annotations

import io
import zipfile

from planwatch.errors import UnsupportedDocument
from planwatch.ingest.assemble import assemble_document, invalid_xml
from planwatch.ingest.structured import Grid, blocks_from
from planwatch.model import PlanDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cell_text(cell) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs)


def _grid(table, position: int) -> Grid:
    try:
        rows = _walk(table._tbl, table)
    except _Irregular:  # whatever python-docx makes of it, errors included
        rows = [[_cell_text(c) for c in row.cells] for row in table.rows]
    return Grid(rows=rows, line=position)


class _Irregular(Exception):
    """A table the one-pass walk does not read exactly as python-docx does."""


def _number(element, tag: str, default: int) -> int:
    """``<w:gridSpan w:val="2"/>`` and the like under a properties element; odd values are
    python-docx's to judge."""
    found = element.find(tag) if element is not None else None
    if found is None:
        return default
    value = found.get(f"{_W}val")
    if value is None or not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise _Irregular
    return int(value)


def _merge(tc) -> str | None:
    """``continue`` for a cell under the top of a vertical merge (the attribute's default)."""
    found = tc.find(f"{_W}tcPr/{_W}vMerge")
    if found is None:
        return None
    value = found.get(f"{_W}val", "continue")
    if value not in ("continue", "restart"):
        raise _Irregular
    return value


_RUN_PARTS = tuple(f"{_W}{tag}" for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def _run_text(run) -> str:
    return "".join(str(part) for part in run.iterchildren(*_RUN_PARTS))


def paragraph_text(p) -> str:
    """What python-docx's ``Paragraph.text`` gives, walking children instead of two XPath
    queries per paragraph and run: each run's text, tab, break … element as python-docx's own
    element classes print it, and a hyperlink's runs, in document order."""
    parts = []
    for child in p.iterchildren(f"{_W}r", f"{_W}hyperlink"):
        if child.tag == f"{_W}r":
            parts.append(_run_text(child))
        else:
            parts.append("".join(_run_text(run) for run in child.iterchildren(f"{_W}r")))
    return "".join(parts)


def _walk(tbl, table) -> list[list[str | None]]:
    """The table's rows as python-docx's ``row.cells`` gives them, in one pass over the XML.

    A cell spanning columns is repeated across them and a cell continuing a vertical merge
    repeats the one above it at the same grid position (the grid builder wants both), as
    ``row.cells`` does; but where python-docx runs two XPath queries per cell to find the cell
    above (66,000 for a corpus of 40 reports, issue 17), this keeps each row's cells by their
    grid position. Any table it cannot read exactly the same way raises ``_Irregular``."""
    texts: dict[object, str] = {}  # by element (held here, so lxml keeps the same proxy)

    def text(tc) -> str:
        if tc not in texts:
            texts[tc] = "\n".join(paragraph_text(p) for p in tc.iterchildren(f"{_W}p"))
        return texts[tc]

    rows: list[list[str | None]] = []
    above: dict[int, tuple[object, int]] = {}  # grid offset → (root cell, its span)
    first = True
    for tr in tbl.iterchildren(f"{_W}tr"):
        offset = _number(tr.find(f"{_W}trPr"), f"{_W}gridBefore", 0)
        here: dict[int, tuple[object, int]] = {}
        row: list[str | None] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            span = _number(tc.find(f"{_W}tcPr"), f"{_W}gridSpan", 1)
            if _merge(tc) == "continue":
                if first or offset not in above:
                    raise _Irregular  # python-docx raises here; let it say so itself
                root, root_span = above[offset]
            else:
                root, root_span = tc, span
            here.setdefault(offset, (root, root_span))
            row.extend([text(root)] * root_span)
            offset += span
        rows.append(row)
        above, first = here, False
    return rows


def docx_items(data: bytes, source: str) -> list[str | Grid]:
    """The document body as paragraph lines and table grids, in order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnsupportedDocument(
            f"{source}：Word 文件已损坏或不完整，无法打开（{type(exc).__name__}）",
            "the .docx file is damaged or incomplete",
        ) from None
    except SyntaxError as exc:  # lxml's XMLSyntaxError: e.g. a control character (&#1;)
        raise invalid_xml(source, "Word", exc) from None
    items: list[str | Grid] = []
    for position, element in enumerate(document.element.body.iterchildren(), start=1):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            items.extend(paragraph_text(element).split("\n"))
        elif tag == "tbl":
            items.append(_grid(Table(element, document), position))
    return items


def read_docx(data: bytes, source: str) -> PlanDocument:
    return assemble_document(blocks_from(docx_items(data, source)), source)
