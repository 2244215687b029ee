"""The completion narrative against the report's own paragraph （一）主要计划目标完成情况."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from planwatch.errors import TableNotFound
from planwatch.model import PlanDocument
from planwatch.report.build import assess_rows, narrative_for
from planwatch.report.narrative import Narrative, categories, previous_meeting

_NUMBER = re.compile(r"\d+(?:\.\d+)?")

# Measured 0.981 on the sample. What differs is not in Table 1 (the GDP level 26727.0亿元 and
# “按不变价格计算，比上年”, ~25 characters of ~970) or is punctuation (“、” for “，”, “：” for
# “:”, 0.5%); 0.97 leaves 1% for such wording while a lost or misworded clause (12+ characters
# each) in a couple of places fails it. Completeness is tested number by number below.
SIMILARITY_FLOOR = 0.97


def numbers(text: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text)]


@pytest.fixture(scope="module")
def narrative(_sample_doc_cached: PlanDocument) -> Narrative:
    return narrative_for(_sample_doc_cached, 2024)


@pytest.fixture(scope="module")
def reference(_sample_doc_cached: PlanDocument) -> str:
    return _sample_doc_cached.section_titled("主要计划目标完成情况").text


def test_similar_to_the_reports_own_paragraph(narrative: Narrative, reference: str) -> None:
    ratio = difflib.SequenceMatcher(None, reference, narrative.paragraph, autojunk=False).ratio()
    assert ratio >= SIMILARITY_FLOOR, f"similarity {ratio:.3f}"


def test_every_table1_number_of_the_report_paragraph_is_stated(
    narrative: Narrative, reference: str, _sample_doc_cached: PlanDocument
) -> None:
    table = _sample_doc_cached.table_for(year=2024)
    in_table = {n for row in table.rows for n in numbers(f"{row.target} {row.actual}")}
    from_table = [n for n in numbers(reference) if n in in_table]
    assert len(from_table) > 30  # 35 of its numbers restate Table 1 (26727.0亿元 does not)
    assert sorted(set(from_table) - set(numbers(narrative.paragraph))) == []


def test_every_result_is_stated_in_the_reports_order(
    narrative: Narrative, _sample_doc_cached: PlanDocument
) -> None:
    position = 0
    for row in _sample_doc_cached.table_for(year=2024).rows:
        for number in _NUMBER.findall(row.actual or ""):
            # zero events are stated in words: 未发生重特大生产安全责任事故
            pattern = "未发生" if number == "0" else rf"(?<![\d.]){re.escape(number)}(?![\d.])"
            found = re.search(pattern, narrative.paragraph[position:])
            assert found, f"{row.no} {row.name}: {number} missing after position {position}"
            position += found.start()


def test_each_indicator_once_category_by_category(_sample_doc_cached: PlanDocument) -> None:
    table = _sample_doc_cached.table_for(year=2024)
    groups = categories(table, assess_rows(table))
    assert [g.name for g in groups] == table.categories
    assert [n for g in groups for c in g.clauses for n in c.names] == [r.name for r in table.rows]


@pytest.mark.parametrize(
    "clause",
    [
        "对照市十七届人大三次会议确定的45个主要指标年度目标：经济发展实力方面。地区生产总值增长6%；",
        "工业战略性新兴产业产值占工业总产值比重待省反馈；",
        "预计全社会研究与试验发展经费支出占地区生产总值的比重4.15%左右；",
        "预计每千人口拥有3岁以下婴幼儿托位数4.54个；",
        "高新技术企业净增1500家以上，总量增长10%以上；",
        "；新增国家级专精特新“小巨人”企业206家；",
        "；保持规上工业企业智能化改造数字化转型网络化联接动态全覆盖；",
        "PM2.5浓度、空气质量优良天数比例完成省下达任务；",
        "省考地表水达到或优于Ⅲ类水体比例97.5%；",
        "安全保障水平方面。耕地保有量、粮食综合生产能力完成省下达任务；未发生重特大生产安全责任事故。",
    ],
)
def test_official_wording(narrative: Narrative, clause: str) -> None:
    assert clause in narrative.paragraph


def test_summary_and_not_met_list(narrative: Narrative) -> None:
    assert narrative.summary == "45项指标中，36项完成，2项未完成，3项待省反馈，4项预计完成。"
    assert narrative.shortfalls == (
        "未完成的指标（2项）：固定资产投资，目标增长5%左右，实际增长1.7%，相差3.3个百分点；"
        "社会消费品零售总额，目标增长5.5%左右，实际增长4.8%，相差0.7个百分点。"
    )


def test_wording_comes_from_an_editable_template(sample_doc: PlanDocument, tmp_path: Path):
    bundled = Path(__file__).parent.parent / "src/planwatch/report/templates/narrative.txt.j2"
    custom = bundled.read_text(encoding="utf-8").replace("方面。", "领域：")
    (tmp_path / "narrative.txt.j2").write_text(custom, encoding="utf-8")
    text = narrative_for(sample_doc, 2024, templates=tmp_path).paragraph
    assert "经济发展实力领域：地区生产总值增长6%" in text and "方面。" not in text


@pytest.mark.parametrize(
    ("meeting", "previous"),
    [
        ("市十七届人大四次会议", "市十七届人大三次会议"),
        ("省十四届人大二次会议", "省十四届人大一次会议"),
        ("市十七届人大一次会议", None),
        (None, None),
    ],
)
def test_previous_meeting(meeting: str | None, previous: str | None) -> None:
    assert previous_meeting(meeting) == previous


def test_a_plan_year_has_no_narrative(sample_doc: PlanDocument) -> None:
    with pytest.raises(TableNotFound, match="2025年的计划目标表"):
        narrative_for(sample_doc, 2025)


def test_rows_without_a_category_get_no_heading(sample_doc: PlanDocument) -> None:
    table = sample_doc.table_for(year=2024)
    table.rows = table.rows[:3]
    for row in table.rows:
        row.category = None
    paragraph = narrative_for(sample_doc, 2024).paragraph
    assert paragraph == (
        "对照市十七届人大三次会议确定的3个主要指标年度目标：地区生产总值增长6%；"
        "制造业增加值占地区生产总值比重保持基本稳定；固定资产投资增长1.7%。"
    )
