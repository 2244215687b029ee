"""The research panel (issue 12): pairing targets with results across documents and years,
jurisdictions and their parents, escalation, conflicts, refusals, exports and the store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planwatch.assess import assess_document
from planwatch.ingest import read_document
from planwatch.model import IndicatorRow, Jurisdiction, PlanDocument, PlanTable, TableRole
from planwatch.model.panel import PANEL_COLUMNS, PANEL_HEADERS_ZH, PanelRow
from planwatch.panel import (
    PanelFormat,
    SourcedDocument,
    build_panel,
    panel_csv,
    write_panel,
)

WORK_REPORT = """政府工作报告
——{year}年1月12日在{place}第十七届人民代表大会第{session}次会议上
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
一、{last}年工作回顾
过去一年，{results}
二、{year}年工作安排
今年经济社会发展的主要预期目标是：{targets}
"""


def work_report(
    folder: Path, place: str, year: int, results: str, targets: str, name: str | None = None
) -> Path:
    path = folder / (name or f"{place}{year}.txt")
    text = WORK_REPORT.format(
        place=place,
        year=year,
        last=year - 1,
        session="五六七八"[year % 4],
        results=results,
        targets=targets,
    )
    path.write_text(text, encoding="utf-8")
    return path


def sourced(*paths: Path) -> list[SourcedDocument]:
    return [SourcedDocument(read_document(p), p.name) for p in paths]


@pytest.fixture
def kunshan(tmp_path: Path) -> list[Path]:
    """昆山 2025 and 2026 work reports, and 江苏 2025's: the targets of 2025 are in the first
    two, their results in the second."""
    return [
        work_report(
            tmp_path,
            "昆山市",
            2025,
            "全市地区生产总值增长5.2%，一般公共预算收入增长2.1%。",
            "地区生产总值增长5.5%左右；一般公共预算收入增长3%；城镇新增就业3万人以上；"
            "居民消费价格涨幅2%左右。",
        ),
        work_report(
            tmp_path,
            "昆山市",
            2026,
            "全市地区生产总值增长5.8%，一般公共预算收入增长1.5%，城镇新增就业3.2万人，"
            "居民消费价格上涨0.3%。",
            "地区生产总值增长5%以上；城镇新增就业3万人以上。",
        ),
        work_report(
            tmp_path,
            "江苏省",
            2025,
            "全省地区生产总值增长5.8%。",
            "地区生产总值增长5%左右；城镇新增就业120万人以上；居民消费价格涨幅2%左右。",
        ),
    ]


def row_of(rows: list[PanelRow], place: str, year: int, canonical: str) -> PanelRow:
    found = [r for r in rows if r.jurisdiction == place and r.year == year]
    found = [r for r in found if r.canonical == canonical]
    assert len(found) == 1, found
    return found[0]


def test_the_samples_panel_judges_every_row_as_assess_does(sample_path: Path) -> None:
    document = read_document(sample_path)
    result = build_panel([SourcedDocument(document, sample_path.name)])
    assert result.refused == []
    expected = {row.name: a.status.value for row, a in assess_document(document).rows}
    of_2024 = [r for r in result.rows if r.year == 2024]
    judged = {
        r.target_where: r for r in of_2024 if r.target_where and r.target_where.startswith("表1")
    }
    assert len(judged) == len(expected) == 45
    for row in judged.values():
        assert row.status == expected[row.indicator], row
    place = of_2024[0]
    assert (place.jurisdiction, place.code, place.parent, place.parent_code) == (
        "苏州市",
        "320500",
        "江苏省",
        "320000",
    )
    plan_rows = [r for r in result.rows if r.year == 2025]
    assert len(plan_rows) >= 44
    assert all(r.actual is None and r.status is None for r in plan_rows)


def test_targets_are_paired_with_next_years_results(kunshan: list[Path]) -> None:
    rows = build_panel(sourced(*kunshan)).rows
    gdp = row_of(rows, "昆山市", 2025, "地区生产总值")
    assert (gdp.target, gdp.actual, gdp.status_zh) == ("增长5.5%左右", "增长5.8%", "完成")
    assert gdp.target_source == "昆山市2025.txt" and gdp.actual_source == "昆山市2026.txt"
    assert gdp.target_sentence and "5.5%左右" in gdp.target_sentence
    assert gdp.actual_where and gdp.actual_where.startswith("正文第")
    assert (gdp.code, gdp.level, gdp.parent, gdp.parent_code) == (
        "320583",
        "县级",
        "苏州市",
        "320500",
    )
    revenue = row_of(rows, "昆山市", 2025, "一般公共预算收入")
    assert (revenue.status_zh, revenue.margin) == ("未完成", pytest.approx(-1.5))
    cpi = row_of(rows, "昆山市", 2025, "居民消费价格总水平涨幅")
    assert cpi.status_zh == "完成" and cpi.indicator == "居民消费价格涨幅"
    jobs = row_of(rows, "昆山市", 2025, "城镇新增就业人数")
    assert jobs.status_zh == "完成"
    assert jobs.target_value == 30000 and jobs.actual_value == 32000


def test_a_target_without_a_result_and_a_result_without_a_target_are_kept(
    kunshan: list[Path],
) -> None:
    rows = build_panel(sourced(*kunshan)).rows
    next_year = row_of(rows, "昆山市", 2026, "地区生产总值")
    assert next_year.target == "增长5%以上" and next_year.actual is None
    assert next_year.status is None and next_year.match == "alone"
    last_year = row_of(rows, "昆山市", 2024, "地区生产总值")
    assert last_year.target is None and last_year.actual == "增长5.2%"


def test_escalation_is_the_target_above_the_parents(kunshan: list[Path], tmp_path: Path) -> None:
    suzhou = work_report(
        tmp_path,
        "苏州市",
        2025,
        "全市地区生产总值增长6%。",
        "地区生产总值增长5.5%左右；居民消费价格涨幅3%左右。",
    )
    rows = build_panel(sourced(*kunshan, suzhou)).rows
    city = row_of(rows, "苏州市", 2025, "地区生产总值")
    assert city.parent_target == "增长5%左右" and city.escalation == pytest.approx(0.5)
    county = row_of(rows, "昆山市", 2025, "地区生产总值")
    assert county.parent_target == "增长5.5%左右" and county.escalation == pytest.approx(0)
    cpi = row_of(rows, "苏州市", 2025, "居民消费价格总水平涨幅")
    assert cpi.escalation == pytest.approx(1.0)
    province = row_of(rows, "江苏省", 2025, "地区生产总值")
    assert province.parent_target is None and province.escalation is None


def test_two_documents_that_disagree_are_both_kept_and_flagged(
    kunshan: list[Path], tmp_path: Path
) -> None:
    adjusted = work_report(
        tmp_path,
        "昆山市",
        2025,
        "全市地区生产总值增长5.2%。",
        "地区生产总值增长6%以上。",
        name="昆山市2025（调整）.txt",
    )
    rows = build_panel(sourced(*kunshan, adjusted)).rows
    gdp = [r for r in rows if r.jurisdiction == "昆山市" and r.year == 2025]
    gdp = [r for r in gdp if r.canonical == "地区生产总值"]
    assert sorted(r.target for r in gdp) == ["增长5.5%左右", "增长6%以上"]
    assert all(r.conflict and r.conflict.startswith("目标不一致") for r in gdp)
    assert {r.status_zh for r in gdp} == {"完成", "未完成"}


def test_the_same_target_in_two_documents_is_one_row(kunshan: list[Path], tmp_path: Path) -> None:
    again = work_report(
        tmp_path,
        "昆山",
        2025,
        "全市地区生产总值增长5.2%。",
        "地区生产总值增长5.5%左右。",
        name="copy.txt",
    )
    rows = build_panel(sourced(*kunshan, again)).rows
    assert row_of(rows, "昆山市", 2025, "地区生产总值").conflict is None


def _one_table(
    place: str | None, year: int, rows: list[IndicatorRow], title: str | None = None
) -> PlanDocument:
    """A document of one review table; ``place`` its jurisdiction (None: none given) and
    ``title`` its title (by default the place's name)."""
    table = PlanTable(caption="表1", role=TableRole.REVIEW, year=year, rows=rows)
    jurisdiction = Jurisdiction(name=place) if place else None
    return PlanDocument(title=title or place or "", jurisdiction=jurisdiction, tables=[table])


def _gdp_grew_6() -> list[IndicatorRow]:
    return [IndicatorRow(name="地区生产总值", target="增长5%", actual="增长6%")]


def test_a_document_of_no_known_place_is_refused_with_the_reason(tmp_path: Path) -> None:
    nowhere = _one_table(None, 2024, _gdp_grew_6(), title="国民经济和社会发展计划")
    result = build_panel([SourcedDocument(nowhere, "x.txt")])
    assert result.rows == []
    assert result.refused == [("x.txt", result.refused[0][1])]
    assert "无法判断报告所属地区" in result.refused[0][1]


def test_an_unknown_place_is_kept_by_its_name_with_a_warning() -> None:
    title = "苏州工业园区2024年计划执行情况"
    document = _one_table("苏州工业园区", 2024, _gdp_grew_6(), title=title)
    result = build_panel([SourcedDocument(document, "sip.txt")])
    (row,) = result.rows
    assert (row.jurisdiction, row.code, row.status_zh) == ("苏州工业园区", None, "完成")
    assert any("苏州工业园区" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("target_name", "actual_name", "match"),
    [
        ("细颗粒物浓度", "城区细颗粒物浓度", "unsure"),  # one name holds the other
        ("城区细颗粒物浓度", "细颗粒物浓度", "unsure"),
        ("细颗粒物浓度", "细颗粒物浓度", "same"),
        ("全市细颗粒物浓度", "细颗粒物浓度", "same"),  # 全市 says whose, not what
        ("细颗粒物浓度", "臭氧浓度", "alone"),  # different indicators stay apart
    ],
)
def test_names_that_only_contain_each_other_are_listed_unsure_and_not_judged(
    target_name: str, actual_name: str, match: str
) -> None:
    target = IndicatorRow(name=target_name, target="35微克/立方米以下")
    result = IndicatorRow(name=actual_name, actual="32微克/立方米")
    targets, results = _one_table("昆山市", 2024, [target]), _one_table("昆山市", 2024, [result])
    rows = build_panel([SourcedDocument(targets, "a"), SourcedDocument(results, "b")]).rows
    assert {r.match for r in rows} == {match}
    if match == "unsure":
        (row,) = rows
        assert row.status_zh == "无法评估" and "不能确定是同一指标" in (row.reason or "")
        assert "若是同一指标则为完成" in (row.reason or "")  # what it would be, said, not claimed
    elif match == "same":
        assert [r.status_zh for r in rows] == ["完成"]
    else:
        assert len(rows) == 2 and all(r.status is None for r in rows)


def test_a_table_result_outranks_a_sentence_that_restates_a_target(sample_path: Path) -> None:
    """The sample's narrative says 预计企业研究与试验发展经费投入1050亿元左右: an estimate, as
    the table says (预计可以完成), never a final figure equal to the target."""
    rows = build_panel(sourced(sample_path)).rows
    row = row_of(rows, "苏州市", 2024, "企业研究与试验发展经费投入")
    assert row.quality == "estimate" and row.status_zh == "预计完成"


def test_every_column_has_a_chinese_header() -> None:
    assert set(PANEL_HEADERS_ZH) == set(PANEL_COLUMNS)
    assert len(set(PANEL_HEADERS_ZH.values())) == len(PANEL_COLUMNS)


@pytest.fixture
def panel_rows(kunshan: list[Path]) -> list[PanelRow]:
    return build_panel(sourced(*kunshan)).rows


def test_csv_export_reads_back_with_chinese_headers(panel_rows, tmp_path: Path) -> None:
    out = write_panel(panel_rows, tmp_path / "panel.csv", PanelFormat.CSV)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 Chinese only with the BOM
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(table) == len(panel_rows)
    gdp = next(
        r
        for r in table
        if r["地区"] == "昆山市" and r["年份"] == "2025" and r["标准指标"] == "地区生产总值"
    )
    assert (gdp["目标"], gdp["完成情况"], gdp["状态"]) == ("增长5.5%左右", "增长5.8%", "完成")


def test_csv_cells_never_become_formulas() -> None:
    row = PanelRow("昆山市", None, None, None, None, 2024, '=HYPERLINK("x")', None)
    text = panel_csv([row])
    assert "'=HYPERLINK" in text


def test_xlsx_json_and_parquet_exports_hold_the_same_rows(panel_rows, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    book = load_workbook(write_panel(panel_rows, tmp_path / "p.xlsx", PanelFormat.XLSX))
    sheet = book["面板"]
    header = [c.value for c in sheet[1]]
    assert header == [PANEL_HEADERS_ZH[c] for c in PANEL_COLUMNS]
    assert sheet.max_row == len(panel_rows) + 1
    assert sheet["A2"].font.name == "宋体"
    data = json.loads(write_panel(panel_rows, tmp_path / "p.json", PanelFormat.JSON).read_text())
    assert [r["target"] for r in data["rows"]] == [r.target for r in panel_rows]
    table = pq.read_table(write_panel(panel_rows, tmp_path / "p.parquet", PanelFormat.PARQUET))
    assert table.num_rows == len(panel_rows)
    assert table.column("year").type.bit_width == 32
    assert table.column("actual_value").to_pylist() == [r.actual_value for r in panel_rows]
    assert table.column("jurisdiction").to_pylist()[0] == panel_rows[0].jurisdiction


def test_an_export_to_a_missing_folder_is_refused(panel_rows, tmp_path: Path) -> None:
    from planwatch.errors import PlanwatchError

    with pytest.raises(PlanwatchError, match="不存在"):
        write_panel(panel_rows, tmp_path / "nope" / "p.csv", PanelFormat.CSV)
    assert not (tmp_path / "nope").exists()


# The store and the command.


def test_panel_all_stores_the_rows_of_every_stored_plan(kunshan: list[Path], cli, tmp_path: Path):
    from planwatch.store import migrated_engine, panel_rows, panel_size

    db = f"sqlite:///{tmp_path / 'p.db'}"
    for path in kunshan:
        assert cli("ingest", path, db=db).exit_code == 0
    result = cli("panel", "--all", db=db)
    assert result.exit_code == 0, result.stderr
    assert "已将面板存入数据库" in result.stdout and "昆山市" in result.stdout
    engine = migrated_engine(db)
    stored = panel_rows(engine, code="320583", year=2025)
    gdp = next(r for r in stored if r.canonical == "地区生产总值")
    assert (gdp.target, gdp.actual, gdp.status_zh) == ("增长5.5%左右", "增长5.8%", "完成")
    assert gdp.target_source and gdp.target_source.startswith("plan:")
    before = panel_size(engine)
    assert cli("panel", "--all", db=db).exit_code == 0
    assert panel_size(engine) == before  # replaced, not appended
    out = tmp_path / "stored.parquet"
    exported = cli("panel", "--stored", "-o", out, db=db)
    assert exported.exit_code == 0 and f"{before}行" in exported.stdout
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == before


def test_exporting_a_stored_panel_that_was_never_built_says_how(cli, tmp_path: Path) -> None:
    result = cli("panel", "--stored", "-o", tmp_path / "p.csv", db=f"sqlite:///{tmp_path / 'e.db'}")
    assert result.exit_code == 13 and "planwatch panel --all" in result.stderr
    assert not (tmp_path / "p.csv").exists()


def test_replacing_the_panel_is_all_or_nothing(kunshan: list[Path], any_db_url: str) -> None:
    from planwatch.store import migrated_engine, panel_indicators, panel_size, replace_panel

    engine = migrated_engine(any_db_url)
    rows = build_panel(sourced(*kunshan)).rows
    assert replace_panel(engine, rows, "test") == len(rows)

    def broken():
        yield from rows[:3]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        replace_panel(engine, broken(), "test")
    assert panel_size(engine) == len(rows)
    # the counts the pages show are cached per version of the panel: a replace is seen at once
    replace_panel(engine, rows[:2], "test")
    assert panel_size(engine) == 2
    assert sum(n for _, n in panel_indicators(engine)) == sum(1 for r in rows[:2] if r.canonical)


def test_panel_files_to_json_and_to_a_file(kunshan: list[Path], cli, tmp_path: Path) -> None:
    result = cli("panel", *kunshan, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["refused"] == []
    assert any(r["code"] == "320583" and r["status_zh"] == "完成" for r in data["rows"])
    out = tmp_path / "panel.xlsx"
    result = cli("panel", *kunshan, "-o", out)
    assert result.exit_code == 0 and out.exists()
    assert "已写出" in result.stdout
    assert load_workbook(out)["面板"].max_row == len(data["rows"]) + 1


def test_panel_refuses_what_it_cannot_use(cli, tmp_path: Path) -> None:
    nowhere = tmp_path / "plan.txt"
    nowhere.write_text(
        "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n", encoding="utf-8"
    )
    result = cli("panel", nowhere)
    assert result.exit_code == 13
    assert "未纳入" in result.stderr and "Traceback" not in result.stderr
    result = cli("panel", nowhere, "--format", "docx")
    assert result.exit_code == 1 and "不认识的格式" in result.stderr
    assert cli("panel").exit_code == 1
