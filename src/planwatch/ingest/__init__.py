"""Read a plan report in any supported format into a ``PlanDocument``.

Readers are chosen by content, not by file name: each entry of ``READERS`` says whether it
recognises the bytes and reads the whole file. A new format joins with one line. Word and
Excel are both zip packages and are told apart by the part they must hold.
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planwatch.bulk import bulk
from planwatch.errors import PlanwatchError, UnsupportedDocument
from planwatch.model import PlanDocument

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy binary .doc/.xls container
_HTML_MARKS = (b"<html", b"<!doctype html", b"<table", b"<body")


@dataclass(frozen=True)
class Reader:
    name: str
    recognises: Callable[[bytes, str], bool]
    read: Callable[[bytes, str], PlanDocument]


# A zip directory a flipped byte made unreadable: BadZipFile, or NotImplementedError for a
# "version" or compression method no zip tool wrote (``zip file version 20.9``).
_BAD_ZIP = (zipfile.BadZipFile, NotImplementedError)


def _zip_holds(part: str) -> Callable[[bytes, str], bool]:
    def recognises(data: bytes, name: str) -> bool:
        if not data.startswith(_ZIP):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                return part in package.namelist()
        except _BAD_ZIP:
            return False

    return recognises


def _is_whole_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)):
            return True
    except _BAD_ZIP:
        return False


def _is_pdf(data: bytes, name: str) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def _is_html(data: bytes, name: str) -> bool:
    from planwatch.ingest.decode import looks_like_text, text_head  # UTF-16 pages too

    head = text_head(data).lower()
    return looks_like_text(data) and any(mark in head for mark in _HTML_MARKS)


def _is_text(data: bytes, name: str) -> bool:
    from planwatch.ingest.decode import looks_like_text  # UTF-16 text holds NUL bytes

    return looks_like_text(data) and not data.startswith((_ZIP, b"%PDF", _OLE2))


def _read_docx(data: bytes, source: str) -> PlanDocument:
    from planwatch.ingest.docx_reader import read_docx

    return read_docx(data, source)


def _read_xlsx(data: bytes, source: str) -> PlanDocument:
    from planwatch.ingest.xlsx_reader import read_xlsx

    return read_xlsx(data, source)


def _read_pdf(data: bytes, source: str) -> PlanDocument:
    from planwatch.ingest.pdf_reader import read_pdf

    return read_pdf(data, source)


def _read_html(data: bytes, source: str) -> PlanDocument:
    from planwatch.ingest.html_reader import read_html

    return read_html(data, source)


def _read_text(data: bytes, source: str) -> PlanDocument:
    from planwatch.ingest.text import read_text

    return read_text(data, source)


def _refuse_legacy(data: bytes, source: str) -> PlanDocument:
    raise UnsupportedDocument(
        f"{source}：这是旧版 Word/Excel 二进制文件（.doc/.xls），"
        "请在 Word/WPS 中另存为 .docx 或 .xlsx 后再读取",
        "legacy binary .doc/.xls: save it as .docx/.xlsx first",
    )


# Tried in order; text is last because it accepts almost anything.
READERS: list[Reader] = [
    Reader("Word（.docx）", _zip_holds("word/document.xml"), _read_docx),
    Reader("Excel（.xlsx）", _zip_holds("xl/workbook.xml"), _read_xlsx),
    Reader("PDF", _is_pdf, _read_pdf),
    Reader("旧版 .doc/.xls", lambda data, name: data.startswith(_OLE2), _refuse_legacy),
    Reader("HTML", _is_html, _read_html),
    Reader("文本", _is_text, _read_text),
]

SAMPLE_REPORT = Path(__file__).resolve().parent.parent / "samples" / "suzhou-2024-plan-report.txt"


def reader_for(data: bytes, source: str) -> Reader:
    """The first reader that recognises the content."""
    for reader in READERS:
        if reader.recognises(data, source):
            return reader
    kinds = "、".join(r.name for r in READERS if not r.name.startswith("旧版"))
    kind = "无法识别的文件格式"
    if data.startswith(_ZIP):
        kind = (
            "压缩包（zip），但不是 Word 或 Excel 文件"
            if _is_whole_zip(data)
            else "文件已损坏或不完整（像 Word/Excel 的压缩包，但无法打开，可能下载时被截断）"
        )
    raise UnsupportedDocument(f"{source}：{kind}（支持：{kinds}）", "unsupported file format")


# What the libraries raise on a damaged package: a deflate stream that does not inflate, a
# zip directory that lies, a part cut short. XML errors (SyntaxError) are named where they
# are caught, by the reader that knows which part; these are caught here for every reader.
_DAMAGE = (zlib.error, zipfile.BadZipFile, EOFError)
# Any other error raised inside one of the libraries that parse a package or a PDF is also a
# file they could not get through (openpyxl's TypeError on a damaged styles part, pdfminer's
# on a damaged object); an error raised in planwatch's own code is a bug and is not hidden.
_PARSERS = {"zipfile", "xml", "docx", "openpyxl", "et_xmlfile", "lxml", "pdfminer", "pdfplumber"}


def _raised_by_a_parser(error: BaseException) -> bool:
    """Whether the innermost frame outside the standard library's helpers is a parser's: a
    damaged relationship part makes python-docx call ``os.path.join`` with None, which
    fails in ``genericpath``; the same call from planwatch's code is a bug, not a file."""
    frames = []
    tb = error.__traceback__
    while tb is not None:
        frames.append(str(tb.tb_frame.f_globals.get("__name__", "")).split(".")[0])
        tb = tb.tb_next
    for module in reversed(frames):
        if module in _PARSERS:
            return True
        if module not in sys.stdlib_module_names:
            return False
    return False


def damaged(source: str, kind: str, error: BaseException) -> UnsupportedDocument:
    """The refusal of a file a library could not get through: damaged, or cut short."""
    detail = f"{type(error).__name__}: {str(error)[:80]}".rstrip(": ")
    return UnsupportedDocument(
        f"{source}：文件已损坏或不完整，{kind} 无法读取（{detail}），请重新下载或另存一份再读取",
        f"the {kind} file is damaged ({detail})",
    )


def read_bytes(data: bytes, source: str) -> PlanDocument:
    """Read a document held in memory; ``source`` names it in messages."""
    if not data.strip():
        raise UnsupportedDocument(f"{source}: 文件为空", "the file is empty")
    reader = reader_for(data, source)
    try:
        with bulk():  # a big table's objects all live on: see planwatch.bulk
            return reader.read(data, source)
    except _DAMAGE as error:
        raise damaged(source, reader.name, error) from None
    except (PlanwatchError, MemoryError, RecursionError):
        raise
    except Exception as error:
        if not _raised_by_a_parser(error):
            raise
        raise damaged(source, reader.name, error) from None


def read_document(path: Path | str) -> PlanDocument:
    """Read a plan report from a file."""
    path = Path(path)
    if not path.is_file():
        raise UnsupportedDocument(f"{path}：文件不存在或不是普通文件", "no such file")
    return read_bytes(path.read_bytes(), str(path))
