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


def test_plan_tables_of_two_drafts(cli, sample_path, tmp_path):
    result = cli("diff", str(sample_path), str(retyped(sample_path, tmp_path)), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["from"], data["to"]) == (2025, 2025)
    assert data["renamed"] == [["规上生产性服务业营业收入", "规模以上生产性服务业营业收入"]]
    assert "每千人口执业(助理)医师数" in data["unchanged"] and len(data["unchanged"]) == 43
    assert data["replaced"] == data["added"] == data["removed"] == []
    # The later draft's paragraph compares with 2024, not with the 2025 table: not applied.
    assert data["declared"] == {"added": [], "removed": [], "replaced": []}


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
