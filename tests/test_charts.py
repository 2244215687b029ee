"""Charts: per-category PNG and SVG, numbers from the assessment, Chinese without tofu."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest

from expected_sample import REVIEW_ROWS
from planwatch.model import PlanDocument
from planwatch.report.build import assess_rows
from planwatch.report.charts import chart_items, draw_charts, missing_chart_glyphs, write_charts
from planwatch.report.fonts import FONT_FAMILY, FONT_FILE, font_for, uncovered_characters
from planwatch.report.layout import STATUS_COLOURS, layout_table

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def assessed(_sample_doc_cached: PlanDocument):
    table = _sample_doc_cached.table_for(year=2024)
    assessments = assess_rows(table)
    return layout_table(table, assessments), assessments


def test_one_png_and_svg_per_category_without_missing_glyphs(assessed) -> None:
    layout, assessments = assessed
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts = draw_charts(layout, assessments)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    assert [c.category for c in charts] == [g.name for g in layout.groups]
    assert all(c.png.startswith(PNG_MAGIC) and b"<svg" in c.svg for c in charts)
    assert charts[0].title == "2024年经济发展实力指标完成情况"
    assert b"PlanwatchSansSC" in charts[0].svg  # glyph outlines drawn from the vendored font


def test_the_check_can_fail_a_latin_font_draws_tofu() -> None:
    import matplotlib
    from matplotlib.figure import Figure

    with (
        warnings.catch_warnings(record=True) as caught,
        matplotlib.rc_context({"font.family": ["DejaVu Sans"]}),
    ):
        warnings.simplefilter("always")
        figure = Figure()
        figure.text(0.1, 0.5, "苏州市")
        figure.savefig(io.BytesIO(), format="png")
    assert any("missing from font(s) DejaVu Sans" in str(w.message) for w in caught)


@pytest.mark.parametrize("text", ["苏州市", "“小巨人”", "（助理）", "Ⅲ类", "PM2.5浓度", "１.77:1"])
def test_vendored_font_covers_report_characters(text: str) -> None:
    assert uncovered_characters([text], [FONT_FAMILY]) == ""
    assert {font_for(c) for c in text if not c.isspace()} == {FONT_FAMILY}


def test_every_label_of_the_sample_renders(assessed) -> None:
    assert missing_chart_glyphs(assessed[0]) == ""
    assert uncovered_characters(["苏\U0010fffd"]) == "\U0010fffd"  # private use: no font has it


def test_bars_carry_the_assessed_numbers_and_status_colours(assessed) -> None:
    layout, assessments = assessed
    items = {
        i.name: i for i in chart_items(layout.groups[0], {a.indicator: a for a in assessments})
    }
    investment = items["固定资产投资"]
    assert (investment.target, investment.actual) == pytest.approx((5.0, 1.7))
    assert investment.colour == "#" + STATUS_COLOURS[investment_status(assessments)]
    assert items["制造业增加值占地区生产总值比重"].target is None  # qualitative: no bar


def investment_status(assessments):
    return next(a.status for a in assessments if a.indicator == "固定资产投资")


def test_font_file_ships_with_its_licence() -> None:
    licence = (FONT_FILE.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert FONT_FILE.stat().st_size > 1_000_000


def test_chart_written_as_files_opens_as_images(assessed, tmp_path: Path) -> None:
    from PIL import Image

    charts = draw_charts(assessed[0], assessed[1], ("png", "svg"))
    files = write_charts(charts, tmp_path / "charts")
    # 表1 has 7 categories: a PNG and an SVG each, numbered in the table's order (14 files).
    assert [f.name for f in files] == [
        f"图{number}-{category}.{suffix}"
        for number, category in enumerate(REVIEW_ROWS, start=1)
        for suffix in ("png", "svg")
    ]
    # Each chart is 6.4 in wide at 120 dpi (768 px) and has a 0.42 in row per indicator of its
    # category plus 0.7 in of legend and margins, in whole pixels (rounded down): 8 rows make
    # 4.06 in = 487 px, 9 rows 4.48 in = 537 px, 6 rows 3.22 in = 386 px, 3 rows 1.96 in = 235 px.
    rows = [len(indicators) for indicators in REVIEW_ROWS.values()]
    assert rows == [8, 8, 8, 9, 3, 6, 3]
    sizes = []
    for path in files[::2]:
        with Image.open(path) as image:
            sizes.append(image.size)
    assert sizes == [(768, h) for h in (487, 487, 487, 537, 235, 386, 235)]
