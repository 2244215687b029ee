"""Per-category bullet charts of a review year: actual against target, coloured by status.

Each indicator gets its own row and its own scale (units differ: %, 亿元, 家, 人), as in a
bullet graph: the bar is the actual, the black tick the target, the colour the status the
assessment engine gave. Rows without numbers (待省反馈, 完成省下达任务) show their status only.
The numbers come from the assessment (target value, and margin = actual − target), so the
chart can never disagree with the judgement.
"""

from __future__ import annotations

import hashlib
import io
import os
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from planwatch import linebreak
from planwatch.linebreak import display_width
from planwatch.model import Assessment, Comparator
from planwatch.report.chart_cache import chart_cache_dir, content_version, evict, mark_used
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
# Line widths in display units (a hanzi 2, a Latin letter or digit 1) of the two text columns:
# the names left of the bars (9 pt, 1.67 in) and the notes right of them (8.5 pt, 2.7 in).
NAME_UNITS = 26
NOTE_UNITS = 44
NAME_POINTS, NOTE_POINTS = 9, 8.5


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

    y: float
    colour: str
    length: float
    tick: float


def _bars(items: list[ChartItem], centres: list[float]) -> list[_Bar]:
    """The bars of the rows with numbers, each at its row's centre."""
    bars = []
    for y, item in zip(centres, items, strict=True):
        if item.target is None:
            continue
        if item.actual is None:  # chart_items and the bulletin always set both
            raise ValueError(f"chart row {item.name!r} has a target but no actual")
        scale = max(abs(item.target), abs(item.actual), 1e-9) * 1.25
        bars.append(_Bar(y, item.colour, max(item.actual, 0) / scale, max(item.target, 0) / scale))
    return bars


def wrap_label(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` display units by ``planwatch.linebreak``'s rules: broken
    between hanzi or at spaces, never inside a Latin word or number (``占GDP比重``,
    ``1.77:1``), never before ，。） nor after （. The lines are then balanced (the narrowest
    width that needs no more lines), so no line is a lone ``数``."""
    lines = _greedy(text, width)
    widest = max((display_width(t.strip()) for t in linebreak.pieces(text)), default=0)
    while width > max(widest, 2) and len(lines) > 1:  # never narrower than a piece
        narrower = _greedy(text, width - 1)
        if len(narrower) > len(lines):
            break
        lines, width = narrower, width - 1
    return lines


def _greedy(text: str, width: int) -> list[str]:
    """The shared greedy wrap, less a blank last line left by spaces at the last break."""
    lines = linebreak.wrap(text, width)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def row_units(name_lines: int, note_lines: int) -> float:
    """The height of a chart row in rows of ``ROW_INCHES``: one unless its labels need more."""
    needed = max(name_lines * NAME_POINTS, note_lines * NOTE_POINTS) * 1.25 / 72 + 0.08
    return max(1.0, needed / ROW_INCHES)


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

    The title is left to the caption under the image (图1　…), which Word users can edit.
    A chart drawn before (same items, legend and formats, same drawing code, font and
    matplotlib) is read from the chart cache instead: importing matplotlib and drawing was
    most of a report's time in a new process (issue 17)."""
    folder = chart_cache_dir()
    key = _cache_key(items, formats, legend) if folder is not None else ""
    if folder is not None:
        cached = _cached(folder, key, formats)
        if cached is not None:
            return cached
    images = _draw(items, formats, legend)
    if folder is not None:
        _store(folder, key, images)
    return images


@lru_cache(maxsize=1)
def _drawing_version() -> str:
    """What else decides the pixels: the code of this module, of the fonts and of the line
    breaking, the bundled font file and matplotlib's version (read from its metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    from planwatch.report import fonts

    extra = ""
    with suppress(PackageNotFoundError):
        extra = version("matplotlib")
    return content_version(
        Path(__file__), Path(fonts.__file__), Path(linebreak.__file__), fonts.FONT_FILE, extra=extra
    )


def _cache_key(items: list[ChartItem], formats: tuple[str, ...], legend: str) -> str:
    text = repr((_drawing_version(), items, formats, legend, SAVE_OPTIONS, DPI))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _cached(folder: Path, key: str, formats: tuple[str, ...]) -> dict[str, bytes] | None:
    """The cached images of ``key`` in every format asked for, else None (any missing); a hit
    is marked as used, so eviction removes the charts used least recently first."""
    paths = [folder / f"{key}.{fmt}" for fmt in formats]
    try:
        images = {fmt: path.read_bytes() for fmt, path in zip(formats, paths, strict=True)}
    except OSError:
        return None
    mark_used(*paths)
    return images


def _store(folder: Path, key: str, images: dict[str, bytes]) -> None:
    """Keep the images; each file is written whole under another name and renamed, so a
    concurrent report never reads half a PNG. A cache that cannot be written is skipped.
    The cache is then bounded (``chart_cache.evict``: least recently used entries go)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for fmt, data in images.items():
            partial = folder / f"{key}.{fmt}.{os.getpid()}.part"
            partial.write_bytes(data)
            os.replace(partial, folder / f"{key}.{fmt}")
    except OSError:
        return
    evict(folder)


def _draw(items: list[ChartItem], formats: tuple[str, ...], legend: str) -> dict[str, bytes]:
    """Draw one category with matplotlib (imported here, only when a chart is drawn)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.figure import Figure

    notes = [
        "\n".join(
            wrap_label(
                f"{i.status_zh}｜"
                + (f"{i.phrase}（目标{i.target_phrase}）" if i.target is not None else i.phrase),
                NOTE_UNITS,
            )
        )
        for i in items
    ]
    names = ["\n".join(wrap_label(i.name, NAME_UNITS)) for i in items]
    families = _families([legend, *names, *notes, *(i.status_zh for i in items)])
    units = [
        row_units(n.count("\n") + 1, t.count("\n") + 1) for n, t in zip(names, notes, strict=True)
    ]
    centres = [sum(units[:k]) + units[k] / 2 - 0.5 for k in range(len(units))]
    rows = sum(units)
    height = ROW_INCHES * rows + 0.7
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
        bars = _bars(items, centres)
        # Two collections instead of one Rectangle artist per bar: far fewer objects to build.
        ax.add_collection(
            PolyCollection(
                [_box(y, 1.0, 0.31) for y in centres],
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
        for y, item, name, note in zip(centres, items, names, notes, strict=True):
            ax.text(
                -0.03, y, name, fontsize=NAME_POINTS, ha="right", va="center", transform=at_right
            )
            ax.text(
                1.04,
                y,
                note,
                fontsize=NOTE_POINTS,
                va="center",
                color=item.colour,
                transform=at_right,
            )
        ax.set_ylim(rows - 0.5, -0.5)
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
    """Every string a chart of ``layout`` draws (names, and the phrases of the notes), for
    the font coverage check."""
    rows = layout.rows
    return [g.name for g in layout.groups] + [
        t for r in rows for t in (r.name, r.target, r.actual or "")
    ]


def missing_chart_glyphs(layout: TableLayout) -> str:
    """Characters of the layout no chart font can draw (empty: the charts have no tofu)."""
    return uncovered_characters(chart_text(layout))
