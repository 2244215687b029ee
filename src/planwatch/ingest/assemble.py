"""One document from the blocks any reader found: paragraphs and raw tables in reading order.

Every format reader ends here, so metadata, sections, natures and checks work the same for
text, Word, HTML, PDF and Excel. It is also where their text is cleaned: control characters
(``textclean``) are removed from every paragraph and cell before anything reads them, and the
document's warnings say how many were removed and where the first one was.
"""

from __future__ import annotations

from dataclasses import replace

from planwatch.errors import NotAPlanReport, UnsupportedDocument
from planwatch.ingest.commitments import key_tasks
from planwatch.ingest.furniture import is_furniture
from planwatch.ingest.metadata import from_captions_and_headings, read_metadata
from planwatch.ingest.nature import apply_natures
from planwatch.ingest.prose import prose_review_table, read_prose
from planwatch.ingest.row_checks import document_warnings
from planwatch.ingest.sections import build_sections
from planwatch.ingest.tables import RawTable, build_table
from planwatch.model import PlanDocument, TableRole
from planwatch.textclean import CONTROL, control_names, strip_controls

Block = str | RawTable


def _label(index: int, raw: RawTable) -> str:
    caption = (raw.caption or "").strip()
    return caption.split()[0] if caption.startswith(("表", "附表")) else f"第{index}个表"


def assemble_document(blocks: list[Block], source: str) -> PlanDocument:
    """Build the plan document; raise ``NotAPlanReport`` when no indicator table is found."""
    blocks, cleaned = clean_blocks(blocks)
    blocks = [("" if is_furniture(b) else b) if isinstance(b, str) else b for b in blocks]
    lines = [b for b in blocks if isinstance(b, str)]
    meta = read_metadata(lines)
    captions = [b.caption or "" for b in blocks if isinstance(b, RawTable)]
    placed = from_captions_and_headings(meta, captions, lines)
    if meta.title_lines:
        start, end = meta.title_lines
        body_lines = lines[:start] + lines[end:]
    else:
        body_lines = lines
    doc = PlanDocument(
        title=meta.title or "",
        jurisdiction=meta.jurisdiction,
        review_year=meta.review_year,
        plan_year=meta.plan_year,
        date=meta.date,
        authority=meta.authority,
        meeting=meta.meeting,
        sections=build_sections(body_lines),
    )
    if cleaned:
        doc.warnings.append(cleaned)
    if placed:
        doc.warnings.append(placed)
    raw_tables = [(i, b) for i, b in enumerate(blocks) if isinstance(b, RawTable)]
    for number, (position, raw) in enumerate(raw_tables, start=1):
        table, warnings = build_table(raw, _label(number, raw))
        if table.year is None:
            table.year = meta.review_year if table.role is TableRole.REVIEW else meta.plan_year
        if table.role is TableRole.PLAN:
            following = _text_until_next_table(blocks, position)
            warnings += apply_natures(table, following)
        doc.tables.append(table)
        doc.warnings.extend(warnings)
    doc.warnings.extend(document_warnings(doc, lines))
    prose = read_prose("\n".join(lines), meta.plan_year, meta.review_year)
    doc.prose_targets, doc.prose_actuals = prose.targets, prose.actuals
    doc.five_year_goals = prose.five_year
    doc.five_year_results = prose.five_year_results
    doc.key_tasks = key_tasks(
        doc.sections, stated=[*prose.targets, *prose.five_year], plan_year=meta.plan_year
    )
    has_rows = any(table.rows for table in doc.tables)
    if not any(table.role is TableRole.REVIEW for table in doc.tables):
        derived = prose_review_table(doc.prose_targets, doc.prose_actuals, "\n".join(lines))
        if derived is not None:
            doc.tables.append(derived)
    if not has_rows and (doc.prose_targets or doc.prose_actuals):
        doc.warnings.extend(prose.warnings)
        return doc  # a government work report or a plan stated in sentences
    if not has_rows:
        raise NotAPlanReport(
            _nothing_found(source, lines, meta.title, len(raw_tables)), "no indicator table found"
        )
    if not meta.title:
        doc.warnings.append("未找到报告标题（以“关于”开头、以“报告”结尾的行）")
    elif meta.plain_title:
        doc.warnings.append(f"未找到以“关于”开头的报告标题，已将“{meta.title}”作为标题")
    return doc


