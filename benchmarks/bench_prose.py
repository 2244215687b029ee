"""Recall and precision of the targets and results read from sentences (issue 11).

Run: ``.venv/bin/python benchmarks/bench_prose.py [--misses]`` (prints figures; not a test).

The answer key is ``tests/fixtures/prose/labels.tsv``, typed by hand from the 28 real
documents of ``../shared/corpus/real``. A label and an extracted item of the same document and
role match when their years agree, their phrases read the same (kind, comparator, value and
unit, by the grammar, so ``涨幅2%左右`` and ``2%左右`` agree) and their names agree (one holds
the other once 全省/全市 is taken off, or name and phrase together are the same clause).
Each label and each item is matched at most once. ``--misses`` lists what was missed and what
was extracted without a label, so each can be named.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from planwatch.errors import PlanwatchError  # noqa: E402
from planwatch.ingest import read_document  # noqa: E402
from planwatch.ingest.prose import same_indicator, same_reading  # noqa: E402
from planwatch.model import ProseItem  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus" / "real"
LABELS = HERE.parent / "tests" / "fixtures" / "prose" / "labels.tsv"
ROLES = ("target", "actual", "five_year")


@dataclass(frozen=True)
class Label:
    source: str
    role: str
    year: int | None
    name: str
    phrase: str
    note: str


def load_labels(path: Path = LABELS) -> list[Label]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [Label(s, r, int(y) if y else None, n, p, note) for s, r, y, n, p, note in rows]


def extracted(source: str) -> dict[str, list[ProseItem]]:
    try:
        document = read_document(CORPUS / source)
    except PlanwatchError:
        return {role: [] for role in ROLES}
    return {
        "target": document.prose_targets,
        "actual": document.prose_actuals,
        # the key's five_year rows are the goals and the results of a five-year period alike
        "five_year": [*document.five_year_goals, *document.five_year_results],
    }


def matches(label: Label, item: ProseItem) -> bool:
    if label.year and item.year and label.year != item.year:
        return False
    return same_reading(label.phrase, item.phrase, label.role) and same_indicator(
        label.name, label.phrase, item.name, item.phrase
    )


def score(labels: list[Label]) -> tuple[Counter, list[str]]:
    counts: Counter = Counter()
    notes: list[str] = []
    sources = sorted({label.source for label in labels} | {p.name for p in CORPUS.glob("*.txt")})
    for source in sources:
        found = extracted(source)
        for role in ROLES:
            wanted = [label for label in labels if label.source == source and label.role == role]
            items = list(found[role])
            unmatched = list(items)
            for label in wanted:
                hit = next((item for item in unmatched if matches(label, item)), None)
                if hit is not None:
                    unmatched.remove(hit)
                    counts[role, "hit"] += 1
                else:
                    notes.append(f"missed  {role:9} {source}: {label.name} | {label.phrase}")
            counts[role, "labels"] += len(wanted)
            counts[role, "items"] += len(items)
            counts[role, "matched items"] += len(items) - len(unmatched)
            notes += [f"extra   {role:9} {source}: {i.name} | {i.phrase}" for i in unmatched]
    return counts, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list misses and extras")
    args = parser.parse_args()
    labels = load_labels()
    counts, notes = score(labels)
    for role in ROLES:
        labelled, hits = counts[role, "labels"], counts[role, "hit"]
        items, right = counts[role, "items"], counts[role, "matched items"]
        recall = hits / labelled if labelled else 1.0
        precision = right / items if items else 1.0
        print(
            f"{role:9}: recall {hits}/{labelled} = {recall:.1%}, "
            f"precision {right}/{items} = {precision:.1%}"
        )
    start = time.perf_counter()
    read_document(CORPUS / "zhejiang_2026_gwr.txt")
    print(
        f"one provincial report (zhejiang_2026_gwr.txt, 68 KB) read in "
        f"{time.perf_counter() - start:.2f} s"
    )
    if args.misses:
        print("\n".join(notes))


if __name__ == "__main__":
    main()
