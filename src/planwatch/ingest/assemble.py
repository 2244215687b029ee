"""One document from the blocks any reader found: paragraphs and raw tables in reading order.

Every format reader ends here, so metadata, sections, natures and checks work the same for
text, Word, HTML, PDF and Excel.
"""

from __future__ import annotations

from planwatch.errors import NotAPlanReport
from planwatch.ingest.commitments import key_tasks
from planwatch.ingest.furniture import is_furniture
from planwatch.ingest.metadata import read_metadata
from planwatch.ingest.nature import apply_natures
from planwatch.ingest.prose import prose_review_table, read_prose
from planwatch.ingest.sections import build_sections
from planwatch.ingest.tables import RawTable, build_table
from planwatch.model import PlanDocument, TableRole

Block = str | RawTable


def _label(index: int, raw: RawTable) -> str:
    caption = (raw.caption or "").strip()
    return caption.split()[0] if caption.startswith(("表", "附表")) else f"第{index}个表"


def assemble_document(blocks: list[Block], source: str) -> PlanDocument:
    """Build the plan document; raise ``NotAPlanReport`` when no indicator table is found."""
    blocks = [("" if is_furniture(b) else b) if isinstance(b, str) else b for b in blocks]
    lines = [b for b in blocks if isinstance(b, str)]
    meta = read_metadata(lines)
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
    prose = read_prose("\n".join(lines), meta.plan_year, meta.review_year)
    doc.prose_targets, doc.prose_actuals = prose.targets, prose.actuals
    doc.five_year_goals = prose.five_year
    doc.key_tasks = key_tasks(doc.sections)
    has_rows = any(table.rows for table in doc.tables)
    if not any(table.role is TableRole.REVIEW for table in doc.tables):
        derived = prose_review_table(doc.prose_targets, doc.prose_actuals)
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
