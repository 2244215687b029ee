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
from planwatch.report.fonts import (
    FONT_FAMILY,
    FONT_FILE,
    chart_font_families,
    font_for,
    uncovered_characters,
)
from planwatch.report.layout import STATUS_COLOURS, layout_table

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def assessed(_sample_doc_cached: PlanDocument):
    table = _sample_doc_cached.table_for(year=2024)
    assert table is not None
    assessments = assess_rows(table)
    return layout_table(table, assessments), assessments


def test_one_png_and_svg_per_category_without_missing_glyphs(assessed) -> None:
    layout, assessments = assessed
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts = draw_charts(layout, assessments)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    assert [c.category for c in charts] == [g.name for g in layout.groups]
    assert all(c.image("png").startswith(PNG_MAGIC) and b"<svg" in c.image("svg") for c in charts)
    assert charts[0].title == "2024年经济发展实力指标完成情况"
    assert b"PlanwatchSansSC" in charts[0].image(
        "svg"
    )  # glyph outlines drawn from the vendored font


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


@pytest.mark.parametrize(
    ("text", "width", "whole"),
    [
        ("数字经济核心产业增加值占GDP比重", 24, "GDP"),
        ("数字经济核心产业增加值占GDP比重", 25, "GDP"),
        ("完成｜稳步降低，全年收入比缩小至1.77:1（目标稳步降低）", 26, "1.77:1"),
        ("完成｜占全省比重基本持平，占全国比重提升0.1个百分点", 40, "0.1个"),
        ("预计全社会研发经费支出占比4.15%左右", 27, "4.15%"),
        ("PM2.5浓度下降", 6, "PM2.5"),
        ("国家级专精特新“小巨人”企业数", 26, "“小巨人”"),
    ],
)
def test_labels_wrap_between_hanzi_never_inside_words_or_numbers(text, width, whole) -> None:
    from planwatch.report.charts import wrap_label
    from planwatch.report.xlsx_writer import display_width

    lines = wrap_label(text, width)
    assert "".join(lines) == text  # nothing cut, nothing added (no “…”)
    assert len(lines) > 1 and all(display_width(line) <= width for line in lines)
    assert any(whole in line for line in lines)
    assert not any(line[0] in "，。、；：）”%" for line in lines[1:])
    assert not any(line[-1] in "（“" for line in lines)
    assert display_width(lines[-1]) > 2  # balanced: the last line is not one lone hanzi


def test_a_long_note_wraps_onto_a_taller_row_instead_of_being_cut(tmp_path: Path) -> None:
    from PIL import Image

    from planwatch.report.charts import NOTE_UNITS, ChartItem, draw_category, row_units, wrap_label

    short = ChartItem(
        "地区生产总值", "完成", "#2E7D32", phrase="增长6%", target_phrase="增长5%以上"
    )
    long = replace_phrase(short, "占全省比重基本持平，占全国比重提升0.1个百分点，" * 3)
    sizes = []
    for name, items in (("one.png", [short, short]), ("two.png", [short, long])):
        (tmp_path / name).write_bytes(draw_category(items, ("png",))["png"])
        with Image.open(tmp_path / name) as image:
            sizes.append(image.size)
    note_lines = wrap_label(f"完成｜{long.phrase}（目标{long.target_phrase}）", NOTE_UNITS)
    assert len(note_lines) == 4
    grown = row_units(1, 4)
    assert grown > 1.5  # four lines of 8.5 pt need about 1.6 rows of 0.42 in
    assert sizes[0] == (768, int((0.42 * 2 + 0.7) * 120))  # 184 px
    assert sizes[1] == (768, int((0.42 * (1 + grown) + 0.7) * 120))  # the long note's row grew


def replace_phrase(item, phrase: str):
    from dataclasses import replace

    return replace(item, phrase=phrase)


def test_a_character_outside_the_subset_falls_back_to_an_installed_font_with_a_warning() -> None:
    from planwatch.report.charts import ChartItem, draw_category
    from planwatch.report.fonts import font_warnings

    name = "单位GDP二氧化碳（CO₂）排放降低"  # ₂ is not in the GB 2312 subset
    assert uncovered_characters([name], [FONT_FAMILY]) == "₂"
    # DejaVu Sans (matplotlib's own, so on every machine) or an installed CJK font before it
    fallback = font_for("₂")
    assert fallback in chart_font_families()[1:] and "DejaVu Sans" in chart_font_families()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw_category([ChartItem(name, "完成", "#2E7D32", phrase="下降3%")], ("png",))
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    assert font_warnings([name]) == [
        f"图表字体 {FONT_FAMILY} 缺少这些字符：₂，已改用系统字体 {fallback} 绘制"
    ]


def test_a_character_no_font_has_is_reported_not_passed_silently() -> None:
    from planwatch.report.fonts import font_warnings

    found = font_warnings(["新增绿地50万\U0010fffd"])
    assert len(found) == 1 and "显示可能为方框：\U0010fffd" in found[0]
    assert "fonts-noto-cjk" in found[0]
    assert font_warnings(["苏州市“小巨人”（助理）Ⅲ类"]) == []


def test_full_report_warns_when_a_name_needs_the_fallback_font(sample_variant) -> None:
    from planwatch.ingest import read_document
    from planwatch.report.build import build_report

    doc = read_document(sample_variant("co2.txt", ("PM2.5浓度", "PM₂.₅浓度")))
    content = build_report(doc, 2024, full=True, chart_formats=("png",))
    assert any("已改用系统字体" in w and "₂" in w for w in content.warnings)
    assert build_report(doc, 2024, full=False).warnings == []
