"""Each kind of inconsistency planted into a copy of the sample text, and the finding it gives.

The sample is read as text, one passage replaced, written to tmp_path and ingested like any
report; the finding must name the place and both sides.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.ingest import read_document
from planwatch.lint import lint_document

GENUINE = "PW301"  # the sample's own 处置率/利用率 finding, present in every copy


def planted(sample_path: Path, tmp_path: Path, old: str, new: str):
    text = sample_path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "planted.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return read_document(path)


PLANTS = [
    # (old, new, code, words the message must contain)
    ("（9个）", "（8个）", "PW101", "表1“公共服务能力”类标注8个指标，实际列出9行"),
    ("45个主要指标", "46个主要指标", "PW102", "称46个主要指标，表1（2024年）实际有45个"),
    ("七大类44个", "七大类43个", "PW102", "称43个主要指标，表2（2025年）实际有44个"),
    ("七大类44个", "八大类44个", "PW102", "称八大类，表2实际分7类"),
    ("六个方面18项", "六个方面17项", "PW103", "称17项重点任务，其下实际有18项"),
    ("六个方面18项", "五个方面18项", "PW103", "称五个方面，其下实际有6个方面"),
    ("固定资产投资增长1.7%", "固定资产投资增长2.7%", "PW201", "“固定资产投资”写为2.7%，表1为1.7%"),
    ("高新技术企业净增1500家", "高新技术企业净增1600家", "PW201", "写为1600家，表1为1500家"),
    (
        "固定资产投资增长1.7%",
        "固定资产投资下降1.7%",
        "PW202",
        "写为下降/降低1.7%，表1为增长/提高1.7%",
    ),
    (
        "收入倍差稳步降低，全年",
        "收入倍差稳步提高，全年",
        "PW202",
        "写为“稳步提高”，表1为“稳步降低”",
    ),
    (
        "占工业总产值比重待省反馈",
        "占工业总产值比重46.5%",
        "PW203",
        "状态用语（无）与表1完成情况“待省反馈”的（待反馈）",
    ),
    (
        "预计人才资源总量407万人",
        "人才资源总量407万人",
        "PW203",
        "与表1完成情况“预计可以完成”的（预计）不一致",
    ),
    (
        "技术合同成交额1050亿元；",
        "",
        "PW204",
        "表1第19项“技术合同成交额”未在“（一）主要计划目标完成情况”中找到",
    ),
    (
        "社会消费品零售总额增长5.5%左右。",
        "社会消费品零售总额增长6%左右。",
        "PW211",
        "写为6%，表2为5.5%",
    ),
    (
        "执业（助理）医师数3.7人左右，居民",
        "执业（助理）医师数3.8人左右，居民",
        "PW211",
        "写为3.8人，表2为3.7人",
    ),
    ("GDP比重稳步提升", "GDP比重稳步降低", "PW212", "写为“稳步降低”，表2为“稳步提升”，方向相反"),
    (
        "替换为新开工城中村改造",
        "替换为新开工城中村改造项目",
        "PW301",
        "但表中对应的是“新开工城中村改造”",
    ),
    (
        "、普惠性幼儿园覆盖率2个指标",
        "1个指标",
        "PW302",
        "表中删减“普惠性幼儿园覆盖率”，但文字未声明",
    ),
    ("覆盖率2个指标", "覆盖率3个指标", "PW303", "文字称删减3个指标，但列出2个"),
    (
        "37\n\tPM2.5浓度",
        "37\n\t空气质量优良天数比例",
        "PW401",
        "表2中“空气质量优良天数比例”出现两次（第37项与第38项）",
    ),
    (
        "44\n\t安全生产",
        "45\n\t安全生产",
        "PW402",
        "表2序号在“粮食综合生产能力”（第43项）之后跳到45，缺少第44项",
    ),
    (
        "\t424万人",
        "\t424万户",
        "PW403",
        "“人才资源总量”的单位前后不一：表1预期目标为407万人，表2预期目标为424万户",
    ),
    (
        "\t35万人\n\t41.75万人",
        "\t\n\t41.75万人",
        "PW404",
        "表1第36项“城镇新增就业人数”填写了完成情况“41.75万人”，但没有预期目标",
    ),
]


@pytest.mark.parametrize(("old", "new", "code", "words"), PLANTS, ids=[p[2] for p in PLANTS])
def test_planted_inconsistency_is_found(sample_path, tmp_path, old, new, code, words):
    findings = lint_document(planted(sample_path, tmp_path, old, new))
    messages = [f.message for f in findings if f.code == code]
    assert any(words in m for m in messages), messages
    finding = next(f for f in findings if f.code == code and words in f.message)
    assert finding.evidence and all(e.strip() for e in finding.evidence)


@pytest.mark.parametrize(
    ("old", "new", "code", "words"), PLANTS[:16], ids=[p[2] for p in PLANTS[:16]]
)
def test_a_plant_in_prose_or_counts_adds_only_its_own_finding(
    sample_path, tmp_path, old, new, code, words
):
    codes = {f.code for f in lint_document(planted(sample_path, tmp_path, old, new))}
    assert codes == {GENUINE, code}


def test_narrative_finding_quotes_prose_and_table(sample_path, tmp_path):
    doc = planted(sample_path, tmp_path, "固定资产投资增长1.7%", "固定资产投资增长2.7%")
    [finding] = [f for f in lint_document(doc) if f.code == "PW201"]
    assert finding.evidence == [
        "（一）主要计划目标完成情况：…固定资产投资增长2.7%…",
        "表1 第3项 固定资产投资｜增长5%左右｜增长1.7%",
    ]
