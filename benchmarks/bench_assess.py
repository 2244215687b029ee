"""Parse and assess 1,000,000 target/actual pairs drawn from realistic phrases.

Run: ``.venv/bin/python benchmarks/bench_assess.py [--pairs 1000000] [--distinct 5000]``
(prints figures; not a test).

The pairs are what a panel of many jurisdictions and years looks like: the sample's 45 rows
as printed, plus rows of common indicators with the target forms and numbers plans use
(``增长5.5%左右``, ``53.3%左右``, ``新增150家以上``, ``1050亿元左右``, bare numbers under a
``增长(%)`` header, full-width digits), actuals around their targets (``增长4.8%``,
``20170.45亿元,增长3.4%``, ``预计4.54个``, ``待省反馈``), qualitative, external, relative and
compound targets. ``--distinct`` rows are generated; 1,000,000 draws from them follow a Zipf
law, since real phrases repeat (a handful of forms make most of any report).

Three figures: the *cold* rate (every distinct pair parsed and judged once, caches empty); the
*run* (all draws, one ``assess_pair`` call each, caches filling as they go); and the *batch*
(all draws through ``assess_pairs``, which judges each distinct pair once and looks repeats up:
how a panel should be assessed). Wall-clock and CPU seconds are both printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from itertools import accumulate
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import planwatch.assess.engine as engine  # noqa: E402
from planwatch.assess import assess_pair, assess_pairs  # noqa: E402
from planwatch.ingest import SAMPLE_REPORT, read_document  # noqa: E402
from planwatch.phrases import parse_actual, parse_target  # noqa: E402
from planwatch.phrases.grammar import prepare  # noqa: E402
from planwatch.phrases.shapes import read_numeric, read_relative, read_share  # noqa: E402
from planwatch.phrases.tokens import tokenize  # noqa: E402

Row = tuple[str, str, str, str | None]  # name, target, actual, unit hint

GROWTH = [
    "地区生产总值",
    "固定资产投资",
    "社会消费品零售总额",
    "一般公共预算收入",
    "规上工业增加值",
]
GROWTH += ["服务业增加值", "进出口总额", "规上生产性服务业营业收入", "居民人均可支配收入"]
SHARES = ["高新技术产业产值占规模以上工业产值比重", "常住人口城镇化率", "空气质量优良天数比例"]
SHARES += ["全社会研究与试验发展经费支出占地区生产总值的比重", "城乡基本养老保险参保缴费率"]
COUNTS = [
    ("国家级专精特新“小巨人”企业数", "家"),
    ("城镇新增就业人数", "万人"),
    ("引留高校毕业生", "万人"),
]
WORDS = [
    ("制造业增加值占地区生产总值比重", "保持基本稳定", "保持基本稳定"),
    ("PM2.5浓度", "完成省下达任务", "完成"),
    ("耕地保有量", "完成省下达任务", "完成"),
    ("居民人均可支配收入", "与经济增长基本同步", "与经济增长基本同步"),
    ("城乡居民收入倍差", "稳步降低", "稳步降低，全年收入比缩小至1.77:1"),
    ("安全生产", "不发生重特大生产安全责任事故", "重特大生产安全责任事故起数为0"),
    ("进出口总额", "占全省全国比重保持稳定", "占全省比重基本持平，占全国比重提升0.1个百分点"),
    ("新增高新技术企业数", "净增1500家以上，总量增长10%", "净增1500家以上，总量增长10%以上"),
    ("工业战略性新兴产业产值占工业总产值比重", "46.2%左右", "待省反馈"),
    ("人才资源总量", "407万人", "预计可以完成"),
]
FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _row(rng: random.Random) -> Row:
    """One realistic row of some jurisdiction and year."""
    kind = rng.random()
    if kind < 0.45:
        goal = rng.choice([4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8])
        actual = round(goal + rng.randint(-25, 25) / 10, 1)
        verb = "增长" if actual >= 0 else "下降"
        target = f"增长{goal}%{rng.choice(['以上', '左右', ''])}"
        shown = f"{verb}{abs(actual)}%"
        if rng.random() < 0.2:
            shown = f"{rng.randint(500, 30000)}.{rng.randint(0, 9)}亿元,{shown}"
        if rng.random() < 0.1:
            return rng.choice(GROWTH), f"{goal}左右", str(actual), "目标增长(%)"
        if rng.random() < 0.05:
            target, shown = target.translate(FULL_WIDTH), shown.translate(FULL_WIDTH)
        return rng.choice(GROWTH), target, shown, None
    if kind < 0.65:
        goal = rng.randint(300, 950) / 10
        actual = round(goal + rng.randint(-20, 20) / 10, 1)
        return rng.choice(SHARES), f"{goal}%{rng.choice(['左右', '以上', ''])}", f"{actual}%", None
    if kind < 0.8:
        name, unit = rng.choice(COUNTS)
        goal = rng.randint(10, 400)
        return name, f"新增{goal}{unit}以上", f"新增{goal + rng.randint(-20, 60)}{unit}", None
    if kind < 0.9:
        return (*rng.choice(WORDS), None)
    goal = rng.randint(3, 6)
    return (
        "每千人口拥有3岁以下婴幼儿托位数",
        f"{goal}个",
        f"预计{goal + rng.randint(-5, 9) / 10}个",
        None,
    )


def build_rows(distinct: int, seed: int = 2024) -> list[Row]:
    """The sample's own 45 rows, then generated ones, ``distinct`` in all (no duplicates)."""
    table = read_document(SAMPLE_REPORT).tables[0]
    rows = {(r.name, r.target or "", r.actual or "", r.unit): None for r in table.rows}
    rng = random.Random(seed)
    while len(rows) < distinct:
        rows.setdefault(_row(rng), None)
    return list(rows)


