"""Bad input gets a clear answer: what was found, where, and what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.errors import NotAPlanReport, UnsupportedDocument
from planwatch.ingest import read_bytes, read_document


def _sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(UnsupportedDocument, match="文件为空"):
        read_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(UnsupportedDocument, match="文件不存在"):
        read_document(tmp_path / "nope.txt")


def test_prose_without_tables_is_not_a_report():
    text = "关于某事的通知\n\n各单位：请于本周五前报送材料。\n"
    with pytest.raises(NotAPlanReport) as caught:
        read_bytes(text.encode(), "notice.txt")
    assert "未找到指标表" in caught.value.message and "notice.txt" in caught.value.message


def test_binary_garbage(tmp_path):
    with pytest.raises(UnsupportedDocument, match=r"无法识别|二进制"):
        read_bytes(bytes(range(256)) * 4, "x.bin")


def test_undecodable_bytes_name_the_offset():
    data = "关于".encode() + b"\xff\xfe\xff\xfe\x81"
    with pytest.raises(UnsupportedDocument, match="字节"):
        read_bytes(data, "bad.txt")


def test_gb18030_reads_like_utf8(sample_path, sample_doc):
    doc = read_bytes(_sample_text(sample_path).encode("gb18030"), "gb.txt")
    assert doc.tables == sample_doc.tables
    assert doc.title == sample_doc.title
    assert "GB18030" in doc.warnings[0]


def test_truncated_table_keeps_complete_rows(sample_path):
    text = _sample_text(sample_path)
    cut = text.index("\t固定资产投资") + len("\t固定资产投资\n\t增长5%左右\n")
    doc = read_bytes(text[:cut].encode(), "cut.txt")
    table = doc.tables[0]
    assert [r.name for r in table.rows] == ["地区生产总值", "制造业增加值占地区生产总值比重"]
    assert any("截断" in w and "固定资产投资" in w for w in doc.warnings)


def test_declared_count_disagreeing_with_rows_warns(sample_path):
    text = _sample_text(sample_path).replace("实力\n\n（8个）", "实力\n\n（9个）", 1)
    doc = read_bytes(text.encode(), "count.txt")
    assert doc.tables[0].declared_counts["经济发展实力"] == 9
    assert "表1“经济发展实力”声明9个指标，实际读到8行" in doc.warnings


def test_a_cut_word_file_is_called_damaged(tmp_path):
    from docx import Document

    path = tmp_path / "report.docx"
    document = Document()
    document.add_paragraph("关于某市2024年国民经济和社会发展计划执行情况的报告")
    document.save(path)
    with pytest.raises(UnsupportedDocument, match="文件已损坏或不完整"):
        read_bytes(path.read_bytes()[:500], "report.docx")


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_a_zip_directory_naming_an_unknown_version_is_refused_clearly(tmp_path, suffix):
    """A flipped byte in the central directory's "version needed" field: zipfile raises
    NotImplementedError (``zip file version 20.9``), which must be a clear refusal."""
    from docx import Document
    from openpyxl import Workbook

    path = tmp_path / f"report.{suffix}"
    if suffix == "docx":
        document = Document()
        document.add_paragraph("关于某市2024年国民经济和社会发展计划执行情况的报告")
        document.save(path)
    else:
        book = Workbook()
        book.active.append(["指标", "预期目标"])
        book.save(path)
    data = bytearray(path.read_bytes())
    directory = data.rfind(b"PK\x05\x06")  # end of central directory: where the entries start
    start = int.from_bytes(data[directory + 16 : directory + 20], "little")
    assert data[start : start + 4] == b"PK\x01\x02"
    data[start + 6] = 209  # version needed to extract: 20.9
    with pytest.raises(NotImplementedError):
        import io
        import zipfile

        zipfile.ZipFile(io.BytesIO(bytes(data)))
    with pytest.raises(UnsupportedDocument, match="已损坏或不完整"):
        read_bytes(bytes(data), f"report.{suffix}")


def _with_a_damaged_relationship(document) -> bytes:
    """The document saved with a flipped byte in ``Target=`` of word/_rels/document.xml.rels."""
    import io
    import zipfile

    saved, damaged = io.BytesIO(), io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                assert b' Target="styles.xml"' in data
                data = data.replace(b' Target="styles.xml"', b' Tarbet="styles.xml"')
            target.writestr(item, data)
    return damaged.getvalue()


def test_a_relationship_without_its_target_is_refused_as_damaged_where_python_docx_reads():
    """python-docx joins a path with None and ``os.path`` raises TypeError from the standard
    library: refused as damaged when the file must be read by python-docx (a table with an
    odd span, which the one-pass walk leaves to it)."""
    import io

    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    document.add_paragraph("关于某市2024年国民经济和社会发展计划执行情况的报告")
    table = document.add_table(rows=1, cols=2)
    span = table.rows[0].cells[0]._tc.get_or_add_tcPr().makeelement(qn("w:gridSpan"), {})
    span.set(qn("w:val"), "0")
    table.rows[0].cells[0]._tc.get_or_add_tcPr().append(span)
    data = _with_a_damaged_relationship(document)
    with pytest.raises(TypeError):  # what python-docx itself raises on it
        Document(io.BytesIO(data))
    with pytest.raises(UnsupportedDocument, match="已损坏或不完整"):
        read_bytes(data, "report.docx")


def test_a_damaged_relationship_beside_a_whole_text_part_reads_the_text():
    """The fast path reads the main part alone (issue 17): a relationship to the styles cut
    leaves the text whole, and the document is read as what it says, here no plan table."""
    from docx import Document

    document = Document()
    document.add_paragraph("关于某市2024年国民经济和社会发展计划执行情况的报告")
    with pytest.raises(NotAPlanReport, match=r"读取了1行文字.*计划执行情况的报告"):
        read_bytes(_with_a_damaged_relationship(document), "report.docx")


def test_an_error_of_planwatchs_own_code_through_the_standard_library_is_not_hidden():
    import os

    from planwatch.ingest import _raised_by_a_parser

    try:
        os.path.join(None, "x")  # raised in genericpath, called from here (not a parser)
    except TypeError as error:
        assert not _raised_by_a_parser(error)
