"""Control characters and NUL bytes: removed where text comes in, never stored, never exported.

A report read from a file loses its control characters (with a warning saying what and where);
so does text a user enters (phrases, notes, departments, comments, reasons). A plan read so
exports to Word and Excel that open again; one stored before (holding them) still exports.
PostgreSQL refuses a NUL in text, so the import runs on both databases.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook, load_workbook

from planwatch.errors import UnsupportedDocument
from planwatch.ingest import SAMPLE_REPORT, read_bytes, read_document
from planwatch.model import PlanDocument
from planwatch.monitor import parse_period
from planwatch.report import write_report
from planwatch.sources import save_document
from planwatch.store import load_current, migrated_engine
from planwatch.store.indicators import get_indicator
from planwatch.store.observations import list_observations
from planwatch.store.requests import (
    period_overrides,
    period_requests,
    request_figures,
    review_request,
    set_override,
)
from planwatch.textclean import CONTROL, control_names, strip_controls
from test_web_support import GDP, PASSWORD, bearer, csrf, make_site

GDP_LINE = "\t地区生产总值\n".encode()


def _bad_report() -> bytes:
    """The sample with a BEL in a paragraph, a SOH in 表1's GDP name, and a NUL and an ESC
    in 表2's (after the first 4 KB, where a NUL is not taken for binary content)."""
    data = SAMPLE_REPORT.read_bytes().replace("各位代表：".encode(), "各位代表\x07：".encode(), 1)
    data = data.replace(GDP_LINE, "\t地区生产\x01总值\n".encode(), 1)
    second = data.index(GDP_LINE, 5000)
    return data[:second] + "\t地区生产总值\x00\x1b\n".encode() + data[second + len(GDP_LINE) :]


