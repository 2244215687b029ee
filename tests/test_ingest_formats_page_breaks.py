"""PDF tables cut by a page break, as a Word table printed to PDF leaves them.

The PDFs written here put each page's part of the table in its own ruled table under a
repeated header, with the category cell merged down the part, the way LibreOffice prints a
merged cell cut by a page: ``绿色\\n转型`` above the break and ``发展（4个）`` below, or nothing
above when the centred text fell below. ``page_break_libreoffice.pdf`` is the real thing: the
project's ``planwatch report --full --format docx`` of the sample (charts left out) converted
by LibreOffice 7 (``soffice --headless --convert-to pdf``); its breaks cut 科教人才支撑 and
安全保障水平, and the title runs over two lines.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from planwatch.ingest import read_document
from planwatch.ingest.cells import close_cjk_gaps
from planwatch.ingest.metadata import read_metadata

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
HEADER = ["指标分类", "序号", "指标名称", "预期目标", "完成情况"]
TITLE = ["苏州市2024年国民经济和社会发展计划主", "要指标完成情况"]

Page = list[tuple[str, int]]  # (category cell text, rows it spans) on one page


def write_pages(pages: list[Page], path: Path) -> Path:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = ParagraphStyle("zh", fontName="STSong-Light", fontSize=9, leading=12)
    story: list = [Paragraph(line, text) for line in [*TITLE, "表1  2024年主要指标完成情况"]]
    number = 0
    for page in pages:
        data, style = [HEADER], [("GRID", (0, 0), (-1, -1), 0.5, "black")]
        for label, count in page:
            style.append(("SPAN", (0, len(data)), (0, len(data) + count - 1)))
            for index in range(count):
                number += 1
                cat = (
                    Paragraph(html.escape(label).replace("\n", "<br/>"), text) if not index else ""
                )
                data.append([cat, str(number), f"指标{number}", "增长5%", "增长6%"])
        style.append(("FONT", (0, 0), (-1, -1), "STSong-Light", 9))
        story += [Table(data, style=TableStyle(style)), PageBreak()]
    SimpleDocTemplate(str(path)).build(story[:-1])
    return path


def categories(doc) -> list[tuple[str, int]]:
    table = doc.tables[0]
    names = [r.category for r in table.rows]
    return [(name, names.count(name)) for name in dict.fromkeys(names)]


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (  # the name cut, its count below the break
            [[("经济发展（2个）", 2), ("绿色\n转型", 2)], [("发展（4个）", 2)]],
            [("经济发展", 2), ("绿色转型发展", 4)],
        ),
        (  # only the count below the break
            [[("经济发展（2个）", 2), ("绿色转型发展", 1)], [("（3个）", 2)]],
            [("经济发展", 2), ("绿色转型发展", 3)],
        ),
        (  # nothing above the break: the centred text fell below it
            [[("经济发展（2个）", 2), ("", 1)], [("安全保障水平（3个）", 2)]],
            [("经济发展", 2), ("安全保障水平", 3)],
        ),
    ],
)
def test_category_cut_by_a_page_break_is_one_category(pages, expected, tmp_path):
    doc = read_document(write_pages(pages, tmp_path / "cut.pdf"))
    assert categories(doc) == expected
    assert doc.tables[0].declared_counts == dict(expected)
    assert [w for w in doc.warnings if "声明" in w] == []


@pytest.mark.parametrize(
    "pages",
    [
        [[("经济发展（2个）", 2)], [("绿色转型发展（2个）", 2)]],  # a new group on the new page
        [[("经济发展", 2)], [("绿色转型发展", 2)]],  # no counts: nothing says a name was cut
    ],
)
def test_a_new_category_at_the_top_of_a_page_stays_its_own(pages, tmp_path):
    doc = read_document(write_pages(pages, tmp_path / "two.pdf"))
    assert categories(doc) == [("经济发展", 2), ("绿色转型发展", 2)]


def test_title_over_two_lines_is_joined(tmp_path):
    doc = read_document(write_pages([[("经济发展（1个）", 1)]], tmp_path / "title.pdf"))
    assert doc.title == "".join(TITLE) and doc.jurisdiction.name == "苏州市"


PLAIN = "青山县2024年国民经济和社会发展主要计划指标"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (TITLE, "".join(TITLE)),
        ([PLAIN, "主要指标"], PLAIN),  # a title that ends as one takes no more
        ([TITLE[0], "表1  2024年主要指标完成情况"], TITLE[0]),  # a caption is not its end
    ],
)
def test_plain_title_joins_only_a_short_ending_line(lines, title):
    assert read_metadata(lines).title == title


def test_pdf_autospacing_between_chinese_and_digits_is_closed():
    assert (
        close_cjk_gaps("苏州市 2024 年 国 民经济，表1 2024年") == "苏州市2024年国民经济，表1 2024年"
    )


def test_libreoffice_pdf_of_the_report_reads_like_the_sample(sample_doc):
    doc = read_document(LAYOUTS / "page_break_libreoffice.pdf")
    key = [(r.no, r.category, r.name, r.target, r.actual) for r in doc.tables[0].rows]
    assert key == [
        (r.no, r.category, r.name, r.target, r.actual) for r in sample_doc.tables[0].rows
    ]
    assert doc.tables[0].declared_counts == sample_doc.tables[0].declared_counts
    assert doc.title == "苏州市2024年国民经济和社会发展计划主要指标完成情况"
    assert doc.warnings == [f"未找到以“关于”开头的报告标题，已将“{doc.title}”作为标题"]
