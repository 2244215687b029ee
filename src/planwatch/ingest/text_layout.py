"""What the text-layout table finders share: the block they return, captions, table ends.

Each finder (tab cells, pipes, web cells, one cell per line) recognises its own layout and
returns ``TextBlock``s; ``text.TEXT_TABLE_FINDERS`` is their registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.ingest.grid import CAPTION, is_caption
from planwatch.ingest.tables import RawTable

HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[．.](?!\d))")
_NOTE = re.compile(r"^(注|说明|备注|资料来源)[：:]")


@dataclass
class TextBlock:
    """A table found in text: its grid and the lines it spans (0-based, end exclusive)."""

    table: RawTable
    start: int
    end: int


def is_prose(line: str) -> bool:
    """A line that cannot be a cell: a heading, a caption, a note or a long sentence."""
    text = line.strip()
    if HEADING.match(text) or _NOTE.match(text) or CAPTION.match(text):
        return True
    if text.endswith("。") and len(text) > 12:
        return True  # no indicator cell is a sentence
    return len(text) > 40 and text.endswith(("：", ":", "；"))


def caption_before(lines: list[str], start: int) -> tuple[str | None, int]:
    """The caption line just above a table (``表1  2024年…``) and where it is."""
    for index in range(start - 1, max(start - 4, -1), -1):
        text = lines[index].strip()
        if not text:
            continue
        if is_caption(text):
            return re.sub(r"\s{2,}", "  ", text), index
        break
    return None, start


def truncation_warning(kept: int, line: int) -> str:
    """Text that looks like table rows but stops before a row is complete."""
    return f"第{line}行起的表格在{kept}行完整数据之后被截断"
