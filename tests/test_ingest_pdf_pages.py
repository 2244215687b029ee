"""A PDF whose last page object is damaged: pdfminer skips it without a word, so the reader
compares the page count the page tree declares with the pages it read (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

from planwatch.ingest.pdf_reader import declared_pages, missing_pages_warning, read_pdf
from planwatch.model import PlanDocument
from test_ingest_formats_writers import write_pdf

_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def _sample_pdf(doc: PlanDocument, tmp_path: Path) -> bytes:
    return write_pdf(doc, tmp_path / "sample.pdf").read_bytes()


def _without_last_page(data: bytes) -> bytes:
    """One byte of the last page object's /Type changed, as a byte flip would."""
    last = list(_PAGE.finditer(data))[-1]
    return data[: last.end() - 1] + b"x" + data[last.end() :]


def test_whole_pdf_reads_without_a_page_warning(sample_doc, tmp_path):
    doc = read_pdf(_sample_pdf(sample_doc, tmp_path), "sample.pdf")
    assert not [w for w in doc.warnings if "页面目录" in w]
    assert [len(t.rows) for t in doc.tables] == [45, 44]


def test_dropped_last_page_is_warned_with_both_counts(sample_doc, tmp_path):
    data = _sample_pdf(sample_doc, tmp_path)
    pages = len(list(_PAGE.finditer(data)))
    assert pages >= 2
    doc = read_pdf(_without_last_page(data), "damaged.pdf")
    shortfall = [w for w in doc.warnings if "页面目录" in w]
    assert shortfall == [
        f"PDF 文件可能已损坏：页面目录声明共{pages}页，实际只读到{pages - 1}页，"
        "缺失页上的文字或表格未能读取，请核对原文"
    ]


def test_declared_count_unreadable_gives_no_warning():
    class _NoCatalog:
        doc = None

    assert declared_pages(_NoCatalog()) is None
    assert missing_pages_warning(None, 3) is None
    assert missing_pages_warning(3, 3) is None
    assert "实际读到4页" in (missing_pages_warning(3, 4) or "")


def _last_content_unparsed(data: bytes) -> bytes:
    """The last page's content stream object with its ``<<`` damaged, as a byte flip would:
    pdfminer then reads the page as empty, without a warning."""
    page = list(_PAGE.finditer(data))[-1]
    found = re.compile(rb"/Contents\s+(\d+)\s+0\s+R").search(
        data, data.rfind(b" obj", 0, page.start())
    )
    assert found is not None
    start = data.index(b"\n" + found.group(1) + b" 0 obj\n<<") + len(found.group(1)) + 8
    return data[:start] + b"\x93" + data[start + 1 :]


def test_a_page_read_as_empty_is_named(sample_doc, tmp_path):
    data = _sample_pdf(sample_doc, tmp_path)
    pages = len(list(_PAGE.finditer(data)))
    doc = read_pdf(_last_content_unparsed(data), "damaged.pdf")
    assert any(
        w.startswith(f"PDF 文件可能已损坏：第{pages}页有内容无法解析") and "没有读到任何文字" in w
        for w in doc.warnings
    ), doc.warnings
