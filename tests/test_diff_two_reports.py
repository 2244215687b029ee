"""``planwatch diff A B``: the tables of two reports, chosen by year."""

from __future__ import annotations

import json
from pathlib import Path


def retyped(sample_path: Path, tmp_path: Path) -> Path:
    """A later draft: two 表2 names reworded, one only in its brackets."""
    text = sample_path.read_text(encoding="utf-8")
    plan = text.index("表2  2025年")
    head, tail = text[:plan], text[plan:]
    tail = tail.replace("\t规上生产性服务业营业收入\n", "\t规模以上生产性服务业营业收入\n", 1)
    tail = tail.replace("\t每千人口执业（助理）医师数\n", "\t每千人口执业(助理)医师数\n", 1)
    path = tmp_path / "draft2.txt"
    path.write_text(head + tail, encoding="utf-8")
    return path


DESCRIBED_NOTE = (
    "报告声明的是2024→2025年的指标变化（与2024年相比），本次比较的是2025→2025年："
    "声明已按较新报告自身的表1（2024年）与表2（2025年）核对"
)
NOT_CHECKED_NOTE = (
    "未核对报告声明的指标变化：报告声明的是2024→2025年的指标变化（与2024年相比），"
    "本次比较的是2024→2024年。要核对，请比较2024年与2025年的指标表（--from 2024 --to 2025）"
)
PLACES_WARNING = (
    "两份报告属于不同地区（苏州市、无锡市）：比较的是两地的指标表，不是同一地区前后年份的变化"
)


ELSEWHERE = ("苏州", "无锡")  # the same report of another city


def test_plan_tables_of_two_drafts(cli, sample_path, tmp_path):
    result = cli("diff", str(sample_path), str(retyped(sample_path, tmp_path)), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["from"], data["to"]) == (2025, 2025)
    assert data["renamed"] == [["规上生产性服务业营业收入", "规模以上生产性服务业营业收入"]]
    assert "每千人口执业(助理)医师数" in data["unchanged"] and len(data["unchanged"]) == 43
    assert data["replaced"] == data["added"] == data["removed"] == []
    # The later draft's paragraph speaks of 2024→2025, not of the two 2025 tables: it is
    # checked against that draft's own 表1 and 表2, and the note says so.
    assert data["declared"]["removed"] == ["政务服务可网办率", "普惠性幼儿园覆盖率"]
    assert data["declared_note"] == DESCRIBED_NOTE
    assert [m["found"] for m in data["declared_mismatches"]] == [
        ["单位地区生产总值建设用地使用面积下降率", "批而未供和闲置土地利用率"],
        ["规上生产性服务业营业收入", "规模以上生产性服务业营业收入"],  # renamed in 表2 only
    ]
    assert data["warnings"] == []


def test_years_choose_the_tables_and_the_declaration_applies(cli, sample_path, tmp_path):
    draft = str(retyped(sample_path, tmp_path))
    result = cli("diff", str(sample_path), draft, "--from", "2024", "--to", "2025", "--json")
    data = json.loads(result.stdout)
    assert (data["from"], data["to"]) == (2024, 2025)
    assert len(data["replaced"]) == 4 and data["removed"] == [
        "政务服务可网办率",
        "普惠性幼儿园覆盖率",
    ]
    assert [m["found"] for m in data["declared_mismatches"]] == [
        ["单位地区生产总值建设用地使用面积下降率", "批而未供和闲置土地利用率"],
        ["规上生产性服务业营业收入", "规模以上生产性服务业营业收入"],
    ]


def test_stored_plans_by_reference(cli, sample_path, tmp_path):
    db = str(tmp_path / "pw.sqlite")
    assert cli("ingest", str(sample_path), "--db", db).returncode == 0
    result = cli("diff", "苏州市2025", "--json", "--db", db)
    assert len(json.loads(result.stdout)["replaced"]) == 4


def test_two_drafts_without_years_check_the_declaration_and_say_where(cli, sample_path, tmp_path):
    result = cli("diff", str(sample_path), str(retyped(sample_path, tmp_path)))
    assert result.returncode == 0, result.stderr
    assert "报告中没有声明指标变化的段落" not in result.stdout
    assert DESCRIBED_NOTE in result.stdout
    assert "声明与表格不符（2处）" in result.stdout


def test_years_the_declaration_does_not_speak_of_are_not_checked(cli, sample_path, tmp_path):
    draft = str(retyped(sample_path, tmp_path))
    args = ("diff", str(sample_path), draft, "--from", "2024", "--to", "2024")
    data = json.loads(cli(*args, "--json").stdout)
    assert (data["from"], data["to"]) == (2024, 2024)
    assert data["declared_mismatches"] == []
    assert data["declared"] == {"added": [], "removed": [], "replaced": []}
    assert data["declared_note"] == NOT_CHECKED_NOTE
    text = cli(*args)
    assert text.returncode == 0, text.stderr
    assert NOT_CHECKED_NOTE in text.stdout
    assert "声明与表格不符" not in text.stdout and "报告中没有声明" not in text.stdout


def test_the_declared_years_are_checked_with_no_note(cli, sample_path, tmp_path):
    draft = str(retyped(sample_path, tmp_path))
    args = ("diff", str(sample_path), draft, "--from", "2024", "--to", "2025", "--json")
    assert json.loads(cli(*args).stdout)["declared_note"] is None


def test_two_places_are_warned_of(cli, sample_path, sample_variant):
    other = str(sample_variant("wuxi.txt", ELSEWHERE))
    data = json.loads(cli("diff", str(sample_path), other, "--json").stdout)
    assert data["warnings"] == [PLACES_WARNING]
    text = cli("diff", str(sample_path), other)
    assert text.returncode == 0, text.stderr
    assert f"注意：{PLACES_WARNING}" in text.stdout
    same = json.loads(cli("diff", str(sample_path), str(sample_path), "--json").stdout)
    assert same["warnings"] == []


def test_the_newer_report_is_the_one_of_the_later_plan_year(sample_doc):
    from planwatch.lineage.diff import newer_document

    older = sample_doc.model_copy(update={"plan_year": 2024})
    assert newer_document(sample_doc, older) is sample_doc
    assert newer_document(older, sample_doc) is sample_doc
    assert newer_document(sample_doc, sample_doc.model_copy()) is not sample_doc  # a tie: 2nd
    assert newer_document(sample_doc, None) is sample_doc


def test_the_diff_page_warns_of_two_places(tmp_path, sample_variant):
    from planwatch.ingest import read_document
    from planwatch.sources import save_document
    from test_web_support import make_site

    site = make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")
    doc = read_document(sample_variant("wuxi.txt", ELSEWHERE))
    other = save_document(site.app.state.engine, doc, "wuxi").plan_id
    page = site.client("reader").get(f"/plans/{site.plan_id}/diff?other={other}").text
    assert PLACES_WARNING in page and DESCRIBED_NOTE in page


def test_tables_without_years_are_checked_as_before(sample_doc):
    from planwatch.lineage import diff_plans

    for table in sample_doc.tables:
        table.year = None
    result = diff_plans(sample_doc)
    assert result.declared_note is None and len(result.mismatches) == 1
