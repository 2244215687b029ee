"""HTML and Markdown tables, the format registry, and the atomic write."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from planwatch.errors import TableNotFound
from planwatch.model import PlanDocument
from planwatch.report import UnknownReportFormat, format_for, write_report


class _Cells(HTMLParser):
    """The cells of the page's table, with their rowspans."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str, int]] = []
        self._open: tuple[str, int] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._open = (tag, int(dict(attrs).get("rowspan", 1)))
            self.cells.append((tag, "", self._open[1]))

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._open = None

    def handle_data(self, data):
        if self._open:
            tag, text, span = self.cells[-1]
            self.cells[-1] = (tag, text + data, span)


def test_html_table_spans_categories_and_keeps_phrases(sample_doc: PlanDocument, tmp_path: Path):
    write_report(sample_doc, tmp_path / "t.html", year=2024)
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    parser = _Cells()
    parser.feed(page)
    headers = [text for tag, text, _ in parser.cells if tag == "th"]
    assert headers == ["指标分类", "序号", "指标名称", "预期目标", "完成情况"]
    spans = [(text, span) for tag, text, span in parser.cells if span > 1]
    assert spans[0] == ("经济发展实力（8个）", 8) and spans[-1] == ("安全保障水平（3个）", 3)
    assert ("td", "国家级专精特新“小巨人”企业数", 1) in parser.cells
    assert "http" not in page  # offline: no external asset


def test_markdown_table_rows(sample_doc: PlanDocument, tmp_path: Path) -> None:
    write_report(sample_doc, tmp_path / "t.md", year=2025)
    lines = (tmp_path / "t.md").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.startswith("| ") and "---" not in line]
    assert rows[0] == "| 指标分类 | 序号 | 指标名称 | 预期目标 | 指标属性 |"
    assert len(rows) == 1 + 44
    assert (
        rows[36]
        == "| 绿色转型发展（6个） | 36 | 单位地区生产总值能源消耗降低 | 完成省下达任务 | 约束性 |"
    )
    assert rows[37] == "|  | 37 | PM2.5浓度 | 完成省下达任务 | 约束性 |"


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("a.docx", None, "docx"),
        ("a.XLSX", None, "xlsx"),
        ("a.txt", "md", "md"),
        ("a", "html", "html"),
    ],
)
def test_format_from_option_or_suffix(name: str, fmt: str | None, expected: str) -> None:
    assert format_for(Path(name), fmt) == expected


def test_unknown_format_is_a_clear_error(sample_doc: PlanDocument, tmp_path: Path) -> None:
    with pytest.raises(UnknownReportFormat, match="不支持的报告格式“pdf”"):
        write_report(sample_doc, tmp_path / "t.pdf")
    assert list(tmp_path.iterdir()) == []


def test_missing_year_leaves_the_old_file_untouched(sample_doc: PlanDocument, tmp_path: Path):
    out = tmp_path / "t.docx"
    out.write_bytes(b"previous report")
    with pytest.raises(TableNotFound, match="没有2019年的指标表"):
        write_report(sample_doc, out, year=2019)
    assert out.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["t.docx"]
