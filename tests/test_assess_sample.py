"""The 45 indicators of 2024 in the sample, judged as an expert reader of the report would."""

from __future__ import annotations

import pytest

from planwatch.assess import assess_document, assess_table, summarize, summary_sentence
from planwatch.model import Status, TableRole

MET, NOT, PEND, EXP = Status.MET, Status.NOT_MET, Status.PENDING, Status.EXPECTED

# (序号, status, a word the reason must give): the expert's verdict and why.
EXPERT_2024 = [
    (1, MET, "高于"),
    (2, MET, "保持基本稳定"),
    (3, NOT, "3.3个百分点"),
    (4, NOT, "0.7个百分点"),
    (5, MET, "占全国比重提升0.1个百分点"),
    (6, MET, "占全国比重提升0.3个百分点"),
    (7, MET, "同口径增长4%左右"),
    (8, MET, "上限"),
    (9, MET, "高于"),
    (10, PEND, "待省反馈"),
    (11, MET, "保持基本稳定"),
    (12, MET, "总量增长10%"),
    (13, PEND, "待省反馈"),
    (14, MET, "动态全覆盖"),
    (15, MET, "新增206家"),
    (16, MET, "高于"),
    (17, EXP, "预计"),
    (18, EXP, "预计"),
    (19, MET, "持平"),
    (20, MET, "10.5件"),
    (21, MET, "持平"),
    (22, MET, "持平"),
    (23, MET, "1.3万人"),
    (24, EXP, "预计"),
    (25, MET, "95%以上"),
    (26, MET, "14万人"),
    (27, MET, "持平"),
    (28, MET, "1.9万户"),
    (29, EXP, "4.54个"),
    (30, MET, "0.7个百分点"),
    (31, MET, "持平"),
    (32, MET, "0.2张"),
    (33, MET, "0.1人"),
    (34, MET, "与经济增长基本同步"),
    (35, MET, "1.77:1"),
    (36, MET, "6.75万人"),
    (37, PEND, "待省反馈"),
    (38, MET, "完成"),
    (39, MET, "完成"),
    (40, MET, "2.5个百分点"),
    (41, MET, "完成"),
    (42, MET, "降低幅度"),
    (43, MET, "完成"),
    (44, MET, "完成"),
    (45, MET, "起数为0"),
]


@pytest.fixture(scope="module")
def judged(_sample_doc_cached):
    table = _sample_doc_cached.table_for(TableRole.REVIEW, 2024)
    return dict(zip((row.no for row in table.rows), assess_table(table), strict=True))


@pytest.mark.parametrize(("no", "status", "keyword"), EXPERT_2024)
def test_expert_status(judged, no, status, keyword):
    found = judged[no]
    assert found.status is status, found.reason
    assert keyword in found.reason
    assert found.reason.endswith(f"{status.zh}。")
    assert found.reason_en


def test_all_45_are_stated(judged):
    assert sorted(judged) == [no for no, *_ in EXPERT_2024]


def test_margins_in_the_targets_unit(judged):
    assert (judged[1].margin, judged[1].margin_unit) == (pytest.approx(1.0), "个百分点")
    assert (judged[3].margin, judged[8].margin) == (pytest.approx(-3.3), pytest.approx(-2.8))
    assert (judged[28].margin, judged[28].margin_unit) == (pytest.approx(19_000), "户")
    assert judged[4].tolerance == 0.5


def test_the_official_summary(judged):
    assessments = list(judged.values())
    assert (
        summary_sentence(assessments) == "45项指标中，36项完成，2项未完成，3项待省反馈，4项预计完成"
    )
    assert summarize(assessments) == {
        Status.MET: 36,
        Status.NEARLY_MET: 0,
        Status.NOT_MET: 2,
        Status.PENDING: 3,
        Status.EXPECTED: 4,
        Status.UNASSESSABLE: 0,
    }


def test_document_picks_the_table_with_actuals(sample_doc):
    result = assess_document(sample_doc)
    assert (result.year, result.jurisdiction, len(result.rows)) == (2024, "苏州市", 45)
    assert result.sentence.startswith("45项指标中，36项完成")
