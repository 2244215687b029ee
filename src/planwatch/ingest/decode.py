"""Bytes to text: UTF-8 first (with or without BOM), then GB18030, which covers GBK and GB2312."""

from __future__ import annotations

from planwatch.errors import UnsupportedDocument

_ENCODINGS = ("utf-8-sig", "gb18030")


def decode_text(data: bytes, source: str = "") -> tuple[str, str]:
    """Return the text and the encoding that decoded it.

    Raises ``UnsupportedDocument`` for empty input, binary data (NUL bytes) or bytes no
    supported encoding accepts, naming the byte offset where decoding failed.
    """
    where = f"{source}: " if source else ""
    if not data.strip():
        raise UnsupportedDocument(f"{where}文件为空", "the file is empty")
    if b"\x00" in data[:4096]:
        raise UnsupportedDocument(
            f"{where}文件是二进制内容，不是文本、Word、Excel、HTML 或 PDF 报告",
            "binary content that is not a supported report format",
        )
    first_error: UnicodeDecodeError | None = None
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    offset = first_error.start if first_error else 0
    raise UnsupportedDocument(
        f"{where}无法识别文本编码：第{offset}字节起既不是 UTF-8 也不是 GB18030/GBK",
        f"undecodable text at byte {offset}: neither UTF-8 nor GB18030",
    )


def normalise_text(text: str) -> str:
    """Unify line endings and drop characters Word exports that carry no meaning."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u200b", "").replace("\ufeff", "").replace("\xa0", " ")
