"""What reports and users wrote reaches the terminal as written: brackets in a file name, an
indicator name or a message are text, never rich markup (``[b]`` eaten, ``[parquet]`` lost)."""

from __future__ import annotations

from pathlib import Path


def test_a_file_name_with_brackets_is_printed_whole(cli, tmp_path: Path) -> None:
    result = cli("ingest", tmp_path / "[b]报告[1].txt")
    assert result.exit_code != 0
    assert "[b]报告[1].txt" in result.stderr


def test_an_indicator_name_with_brackets_is_printed_whole(cli, sample_variant) -> None:
    path = sample_variant("brackets.txt", ("\t地区生产总值\n", "\t地区生产总值[red]\n"))
    assert "地区生产总值[red]" in path.read_text(encoding="utf-8")
    result = cli("assess", path)
    assert result.exit_code == 0, result.stderr
    assert "地区生产总值[red]" in result.stdout


def test_an_error_message_keeps_its_brackets(cli, tmp_path: Path) -> None:
    result = cli("user", "role", "nobody", db=f"sqlite:///{tmp_path / 'u.db'}")
    assert result.exit_code != 0
    assert "[--department 部门]" in result.stderr
