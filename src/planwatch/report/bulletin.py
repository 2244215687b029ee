"""The monthly bulletin (监测简报): a plan's indicators by 序时进度 for the leadership.

Built from a ``Board`` only, so it says what the monitoring page says: the summary in the
official style (``2025年1-6月，44项指标中，30项快于或符合序时进度，…``), the lights, the
indicators newly red, one section per category, a table of the indicators behind schedule
with their reasons and year-end forecasts, and per-category charts of the figure to date
against the 序时 line. Written as Markdown, self-contained HTML (inline SVG) or Word.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from planwatch.assess.monitor import MonitorRow
from planwatch.assess.progress import Progress, progress_sentence
from planwatch.assess.warnings import Light, light_counts
from planwatch.monitor.board import Board
from planwatch.report.charts import ChartItem, draw_category
from planwatch.report.narrative import ZH_DIGITS
from planwatch.report.templating import md_cell, md_text

LIGHT_COLOURS = {
    Light.RED: "#C62828",
    Light.YELLOW: "#B7791F",
    Light.GREEN: "#2E7D32",
    Light.NONE: "#757575",
}
CHART_LEGEND = "条形：本期累计数值；黑色竖线：序时进度应达到的数值（每行按本行数值缩放）"
DEMO_BANNER = "【示例数据】本简报所用数据由 scripts/make_demo_year.py 生成，并非真实统计数据。"
FORMATS = ("md", "html", "docx")


@dataclass(frozen=True)
class BulletinChart:
    category: str
    title: str
    png: bytes | None
    svg: bytes | None


@dataclass(frozen=True)
class BulletinSection:
    category: str
    sentence: str
    rows: list[MonitorRow]


@dataclass(frozen=True)
class Bulletin:
    title: str
    banner: str | None
    summary: str
    lights: str
    newly_red: str | None
    sections: list[BulletinSection]
    behind: list[MonitorRow]
    charts: list[BulletinChart]


def build_bulletin(board: Board, charts: tuple[str, ...] = ("png", "svg")) -> Bulletin:
    """The bulletin's content; ``charts`` () leaves the charts out (Markdown needs none)."""
    period = board.period
    title = f"{board.jurisdiction}{period.label}国民经济和社会发展计划主要指标监测简报"
    counts = light_counts(r.alert.light for r in board.rows)
    lights = "，".join(
        f"{light.zh}{counts[light]}项" for light in (Light.RED, Light.YELLOW, Light.GREEN)
    )
    if counts[Light.NONE]:
        lights += f"，{counts[Light.NONE]}项暂无数据或无法判断、未亮灯"
    red = None
    if board.previous is not None:
        red = (
            f"与{board.previous.label}相比，新亮红灯{len(board.newly_red)}项："
            + "、".join(board.newly_red)
            if board.newly_red
            else f"与{board.previous.label}相比，没有新亮红灯的指标"
        )
    groups: dict[str, list[MonitorRow]] = {}
    for row in board.rows:
        groups.setdefault(row.row.category or "其他", []).append(row)
    sections = [
        BulletinSection(name, _section_sentence(name, rows, period), rows)
        for name, rows in groups.items()
    ]
    behind = [r for r in board.rows if r.verdict.status is Progress.BEHIND]
    drawn = [_chart(s, period, charts) for s in sections] if charts else []
    return Bulletin(
        title,
        DEMO_BANNER if board.demo else None,
        progress_sentence(board.rows, period),
        f"预警：{lights}",
        red,
        sections,
        behind,
        [c for c in drawn if c is not None],
    )


def _section_sentence(name: str, rows: list[MonitorRow], period) -> str:
    sentence = progress_sentence(rows, period, lead=f"{name}")
    behind = [r.name for r in rows if r.verdict.status is Progress.BEHIND]
    if behind:
        sentence += f"。慢于序时的是：{'、'.join(behind)}"
    return sentence + "。"


def _chart(section: BulletinSection, period, formats) -> BulletinChart | None:
    items = []
    for row in section.rows:
        verdict = row.verdict
        if verdict.expected is None or verdict.margin is None:
            continue
        colour = LIGHT_COLOURS[row.alert.light]
        items.append(
            ChartItem(
                row.name,
                row.verdict.status.zh,
                colour,
                "#F5F5F5",
                row.row.actual or "",
                _expected_text(row),
                verdict.expected,
                verdict.expected + verdict.margin,
            )
        )
    if not items:
        return None
    images = draw_category(items, formats, CHART_LEGEND)
    title = f"{period.label}{section.category}指标序时进度"
    return BulletinChart(section.category, title, images.get("png"), images.get("svg"))


def _expected_text(row: MonitorRow) -> str:
    """What the tick stands for: the annual rate, or the amount due by now."""
    reason = row.judged.reason
    if "应完成" in reason:
        return "序时" + reason.split("应完成", 1)[1].split("，", 1)[0]
    return row.row.target or ""


def _behind_table(bulletin: Bulletin) -> list[list[str]]:
    return [
        [
            r.name,
            r.row.target or "",
            r.row.actual or "",
            r.alert.light.zh,
            r.verdict.reason,
            r.forecast.text,
        ]
        for r in bulletin.behind
    ]


