"""Bytes to text: UTF-8 first (with or without BOM), UTF-16 (Notepad's "Unicode", with or
without its BOM), then GB18030, which covers GBK and GB2312.

Text arrives damaged: saved half way (a UTF-8 file cut inside a character), or with stray
NUL bytes. Such a file is read up to the damage and the caller is told in a warning; the NUL
and other control characters themselves are removed, and warned about, where the document
is assembled (``assemble.clean_blocks``).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from planwatch.errors import UnsupportedDocument
from planwatch.textclean import CONTROL

_ENCODINGS = ("utf-8", "gb18030")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEAD = 4096
# NUL bytes in a text file beyond this share of its head make it binary, unless UTF-16.
_STRAY_NULS = 0.01
_FEW_BAD_BYTES = 3  # damaged bytes in a UTF-8 text read past, with a warning, not refused
# UTF-16 without a BOM: this share of the NUL bytes on one side of the code units (ASCII
# characters, digits and line ends all have a NUL high byte).
_ONE_SIDED = 0.9


@dataclass
class Decoded:
    """The text, the encoding that decoded it, and what was wrong with the bytes."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when the head's NUL bytes sit on one side of its units,
    and are more than a few stray ones (ASCII, digits and line ends have a NUL high byte)."""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    if even + odd <= max(4, _STRAY_NULS * len(head)):
        return None
    encoding = None
    if odd >= _ONE_SIDED * (even + odd):
        encoding = "utf-16-le"
    elif even >= _ONE_SIDED * (even + odd):
        encoding = "utf-16-be"
    return encoding if encoding and _reads_as_text(head, encoding) else None


def _reads_as_text(head: bytes, encoding: str) -> bool:
    """Whether the head decodes to text: binary numbers whose high bytes are NUL decode too,
    but to NUL and control characters and unpaired surrogates, which text does not hold."""
    text = head[: len(head) // 2 * 2].decode(encoding, errors="replace")
    bad = len(CONTROL.findall(text)) + text.count("\ufffd")
    return bad <= _STRAY_NULS * len(text)


def unicode_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding the bytes are in, by their BOM or their NUL bytes, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return _utf16_without_bom(data[:_HEAD])


def text_head(data: bytes) -> bytes:
    """The first bytes of the text as UTF-8, so that marks such as ``<html`` are found in
    UTF-16 text too (a web page saved as "Unicode")."""
    encoding = unicode_encoding(data)
    if encoding is None:
        return data[:_HEAD]
    head = data[: _HEAD * 2]
    return head.decode(encoding, errors="ignore").encode()


def looks_like_text(data: bytes) -> bool:
    """Text: no NUL byte in the head, only a stray few, or the NULs of UTF-16."""
    head = data[:_HEAD]
    nuls = head.count(0)
    return not nuls or nuls <= _STRAY_NULS * len(head) or unicode_encoding(data) is not None


def _cut_warning(offset: int, encoding: str) -> str:
    return (
        f"文件在第{offset}字节处截断于一个字符的中间（{encoding.upper()}），"
        "已读到截断处为止：文件可能没有保存完整，请核对原文件的结尾"
    )


_CUT_SHORT = ("truncated data", "unexpected end of data", "incomplete multibyte sequence")


def _decode(data: bytes, encoding: str, name: str) -> Decoded:
    """The bytes in ``encoding``; when its last character is cut short, the text before it
    with a warning. Other undecodable bytes raise ``UnicodeDecodeError``."""
    skip = len(codecs.BOM_UTF8) if name == "utf-8" and data.startswith(codecs.BOM_UTF8) else 0
    body = data[skip:]
    try:
        return Decoded(body.decode(encoding), name)
    except UnicodeDecodeError as exc:
        if exc.reason not in _CUT_SHORT or exc.end != len(body):
            raise
        text = body[: exc.start].decode(encoding)
        return Decoded(text, name, [_cut_warning(skip + exc.start, name)])


def _undecodable(where: str, offset: int, what: str) -> UnsupportedDocument:
    return UnsupportedDocument(
        f"{where}无法识别文本编码：第{offset}字节起{what}",
        f"undecodable text at byte {offset}",
    )


def decode_bytes(data: bytes, source: str = "", *, repair: bool = False) -> Decoded:
    """The text of ``data``, its encoding and warnings about damage the text was read past.

    ``repair`` reads UTF-8 with a few damaged bytes (shown as ``�``, and warned about), for
    a caller that passes the warnings on; without it such bytes are refused.

    Raises ``UnsupportedDocument`` for empty input, binary data (NUL bytes beyond a stray
    few, not UTF-16) or bytes no supported encoding accepts, naming the byte offset where
    decoding failed.
    """
    where = f"{source}: " if source else ""
    if not data.strip(b" \t\r\n\x00"):
        raise UnsupportedDocument(f"{where}文件为空", "the file is empty")
    unicode = unicode_encoding(data)
    if unicode:
        name = "utf-16" if "16" in unicode else "utf-32"
        try:
            decoded = _decode(data, unicode, name)
        except UnicodeDecodeError as exc:
            raise _undecodable(where, exc.start, f"不是有效的 {name.upper()} 文本") from None
        if not decoded.text.strip():
            raise UnsupportedDocument(f"{where}文件为空", "the file is empty")
        return decoded
    if not looks_like_text(data):
        raise UnsupportedDocument(
            f"{where}文件是二进制内容，不是文本、Word、Excel、HTML 或 PDF 报告",
            "binary content that is not a supported report format",
        )
    first_error: UnicodeDecodeError | None = None
    for encoding in _ENCODINGS:
        try:
            return _decode(data, encoding, encoding)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
        damaged = _damaged_utf8(data) if repair and encoding == "utf-8" else None
        if damaged:
            return damaged
    offset = first_error.start if first_error else 0
    raise _undecodable(where, offset, "既不是 UTF-8 也不是 GB18030/GBK")


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 text with a few bytes damaged (a flipped bit): read with each bad byte shown as
    ``�`` and a warning naming the first one's line, rather than refused or taken for
    GB18030 (which accepts most byte pairs, as mojibake). More than a few bad bytes, or too
    little Chinese read right around them, is another encoding, not damage."""
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    text = data[skip:].decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    chinese = sum(1 for char in text if char > "\u2e7f")
    if not bad or bad > max(_FEW_BAD_BYTES, len(data) // 2000) or chinese < 50 * bad:
        return None
    first = text.index("\ufffd")
    line = text.count("\n", 0, first) + 1
    return Decoded(
        text,
        "utf-8",
        [
            f"文件第{line}行起有{bad}处字节不是有效的 UTF-8（文件可能已损坏），"
            "已用“\ufffd”代替，相关单元格的文字可能有误，请核对原文件"
        ],
    )


def decode_text(data: bytes, source: str = "") -> tuple[str, str]:
    """Return the text and the encoding that decoded it (see ``decode_bytes``), for callers
    that only need text (a web page, a CSV of figures): damaged bytes are refused here, since
    no warning would say so; a file cut inside its last character is read to the cut."""
    decoded = decode_bytes(data, source)
    return decoded.text, decoded.encoding


def normalise_text(text: str) -> str:
    """Unify line endings and drop characters Word exports that carry no meaning."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u200b", "").replace("\ufeff", "").replace("\xa0", " ")