def _texts(value):
    """Every string inside a model dump."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def _has_controls(doc: PlanDocument) -> bool:
    return any(CONTROL.search(text) for text in _texts(doc.model_dump(mode="json")))


def test_the_one_cleaning_function():
    assert strip_controls("a\x00b\x01c\x1fd\x7fe\x85f\x9fg") == "abcdefg"
    assert strip_controls("表\t1\n第\r行") == "表\t1\n第\r行"  # tab, LF and CR are kept
    assert strip_controls("增长6%　“同步”\u200b") == "增长6%　“同步”\u200b"
    assert control_names("\x01a\x00\x01") == ["U+0001", "U+0000"]


def test_a_report_loses_its_control_characters_with_a_warning_saying_where():
    doc = read_bytes(_bad_report(), "bad.txt")
    assert not _has_controls(doc)
    assert [t.rows[0].name for t in doc.tables[:2]] == [GDP, GDP]
    assert doc.warnings[0] == (
        "已删除4个控制字符（U+0007、U+0001、U+0000、U+001B），首处在正文“各位代表：”"
    )
    assert doc.plan_year == 2025 and len(doc.tables[0].rows) == 45  # nothing else changed


def test_the_warning_names_the_table_cell_when_a_cell_comes_first():
    data = SAMPLE_REPORT.read_bytes().replace(GDP_LINE, "\t地区生产\x01总值\n".encode(), 1)
    doc = read_bytes(data, "bad.txt")
    assert doc.warnings[0] == "已删除1个控制字符（U+0001），首处在表1第1行第3列“地区生产总值”"


def test_an_html_report_loses_them_too():
    rows = "".join(
        f"<tr><td>{n}</td><td>{t}</td><td>{a}</td></tr>"
        for n, t, a in [
            ("地区生产\x02总值", "增长5%以上", "增长6%"),
            ("固定资产投资", "增长5%", "增长\x011.7%"),
        ]
    )
    page = (
        "<html><body><p>关于苏州市2024年国民经济和社会发展计划执行情况的报告</p>"
        "<p>表1  2024年主要预期目标完成情况</p><table><tr><th>指标名称</th><th>预期目标</th>"
        f"<th>完成情况</th></tr>{rows}</table></body></html>"
    )
    doc = read_bytes(page.encode(), "bad.html")
    assert not _has_controls(doc)
    assert [(r.name, r.actual) for r in doc.tables[0].rows] == [
        (GDP, "增长6%"),
        ("固定资产投资", "增长1.7%"),
    ]
    assert "已删除2个控制字符（U+0002、U+0001）" in doc.warnings[0]


@pytest.mark.postgres
def test_a_nul_byte_in_a_report_imports_on_sqlite_and_postgresql(any_db_url, tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_bytes(_bad_report())
    engine = migrated_engine(any_db_url)
    doc = read_document(path)
    assert doc.warnings[0].startswith("已删除4个控制字符")
    stored = load_current(engine, save_document(engine, doc, path.name).plan_id)
    assert not _has_controls(stored)
    assert stored.tables[1].rows[0].name == GDP


@pytest.mark.postgres
def test_an_upload_with_a_nul_byte_is_stored_on_sqlite_and_postgresql(any_db_url):
    site = make_site(any_db_url)
    client = site.client()
    headers = bearer(client, "drc")
    response = client.post(
        "/api/plans?replace=true",
        files={"file": ("bad\x01.txt", _bad_report(), "text/plain")},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["document"]["warnings"][0].startswith("已删除4个控制字符")
    plan = client.get(f"/api/plans/{response.json()['plan_id']}", headers=headers).json()
    assert plan["tables"][1]["rows"][0]["name"] == GDP
    assert "\x01" not in str(client.get("/api/plans", headers=headers).json())


@pytest.mark.postgres
def test_entered_text_loses_control_characters_on_sqlite_and_postgresql(any_db_url):
    site = make_site(any_db_url)
    engine, gdp = site.app.state.engine, site.ids[GDP]
    client = site.client()
    admin = bearer(client, "admin")
    put = client.put(
        f"/api/indicators/{gdp}/department", json={"department": "统计\u0000局"}, headers=admin
    )
    assert put.status_code == 200 and put.json()["department"] == "统计局"
    tongji = bearer(client, "tongji")
    [printed] = list_observations(engine, gdp)  # the report's own 2024 actual
    body = {
        "version": printed.version,
        "period": {"year": 2024},
        "phrase": "增长\u00006.1%",
        "note": "初\u0007步",
        "source": "\u001b局",
    }
    entered = client.post(f"/api/indicators/{gdp}/observations", json=body, headers=tongji)
    assert entered.status_code == 201, entered.text
    [stored] = list_observations(engine, gdp)
    assert (stored.phrase, stored.note, stored.source) == ("增长6.1%", "初步", "局")
    form = site.client("tongji")
    saved = form.post(
        f"/indicators/{gdp}/entry",
        data={
            "csrf_token": csrf(form),
            "phrase": "增长6.2%\x01",
            "year": "2024",
            "note": "修\x7f订",
            "version": str(stored.version),
            "action": "save",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    [stored] = list_observations(engine, gdp)
    assert (stored.phrase, stored.note) == ("增长6.2%", "修订")
    assert get_indicator(engine, gdp).department == "统计局"


@pytest.mark.postgres
def test_review_comments_and_override_reasons_lose_them(any_db_url):
    site = make_site(any_db_url)
    engine, gdp = site.app.state.engine, site.ids[GDP]
    june = parse_period("2025-06")
    request_figures(engine, [gdp], [june], "drc")
    client = site.client()
    headers = bearer(client, "tongji")
    body = {"period": {"kind": "ytd", "year": 2025, "month": 6}, "phrase": "增长5.5%"}
    assert client.post(f"/api/indicators/{gdp}/observations", json=body, headers=headers).is_success
    request = period_requests(engine, [gdp], june)[gdp]
    assert review_request(engine, request.id, False, "口径\x00有误", "drc").comment == "口径有误"
    override = set_override(engine, gdp, june, "behind", "\x1b人工\x00判断", "drc")
    assert override is not None and override.reason == "人工判断"
    assert period_overrides(engine, [gdp], june)[gdp].reason == "人工判断"


def test_exports_of_a_plan_read_with_control_characters_open_again(tmp_path: Path):
    source = tmp_path / "bad.txt"
    source.write_bytes(_bad_report())
    engine = migrated_engine(f"sqlite:///{tmp_path / 'pw.sqlite'}")
    stored = load_current(engine, save_document(engine, read_document(source), "bad").plan_id)
    _check_exports(stored, tmp_path)


def test_a_plan_stored_before_the_cleaning_still_exports(sample_doc: PlanDocument, tmp_path):
    """Old data: a name holding control characters is cleaned by the writers themselves."""
    sample_doc.tables[0].rows[0].name = "地区生产\x01总\x00值"
    sample_doc.tables[0].rows[1].target = "\x0b保持基本稳定"
    _check_exports(sample_doc, tmp_path)


def _check_exports(doc: PlanDocument, folder: Path) -> None:
    for fmt, full in (("docx", False), ("xlsx", False), ("docx", True), ("xlsx", True)):
        out = folder / f"{fmt}-{full}.{fmt}"
        write_report(doc, out, year=2024, status=True, full=full)
        if fmt == "docx":
            texts = [cell.text for table in docx.Document(out).tables for cell in table._cells]
            texts += [p.text for p in docx.Document(out).paragraphs]
        else:
            workbook = load_workbook(out)
            texts = [str(c.value) for s in workbook for row in s.iter_rows() for c in row]
        assert GDP in texts and "保持基本稳定" in texts, (fmt, full)
        assert not any(CONTROL.search(t) for t in texts), (fmt, full)


def _patched_package(data: bytes, mark: bytes, replacement: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename).replace(mark, replacement))
    return out.getvalue()


def test_word_and_excel_files_holding_a_control_character_reference_are_refused():
    """XML cannot hold ``&#1;``: python-docx refuses to write one, so it is patched in."""
    document = docx.Document()
    document.add_paragraph("关于MARK的报告")
    buffer = io.BytesIO()
    document.save(buffer)
    bad_docx = _patched_package(buffer.getvalue(), b"MARK", b"&#x1;")
    with pytest.raises(UnsupportedDocument, match=r"Word 文件中的 XML 无效.*可能含有控制字符"):
        read_bytes(bad_docx, "bad.docx")
    workbook = Workbook()
    workbook.active.append(["指标名称", "MARK"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    bad_xlsx = _patched_package(buffer.getvalue(), b"MARK", b"&#x1;")
    with pytest.raises(UnsupportedDocument, match=r"Excel 文件中的 XML 无效.*可能含有控制字符"):
        read_bytes(bad_xlsx, "bad.xlsx")


@pytest.mark.postgres
def test_names_with_a_nul_sign_in_and_create_accounts_on_sqlite_and_postgresql(any_db_url):
    """PostgreSQL refuses a NUL even in a lookup: a name is cleaned before it is looked up."""
    site = make_site(any_db_url)
    client = site.client()
    signed = client.post("/api/session", json={"name": "adm\u0000in", "password": PASSWORD})
    assert signed.status_code == 200 and signed.json()["user"]["name"] == "admin"
    wrong = client.post("/api/session", json={"name": "no\u0000body", "password": PASSWORD})
    assert wrong.status_code == 401
    form = site.client()
    token = csrf(form)
    login = form.post("/login", data={"name": "x\x00", "password": "y" * 10, "csrf_token": token})
    assert login.status_code == 401
    admin = site.client("admin")
    created = admin.post(
        "/admin/users",
        data={
            "name": "环保\x00员",
            "password": PASSWORD,
            "role": "department",
            "department": "生态\x1b环境局",
            "csrf_token": csrf(admin),
        },
    )
    assert created.status_code == 200, created.text
    me = client.get("/api/me", headers=bearer(client, "环保员")).json()
    assert me == {"name": "环保员", "role": "department", "department": "生态环境局"}