BEHIND_HEADER = ["指标名称", "年度目标", "本期完成", "预警", "原因", "全年预计"]
ROW_HEADER = ["序号", "指标名称", "年度目标", "本期完成", "序时进度", "预警", "全年预计"]
# Word column shares: the reason and the forecast are sentences, the light is two characters.
BEHIND_WEIGHTS = [2.2, 1.4, 1.3, 0.9, 3.6, 2.6]
ROW_WEIGHTS = [0, 2.6, 1.6, 1.4, 1.3, 1.1, 3.0]


def _rows_table(section: BulletinSection) -> list[list[str]]:
    return [
        [
            str(r.row.no or ""),
            r.name,
            r.row.target or "",
            r.row.actual or "未填报",
            r.verdict.status.zh,
            r.alert.light.zh,
            r.forecast.text if r.forecast.value is not None else "—",
        ]
        for r in section.rows
    ]


def bulletin_markdown(bulletin: Bulletin) -> str:
    """The bulletin as Markdown; every text is escaped (``md_text``, ``md_cell``): a name or
    reason that holds markup is shown, not run, where the Markdown becomes HTML."""

    def table(header: list[str], rows: list[list[str]]) -> list[str]:
        cell = lambda value: md_cell(value.replace("\n", " "))  # noqa: E731
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return lines + ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]

    lines = [f"# {md_text(bulletin.title)}", ""]
    if bulletin.banner:
        lines += [f"> {md_text(bulletin.banner)}", ""]
    lines += [md_text(bulletin.summary) + "。", "", md_text(bulletin.lights) + "。"]
    if bulletin.newly_red:
        lines += ["", md_text(bulletin.newly_red) + "。"]
    lines += ["", "## 一、慢于序时进度的指标", ""]
    if bulletin.behind:
        lines += table(BEHIND_HEADER, _behind_table(bulletin))
    else:
        lines.append("本期没有慢于序时进度的指标。")
    lines += ["", "## 二、分领域情况"]
    for number, section in enumerate(bulletin.sections, start=1):
        heading = f"### （{_chinese(number)}）{md_text(section.category)}"
        lines += ["", heading, "", md_text(section.sentence), ""]
        lines += table(ROW_HEADER, _rows_table(section))
    return "\n".join(lines) + "\n"


def bulletin_html(bulletin: Bulletin) -> str:
    from planwatch.report.templating import render

    svgs = {c.category: (c.title, _inline(c.svg)) for c in bulletin.charts}
    return render(
        "bulletin.html.j2",
        bulletin=bulletin,
        behind=_behind_table(bulletin),
        behind_header=BEHIND_HEADER,
        row_header=ROW_HEADER,
        sections=[(s, _rows_table(s), svgs.get(s.category)) for s in bulletin.sections],
        numbers=[_chinese(n) for n in range(1, len(bulletin.sections) + 1)],
    )


def write_bulletin_docx(bulletin: Bulletin, out: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    from planwatch.report.docx_writer import FONTS, SIZES_PT, new_page, paragraph, simple_table

    document = Document()
    new_page(document)
    paragraph(document, bulletin.title, FONTS["title"], 18, bold=True, centre=True)
    body = (FONTS["body"], SIZES_PT["body"])
    if bulletin.banner:
        paragraph(document, bulletin.banner, FONTS["caption"], 12)
    for text in (bulletin.summary + "。", bulletin.lights + "。", bulletin.newly_red):
        if text:
            paragraph(document, text if text.endswith("。") else text + "。", *body, indent=True)
    paragraph(document, "一、慢于序时进度的指标", FONTS["caption"], SIZES_PT["heading"])
    if bulletin.behind:
        simple_table(document, BEHIND_HEADER, _behind_table(bulletin), BEHIND_WEIGHTS)
    else:
        paragraph(document, "本期没有慢于序时进度的指标。", *body, indent=True)
    paragraph(document, "二、分领域情况", FONTS["caption"], SIZES_PT["heading"])
    charts = {c.category: c for c in bulletin.charts}
    for number, section in enumerate(bulletin.sections, start=1):
        heading = f"（{_chinese(number)}）{section.category}"
        paragraph(document, heading, FONTS["heading"], SIZES_PT["heading"], bold=True)
        paragraph(document, section.sentence, *body, indent=True)
        simple_table(document, ROW_HEADER, _rows_table(section), ROW_WEIGHTS)
        chart = charts.get(section.category)
        if chart is not None and chart.png:
            document.add_picture(io.BytesIO(chart.png), width=Mm(150))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph(document, chart.title, FONTS["caption"], 12, centre=True)
    document.save(str(out))


def _chinese(number: int) -> str:
    """一 … 九十九, the numbering of a bulletin's sections."""
    if number < 10:
        return ZH_DIGITS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else ZH_DIGITS[tens]) + "十" + (ZH_DIGITS[ones] if ones else "")


def _inline(svg: bytes | None) -> str:
    """An SVG file as inline markup: its XML declaration and DOCTYPE dropped."""
    text = (svg or b"").decode("utf-8")
    return text[text.find("<svg") :] if "<svg" in text else ""
