"""The chart cache is bounded (issue 17): past its number of entries or its megabytes the
charts used least recently are removed when a new one is written, a PNG and its SVG together."""

from __future__ import annotations

import os
import time
from pathlib import Path

from planwatch.report.chart_cache import (
    CACHE_ENV,
    MAX_ENTRIES_ENV,
    MAX_MB_ENV,
    cache_limits,
    evict,
)
from planwatch.report.charts import ChartItem, draw_category


def _entry(folder: Path, key: str, age: float, size: int = 10, fmts=("png",)) -> None:
    when = time.time() - age
    for fmt in fmts:
        path = folder / f"{key}.{fmt}"
        path.write_bytes(b"x" * size)
        os.utime(path, (when, when))


def test_the_oldest_entries_go_first_past_the_count(tmp_path) -> None:
    for n in range(6):
        _entry(tmp_path, f"k{n}", age=100 - n * 10)  # k0 oldest, k5 newest
    assert evict(tmp_path, max_entries=4, max_bytes=10**9) == 2
    assert sorted(p.stem for p in tmp_path.iterdir()) == ["k2", "k3", "k4", "k5"]
    assert evict(tmp_path, max_entries=4, max_bytes=10**9) == 0  # within bounds: nothing


def test_a_png_and_its_svg_are_one_entry_and_go_together(tmp_path) -> None:
    _entry(tmp_path, "old", age=50, fmts=("png", "svg"))
    _entry(tmp_path, "mid", age=30, fmts=("png", "svg"))
    _entry(tmp_path, "new", age=10, fmts=("png", "svg"))
    assert evict(tmp_path, max_entries=2, max_bytes=10**9) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "mid.png",
        "mid.svg",
        "new.png",
        "new.svg",
    ]


def test_the_size_bound_removes_until_it_fits(tmp_path) -> None:
    for n in range(5):
        _entry(tmp_path, f"k{n}", age=100 - n, size=1000)
    evict(tmp_path, max_entries=100, max_bytes=2500)
    assert sorted(p.stem for p in tmp_path.iterdir()) == ["k3", "k4"]
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= 2500


def test_stale_part_files_are_removed_and_fresh_ones_kept(tmp_path) -> None:
    stale, fresh = tmp_path / "a.png.1.part", tmp_path / "b.png.2.part"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    then = time.time() - 7200
    os.utime(stale, (then, then))
    evict(tmp_path, max_entries=10, max_bytes=10**9)
    assert not stale.exists() and fresh.exists()


def test_a_chart_read_from_the_cache_is_kept_over_an_unused_one(tmp_path, monkeypatch) -> None:
    """Real charts, a real cache folder: a hit marks the chart as used, so the next write
    evicts the other one (least recently used), not the one just read."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    monkeypatch.setenv(MAX_ENTRIES_ENV, "2")
    first = [ChartItem("地区生产总值", "完成", "#2E7D32", phrase="增长6%")]
    second = [ChartItem("城镇新增就业", "完成", "#2E7D32", phrase="新增18万人")]
    third = [ChartItem("粮食产量", "未完成", "#C62828", phrase="减产")]
    drawn = draw_category(first, ("png",))
    second_png = draw_category(second, ("png",))["png"]
    assert len(list(tmp_path.glob("*.png"))) == 2
    long_ago = time.time() - 1000
    for path in tmp_path.glob("*.png"):
        os.utime(path, (long_ago, long_ago))
    first_file = next(p for p in tmp_path.glob("*.png") if p.read_bytes() == drawn["png"])
    assert draw_category(first, ("png",)) == drawn  # a hit: marked as just used
    assert first_file.stat().st_mtime > long_ago + 500
    third_png = draw_category(third, ("png",))["png"]  # a third entry: the unused second goes
    kept = {p.read_bytes() for p in tmp_path.glob("*.png")}
    assert kept == {drawn["png"], third_png} and second_png not in kept


def test_the_limits_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.delenv(MAX_ENTRIES_ENV, raising=False)
    monkeypatch.delenv(MAX_MB_ENV, raising=False)
    assert cache_limits() == (2000, 64 * 1024 * 1024)
    monkeypatch.setenv(MAX_ENTRIES_ENV, "50")
    monkeypatch.setenv(MAX_MB_ENV, "1.5")
    assert cache_limits() == (50, int(1.5 * 1024 * 1024))
    monkeypatch.setenv(MAX_ENTRIES_ENV, "many")
    assert cache_limits()[0] == 2000
