"""A whole corpus at once: directories, globs, bad documents that never stop the batch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from planwatch.ingest.batch import expand_paths, ingest_corpus

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three good reports in two folders, one that is no report, one broken Word file."""
    root = tmp_path / "corpus"
    (root / "2023").mkdir(parents=True)
    shutil.copy(LAYOUTS / "pipes.txt", root / "pipes.txt")
    shutil.copy(LAYOUTS / "half_year.txt", root / "2023" / "half_year.txt")
    shutil.copy(LAYOUTS / "two_level.html", root / "2023" / "page.html")
    (root / "2023" / "notice.txt").write_text(
        "关于召开会议的通知\n请准时参加。\n", encoding="utf-8"
    )
    (root / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (root / ".hidden.txt").write_text("not a document", encoding="utf-8")
    return root


def test_expand_paths_recurses_globs_dedupes_and_reports_unmatched(corpus):
    files, unmatched = expand_paths([str(corpus), str(corpus / "*.txt"), str(corpus / "nope*")])
    names = [f.relative_to(corpus).as_posix() for f in files]
    assert names == [
        "2023/half_year.txt",
        "2023/notice.txt",
        "2023/page.html",
        "broken.docx",
        "pipes.txt",
    ]
    assert unmatched == [str(corpus / "nope*")]


def test_bad_documents_do_not_stop_the_batch(corpus):
    files, _ = expand_paths([str(corpus)])
    seen = []
    result = ingest_corpus(files, progress=lambda r: seen.append(r.path.name))
    assert seen == [f.name for f in files]
    assert {r.path.name: r.ok for r in result.results} == {
        "half_year.txt": True,
        "notice.txt": False,
        "page.html": True,
        "broken.docx": False,
        "pipes.txt": True,
    }
    assert result.summary() == {
        "documents": 5,
        "read": 3,
        "failed": 2,
        "tables": 3,
        "rows": 11,
        "warnings": 0,
    }
    notice = next(r for r in result.failed if r.path.name == "notice.txt")
    assert notice.error.startswith("不是可识别的计划报告")


def test_cli_batch_prints_failures_and_summary_and_saves(cli, corpus, tmp_path):
    db = tmp_path / "pw.sqlite"
    result = cli("ingest", str(corpus), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "共5份文件：读取3份，失败2份；表格3个，指标11行，警告0条" in result.stdout
    assert "已保存：新增3份" in result.stdout
    assert f"失败 {corpus / 'broken.docx'}：文件已损坏或不完整" in result.stderr
    assert f"失败 {corpus / '2023' / 'notice.txt'}：不是可识别的计划报告" in result.stderr
    assert "Traceback" not in result.stderr
    listing = json.loads(cli("plans", "--json", "--db", str(db)).stdout)
    assert sorted(p["jurisdiction"] for p in listing) == ["临川区", "江州市", "江州市"]


def test_cli_batch_json_dry_run(cli, corpus, tmp_path):
    result = cli(
        "ingest", str(corpus / "**" / "*.html"), str(corpus / "pipes.txt"), "--json", "--dry-run"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["read"] == 2
    page = data["documents"][0]
    assert (page["jurisdiction"], page["tables"], page["rows"], page["plan_id"]) == (
        "江州市",
        1,
        3,
        None,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{corpus}/2023/notice.txt", "{corpus}/broken.docx"], "2份文件全部无法读取"),
        (["{corpus}/nothing-here-*"], "没有找到要读取的文件"),
    ],
)
def test_cli_batch_exits_non_zero_only_when_nothing_was_read(cli, corpus, args, message):
    result = cli("ingest", *(a.format(corpus=corpus) for a in args), "--dry-run")
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_cli_batch_shows_each_warning_with_its_file(cli, tmp_path):
    root = tmp_path / "warned"
    root.mkdir()
    shutil.copy(LAYOUTS / "pipes_cut.txt", root / "cut.txt")
    shutil.copy(LAYOUTS / "pipes.txt", root / "pipes.txt")
    result = cli("ingest", str(root), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["共2份文件：读取2份，失败0份；表格2个，指标11行，警告1条"]
    assert result.stderr.strip() == (  # stripped: the progress bar leaves a blank line
        f"警告 {root / 'cut.txt'}：表2在第6行处被截断：最后一行只有5个单元格（应为8个），"
        "内容“空气质量优良天数比率、%、82.5、-”未计入；已保留前5行完整数据"
    )
