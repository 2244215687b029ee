"""PDF reports with ruled tables (pdfplumber): page text and tables in reading order.

On each page the ruled tables are found from their lines; the text outside them is read
line by line, and both are put in order of their top edge. A merged cell leaves None in the
positions it covers (the category is read from the group's first row and carried on), and
a table running over a page break continues on the next page without a header: the two are
joined (``structured.blocks_from``), with a category cell cut by the break made whole
first (``pdf_pages.join_page_breaks``). A PDF without extractable text (a scan) is refused
with a clear message, since reading it would need OCR. pdfminer passes over some damage
without a word (a page object it cannot parse is skipped, a content stream it cannot parse
reads as an empty page): a page count short of the one the page tree declares, and a page
with nothing at all on it, are warned about.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from planwatch.errors import UnsupportedDocument
from planwatch.ingest.assemble import assemble_document
from planwatch.ingest.cells import close_cjk_gaps
from planwatch.ingest.pdf_cells import cell_texts
from planwatch.ingest.pdf_pages import join_page_breaks
from planwatch.ingest.structured import Grid, blocks_from
from planwatch.model import PlanDocument


def _open(data: bytes, source: str):
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, PdfminerException, ValueError, KeyError) as exc:
        raise UnsupportedDocument(
            f"{source}：PDF 文件已损坏或不完整，无法打开（{type(exc).__name__}）",
            "the PDF file is damaged or incomplete",
        ) from None


def _page_items(page, number: int) -> list[tuple[float, str | Grid]]:
    tables = page.find_tables()
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    entries: list[tuple[float, str | Grid]] = [
        (line["top"], close_cjk_gaps(line["text"]).strip()) for line in outside.extract_text_lines()
    ]
    entries += [(t.bbox[1], Grid(rows=cell_texts(t), line=number)) for t in tables]
    return sorted(entries, key=lambda entry: entry[0])


def _damage_errors() -> tuple[type[Exception], ...]:
    """What pdfminer and pdfplumber raise on a damaged stream or object, read page by page."""
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    return (PDFException, PSException, PdfminerException, MalformedPDFException)


class _Complaints(logging.Handler):
    """pdfminer's warnings about the file (a stream that does not inflate, an operator
    with the wrong operands), from this thread only: it carries on past them, and what it
    could not read is missing from the page without a word."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.pages: dict[int, str] = {}
        self.page = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.pages.setdefault(self.page, record.getMessage()[:80])


@contextmanager
def _complaints() -> Iterator[_Complaints]:
    logger = logging.getLogger("pdfminer")
    handler = _Complaints()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def damage_warning(complaints: dict[int, str]) -> str:
    pages = "、".join(f"第{n}页" for n in sorted(complaints)[:5] if n)
    first = next(iter(complaints.values()))
    return (
        f"PDF 文件可能已损坏：{pages or '文件中'}有内容无法解析（{first}），"
        "该处的文字或表格可能缺失，请核对原文"
    )


EMPTY_PAGE = "该页没有读到任何文字、线条或图片"


def _blank(page: object) -> bool:
    """Nothing at all read from the page: a content stream pdfminer could not parse reads as
    an empty page without a warning, so the page is named (a page left blank on purpose is
    rare in a plan report, and a warning to check it costs little)."""
    drawn = ("chars", "rects", "lines", "curves", "images")
    return not any(getattr(page, what) for what in drawn)


MISSING_PAGES = -1  # the key in ``complaints`` for the page-count warning


def declared_pages(pdf: object) -> int | None:
    """The page count the PDF's page tree declares (``/Count``), or None when unreadable.

    pdfminer skips a page object it cannot parse without a word, so a byte flip can drop
    the last page silently; comparing the declared count with the pages read shows it."""
    from pdfminer.pdftypes import resolve1

    try:
        catalog = pdf.doc.catalog  # type: ignore[attr-defined]
        count = resolve1(resolve1(catalog.get("Pages")).get("Count"))
    except Exception:  # any damage here means "unknown", never a crash
        return None
    return count if isinstance(count, int) and not isinstance(count, bool) else None


def missing_pages_warning(declared: int | None, read: int) -> str | None:
    """A warning when fewer (or more) pages were read than the page tree declares."""
    if declared is None or declared == read:
        return None
    return (
        f"PDF 文件可能已损坏：页面目录声明共{declared}页，实际只读到{read}页，"
        "缺失页上的文字或表格未能读取，请核对原文"
        if declared > read
        else f"PDF 文件可能已损坏：页面目录声明共{declared}页，实际读到{read}页，请核对原文"
    )


def pdf_items(
    data: bytes, source: str, complaints: dict[int, str] | None = None
) -> list[str | Grid]:
    """Every page's text lines and ruled tables, top to bottom; pdfminer's warnings about
    damaged content go into ``complaints`` (page → the first one), and a page count short of
    the declared one under ``MISSING_PAGES``."""
    items: list[str | Grid] = []
    number = 0
    shortfall: str | None = None
    try:
        with _complaints() as heard, _open(data, source) as pdf:  # closing reads the pages
            for number, page in enumerate(pdf.pages, start=1):
                heard.page = number
                items.extend(item for _, item in _page_items(page, number))
                if _blank(page):
                    heard.pages.setdefault(number, EMPTY_PAGE)
            heard.page = 0
            shortfall = missing_pages_warning(declared_pages(pdf), number)
        if shortfall and complaints is not None:
            complaints[MISSING_PAGES] = shortfall
        if complaints is not None:
            complaints.update(heard.pages)
    except _damage_errors() as exc:
        raise UnsupportedDocument(
            f"{source}：PDF 文件已损坏，第{max(number, 1)}页"
            f"无法读取（{type(exc).__name__}: {str(exc)[:60]}）",
            "the PDF file is damaged",
        ) from None
    if not any(isinstance(i, Grid) or i.strip() for i in items):
        raise UnsupportedDocument(
            f"{source}：PDF 中没有可提取的文字（可能是扫描件，需要先做文字识别）",
            "the PDF has no extractable text (a scan?)",
        )
    return items


def read_pdf(data: bytes, source: str) -> PlanDocument:
    complaints: dict[int, str] = {}
    items = pdf_items(data, source, complaints)
    doc = assemble_document(blocks_from(join_page_breaks(items)), source)
    shortfall = complaints.pop(MISSING_PAGES, None)
    if complaints:
        doc.warnings.append(damage_warning(complaints))
    if shortfall:
        doc.warnings.append(shortfall)
    return doc
