"""The research panel (issue 12): pairing and judging on hand-labelled pairs, and national scale.

Run: ``.venv/bin/python benchmarks/bench_panel.py [--misses]`` for the labelled pairs, and
``.venv/bin/python benchmarks/bench_panel.py --scale [--places 3000 --years 10 --indicators 40]
[--postgres URL]`` for a synthetic national store (prints figures; not a test).

**Pairs.** ``tests/fixtures/panel/pairs.tsv`` is typed by hand from the documents of
``../shared/corpus/real`` (what an expert pairs: this target with that result, and the status
an expert gives). The panel is built from every document of the corpus plus the bundled sample
at once, so a pair must also survive the other documents. A labelled pair is *paired* when a
row of that place, year and indicator holds both labelled phrases, and *judged right* when its
status is the labelled one. Rows that pair a target with a result and have no label count
against precision.

**Scale.** 3,000 real divisions × 10 years × 40 catalogue indicators = 1.2M rows written to
``panel_rows`` (``store.replace_panel``), then, each in a fresh process so its peak memory is
its own: the whole panel exported to CSV and to Parquet, and the comparison page of one
indicator and year (3,000 rows) rendered 20 times in process. Each figure is printed beside a
reference measured in the same run: the export beside reading the same rows with the bare
driver cursor, the page beside the same query through SQLAlchemy without building or rendering.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

CORPUS = HERE.parent.parent / "shared" / "corpus" / "real"
PAIRS = HERE.parent / "tests" / "fixtures" / "panel" / "pairs.tsv"


# Pairs.


def load_pairs(path: Path = PAIRS) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def corpus_panel():
    from planwatch.ingest import SAMPLE_REPORT
    from planwatch.panel import build_panel
    from planwatch.sources import panel_documents

    files = [str(p) for p in sorted(CORPUS.glob("*.txt"))] + [str(SAMPLE_REPORT)]
    documents, failed = panel_documents(files)
    result = build_panel(documents)
    return result, failed, len(files) - len(failed)


def score_pairs(show_misses: bool) -> None:
    from planwatch.ingest.prose import same_reading
    from planwatch.panel.sides import indicator_key

    labels = load_pairs()
    start = time.perf_counter()
    result, failed, read = corpus_panel()
    seconds = time.perf_counter() - start
    rows = result.rows
    paired = judged = 0
    used: set[int] = set()
    notes: list[str] = []
    for label in labels:
        candidates = [
            (i, r)
            for i, r in enumerate(rows)
            if i not in used
            and r.jurisdiction == label["place"]
            and str(r.year) == label["year"]
            and indicator_key(r.indicator)[0] == indicator_key(label["indicator"])[0]
            and r.target
            and r.actual
            and same_reading(label["target"], r.target)
            and same_reading(label["actual"], r.actual, "actual")
        ]
        if not candidates:
            notes.append(f"not paired  {label['place']} {label['year']} {label['indicator']}")
            continue
        index, row = candidates[0]
        used.add(index)
        paired += 1
        if row.status_zh == label["status"]:
            judged += 1
        else:
            notes.append(
                f"misjudged   {label['place']} {label['year']} {label['indicator']}: "
                f"{row.status_zh}, expected {label['status']} ({row.reason})"
            )
    both = [i for i, r in enumerate(rows) if r.target and r.actual]
    extra = [i for i in both if i not in used]
    notes += [
        f"unlabelled  {rows[i].jurisdiction} {rows[i].year} {rows[i].indicator}" for i in extra
    ]
    print(
        f"documents: {read + len(failed)} ({len(failed)} unreadable, {len(result.refused)} of "
        f"the {read} read refused from the panel); read and built in {seconds:.2f} s"
    )
    print(f"rows: {len(rows)}; with target and result: {len(both)}")
    print(
        f"pairing: recall {paired}/{len(labels)} = {paired / len(labels):.1%}, "
        f"precision {len(both) - len(extra)}/{len(both)} = "
        f"{(len(both) - len(extra)) / max(1, len(both)):.1%}"
    )
    print(
        f"judging: {judged}/{paired} paired pairs given the labelled status "
        f"({judged / max(1, paired):.1%})"
    )
    if show_misses:
        print("\n".join(notes))
        for source, reason in result.refused:
            print(f"refused     {Path(source).name}: {reason[:80]}")


# Scale.

_TARGETS = ("增长{v}%左右", "增长{v}%以上", "{v}%左右", "控制在{v}%以内")


def synthetic_rows(places: int, years: int, indicators: int, seed: int = 7):
    """Real divisions (with their parents) × years × catalogue indicators, random figures."""
    from planwatch.model.panel import PanelRow
    from planwatch.phrases import CATALOGUE
    from planwatch.places import all_jurisdictions, lookup

    rng = random.Random(seed)
    divisions = all_jurisdictions()[:places]
    names = [entry.name for entry in CATALOGUE][:indicators]
    for division in divisions:
        parent = lookup(division.parent_code) if division.parent_code else None
        for year in range(2025 - years + 1, 2026):
            for name in names:
                value = round(rng.uniform(1, 9), 1)
                actual = round(value + rng.uniform(-2, 2), 1)
                met = actual >= value
                yield PanelRow(
                    jurisdiction=division.name,
                    code=division.code,
                    level=division.level,
                    parent=parent.name if parent else None,
                    parent_code=parent.code if parent else None,
                    year=year,
                    indicator=name,
                    canonical=name,
                    target=rng.choice(_TARGETS).format(v=value),
                    kind="growth",
                    comparator="approx",
                    target_value=value,
                    unit="%",
                    actual=f"增长{actual}%",
                    actual_value=actual,
                    quality="final",
                    status="met" if met else "not_met",
                    status_zh="完成" if met else "未完成",
                    margin=round(actual - value, 1),
                    reason="合成数据",
                    match="same",
                    target_source=f"{division.name}{year}年政府工作报告.txt",
                    target_where="正文第100字",
                    actual_source=f"{division.name}{year + 1}年政府工作报告.txt",
                    actual_where="正文第200字",
                )


def _child(step: str, url: str, out: str) -> dict[str, float]:
    """Run one measured step in a fresh process: its time and peak memory are its own."""
    command = [sys.executable, __file__, "--step", step, "--url", url, "--out", out]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_step(step: str, url: str, out: str) -> None:
    from planwatch.store import migrated_engine

    engine = migrated_engine(url)
    start = time.perf_counter()
    if step == "raw":
        with engine.connect() as connection:
            cursor = connection.connection.cursor()
            cursor.execute("SELECT * FROM panel_rows ORDER BY id")
            count = 0
            while chunk := cursor.fetchmany(5000):
                count += len(chunk)
    elif step in ("csv", "parquet"):
        from planwatch.panel import PanelFormat, write_panel
        from planwatch.store import iter_panel_rows

        write_panel(iter_panel_rows(engine), Path(out), PanelFormat(step))
        count = -1
    elif step in ("page", "query"):
        count = _pages(engine, step)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "count": count}))


def _pages(engine, step: str) -> int:
    """20 comparison pages (one indicator, one year: every division's row), or the query."""
    from planwatch.store import panel_rows

    if step == "query":
        for year in range(2016, 2026, 1):
            for _ in range(2):
                rows = panel_rows(engine, canonical="地区生产总值", year=year)
        return len(rows)
    from fastapi.testclient import TestClient

    from planwatch.store import set_panel_public
    from planwatch.web import create_app

    app = create_app(str(engine.url.render_as_string(hide_password=False)))
    set_panel_public(app.state.engine, True, "bench")
    client = TestClient(app)
    client.get("/panel", params={"indicator": "地区生产总值", "year": 2025})  # warm
    size = 0
    for year in range(2016, 2026, 1):
        for _ in range(2):
            page = client.get("/panel", params={"indicator": "地区生产总值", "year": year})
            assert page.status_code == 200
            size = len(page.content)
    return size


def build_rate(count: int = 300) -> None:
    """``build_panel`` over ``count`` plan reports (the sample under real divisions and years),
    beside ``assess_document`` judging the same 表1 rows: the panel's cost over judging."""
    from planwatch.assess import assess_document
    from planwatch.ingest import SAMPLE_REPORT, read_document
    from planwatch.model import Jurisdiction
    from planwatch.panel import SourcedDocument, build_panel
    from planwatch.places import all_jurisdictions

    sample = read_document(SAMPLE_REPORT)
    divisions = [d for d in all_jurisdictions() if d.level == "地级"][:count]
    documents = [
        SourcedDocument(
            sample.model_copy(update={"jurisdiction": Jurisdiction(name=d.name)}), f"{d.name}.txt"
        )
        for d in divisions
    ]
    for _ in range(2):  # the second run is the one reported: caches of phrases warm in both
        start = time.perf_counter()
        rows = build_panel(documents).rows
        built = time.perf_counter() - start
        start = time.perf_counter()
        for sourced in documents:
            assess_document(sourced.document)
        judged = time.perf_counter() - start
    print(
        f"build_panel over {len(documents)} plan reports ({len(rows):,} rows): {built:.2f} s "
        f"= {len(documents) / built:.0f} documents/s; reference (assess_document on the same "
        f"documents): {judged:.2f} s → ×{built / judged:.1f}"
    )


def scale(args: argparse.Namespace) -> None:
    from planwatch.store import migrated_engine, replace_panel

    folder = Path(tempfile.mkdtemp(prefix="bench-panel-"))
    urls = [("SQLite", f"sqlite:///{folder / 'panel.db'}")]
    if args.postgres:
        urls.append(("PostgreSQL", args.postgres))
    total = args.places * args.years * args.indicators
    print(
        f"synthetic panel: {args.places} divisions × {args.years} years × "
        f"{args.indicators} indicators = {total:,} rows"
    )
    for label, url in urls:
        engine = migrated_engine(url)
        start = time.perf_counter()
        count = replace_panel(
            engine, synthetic_rows(args.places, args.years, args.indicators), "bench"
        )
        print(f"\n{label}: stored {count:,} rows in {time.perf_counter() - start:.1f} s")
        raw = _child("raw", url, "")
        for step, name in (("csv", "panel.csv"), ("parquet", "panel.parquet")):
            out = folder / name
            figures = _child(step, url, str(out))
            print(
                f"  export {step:7}: {figures['seconds']:.1f} s, peak {figures['peak_mb']:.0f} MB, "
                f"{out.stat().st_size / 2**20:.0f} MB file; reference (driver cursor read "
                f"{raw['count']:,} rows): {raw['seconds']:.1f} s, peak {raw['peak_mb']:.0f} MB "
                f"→ ×{figures['seconds'] / raw['seconds']:.1f}"
            )
        page = _child("page", url, "")
        query = _child("query", url, "")
        print(
            f"  comparison page ({args.places:,} rows, {page['count'] / 1024:.0f} KB): "
            f"{page['seconds'] / 20 * 1000:.0f} ms each; reference (the same query alone): "
            f"{query['seconds'] / 20 * 1000:.0f} ms → ×{page['seconds'] / query['seconds']:.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="name every miss and extra")
    parser.add_argument("--scale", action="store_true", help="the synthetic national store")
    parser.add_argument("--places", type=int, default=3000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--postgres", help="also measure on this PostgreSQL URL (emptied)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        run_step(args.step, args.url, args.out)
    elif args.scale:
        build_rate()
        scale(args)
    else:
        score_pairs(args.misses)


if __name__ == "__main__":
    main()
