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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, NamedTuple

from planwatch.model import Assessment, Comparator
from planwatch.report.fonts import chart_font_families, uncovered_characters
from planwatch.report.layout import STATUS_COLOURS, STATUS_TINTS, CategoryGroup, TableLayout
from planwatch.textclean import strip_controls

LEGEND = "条形：实际值；黑色竖线：目标值（每行按本行数值缩放）"
# Drawn at the size Word shows it (150 mm ≈ 5.9 in), so 9 pt labels stay about 9 pt on paper;
# 120 dpi is about 130 dpi there, sharp on screen and in print, and quicker than 150.
WIDTH_INCHES = 6.4
ROW_INCHES = 0.42
DPI = 120
# zlib level 1: the PNGs are a few per cent larger and encode several times faster.
SAVE_OPTIONS: dict[str, dict[str, Any]] = {"png": {"pil_kwargs": {"compress_level": 1}}}
_NUMERIC_COMPARATORS = {Comparator.GE, Comparator.LE, Comparator.APPROX, Comparator.EQ}


@dataclass(frozen=True)
class ChartItem:
    name: str
    status_zh: str
    colour: str
    tint: str = "#F0F0F0"  # the row's background: the status colour, lightened
    phrase: str = ""  # the actual as printed
    target_phrase: str = ""
    target: float | None = None  # the numbers compared, in base units (18万人 is 180000)
    actual: float | None = None


@dataclass(frozen=True)
class Chart:
    """One category's chart, as PNG and SVG bytes."""

    category: str
    title: str
    png: bytes | None
    svg: bytes | None

    def image(self, fmt: Literal["png", "svg"]) -> bytes:
        """The chart in ``fmt``; ``ValueError`` when it was not drawn in that format."""
        data = self.png if fmt == "png" else self.svg
        if data is None:
            raise ValueError(f"chart {self.title!r} was not drawn as {fmt}")
        return data


def chart_items(group: CategoryGroup, assessments: dict[str, Assessment]) -> list[ChartItem]:
    """The rows of a category with the numbers the assessment compared, when it had some."""
    items = []
    for row in group.rows:
        found = assessments.get(row.name)
        status = found.status if found else row.status
        colour = "#" + STATUS_COLOURS[status] if status else "#9E9E9E"
        tint = "#" + STATUS_TINTS[status] if status else "#F0F0F0"
        item = ChartItem(  # old data may hold control characters the fonts cannot draw
            strip_controls(row.name),
            status.zh if status else "",
            colour,
            tint,
            strip_controls(row.actual or ""),
            strip_controls(row.target),
        )
        target = _compared_target(found) if found is not None else None
        if found is not None and found.margin is not None and target is not None:
            item = replace(item, target=target, actual=target + found.margin)
        items.append(item)
    return items


def _compared_target(found: Assessment) -> float | None:
    """The target's number, when the assessment compared the actual with it numerically."""
    spec = found.target
    if spec is None or spec.value is None or spec.comparator not in _NUMERIC_COMPARATORS:
        return None
    return spec.value.value


class _Bar(NamedTuple):
    """A row with numbers, on its own scale: the bar's length and the target tick's place."""

    y: int
    colour: str
    length: float
    tick: float


def _bars(items: list[ChartItem]) -> list[_Bar]:
    bars = []
    for y, item in enumerate(items):
        if item.target is None:
            continue
        if item.actual is None:  # chart_items and the bulletin always set both
            raise ValueError(f"chart row {item.name!r} has a target but no actual")
        scale = max(abs(item.target), abs(item.actual), 1e-9) * 1.25
        bars.append(_Bar(y, item.colour, max(item.actual, 0) / scale, max(item.target, 0) / scale))
    return bars


def _short(phrase: str, limit: int = 19) -> str:
    return phrase if len(phrase) <= limit else phrase[: limit - 1] + "…"


def _box(y: float, length: float, half: float) -> list[tuple[float, float]]:
    """A bar of ``length`` (0-1) centred on row ``y``, ``half`` a row-height thick each side."""
    return [(0, y - half), (length, y - half), (length, y + half), (0, y + half)]


