"""Exports that stay documents: no live formula in Excel or CSV, no live markup in Markdown.

An indicator name, department or phrase is text a report or a user wrote. In the .xlsx it is
a string cell with Excel's quote prefix (read back as data type ``s``, never ``f``), printed
exactly; in a CSV a formula-like cell starts with ``'`` (a negative number stays a number);
in Markdown ``<``, ``>`` and ``&`` are entities and ``|`` is escaped in table cells.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planwatch.model import PlanDocument, TableRole
from planwatch.monitor import load_board, parse_period
from planwatch.report import write_report
from planwatch.report.bulletin import build_bulletin, bulletin_markdown
from planwatch.report.cells import csv_cell, formula_like
from planwatch.sources import save_document
from planwatch.store import migrated_engine
from planwatch.store.indicators import assign_department, list_indicators
from planwatch.store.requests import request_figures
from planwatch.store.users import add_user
from planwatch.web import create_app
from test_web_support import PASSWORD, login

LINK = '=HYPERLINK("http://x","点我")'
SCRIPT = "<script>alert(1)</script>"
FORMULAS = [LINK, "+1+2", "@SUM(A1:A2)", "-2+3"]


def _rename(table, names: list[str]) -> None:
    for row, name in zip(table.rows, names, strict=False):
        row.name = name


@pytest.fixture
def evil(sample_doc: PlanDocument) -> PlanDocument:
    """The sample with formula-like and markup names in both tables, and a negative actual."""
    names = [*FORMULAS, SCRIPT, "研发&投入|占比"]
    _rename(sample_doc.table_for(TableRole.REVIEW, 2024), names)
    _rename(sample_doc.table_for(TableRole.PLAN, 2025), names)
    sample_doc.table_for(TableRole.REVIEW, 2024).rows[6].actual = "-3.3个百分点"
    return sample_doc


def test_formula_like_cells():
    assert all(formula_like(t) for t in [*FORMULAS, "-3.3个百分点", "\t1", "\r1"])
    assert not any(formula_like(t) for t in ["增长5%", "3%左右", " =1", "（-1）"])
    assert [csv_cell(t) for t in [LINK, "+86", "@x", "\tx", "\rx", "-x", "-3.3个百分点"]] == [
        "'" + LINK,
        "'+86",
        "'@x",
        "'\tx",
        "'\rx",
        "'-x",
        "'-3.3个百分点",
    ]
    assert [csv_cell(t) for t in ["-12", "-12.5", "-1,234.5", "-3%", "增长5%", 12, None]] == [
        "-12",
        "-12.5",
        "-1,234.5",
        "-3%",
        "增长5%",
        12,
        None,
    ]


def test_the_excel_report_holds_no_formula(evil: PlanDocument, tmp_path: Path):
    out = tmp_path / "report.xlsx"
    write_report(evil, out, year=2024, status=True, full=True)
    with zipfile.ZipFile(out) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in package.read(n) for n in sheets)
    workbook = load_workbook(out)
    cells = {c.value: c for sheet in workbook for row in sheet.iter_rows() for c in row}
    for text in [*FORMULAS, "-3.3个百分点"]:
        cell = cells[text]  # read back exactly as printed
        assert cell.data_type == "s" and cell.quotePrefix, text
    assert cells[SCRIPT].data_type == "s" and not cells[SCRIPT].quotePrefix
    assert cells["增长6%"].data_type == "s"  # an ordinary phrase is untouched
    numbers = [c for c in cells.values() if c.data_type == "n" and isinstance(c.value, float)]
    assert numbers  # purely numeric phrases are still numbers (70.9% …)


def test_the_markdown_report_shows_markup_as_text(evil: PlanDocument, tmp_path: Path):
    out = tmp_path / "report.md"
    write_report(evil, out, year=2024, status=True, full=True)
    text = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script" not in text and "</script" not in text
    assert "| 研发&amp;投入\\|占比 |" in text
    assert not [line for line in text.splitlines() if "<" in line.replace("<br>", "")]


def test_a_markdown_template_of_a_drc_is_escaped_too(evil: PlanDocument, tmp_path: Path):
    """The escaping is the environment's: a folder's own template gets it without asking."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "table.md.j2").write_text(
        "{% for g in content.layout.groups %}{% for r in g.rows %}{{ r.name }}\n"
        "{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    out = tmp_path / "own.md"
    write_report(evil, out, year=2024, templates=folder)
    text = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in text and "<script" not in text and "研发&amp;投入|占比" in text


def test_the_bulletin_markdown_shows_markup_as_text(evil: PlanDocument, tmp_path: Path):
    engine = migrated_engine(f"sqlite:///{tmp_path / 'pw.sqlite'}")
    plan_id = save_document(engine, evil, "evil").plan_id
    board = load_board(engine, plan_id, parse_period("2025-06"))
    text = bulletin_markdown(build_bulletin(board, charts=()))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script" not in text
    assert "研发&amp;投入\\|占比" in text
    assert "<" not in text


@pytest.fixture
def late_site(evil: PlanDocument, tmp_path: Path):
    """A site whose plan has formula-like names, one assigned to a formula-like department,
    and figures requested for January 2025 (late by now)."""
    db = tmp_path / "pw.sqlite"
    app = create_app(f"sqlite:///{db}")
    engine = app.state.engine
    add_user(engine, "drc", PASSWORD, "editor")
    plan_id = save_document(engine, evil, "evil").plan_id
    plan = {i.name: i.id for i in list_indicators(engine, plan_id=plan_id)}
    assign_department(engine, plan["+1+2"], "@财政局", "admin")
    ids = [i.id for i in list_indicators(engine, plan_id=plan_id)]
    request_figures(engine, ids, [parse_period("2025-01")], "drc")
    return app, db


def _late_rows(text: str) -> dict[str, list[str]]:
    return {row[1]: row for row in csv.reader(io.StringIO(text.lstrip("\ufeff")))}


def _check_late(rows: dict[str, list[str]]) -> None:
    assert rows["'" + LINK][0] == "未分配"
    assert rows["'+1+2"][0] == "'@财政局"
    assert "'@SUM(A1:A2)" in rows and "'-2+3" in rows
    assert not [name for name in rows if formula_like(name)]
    assert rows["'+1+2"][4].isdigit()  # the days late stay a number


def test_the_late_csv_of_the_site(late_site):
    from fastapi.testclient import TestClient

    app, _db = late_site
    client = TestClient(app)
    login(client, "drc")
    response = client.get("/late.csv")
    assert response.status_code == 200
    _check_late(_late_rows(response.text))


def test_the_late_csv_of_the_command(late_site, cli):
    _app, db = late_site
    result = cli("late", "--csv", db=db)
    assert result.exit_code == 0, result.stderr
    _check_late(_late_rows(result.stdout))
