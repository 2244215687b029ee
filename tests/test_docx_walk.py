"""The one-pass walk of a Word table gives exactly the cells python-docx's ``row.cells`` gives
(issue 17): spans across, merges down, rows starting late, and odd XML left to python-docx;
and the main part read alone gives exactly what python-docx's opened document gives."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.ingest.docx_reader import (
    _cell_text,
    _Irregular,
    _items,
    _main_body_alone,
    _walk,
    docx_items,
)
from test_ingest_formats_writers import write_docx

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def _by_python_docx(table) -> list[list[str]]:
    return [[_cell_text(c) for c in row.cells] for row in table.rows]


def _tables(path: Path) -> list:
    return docx.Document(str(path)).tables


def test_the_sample_as_word_reads_cell_for_cell_as_python_docx(tmp_path: Path) -> None:
    path = write_docx(read_document(SAMPLE_REPORT), tmp_path / "sample.docx")
    tables = _tables(path)
    assert tables
    for table in tables:
        assert _walk(table._tbl) == _by_python_docx(table)


def _merged(tmp_path: Path) -> Path:
    """Categories merged down, a header spanning columns, a three-row merge, lines in cells."""
    document = docx.Document()
    table = document.add_table(rows=6, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"格{r}{c}"
    table.cell(0, 1).merge(table.cell(0, 3)).text = "预期目标\n（2024年）"
    table.cell(1, 0).merge(table.cell(3, 0)).text = "经济\n发展"
    table.cell(4, 0).merge(table.cell(5, 1)).text = "合并块"
    table.cell(2, 2).add_paragraph("第二行")
    path = tmp_path / "merged.docx"
    document.save(str(path))
    return path


def test_spans_and_merges_read_as_python_docx_reads_them(tmp_path: Path) -> None:
    (table,) = _tables(_merged(tmp_path))
    rows = _walk(table._tbl)
    assert rows == _by_python_docx(table)
    assert rows[0][1:] == ["预期目标\n（2024年）"] * 3
    assert [row[0] for row in rows[1:4]] == ["经济\n发展"] * 3


def test_a_row_starting_late_reads_as_python_docx_reads_it(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"格{r}{c}"
    table.cell(1, 1).merge(table.cell(2, 1))
    tr = table._tbl.tr_lst[1]
    tr.remove(tr.tc_lst[0])  # the row starts at grid column 1
    tr.get_or_add_trPr().append(tr.makeelement(qn("w:gridBefore"), {qn("w:val"): "1"}))
    rows = _walk(table._tbl)
    assert rows == _by_python_docx(table)
    assert rows[1] == ["格11\n格21", "格12"] and rows[2][1] == "格11\n格21"


@pytest.mark.parametrize("value", ["0", "-1", "x", "²"])
def test_an_odd_span_is_left_to_python_docx(tmp_path: Path, value: str) -> None:
    (table,) = _tables(_merged(tmp_path))
    span = table._tbl.tr_lst[0].tc_lst[1].tcPr.find(qn("w:gridSpan"))
    span.set(qn("w:val"), value)
    with pytest.raises(_Irregular):
        _walk(table._tbl)


def test_a_merge_continuing_from_nothing_is_left_to_python_docx(tmp_path: Path) -> None:
    (table,) = _tables(_merged(tmp_path))
    first = table._tbl.tr_lst[0].tc_lst[0]
    first.get_or_add_tcPr().append(first.makeelement(qn("w:vMerge"), {}))
    with pytest.raises(_Irregular):
        _walk(table._tbl)
    buffer = io.BytesIO()
    table.part.document.save(buffer)
    from planwatch.ingest.docx_reader import docx_items

    with pytest.raises(ValueError):  # python-docx's own answer, as before the walk
        docx_items(buffer.getvalue(), "x.docx")


def test_paragraph_text_is_python_docx_text(tmp_path: Path) -> None:
    """Runs with tabs, breaks, a non-breaking hyphen and a hyperlink, as python-docx prints them."""
    from docx.text.paragraph import Paragraph

    from planwatch.ingest.docx_reader import paragraph_text

    document = docx.Document(str(write_docx(read_document(SAMPLE_REPORT), tmp_path / "s.docx")))
    paragraph = document.add_paragraph("增长")
    run = paragraph.add_run("5%")
    run.add_tab()
    run.add_break()
    run._r.append(run._r.makeelement(qn("w:noBreakHyphen"), {}))
    run.add_text("以上")
    link = paragraph._p.makeelement(qn("w:hyperlink"), {})
    link.append(paragraph.add_run("（链接）")._r)
    paragraph._p.append(link)
    body = list(document.element.body.iter(qn("w:p")))
    assert len(body) > 100
    for p in body:
        assert paragraph_text(p) == Paragraph(p, document).text
    assert paragraph_text(paragraph._p) == "增长5%\t\n-以上（链接）"


def _by_opened_document(data: bytes) -> list:
    document = docx.Document(io.BytesIO(data))
    return _items(document.element.body, document)


@pytest.mark.parametrize(
    "source", [SAMPLE_REPORT, *sorted(p for p in LAYOUTS.iterdir() if p.suffix == ".txt")]
)
def test_the_main_part_alone_reads_as_the_opened_document(tmp_path: Path, source: Path) -> None:
    """Every layout fixture as Word: the fast path is taken, and gives the same items."""
    doc = read_document(source)
    if doc.date is None:  # the writer prints a date line
        doc = doc.model_copy(update={"date": datetime.date(2024, 1, 20)})
    data = write_docx(doc, tmp_path / "report.docx").read_bytes()
    body = _main_body_alone(data)
    assert body is not None
    assert _items(body, None) == _by_opened_document(data)


def _repacked(data: bytes, change) -> bytes:
    """The package with each part's bytes passed through ``change(name, bytes)``."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, change(item.filename, source.read(item)))
    return out.getvalue()


