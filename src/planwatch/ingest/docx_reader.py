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


def _cell_text(cell) -> str:
    return "\n".join(paragraph.text for paragraph in cell.paragraphs)


def _grid(table, position: int) -> Grid:
    return Grid(rows=[[_cell_text(c) for c in row.cells] for row in table.rows], line=position)


def docx_items(data: bytes, source: str) -> list[str | Grid]:
    """The document body as paragraph lines and table grids, in order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

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
            items.extend(Paragraph(element, document).text.split("\n"))
        elif tag == "tbl":
            items.append(_grid(Table(element, document), position))
    return items


def read_docx(data: bytes, source: str) -> PlanDocument:
    return assemble_document(blocks_from(docx_items(data, source)), source)
