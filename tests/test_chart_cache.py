"""The chart cache (issue 17): a report whose charts were drawn before needs no matplotlib,
and gives the very images a fresh drawing gives."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from planwatch.report.chart_cache import CACHE_ENV, chart_cache_dir
from planwatch.report.charts import ChartItem, draw_category

_REPORT = """
import sys
from pathlib import Path
from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.report import write_report
write_report(read_document(SAMPLE_REPORT), Path(sys.argv[1]), "docx", year=2024, full=True,
             status=True)
print("matplotlib" in sys.modules, "urllib.request" in sys.modules)
"""


def _report(out: Path, cache: str) -> str:
    env = {**os.environ, CACHE_ENV: cache}
    done = subprocess.run(
        [sys.executable, "-c", _REPORT, str(out)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _media(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as docx:
        return {n: docx.read(n) for n in docx.namelist() if n.startswith("word/media/")}


def test_a_report_in_a_new_process_reads_cached_charts_without_matplotlib(tmp_path) -> None:
    cache = tmp_path / "cache"
    assert _report(tmp_path / "drawn.docx", "off") == "True False"
    assert not cache.exists()
    assert _report(tmp_path / "first.docx", str(cache)) == "True False"  # drawn, then kept
    assert len(list(cache.glob("*.png"))) == 7
    assert _report(tmp_path / "cached.docx", str(cache)) == "False False"
    drawn, cached = _media(tmp_path / "drawn.docx"), _media(tmp_path / "cached.docx")
    assert len(drawn) == 7 and cached == drawn
    with (
        zipfile.ZipFile(tmp_path / "drawn.docx") as a,
        zipfile.ZipFile(tmp_path / "cached.docx") as b,
    ):
        assert a.read("word/document.xml") == b.read("word/document.xml")


def test_the_cache_keys_on_what_is_drawn(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert chart_cache_dir() == tmp_path
    item = ChartItem("地区生产总值", "完成", "#2E7D32", phrase="增长6%", target_phrase="增长5%以上")
    first = draw_category([item], ("png", "svg"))
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".png", ".svg"]
    assert draw_category([item], ("png", "svg")) == first
    other = draw_category(
        [ChartItem("地区生产总值", "未完成", "#C62828", phrase="增长4%")], ("png",)
    )
    assert other["png"] != first["png"] and len(list(tmp_path.glob("*.png"))) == 2


def test_a_damaged_cache_entry_is_drawn_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    item = ChartItem("城镇新增就业", "完成", "#2E7D32", phrase="新增18万人")
    first = draw_category([item], ("png", "svg"))
    next(tmp_path.glob("*.svg")).unlink()  # one format lost: the pair is drawn again
    again = draw_category([item], ("png", "svg"))
    assert again["png"] == first["png"]  # (an SVG's clip-path ids differ between drawings)
    assert again["svg"].startswith(b"<?xml") and len(list(tmp_path.glob("*.svg"))) == 1


@pytest.mark.parametrize("word", ["off", "0", "no"])
def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, word: str) -> None:
    monkeypatch.setenv(CACHE_ENV, word)
    assert chart_cache_dir() is None
    draw_category([ChartItem("粮食产量", "完成", "#2E7D32", phrase="完成")], ("png",))
