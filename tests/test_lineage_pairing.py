"""``diff_indicator_sets`` on small hand-made sets: each matcher, its reason, decisions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.lineage import ChangeKind, PairingDecision, diff_indicator_sets, normalise_name
from planwatch.model import IndicatorRow, Nature

SAMPLE = read_document(SAMPLE_REPORT)


def row(name: str, no: int, category: str = "公共服务能力", **extra) -> IndicatorRow:
    return IndicatorRow(no=no, category=category, name=name, **extra)


def only(result, kind):
    [pairing] = result.of_kind(kind)
    return pairing


def test_retyped_brackets_are_the_same_indicator():
    result = diff_indicator_sets(
        [row("每千人口执业（助理）医师数", 1)], [row("每千人口执业(助理)医师数", 1)]
    )
    pairing = only(result, ChangeKind.UNCHANGED)
    assert pairing.reason == "名称仅书写形式不同（全半角、空格或标点）"


def test_gdp_abbreviation_is_spelt_out():
    assert normalise_name("数字经济核心产业增加值占GDP比重") == normalise_name(
        "数字经济核心产业增加值占地区生产总值比重"
    )


def test_similar_name_with_same_measure_words_is_a_rename():
    result = diff_indicator_sets(
        [row("规上生产性服务业营业收入", 16, "现代产业体系")],
        [row("规模以上生产性服务业营业收入", 15, "现代产业体系")],
    )
    pairing = only(result, ChangeKind.RENAMED)
    assert pairing.reason == "名称相似度92%，计量对象相同：视为更名（序号16→15）"


def test_moved_indicator_is_unchanged_and_says_where_it_went():
    result = diff_indicator_sets(
        [row("城镇新增就业人数", 36, "人民共同富裕")], [row("城镇新增就业人数", 30)]
    )
    assert only(result, ChangeKind.UNCHANGED).reason == (
        "名称相同（由“人民共同富裕”类移至“公共服务能力”类，序号36→30）"
    )


def test_nature_and_unit_changes_of_a_continuing_indicator():
    old = row("耕地保有量", 1, unit="万亩", nature=Nature.EXPECTED, target="完成省下达任务")
    new = row("耕地保有量", 1, unit="亩", nature=Nature.BINDING, target="完成省下达任务")
    pairing = only(diff_indicator_sets([old], [new]), ChangeKind.UNCHANGED)
    assert pairing.changes == ["属性：预期性 → 约束性", "单位：万亩 → 亩"]


def test_unlike_rows_in_different_categories_stay_apart():
    result = diff_indicator_sets(
        [row("政务服务可网办率", 1)], [row("耕地保有量", 1, "安全保障水平")]
    )
    assert [p.kind for p in result.pairings] == [ChangeKind.REMOVED, ChangeKind.ADDED]


def test_a_decision_pairs_what_the_heuristics_would_not():
    old, new = [row("政务服务可网办率", 1)], [row("耕地保有量", 1, "安全保障水平")]
    decision = PairingDecision(old_name="政务服务可网办率", new_name="耕地保有量", kind="replaced")
    pairing = only(diff_indicator_sets(old, new, decisions=[decision]), ChangeKind.REPLACED)
    assert pairing.decided and pairing.reason == "用户确认为替换"


def test_a_decision_can_undo_a_computed_replacement(sample_doc):
    review, plan = sample_doc.tables
    decision = PairingDecision(old_name="新开工改造城镇老旧小区", new_name=None, kind="removed")
    result = diff_indicator_sets(review.rows, plan.rows, decisions=[decision])
    removed = [p.old_name for p in result.of_kind(ChangeKind.REMOVED)]
    assert "新开工改造城镇老旧小区" in removed
    # The freed successor is then paired by place: 政务服务可网办率 sat in the same gap.
    assert ("政务服务可网办率", "新开工城中村改造") in [
        (p.old_name, p.new_name) for p in result.of_kind(ChangeKind.REPLACED)
    ]


ROWS = SAMPLE.tables[0].rows + SAMPLE.tables[1].rows


@given(st.lists(st.sampled_from(ROWS), max_size=20), st.lists(st.sampled_from(ROWS), max_size=20))
def test_every_row_appears_exactly_once(old, new):
    result = diff_indicator_sets(old, new)
    assert sorted(id(p.old) for p in result.pairings if p.old) == sorted(map(id, old))
    assert sorted(id(p.new) for p in result.pairings if p.new) == sorted(map(id, new))
    assert all(p.reason for p in result.pairings)
