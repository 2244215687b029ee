"""Write the bundled example year: monthly 1-N月 figures for the sample's 2025 plan.

EXAMPLE DATA, NOT STATISTICS. Every line's 来源 says 示例数据, and every page and bulletin
built from it says so too. The figures are made deterministically (a fixed seed) so that the
README's bulletin command prints the same thing on every machine, and tests check that this
script reproduces the bundled file exactly:

    .venv/bin/python scripts/make_demo_year.py            # rewrite the bundled CSV
    .venv/bin/python scripts/make_demo_year.py --check    # exit 1 if it differs

The year is made to be worth monitoring: most indicators on schedule, retail sales and the
surface-water share slipping behind in the summer (the latter binding, so red), and three
cumulative indicators paced by last year's monthly path (2024, whose totals are the sample
report's own actuals: 41.75万人, 206家, 19.3万人).
"""

from __future__ import annotations

import csv
import io
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/planwatch/samples/demo-2025-monthly.csv"
SOURCE = "示例数据（scripts/make_demo_year.py 生成，非真实统计）"
MONTHS = range(1, 13)

# name → (start, end) of the year-to-date growth rate, %: a path from January to December.
GROWTH = {
    "地区生产总值": (5.6, 5.3),
    "固定资产投资": (1.2, 0.4),
    "社会消费品零售总额": (5.4, 3.9),
    "一般公共预算收入": (1.8, 0.6),
    "规上生产性服务业营业收入": (7.8, 7.2),
    "企业研究与试验发展经费投入": (8.6, 8.1),
}
# name → (start, end) of a level or share through the year, in its printed unit.
LEVEL = {
    "居民消费价格总水平涨幅": (0.1, 0.4, "%"),
    "高新技术产业产值占规模以上工业产值比重": (54.3, 55.2, "%"),
    "工业战略性新兴产业产值占工业总产值比重": (47.6, 47.4, "%"),
    "省考地表水达到或优于Ⅲ类水体比例": (96.0, 93.8, "%"),
    "有效高新技术企业数": (1.72, 1.83, "万家"),
    "城乡基本医保参保人数": (1148, 1156, "万人"),
    "每万人口高价值发明专利拥有量": (49.6, 54.2, "件"),
}
# name → (2024 total, 2025 total, unit, monthly profile peak month): cumulative figures.
CUMULATIVE = {
    "城镇新增就业人数": (41.75, 38.2, "万人", 4),
    "国家级专精特新“小巨人”企业数": (206, 190, "家", 7),
    "引留高校毕业生": (19.3, 20.9, "万人", 7),
}
AMOUNT = {"技术合同成交额": (1160.0, "亿元")}  # 2025 total; paced by the calendar


def _path(start: float, end: float, rng: random.Random, digits: int = 1) -> list[float]:
    return [
        round(start + (end - start) * (m - 1) / 11 + rng.uniform(-0.15, 0.15), digits)
        for m in MONTHS
    ]


def _profile(peak: int, rng: random.Random) -> list[float]:
    """Cumulative shares by month of a year whose hiring (or listing) peaks at ``peak``."""
    weights = [1.0 + 1.4 * max(0, 3 - abs(m - peak)) + rng.uniform(0, 0.3) for m in MONTHS]
    total, running, shares = sum(weights), 0.0, []
    for weight in weights:
        running += weight
        shares.append(running / total)
    return shares


def _number(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def rows() -> list[list[str]]:
    rng = random.Random(2025)
    out = []
    for name, (start, end) in GROWTH.items():
        for month, value in zip(MONTHS, _path(start, end, rng), strict=True):
            out.append([name, f"2025-{month:02d}", f"增长{_number(value, 1)}%"])
    for name, (start, end, unit) in LEVEL.items():
        digits = 2 if unit == "万家" else 1 if unit != "万人" else 0
        for month, value in zip(MONTHS, _path(start, end, rng, digits), strict=True):
            out.append([name, f"2025-{month:02d}", f"{_number(value, digits)}{unit}"])
    for name, (last, this, unit, peak) in CUMULATIVE.items():
        digits = 0 if unit == "家" else 2
        prefix = "新增" if unit == "家" else ""
        last_shares, this_shares = _profile(peak, rng), _profile(peak, rng)
        for month, share in zip(MONTHS, last_shares, strict=True):
            if month < 12:
                amount = _number(last * share, digits)
                out.append([name, f"2024-{month:02d}", f"{prefix}{amount}{unit}"])
        out.append([name, "2024", f"{prefix}{_number(last, digits)}{unit}"])
        for month, share in zip(MONTHS, this_shares, strict=True):
            out.append(
                [name, f"2025-{month:02d}", f"{prefix}{_number(this * share, digits)}{unit}"]
            )
    for name, (total, unit) in AMOUNT.items():
        for month in MONTHS:
            amount = total * month / 12 * (0.92 + 0.08 * month / 12)
            out.append([name, f"2025-{month:02d}", f"{_number(amount, 1)}{unit}"])
    return out


def render() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["指标名称", "期间", "完成情况", "质量", "来源"])
    for name, period, phrase in rows():
        writer.writerow([name, period, phrase, "final", SOURCE])
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("示例数据与脚本一致" if same else f"示例数据与脚本不一致：{OUT}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"已写入 {OUT}（{text.count(chr(10)) - 1}行示例数据）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