def draws(rows: list[Row], pairs: int, seed: int = 7) -> list[Row]:
    """``pairs`` rows drawn with Zipf weights (rank r has weight 1/r)."""
    rng = random.Random(seed)
    order = rows[:]
    rng.shuffle(order)
    weights = list(accumulate(1 / rank for rank in range(1, len(order) + 1)))
    return rng.choices(order, cum_weights=weights, k=pairs)


def _clear() -> None:
    judgements = [getattr(engine, n) for n in ("_assess", "_judge_phrases") if hasattr(engine, n)]
    caches = (parse_target, parse_actual, read_numeric, read_relative, read_share)
    for cached in (*judgements, *caches, tokenize, prepare):
        cached.cache_clear()


def run(rows: list[Row]) -> tuple[float, float]:
    """Wall-clock and CPU seconds to parse and assess every row (CPU time is the figure to
    trust when other work shares the machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for name, target, actual, hint in rows:
        assess_pair(target, actual, name=name, unit_hint=hint)
    return time.perf_counter() - wall, time.process_time() - cpu


def run_batch(rows: list[Row]) -> tuple[float, float]:
    """The same through ``assess_pairs``, which looks a repeated pair up instead of calling."""
    wall, cpu = time.perf_counter(), time.process_time()
    assess_pairs(rows)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=int, default=5_000)
    parser.add_argument("--speed", action="store_true", help="issue 17's figures (see speed())")
    parser.add_argument("--reference-src", help="with --speed: another tree's src to compare")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1000, help="with --speed: 45 rows each")
    args = parser.parse_args()
    if args.speed:
        speed(args.reference_src, args.repeats, args.copies)
        return
    rows = build_rows(args.distinct)
    drawn = draws(rows, args.pairs)
    seen = len(set(drawn))
    _clear()
    cold, cold_cpu = run(rows)
    _clear()
    total, total_cpu = run(drawn)
    _clear()
    batch, batch_cpu = run_batch(drawn)
    sys.stdout.write(
        f"cold: {len(rows):,} distinct pairs in {cold:.2f} s (CPU {cold_cpu:.2f} s),"
        f" {len(rows) / cold:,.0f} pairs/s\n"
        f"run:  {args.pairs:,} pairs ({seen:,} distinct) parsed and assessed in {total:.2f} s"
        f" (CPU {total_cpu:.2f} s), {args.pairs / total:,.0f} pairs/s, caches empty at start\n"
        f"batch: the same {args.pairs:,} pairs through assess_pairs in {batch:.2f} s"
        f" (CPU {batch_cpu:.2f} s), {args.pairs / batch:,.0f} pairs/s, caches empty at start\n"
    )


# --- issue 17: cold parsing of distinct phrases, and a 45,000-row table -------------------------
#
# ``--speed [--reference-src DIR] [--repeats 3]`` measures both in fresh processes, alternating
# with the same measurement on another source tree (a ``git worktree`` of an older commit, say),
# and prints each figure beside it with the ratio: the machine is shared, so only figures taken
# in the same minutes compare.

_SPEED = r"""
import gc, json, sys, time
sys.path.insert(0, {src!r})
sys.path.insert(0, {here!r})
from pathlib import Path
from planwatch.phrases import parse_actual, parse_target
from planwatch.ingest import read_document
from planwatch.assess import assess_table
from bench_assess import build_rows, _clear
rows = build_rows(20000, seed=17)
phrases = list(dict.fromkeys((t, h) for _, t, _, h in rows))
parse_target("增长5%以上"); parse_actual("增长5%")
_clear()
cpu = time.process_time()
for phrase, hint in phrases:
    parse_target(phrase, hint)
