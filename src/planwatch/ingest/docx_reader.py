"""Word .docx reports: paragraphs and tables in body order.

python-docx repeats a merged cell (``gridSpan`` across, ``vMerge`` down) in every grid
position it covers, which is what the grid builder expects: a category merged down its
group is read on every row, a two-level header spanning columns is flattened. A cell's
paragraphs are its lines. A package laid out the usual way is read from its main part alone
(``_main_body_alone``); python-docx opens any other.
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


def _grid(tbl, document, position: int) -> Grid:
    """The table's grid; one the walk cannot read is python-docx's to read (``document``:
    its Document, or None on the fast path, where the whole file is then read again)."""
    try:
        rows = _walk(tbl)
    except _Irregular:  # whatever python-docx makes of it, errors included
        if document is None:
            raise
        from docx.table import Table

        rows = [[_cell_text(c) for c in row.cells] for row in Table(tbl, document).rows]
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


def _merge(properties) -> str | None:
    """``continue`` for a cell under the top of a vertical merge (the attribute's default);
    ``properties``: the cell's ``w:tcPr``, if any."""
    found = properties.find(f"{_W}vMerge") if properties is not None else None
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


def _walk(tbl) -> list[list[str | None]]:
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
            properties = tc.find(f"{_W}tcPr")
            span = _number(properties, f"{_W}gridSpan", 1)
            if _merge(properties) == "continue":
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


_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_MAIN_PART = "word/document.xml"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _main_body_alone(data: bytes):
    """The document's body parsed from its main part alone, or None when the package is not
    laid out the usual way (python-docx then opens it all and judges it).

    ``docx.Document`` parses every part on opening: a Word file's styles alone are 300–800 KB
    of XML, 7–10 ms against 1 ms for the text (issue 17). The main part is taken only when
    the package's relationships name ``word/document.xml`` as the office document and its
    content type is a Word document's, the same two things python-docx checks."""
    from docx.oxml.parser import parse_xml

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if not {"_rels/.rels", "[Content_Types].xml", _MAIN_PART} <= names:
            return None
        rels = parse_xml(package.read("_rels/.rels"))
        targets = [
            r.get("Target", "").lstrip("/")
            for r in rels.iterchildren(f"{_PR}Relationship")
            if r.get("Type") == _OFFICE_DOCUMENT and r.get("TargetMode") != "External"
        ]
        types = parse_xml(package.read("[Content_Types].xml"))
        declared = [
            o.get("ContentType")
            for o in types.iterchildren(f"{_CT}Override")
            if o.get("PartName", "").lower() == "/" + _MAIN_PART
        ] or [  # no override for the part: the default of its extension, as python-docx reads
            d.get("ContentType")
            for d in types.iterchildren(f"{_CT}Default")
            if d.get("Extension", "").lower() == "xml"
        ]
        if targets != [_MAIN_PART] or declared != [_MAIN_TYPE]:
            return None
        root = parse_xml(package.read(_MAIN_PART))
        return root.find(f"{_W}body") if root.tag == f"{_W}document" else None


def _items(body, document) -> list[str | Grid]:
    items: list[str | Grid] = []
    for position, element in enumerate(body.iterchildren(), start=1):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            items.extend(paragraph_text(element).split("\n"))
        elif tag == "tbl":
            items.append(_grid(element, document, position))
    return items


def docx_items(data: bytes, source: str) -> list[str | Grid]:
    """The document body as paragraph lines and table grids, in order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        body = _main_body_alone(data)
        if body is not None:
            return _items(body, None)
    except _Irregular:
        pass  # python-docx reads it below, and says what it makes of it
    except SyntaxError as exc:  # lxml's XMLSyntaxError: e.g. a control character (&#1;)
        raise invalid_xml(source, "Word", exc) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnsupportedDocument(
            f"{source}：Word 文件已损坏或不完整，无法打开（{type(exc).__name__}）",
            "the .docx file is damaged or incomplete",
        ) from None
    except SyntaxError as exc:
        raise invalid_xml(source, "Word", exc) from None
    if document.element.body is None:
        raise UnsupportedDocument(
            f"{source}：Word 文件没有正文（document.xml 中缺少 w:body），无法读取",
            "the .docx has no body (no w:body in document.xml)",
        )
    return _items(document.element.body, document)


def read_docx(data: bytes, source: str) -> PlanDocument:
    return assemble_document(blocks_from(docx_items(data, source)), source)
