"""Plain-text reports (UTF-8, UTF-16 or GB18030): find the tables, keep the prose as paragraphs."""

from __future__ import annotations

from collections.abc import Callable

from planwatch.ingest.assemble import Block, assemble_document
from planwatch.ingest.cell_lines import find_cell_line_tables
from planwatch.ingest.decode import decode_bytes, normalise_text
from planwatch.ingest.furniture import strip_furniture
from planwatch.ingest.pipe_rows import find_pipe_tables
from planwatch.ingest.tab_cells import find_tab_tables
from planwatch.ingest.text_layout import TextBlock
from planwatch.ingest.web_cells import find_web_cell_tables
from planwatch.model import PlanDocument

# Table finders for text layouts; each returns the tables it recognises with their line spans.
# Earlier finders win where two claim the same lines: the freest layout (one cell per line,
# no delimiter at all) comes last.
TEXT_TABLE_FINDERS: list[Callable[[list[str]], list[TextBlock]]] = [
    find_tab_tables,
    find_web_cell_tables,
    find_pipe_tables,
    find_cell_line_tables,
]


def text_blocks(text: str) -> list[Block]:
    """The text as paragraphs and tables in reading order."""
    lines = strip_furniture(normalise_text(text).split("\n"))
    found: list[TextBlock] = []
    free = list(lines)  # lines no earlier finder took; later finders see blanks there
    for finder in TEXT_TABLE_FINDERS:
        taken = [(b.start, b.end) for b in found]
        new = [b for b in finder(free) if not any(s < b.end and b.start < e for s, e in taken)]
        for block in new:
            free[block.start : block.end] = [""] * (block.end - block.start)
        found += new
    found.sort(key=lambda b: b.start)
    blocks: list[Block] = []
    cursor = 0
    for block in found:
        blocks.extend(lines[cursor : block.start])
        blocks.append(block.table)
        cursor = block.end
    blocks.extend(lines[cursor:])
    return blocks


def read_text(data: bytes, source: str) -> PlanDocument:
    """A text report in any encoding ``decode_bytes`` knows; the encoding, when not UTF-8,
    and damage read past (a cut last character) are said first among the warnings."""
    decoded = decode_bytes(data, source, repair=True)
    doc = assemble_document(text_blocks(decoded.text), source)
    said = list(decoded.warnings)
    if decoded.encoding != "utf-8":
        said.insert(0, f"文件编码为 {decoded.encoding.upper()}，已按该编码读取")
    doc.warnings[:0] = said
    return doc