cold = len(phrases) / (time.process_time() - cpu)
cpu, wall = time.process_time(), time.perf_counter()
doc = read_document(Path({table!r}))
judged = assess_table(doc.tables[0])
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({{"phrases": len(phrases), "per_s": cold, "rows": len(judged),
                  "table_cpu": cpu, "table_wall": wall}}))
"""


def _big_table_file(folder: Path, copies: int) -> Path:
    """The sample's 表1 ``copies`` times as one pipe table (45 rows a copy), each copy's names
    prefixed with a district (甲乙丙区…), so names repeat across copies only as real ones do."""
    sys.path.insert(0, str(HERE.parent / "tests"))
    from test_ingest_formats_writers import TEXT_WRITERS

    sample = read_document(SAMPLE_REPORT)
    table = sample.tables[0]
    letters = "甲乙丙丁戊己庚辛壬癸"

    def district(k: int) -> str:
        return letters[k // 100 % 10] + letters[k // 10 % 10] + letters[k % 10] + "区" if k else ""

    rows = [
        r.model_copy(update={"name": district(k) + r.name})
        for k in range(copies)
        for r in table.rows
    ]
    big = sample.model_copy(update={"tables": [table.model_copy(update={"rows": rows})]})
    path = folder / "table.txt"
    path.write_text(TEXT_WRITERS["pipes"](big), encoding="utf-8")
    return path


def speed_figures(reference: str | None, repeats: int, copies: int = 1000) -> dict[str, list[dict]]:
    """Each tree's runs (fresh processes, alternating): distinct phrases parsed cold per CPU
    second (``per_s``), and the big table's rows read and judged (``table_cpu``/``_wall``)."""
    import json
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        table = _big_table_file(Path(folder), copies)
        trees = {"this tree": str(HERE.parent / "src")}
        if reference:
            trees["reference"] = reference
        found: dict[str, list[dict]] = {name: [] for name in trees}
        for _ in range(repeats):
            for name, src in trees.items():
                code = _SPEED.format(src=src, here=str(HERE), table=str(table))
                done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
                if done.returncode != 0:
                    sys.exit(f"{name}: {done.stderr}")
                found[name].append(json.loads(done.stdout))
    return found


def speed(reference: str | None, repeats: int, copies: int = 1000) -> None:
    import statistics

    found = speed_figures(reference, repeats, copies)
    for name, runs in found.items():
        rates = ", ".join(f"{r['per_s']:,.0f}" for r in runs)
        tables = ", ".join(f"{r['table_cpu']:.2f}/{r['table_wall']:.2f}" for r in runs)
        count = runs[0]["phrases"]
        print(f"{name}: cold parse of {count:,} distinct targets: {rates} phrases/s (CPU)")
        print(f"{name}: {runs[0]['rows']:,}-row table read and judged, CPU/wall s: {tables}")
    if reference:
        new, old = found["this tree"], found["reference"]
        parse = [n["per_s"] / o["per_s"] for n, o in zip(new, old, strict=True)]
        table_ratio = [o["table_cpu"] / n["table_cpu"] for n, o in zip(new, old, strict=True)]
        each = ", ".join(f"x{r:.2f}" for r in parse)
        print(f"cold parsing: median x{statistics.median(parse):.2f} of the reference ({each})")
        print(
            f"table: median x{statistics.median(table_ratio):.2f} faster (CPU) than the reference"
        )


if __name__ == "__main__":
    main()
