"""The CLI of the web app: ``planwatch user``, ``planwatch db upgrade``, ``planwatch serve``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app

runner = CliRunner()


def test_user_add_with_password_on_stdin(tmp_path):
    db = str(tmp_path / "pw.sqlite")
    result = runner.invoke(
        app,
        [
            "user",
            "add",
            "统计员",
            "--role",
            "department",
            "--department",
            "统计局",
            "--password-stdin",
            "--db",
            db,
        ],
        input="long-enough-pass\n",
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["user", "list", "--json", "--db", db])
    assert json.loads(listed.stdout) == [
        {"name": "统计员", "role": "department", "department": "统计局"}
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "boss"], "未知角色“boss”"),
        (["--role", "department"], "责任部门用户必须指定部门"),
    ],
)
def test_user_add_refuses_bad_accounts(tmp_path, args, message):
    command = ["user", "add", "x", *args, "--password-stdin", "--db", str(tmp_path / "p.db")]
    result = runner.invoke(app, command, input="long-enough-pass\n")
    assert result.exit_code == 7
    assert message in result.output and "Traceback" not in result.output


def test_db_upgrade_reports_the_revision(tmp_path):
    result = runner.invoke(app, ["db", "upgrade", "--db", str(tmp_path / "pw.sqlite")])
    assert result.exit_code == 0, result.output
    assert "数据库已是最新结构" in result.stdout


def test_serve_help_names_its_options():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert all(option in result.stdout for option in ("--host", "--port", "--db"))


DOCS = Path(__file__).parent.parent / "docs"


def test_every_api_operation_is_documented(tmp_path):
    from planwatch.web import create_app

    api_doc = (DOCS / "api.md").read_text(encoding="utf-8")
    paths = create_app(f"sqlite:///{tmp_path / 'pw.sqlite'}").openapi()["paths"]
    missing = [
        f"{method.upper()} {path}"
        for path, methods in paths.items()
        for method in methods
        if f"| {method.upper()} | `{path}` |" not in api_doc
    ]
    assert missing == []


def test_web_commands_are_documented():
    web_doc = (DOCS / "web.md").read_text(encoding="utf-8")
    for command in ("planwatch serve", "planwatch user add", "planwatch db upgrade"):
        assert command in web_doc


def test_serve_on_a_busy_port_fails_in_chinese_before_starting(cli, tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("serve", "--port", str(port), db=tmp_path / "pw.sqlite")
    assert result.exit_code == 12, result.stderr
    assert f"端口{port}已被占用" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "pw.sqlite").exists()  # refused before the database was touched