def _families(texts: list[str]) -> list[str]:
    """The vendored font alone when it covers every character (much faster text layout in
    matplotlib), else the whole fallback list."""
    families = list(chart_font_families())
    return families[:1] if not uncovered_characters(texts, families[:1]) else families


def draw_category(
    items: list[ChartItem], formats: tuple[str, ...], legend: str = LEGEND
) -> dict[str, bytes]:
    """Draw one category; returns {format: bytes} for each of ``formats`` (png, svg).

    The title is left to the caption under the image (图1　…), which Word users can edit."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.figure import Figure

    notes = [
        f"{i.status_zh}｜"
        + _short(f"{i.phrase}（目标{i.target_phrase}）" if i.target is not None else i.phrase)
        for i in items
    ]
    names = ["\n".join(textwrap.wrap(i.name, 13)) for i in items]
    families = _families([legend, *names, *notes, *(i.status_zh for i in items)])
    height = ROW_INCHES * len(items) + 0.7
    # Any keys: newer matplotlib types rc_context's keys as a Literal of every rcParams name.
    style: dict[Any, Any] = {
        "font.family": families,
        "axes.unicode_minus": False,
        "svg.fonttype": "path",
    }
    with matplotlib.rc_context(style):
        fig = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
        ax = fig.add_axes((0.29, 0.5 / height, 0.27, 1 - 0.62 / height))
        ax.set_axis_off()  # no axis or tick objects: they cost more than the whole drawing
        at_right = ax.get_yaxis_transform()  # x in axes units, y in rows
        bars = _bars(items)
        # Two collections instead of one Rectangle artist per bar: far fewer objects to build.
        ax.add_collection(
            PolyCollection(
                [_box(y, 1.0, 0.31) for y in range(len(items))],
                facecolors=[i.tint for i in items],
                linewidths=0,
            )
        )
        ax.add_collection(
            PolyCollection(
                [_box(b.y, b.length, 0.17) for b in bars],
                facecolors=[b.colour for b in bars],
                linewidths=0,
            )
        )
        ax.add_collection(
            LineCollection(
                [[(b.tick, b.y - 0.27), (b.tick, b.y + 0.27)] for b in bars],
                colors="black",
                linewidths=2.2,
            )
        )
        for y, (item, name, note) in enumerate(zip(items, names, notes, strict=True)):
            ax.text(-0.03, y, name, fontsize=9, ha="right", va="center", transform=at_right)
            ax.text(1.04, y, note, fontsize=8.5, va="center", color=item.colour, transform=at_right)
        ax.set_ylim(len(items) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        fig.text(0.02, 0.2 / height, legend, fontsize=8, color="#555555")
        images = {}
        for fmt in formats:
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, **SAVE_OPTIONS.get(fmt, {}))
            images[fmt] = buffer.getvalue()
    return images


def draw_charts(
    layout: TableLayout, assessments: list[Assessment], formats: tuple[str, ...] = ("png", "svg")
) -> list[Chart]:
    """One chart per category of a review table, in the report's order."""
    by_name = {a.indicator: a for a in assessments}
    charts = []
    for group in layout.groups:
        title = f"{layout.year or ''}年{group.name}指标完成情况"
        images = draw_category(chart_items(group, by_name), formats)
        charts.append(Chart(group.name, title, images.get("png"), images.get("svg")))
    return charts


def write_charts(charts: list[Chart], folder: Path) -> list[Path]:
    """Each chart as ``图1-经济发展实力.png`` / ``.svg`` in ``folder``; returns the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number, chart in enumerate(charts, start=1):
        for suffix, data in (("png", chart.png), ("svg", chart.svg)):
            if data is not None:
                path = folder / f"图{number}-{chart.category}.{suffix}"
                path.write_bytes(data)
                written.append(path)
    return written


def chart_text(layout: TableLayout) -> list[str]:
    """Every string a chart of ``layout`` draws, for the font coverage check."""
    return [g.name for g in layout.groups] + [r.name for r in layout.rows]


def missing_chart_glyphs(layout: TableLayout) -> str:
    """Characters of the layout no chart font can draw (empty: the charts have no tofu)."""
    return uncovered_characters(chart_text(layout))
