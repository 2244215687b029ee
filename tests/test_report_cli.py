"""``planwatch report`` and ``planwatch narrative`` as a user runs them: output, files, exits."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from docx import Document


def test_report_writes_the_table_and_says_so(cli, sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "表1.docx"
    result = cli("report", str(sample_path), "--year", "2024", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "已生成 表1  2024年苏州市经济社会发展主要预期目标完成情况：45项指标，7类",
        f"  → {out}",
    ]
    assert len(Document(str(out)).tables[0].rows) == 46


def test_full_report_from_a_stored_plan_with_chart_files(cli, sample_path, tmp_path, sqlite_url):
    assert cli("ingest", str(sample_path), "--db", sqlite_url).returncode == 0
    out, charts = tmp_path / "完整报告.docx", tmp_path / "图表"
    result = cli(
        "report", "苏州市2025", "--year", "2024", "--full", "-o", str(out),
        "--charts", str(charts), "--db", sqlite_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "含评估小结与完成情况段落、7张图表" in result.stdout
    assert len(list(charts.glob("*.png"))) == 7 and len(list(charts.glob("*.svg"))) == 7
    assert len(Document(str(out)).inline_shapes) == 7


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--year", "2024", "-o", "x.pdf"], 2, "错误：不支持的报告格式“pdf”"),
        (["--year", "2019", "-o", "x.docx"], 6, "没有2019年的指标表"),
    ],
)
def test_report_errors_are_chinese_with_exit_codes(cli, sample_path, tmp_path, args, code, message):
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    result = cli("report", str(sample_path), *args)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_report_of_an_unknown_plan(cli, tmp_path: Path) -> None:
    result = cli("report", "无此计划", "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 5 and "既不是文件，也不是已存计划" in result.stderr


def test_narrative_prints_the_paragraph(cli, sample_path: Path) -> None:
    result = cli("narrative", str(sample_path), "--year", "2024")
    assert result.returncode == 0, result.stderr
    heading, paragraph, summary, shortfalls = result.stdout.strip().split("\n\n")
    assert heading == "（一）主要计划目标完成情况"
    assert paragraph.startswith("对照市十七届人大三次会议确定的45个主要指标年度目标：")
    assert summary == "45项指标中，36项完成，2项未完成，3项待省反馈，4项预计完成。"
    assert shortfalls.startswith("未完成的指标（2项）：")


def test_narrative_json_and_file(cli, sample_path: Path, tmp_path: Path) -> None:
    data = json.loads(cli("narrative", str(sample_path), "--json").stdout)
    assert set(data) == {"heading", "paragraph", "summary", "shortfalls"}
    out = tmp_path / "段落.txt"
    assert cli("narrative", str(sample_path), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").split("\n\n")[1] == data["paragraph"]


def test_narrative_of_a_plan_year_explains(cli, sample_path: Path) -> None:
    result = cli("narrative", str(sample_path), "--year", "2025")
    assert result.returncode == 6
    assert "是2025年的计划目标表，没有完成情况" in result.stderr and "--year 2024" in result.stderr


DOCS = Path(__file__).parent.parent / "docs" / "report.md"
TEMPLATES = Path(__file__).parent.parent / "src" / "planwatch" / "report" / "templates"


@pytest.mark.parametrize("command", ["report", "narrative"])
def test_every_option_and_template_is_documented(command: str) -> None:
    import typer.main

    from planwatch.cli import app

    docs = DOCS.read_text(encoding="utf-8")
    click_command = typer.main.get_command(app).commands[command]
    options = [o for p in click_command.params for o in p.opts if o.startswith("--")]
    assert f"planwatch {command} PATH_OR_PLAN" in docs
    assert [o for o in options if o not in docs] == []
    assert [t.name for t in TEMPLATES.glob("*.j2") if f"`{t.name}`" not in docs] == []


def test_output_in_a_missing_folder_is_refused_not_made(cli, sample_path, tmp_path):
    missing = tmp_path / "无此目录" / "子目录"
    for command in (
        ["report", str(sample_path), "--year", "2024", "-o", str(missing / "a.docx")],
        ["narrative", str(sample_path), "--year", "2024", "-o", str(missing / "a.txt")],
        [
            "bulletin",
            "苏州市2025",
            "--period",
            "2025-06",
            "-f",
            "html",
            "-o",
            str(missing / "a.html"),
        ],
    ):
        result = cli(*command)
        assert (result.returncode, result.stdout) == (1, ""), command
        assert result.stderr == (
            f"错误：输出文件夹“{missing}”不存在，请先建好它或换一个路径\n"
            f"Error: output folder {missing} does not exist\n"
        )
    assert not (tmp_path / "无此目录").exists()


def test_output_path_that_is_a_folder_is_refused(cli, sample_path, tmp_path):
    folder = tmp_path / "a.docx"
    folder.mkdir()
    result = cli("report", str(sample_path), "--year", "2024", "-o", str(folder))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"错误：输出路径“{folder}”是一个文件夹\nError: output path {folder} is a folder\n"
    )
    assert list(folder.iterdir()) == []


def test_a_templates_folder_missing_or_without_templates_is_refused(cli, sample_path, tmp_path):
    names = (
        "bulletin.html.j2、narrative.txt.j2、report.html.j2、shortfalls.txt.j2、summary.txt.j2、"
    )
    names += "table.md.j2"
    empty = tmp_path / "空模板"
    empty.mkdir()
    (empty / "narative.txt.j2").write_text("typo in the name", encoding="utf-8")
    out = tmp_path / "a.md"
    for command in ("report", "narrative"):
        gone = cli(command, str(sample_path), "--year", "2024", "-o", str(out),
                   "--templates", str(tmp_path / "nonexist"))  # fmt: skip
        assert (gone.returncode, gone.stdout) == (1, "")
        assert gone.stderr == (
            f"错误：模板目录“{tmp_path / 'nonexist'}”不存在\n"
            f"Error: templates folder {tmp_path / 'nonexist'} does not exist\n"
        )
        bare = cli(command, str(sample_path), "--year", "2024", "-o", str(out),
                   "--templates", str(empty))  # fmt: skip
        assert (bare.returncode, bare.stdout) == (1, "")
        assert bare.stderr.splitlines()[0] == (
            f"错误：模板目录“{empty}”中没有模板（可用的模板文件名：{names}）"
        )
    assert not out.exists()


def test_report_files_are_made_as_the_umask_says(cli, sample_path, tmp_path):
    previous = os.umask(0o022)
    try:
        for name in ("t.docx", "t.xlsx", "t.html", "t.md"):
            out = tmp_path / name
            assert cli("report", str(sample_path), "--year", "2024", "-o", str(out)).returncode == 0
            assert stat.S_IMODE(out.stat().st_mode) == 0o644, name
    finally:
        os.umask(previous)