class _Removed:
    """What ``clean_blocks`` took out: every control character, and where the first was."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.count = 0
        self.first: str | None = None

    def clean(self, text: str, where: str) -> str:
        found = CONTROL.findall(text)
        if not found:
            return text
        self.count += len(found)
        self.names += [n for n in control_names(text) if n not in self.names]
        cleaned = strip_controls(text)
        if self.first is None:
            snippet = " ".join(cleaned.split())[:20]
            self.first = f"{where}“{snippet}”" if snippet else where
        return cleaned

    def warning(self) -> str | None:
        if not self.count:
            return None
        shown = "、".join(self.names[:5]) + ("等" if len(self.names) > 5 else "")
        return f"已删除{self.count}个控制字符（{shown}），首处在{self.first}"


def clean_blocks(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """The blocks without control characters, and the warning saying what was removed where.

    A paragraph is named by its text, a table cell by its table (``表1``), row and column.
    """
    removed = _Removed()
    cleaned: list[Block] = []
    number = 0
    for block in blocks:
        if isinstance(block, str):
            cleaned.append(removed.clean(block, "正文"))
            continue
        number += 1
        cleaned.append(_clean_table(block, number, removed))
    return cleaned, removed.warning()


def _clean_table(raw: RawTable, number: int, removed: _Removed) -> RawTable:
    if not any(CONTROL.search(t) for t in _table_texts(raw)):
        return raw
    label = _label(number, RawTable([], [], caption=strip_controls(raw.caption or "")))
    caption = None if raw.caption is None else removed.clean(raw.caption, f"{label}表题")
    header = [removed.clean(c, f"{label}表头第{i}列") for i, c in enumerate(raw.header, 1)]
    rows = [
        [removed.clean(c, f"{label}第{r}行第{i}列") for i, c in enumerate(row, 1)]
        for r, row in enumerate(raw.rows, 1)
    ]
    truncated = None
    if raw.truncated is not None:
        where = f"{label}第{len(rows) + 1}行"
        truncated = [removed.clean(c, where) for c in raw.truncated]
    return replace(
        raw,
        caption=caption,
        header=header,
        rows=rows,
        truncated=truncated,
        warnings=[strip_controls(w) for w in raw.warnings],
    )


def _table_texts(raw: RawTable):
    yield raw.caption or ""
    yield from raw.header
    for row in raw.rows:
        yield from row
    yield from raw.truncated or []
    yield from raw.warnings


def invalid_xml(source: str, kind: str, error: SyntaxError) -> UnsupportedDocument:
    """A Word or Excel package whose XML a parser refuses, most often for a control character
    written as a character reference (``&#1;``), which XML does not allow."""
    return UnsupportedDocument(
        f"{source}：{kind} 文件中的 XML 无效（{error}），可能含有控制字符或已损坏，"
        f"请在 {kind}/WPS 中打开后另存一份再读取",
        f"invalid XML in the {kind} package: {error}",
    )


def _text_until_next_table(blocks: list[Block], position: int) -> str:
    text: list[str] = []
    for block in blocks[position + 1 :]:
        if isinstance(block, RawTable):
            break
        text.append(block)
    return "\n".join(text)


def _nothing_found(source: str, lines: list[str], title: str | None, tables: int) -> str:
    read = f"读取了{sum(1 for line in lines if line.strip())}行文字"
    found = f"标题为“{title}”" if title else "没有计划报告的标题"
    if tables:
        found += f"，{tables}个表格中没有可读的指标行"
    return (
        f"{source}：不是可识别的计划报告：{read}，{found}，未找到指标表"
        "（需要含“指标名称”和“预期目标”或“完成情况”表头的表格）"
    )
