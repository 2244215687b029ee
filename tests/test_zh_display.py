"""What people read is Chinese: audit values, actors, sources, Beijing times, the CLI's help."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.clock import beijing, beijing_today
from planwatch.sources import save_document
from planwatch.store import find_indicator, list_audit, plan_versions
from planwatch.web.templating import actor_zh, source_zh, value_zh

FAI = "固定资产投资"


def test_stored_utc_shows_as_beijing_time():
    assert beijing(dt.datetime(2026, 12, 2, 17, 30)) == "2026-12-03 01:30"  # the next day there
    assert beijing("2026-12-02 01:02:03", "%Y-%m-%d %H:%M:%S") == "2026-12-02 09:02:03"
    aware = dt.datetime(2026, 6, 1, 0, 0, tzinfo=dt.UTC)
    assert beijing(aware) == "2026-06-01 08:00"  # no daylight saving in summer
    assert beijing(None) == "" and beijing("") == ""
    assert (
        beijing_today()
        == dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=8))).date()
    )


def test_audit_values_in_chinese():
    assert value_zh("status", "created") == "新建"
    assert value_zh("status", "updated") == "更新"
    assert value_zh("status", "unchanged") == "未变"
    assert value_zh("role", "editor") == "发改委编辑"
    assert value_zh("result", "wrong_password") == "密码错误"
    assert value_zh("status", "behind") == "慢于序时"
    assert value_zh("status", "accepted") == "已采用"
    assert value_zh("source", "plan:1") == "计划 #1 的报告原表"
    assert value_zh("source", "plan:1:1") == "计划 #1 的表1"
    assert value_zh("name", "created") == "created"  # a name is never translated
    assert value_zh("indicator_id", 4) == "4"
    assert actor_zh("cli") == "命令行" and actor_zh("import") == "导入"
    assert actor_zh("import 2026-12-02") == "导入 2026-12-02"
    assert actor_zh("drc") == "drc"
    assert source_zh("统计局报表") == "统计局报表"


@pytest.fixture
def site(tmp_path, sample_doc):
    from test_web_support import make_site

    site = make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")
    engine = site.app.state.engine
    review = sample_doc.tables[0]
    rows = [
        r.model_copy(update={"actual": "增长2.0%"}) if r.name == FAI else r for r in review.rows
    ]
    tables = [review.model_copy(update={"rows": rows}), *sample_doc.tables[1:]]
    changed = sample_doc.model_copy(update={"tables": tables})
    save_document(engine, changed, "v2.txt", replace=True, actor="cli")
    return site


def _cells(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_audit_page_says_everything_in_chinese(site):
    page = site.client("drc").get("/audit")
    assert page.status_code == 200
    text = _cells(page.text)
    assert "时间（北京时间）" in text and "UTC" not in text
    assert "命令行" in text and ">cli<" not in page.text
    assert "<b>结果</b>：更新" in page.text  # the replacing upload's status
    for english in ("created", "updated", "indicator_id", "plan:", ">editor<"):
        assert english not in page.text, english
    newest = list_audit(site.app.state.engine)[0]
    moment = newest.at + dt.timedelta(hours=8)
    assert moment.strftime("%Y-%m-%d %H:%M:%S") in text


def test_indicator_history_in_chinese(site):
    engine = site.app.state.engine
    fai = find_indicator(engine, FAI).id
    page = site.client("drc").get(f"/indicators/{fai}")
    assert page.status_code == 200
    text = _cells(page.text)
    assert "指标编号" in text and "indicator_id" not in text
    assert "计划 #" in text and "plan:" not in text
    assert "命令行" in text or "导入" in text
    assert "import" not in text.replace("important", "")


def test_versions_page_and_command_in_beijing_time(site):
    engine = site.app.state.engine
    version = plan_versions(engine, site.plan_id)[0]
    there = (version.replaced_at + dt.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    page = site.client("drc").get(f"/plans/{site.plan_id}/versions")
    assert "北京时间" in page.text and there in page.text
    url = str(engine.url.render_as_string(hide_password=False))
    listed = CliRunner().invoke(
        app, ["versions", str(site.plan_id), "--db", url], env={"COLUMNS": "250"}
    )
    assert listed.exit_code == 0, listed.output
    assert "北京时间" in listed.output and there in listed.output


@pytest.mark.parametrize("command", [[], ["user"], ["versions"], ["ingest"], ["assess"]])
def test_help_is_in_chinese(command):
    shown = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "显示帮助并退出。" in shown.output
    assert "Show this message and exit" not in shown.output
    for english in ("<bool>", "<str>", "<int>", "<list[str]>", "[default:", "[required]"):
        assert english not in shown.output, english


def test_help_types_are_readable():
    shown = CliRunner().invoke(app, ["user", "--help"], env={"COLUMNS": "200"}).output
    flag = next(line for line in shown.splitlines() if "--password-stdin" in line)
    assert "文本" not in flag  # a flag takes no value: no type at all
    assert re.search(r"--role\s+文本", shown) and "[默认：viewer]" in shown
    listed = CliRunner().invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"}).output
    assert "文本…" in listed and "[必填]" in listed


def test_the_password_prompt_asks_again_in_chinese(tmp_path):
    from planwatch.store import migrated_engine
    from planwatch.store.users import add_user

    url = f"sqlite:///{tmp_path / 'pw.sqlite'}"
    add_user(migrated_engine(url), "drc", "correct-horse-9", "editor", None)
    runner = CliRunner()
    mismatch = "new-pass-123\nother-pass-456\nnew-pass-123\nnew-pass-123\n"
    result = runner.invoke(app, ["user", "passwd", "drc", "--db", url], input=mismatch)
    assert result.exit_code == 0, result.output
    assert "密码：" in result.output and "请再输入一次：" in result.output
    assert "两次输入的密码不一致" in result.output
    assert "Repeat for confirmation" not in result.output and "do not match" not in result.output


def test_sessions_and_late_list_in_beijing_time(site):
    client = site.client("drc")
    account = client.get("/account")
    assert account.status_code == 200
    assert "登录时间（北京时间）" in account.text and "UTC" not in account.text
    late = client.get("/late")
    assert late.status_code == 200 and f"截至{beijing_today().isoformat()}" in late.text
