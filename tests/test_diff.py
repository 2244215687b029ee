"""``diff_plans`` and ``planwatch diff`` on the sample: every pairing, the JSON, the mismatch."""

from __future__ import annotations

import json

import pytest

from expected_sample import PLAN_ROWS, REVIEW_ROWS
from planwatch.errors import TableNotFound
from planwatch.lineage import ChangeKind, diff_plans

REPLACED = [
    ("新增高新技术企业数", "有效高新技术企业数"),
    ("制造业智能化改造、数字化转型、网络化联接企业数", "建成智能工厂数"),
    ("新开工改造城镇老旧小区", "新开工城中村改造"),
    ("单位地区生产总值建设用地使用面积下降率", "批而未供和闲置土地利用率"),
]
REMOVED = ["政务服务可网办率", "普惠性幼儿园覆盖率"]
ADDED = ["新增就业参保大学生人数"]


def pairs(result, kind):
    return [(p.old_name, p.new_name) for p in result.of_kind(kind)]


def test_sample_replacements_removals_additions(sample_doc):
    result = diff_plans(sample_doc)
    assert (result.from_label, result.to_label) == (2024, 2025)
    assert pairs(result, ChangeKind.REPLACED) == REPLACED
    assert [old for old, _ in pairs(result, ChangeKind.REMOVED)] == REMOVED
    assert [new for _, new in pairs(result, ChangeKind.ADDED)] == ADDED
    assert pairs(result, ChangeKind.RENAMED) == []


def test_sample_rest_is_unchanged_by_exact_name(sample_doc):
    result = diff_plans(sample_doc)
    unchanged = pairs(result, ChangeKind.UNCHANGED)
    assert len(unchanged) == 39  # 45 - 4 replaced - 2 removed = 44 - 4 replaced - 1 added
    assert all(old == new for old, new in unchanged)
    review, plan = sample_doc.tables
    touched = {o for o, _ in REPLACED} | set(REMOVED)
    assert [o for o, _ in unchanged] == [r.name for r in review.rows if r.name not in touched]
    assert all(n in {r.name for r in plan.rows} for _, n in unchanged)


def continuing_names() -> set[str]:
    """Names printed in both tables of the report."""
    return {r[1] for rows in REVIEW_ROWS.values() for r in rows} & {
        r[1] for rows in PLAN_ROWS.values() for r in rows
    }


def place_of(table: dict[str, list[tuple]], name: str) -> tuple[str, str | None]:
    """A row's category and the last continuing indicator above it in that category."""
    for category, rows in table.items():
        names = [r[1] for r in rows]
        if name in names:
            above = [n for n in names[: names.index(name)] if n in continuing_names()]
            return category, above[-1] if above else None
    raise KeyError(name)


def name_similarity(a: str, b: str) -> str:
    """名称相似度 as a percentage: twice the longest common subsequence over both lengths."""
    lcs = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            lcs[i + 1][j + 1] = lcs[i][j] + 1 if x == y else max(lcs[i][j + 1], lcs[i + 1][j])
    return f"{200 * lcs[-1][-1] / (len(a) + len(b)):.0f}%"


@pytest.mark.parametrize(
    "old",
    ["新增高新技术企业数", "新开工改造城镇老旧小区", "单位地区生产总值建设用地使用面积下降率"],
)
def test_each_replacement_is_explained_in_one_line(sample_doc, old):
    # The report's tables put the old and the new name in the same category, right after the
    # same continuing indicator: that place and the names' likeness explain the replacement.
    new = dict(REPLACED)[old]
    category, after = place_of(REVIEW_ROWS, old)
    assert place_of(PLAN_ROWS, new) == (category, after) and after is not None
    why = f"同属“{category}”类，紧随“{after}”之后，名称相似度{name_similarity(old, new)}"
    pairing = next(p for p in diff_plans(sample_doc).pairings if p.old_name == old)
    assert why in pairing.reason and "\n" not in pairing.reason
    assert pairing.reason.endswith("视为替换")


def test_alike_names_with_another_measure_word_are_replaced_not_renamed(sample_doc):
    pairing = next(p for p in diff_plans(sample_doc).pairings if p.old_name == "新增高新技术企业数")
    assert "计量词不同（新增→有效）" in pairing.reason


def test_declared_changes_and_the_one_mismatch(sample_doc):
    result = diff_plans(sample_doc)
    declared = result.public_dict()["declared"]
    assert declared["added"] == ADDED and declared["removed"] == REMOVED
    assert [tuple(p) for p in declared["replaced"]] == [
        REPLACED[1],
        REPLACED[2],
        (REPLACED[3][0], "批而未供和闲置土地处置率"),
        REPLACED[0],
    ]
    [mismatch] = result.mismatches
    assert mismatch.declared == [REPLACED[3][0], "批而未供和闲置土地处置率"]
    assert mismatch.found == [REPLACED[3][0], "批而未供和闲置土地利用率"]
    assert "处置率" in mismatch.message and "利用率" in mismatch.message


def test_continuing_indicators_report_target_and_basis_changes(sample_doc):
    result = diff_plans(sample_doc)
    changed = {c["name"]: (c["from"], c["to"]) for c in result.target_changes()}
    assert changed["居民消费价格总水平涨幅"] == ("3%左右", "2%左右")
    assert "地区生产总值" not in changed  # 增长5%以上 both years
    # Every name printed in both tables whose 表1 and 表2 targets differ (spaces aside).
    before = {r[1]: r[2] for rows in REVIEW_ROWS.values() for r in rows}
    after = {r[1]: r[2] for rows in PLAN_ROWS.values() for r in rows}
    expected = {
        name: (before[name], after[name])
        for name in after
        if name in continuing_names()
        and "".join(before[name].split()) != "".join(after[name].split())
    }
    assert changed == expected and len(expected) == 25
    pension = next(p for p in result.pairings if p.new_name == "城乡基本养老保险参保缴费率")
    assert "口径：目标改按新口径" in pension.changes


def test_missing_year_is_a_clear_error(sample_doc):
    with pytest.raises(TableNotFound) as caught:
        diff_plans(sample_doc, from_year=2019)
    assert "2019年的指标表" in caught.value.message


def test_cli_json_has_exactly_the_documented_keys(cli, sample_path):
    result = cli("diff", str(sample_path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "from", "to", "unchanged", "renamed", "replaced", "added", "removed",
        "target_changed", "declared", "declared_mismatches", "declared_note", "warnings",
    ]  # fmt: skip
    assert data["replaced"] == [list(p) for p in REPLACED]
    assert set(data["declared_mismatches"][0]) == {"message", "declared", "found"}


def test_cli_human_output_names_the_mismatch(cli, sample_path):
    result = cli("diff", str(sample_path))
    assert result.returncode == 0, result.stderr
    assert "2024 → 2025 指标变化：不变 39 · 更名 0 · 替换 4 · 新增 1 · 删减 2" in result.stdout
    assert "声明与表格不符（1处）" in result.stdout


def test_cli_unknown_year_exits_with_message(cli, sample_path):
    result = cli("diff", str(sample_path), "--to", "2031")
    assert result.returncode == TableNotFound.exit_code
    assert "没有2031年的指标表" in result.stderr and "Traceback" not in result.stderr
