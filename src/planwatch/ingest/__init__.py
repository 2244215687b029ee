"""Read a plan report in any supported format into a ``PlanDocument``.

Readers are chosen by content, not by file name: each entry of ``READERS`` says whether it
recognises the first bytes and reads the whole file. A new format joins with one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import UnsupportedDocument
from planwatch.ingest.text import read_text
from planwatch.model import PlanDocument


@dataclass(frozen=True)
class Reader:
    name: str
    recognises: Callable[[bytes, str], bool]
    read: Callable[[bytes, str], PlanDocument]


def _is_text(head: bytes, name: str) -> bool:
    return b"\x00" not in head[:4096] and not head.startswith((b"PK\x03\x04", b"%PDF"))


# Tried in order; text is last because it accepts almost anything.
READERS: list[Reader] = [
    Reader("text", _is_text, read_text),
]

SAMPLE_REPORT = Path(__file__).resolve().parent.parent / "samples" / "suzhou-2024-plan-report.txt"


def read_bytes(data: bytes, source: str) -> PlanDocument:
    """Read a document held in memory; ``source`` names it in messages."""
    for reader in READERS:
        if reader.recognises(data, source):
            return reader.read(data, source)
    raise UnsupportedDocument(
        f"{source}：无法识别的文件格式（支持：{'、'.join(r.name for r in READERS)}）",
        "unsupported file format",
    )


def read_document(path: Path | str) -> PlanDocument:
    """Read a plan report from a file."""
    path = Path(path)
    if not path.is_file():
        raise UnsupportedDocument(f"{path}：文件不存在或不是普通文件", "no such file")
    return read_bytes(path.read_bytes(), str(path))