def test_a_package_laid_out_otherwise_is_left_to_python_docx(tmp_path: Path) -> None:
    """A main part that is not word/document.xml by the relationships, or a macro-enabled
    document's content type: python-docx opens it and answers as before the fast path."""
    data = write_docx(read_document(SAMPLE_REPORT), tmp_path / "sample.docx").read_bytes()
    macro = "application/vnd.ms-word.document.macroEnabled.main+xml"

    def as_macro(name: str, part: bytes) -> bytes:
        if name != "[Content_Types].xml":
            return part
        return part.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            macro.encode(),
        )

    def elsewhere(name: str, part: bytes) -> bytes:
        return (
            part.replace(b"word/document.xml", b"word/other.xml") if name == "_rels/.rels" else part
        )

    for change in (as_macro, elsewhere):
        changed = _repacked(data, change)
        assert _main_body_alone(changed) is None
        with pytest.raises(Exception) as refused:
            docx.Document(io.BytesIO(changed))
        from planwatch.errors import UnsupportedDocument

        with pytest.raises(UnsupportedDocument, match="已损坏或不完整"):
            docx_items(changed, "x.docx")
        assert refused.type in (ValueError, KeyError)


def test_a_main_part_without_a_body_is_refused_in_chinese(tmp_path: Path) -> None:
    """A document part whose w:body was lost: a clear refusal, on either path."""
    import re

    from planwatch.errors import UnsupportedDocument

    data = write_docx(read_document(SAMPLE_REPORT), tmp_path / "sample.docx").read_bytes()

    def without_body(name: str, part: bytes) -> bytes:
        if name != "word/document.xml":
            return part
        return re.sub(rb"<w:body>.*</w:body>", b"", part, flags=re.S)

    changed = _repacked(data, without_body)
    assert _main_body_alone(changed) is None
    with pytest.raises(UnsupportedDocument, match="没有正文"):
        docx_items(changed, "x.docx")


def test_a_main_part_typed_by_the_default_of_its_extension_takes_the_fast_path(
    tmp_path: Path,
) -> None:
    """Some writers declare the document's type for every .xml part instead of an override."""
    data = write_docx(read_document(SAMPLE_REPORT), tmp_path / "sample.docx").read_bytes()
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

    def by_default(name: str, part: bytes) -> bytes:
        if name != "[Content_Types].xml":
            return part
        part = re.sub(rb'<Override PartName="/word/document.xml"[^>]*/>', b"", part)
        part = re.sub(rb'<Default Extension="xml"[^>]*/>', b"", part)
        return part.replace(
            b"</Types>", b'<Default Extension="xml" ContentType="' + main + b'"/></Types>'
        )

    changed = _repacked(data, by_default)
    assert b"/word/document.xml" not in _part(changed, "[Content_Types].xml")
    body = _main_body_alone(changed)
    assert body is not None
    assert _items(body, None) == _by_opened_document(changed)


def _part(data: bytes, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)
