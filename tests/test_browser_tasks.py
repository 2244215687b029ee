"""The key tasks' commitments page in Debian's Chromium against a real server: an admin gives
a commitment to a department, the department signs in, sees only its own and reports it."""

from __future__ import annotations

import pytest

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.sources import save_document
from planwatch.store import migrated_engine
from planwatch.store.users import add_user
from test_web_support import PASSWORD, signed_in_page, start_server

pytestmark = pytest.mark.browser
VILLAGES = "13-1"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("tasks-browser") / "pw.sqlite"
    engine = migrated_engine(f"sqlite:///{db}")
    add_user(engine, "admin", PASSWORD, "admin", None)
    add_user(engine, "zhujian", PASSWORD, "department", "住建局")
    plan_id = save_document(engine, read_document(SAMPLE_REPORT), "sample").plan_id
    process, base = start_server(db)
    yield base, plan_id
    process.terminate()
    process.wait(10)


def test_assign_then_report_a_commitment(server, browser):
    base, plan_id = server
    admin = signed_in_page(browser, base, "admin")
    admin.goto(f"{base}/plans/{plan_id}")
    admin.click("a:has-text('重点任务')")
    admin.wait_for_load_state()
    assert admin.locator("#c tbody tr").count() == 8
    row = f"#c tr[data-key='{VILLAGES}']"
    admin.fill(f"{row} input[name=department]", "住建局")
    admin.click(f"{row} .department button")
    admin.wait_for_load_state()
    assert "交由住建局负责" in admin.inner_text("#message")

    department = signed_in_page(browser, base, "zhujian")
    department.goto(f"{base}/plans/{plan_id}/tasks")
    assert department.locator("#c tbody tr").count() == 1  # only its own commitment
    department.fill(f"{row} input[name=progress]", "完成190个")
    department.click(f"{row} .progress button")
    department.wait_for_load_state()
    assert department.get_attribute(row, "data-status") == "met"
    assert department.input_value(f"{row} input[name=progress]") == "完成190个"
    admin.reload()
    assert admin.inner_text(f"{row} .status").startswith("完成")
