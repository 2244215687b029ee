"""Per-category bullet charts of a review year: actual against target, coloured by status.

Each indicator gets its own row and its own scale (units differ: %, 亿元, 家, 人), as in a
bullet graph: the bar is the actual, the black tick the target, the colour the status the
assessment engine gave. Rows without numbers (待省反馈, 完成省下达任务) show their status only.
The numbers come from the assessment (target value, and margin = actual − target), so the
chart can never disagree with the judgement.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

from planwatch.model import Assessment, Comparator
from planwatch.report.fonts import chart_font_families, uncovered_characters
from planwatch.report.layout import STATUS_COLOURS, CategoryGroup, TableLayout

_NUMERIC_COMPARATORS = {Comparator.GE, Comparator.LE, Comparator.APPROX, Comparator.EQ}


@dataclass(frozen=True)
class ChartItem:
    name: str
    status_zh: str
    colour: str
    target: float | None = None
    actual: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class Chart:
    """One category's chart, as PNG and SVG bytes."""

    category: str
    title: str
    png: bytes
    svg: bytes


def chart_items(group: CategoryGroup, assessments: dict[str, Assessment]) -> list[ChartItem]:
    """The rows of a category with the numbers the assessment compared, when it had some."""
    items = []
    for row in group.rows:
        found = assessments.get(row.name)
        status = found.status if found else row.status
        colour = "#" + STATUS_COLOURS[status] if status else "#9E9E9E"
        item = ChartItem(row.name, status.zh if status else "", colour)
        spec = found.target if found else None
        if (
            found is not None
            and found.margin is not None
            and spec is not None
            and spec.value is not None
            and spec.comparator in _NUMERIC_COMPARATORS
        ):
            target = spec.value.value
            item = ChartItem(
                row.name,
                item.status_zh,
                colour,
                target,
                target + found.margin,
                found.margin_unit if found.margin_unit == "%" else (spec.value.unit or ""),
            )
        items.append(item)
    return items


def _number(value: float, unit: str) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def draw_category(title: str, items: list[ChartItem]) -> tuple[bytes, bytes]:
    """Draw one category; returns (PNG, SVG)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    families = list(chart_font_families())
    height = 0.62 * len(items) + 1.3
    with matplotlib.rc_context(
        {"font.family": families, "axes.unicode_minus": False, "svg.fonttype": "path"}
    ):
        fig = Figure(figsize=(8.2, height), dpi=150)
        ax = fig.add_axes((0.33, 0.9 / height, 0.42, 1 - 1.5 / height))
        ax.set_title(title, fontsize=13, loc="left", x=-0.78, pad=12)
        for y, item in enumerate(items):
            ax.barh(y, 1.0, height=0.62, color="#F0F0F0")
            if item.target is not None and item.actual is not None:
                scale = max(abs(item.target), abs(item.actual), 1e-9) * 1.25
                ax.barh(y, max(item.actual, 0) / scale, height=0.34, color=item.colour)
                tick = max(item.target, 0) / scale
                ax.plot([tick, tick], [y - 0.27, y + 0.27], color="black", linewidth=2.2)
                note = f"{_number(item.actual, item.unit)}（目标{_number(item.target, item.unit)}）"
            else:
                note = "无可比数值"
            ax.text(
                1.03,
                y,
                item.status_zh,
                color=item.colour,
                fontsize=10,
                va="center",
                fontweight="bold",
                transform=ax.get_yaxis_transform(),
            )
            ax.text(1.19, y, note, fontsize=9, va="center", transform=ax.get_yaxis_transform())
        ax.set_yticks(range(len(items)))
        ax.set_yticklabels(["\n".join(textwrap.wrap(i.name, 13)) for i in items], fontsize=9)
        ax.set_ylim(len(items) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        fig.text(
            0.02,
            0.25 / height,
            "条形：实际值；黑色竖线：目标值（每行按本行数值缩放）",
            fontsize=8,
            color="#555555",
        )
        png, svg = io.BytesIO(), io.BytesIO()
        fig.savefig(png, format="png")
        fig.savefig(svg, format="svg")
    return png.getvalue(), svg.getvalue()


def draw_charts(layout: TableLayout, assessments: list[Assessment]) -> list[Chart]:
    """One chart per category of a review table, in the report's order."""
    by_name = {a.indicator: a for a in assessments}
    charts = []
    for group in layout.groups:
        title = f"{layout.year or ''}年{group.name}指标完成情况"
        items = chart_items(group, by_name)
        png, svg = draw_category(title, items)
        charts.append(Chart(group.name, title, png, svg))
    return charts


def chart_text(layout: TableLayout) -> list[str]:
    """Every string a chart of ``layout`` draws, for the font coverage check."""
    return [g.name for g in layout.groups] + [r.name for r in layout.rows]


def missing_chart_glyphs(layout: TableLayout) -> str:
    """Characters of the layout no chart font can draw (empty: the charts have no tofu)."""
    return uncovered_characters(chart_text(layout))
