"""Regular expressions that scan text, each beside the one pattern it replaced (issue 17).

Run: ``.venv/bin/python benchmarks/bench_scans.py [--repeats 7]`` (prints figures; not a
test). Python's regex engine skips to the characters a pattern can begin with only when every
alternative of it begins with a character; a pattern of alternatives wrapped in groups, or one
that begins with a look behind or a class, is tried whole at every character. Each line times
a scan as the readers make it and, in the same run, the single pattern it was before (rebuilt
here from the same parts), and gives the ratio; the best of ``--repeats`` runs of each, since
the machine is shared.

- the key words of the grammar, on the 45,000 names of the big-table benchmark;
- the site furniture test, on the lines of the big table's text;
- the review's scan for indicator names, on the sample's text;
- the key tasks' commitments of the sample, with and without the number test before the
  tokenizer (caches emptied each run: every clause of a new document is new).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from planwatch.ingest import SAMPLE_REPORT, read_document  # noqa: E402


def _best(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _line(what: str, new: float, old: float, per: str, count: int) -> None:
    print(
        f"{what}: {new / count * 1e6:.2f} µs {per}; the one pattern before: "
        f"{old / count * 1e6:.2f} µs (×{old / new:.1f})"
    )


def key_words(repeats: int) -> None:
    from planwatch.phrases.families import FAMILIES
    from planwatch.phrases.grammar import prepare
    from planwatch.phrases.lexicon import lexicon
    from planwatch.phrases.numbers import NO_UNIT_HINT
    from planwatch.phrases.target import _key_words

    table = read_document(SAMPLE_REPORT).tables[0]
    letters = "甲乙丙丁戊己庚辛壬癸"
    names = [
        letters[k // 100 % 10] + letters[k // 10 % 10] + letters[k % 10] + "区" + row.name
        for k in range(1000)
        for row in table.rows
    ]
    cores = [prepare(name, NO_UNIT_HINT).core for name in names]
    patterns = [entry.needs.pattern for entry in FAMILIES if entry.needs is not None]
    patterns.append(lexicon().alternation("filler", "respectively"))
    before = re.compile("|".join(f"(?:{p})" for p in patterns))
    now = _key_words() or ()
    assert [bool(before.search(c)) for c in cores] == [any(p.search(c) for p in now) for c in cores]

    def scan() -> None:
        for core in cores:
            any(p.search(core) for p in now)

    _line(
        "key words",
        _best(scan, repeats),
        _best(lambda: [before.search(c) for c in cores], repeats),
        f"a name ({len(cores):,} names)",
        len(cores),
    )


def furniture(repeats: int) -> None:
    from planwatch.ingest.furniture import FURNITURE, is_furniture

    sample = SAMPLE_REPORT.read_text(encoding="utf-8").splitlines()
    lines = [line for line in sample * 20 if line.strip()]
    before = re.compile("|".join(f"(?:{p.pattern})" for p in FURNITURE))

    def old() -> None:
        for line in lines:
            text = line.strip()
            bool(text) and len(text) < 120 and bool(before.search(text))

    _line(
        "site furniture",
        _best(lambda: [is_furniture(x) for x in lines], repeats),
        _best(old, repeats),
        f"a line ({len(lines):,} lines)",
        len(lines),
    )


def review_names(repeats: int) -> None:
    from planwatch.ingest.prose import _indicator_names, _names_in
    from planwatch.phrases.grammar import fold_traditional

    text = fold_traditional(SAMPLE_REPORT.read_text(encoding="utf-8"))
    new = _best(lambda: list(_names_in(text)), repeats)
    old = _best(lambda: list(_indicator_names().finditer(text)), repeats)
    print(
        f"review's names: {new * 1000:.2f} ms a report ({len(text):,} characters); the one "
        f"pattern before: {old * 1000:.2f} ms (×{old / new:.1f})"
    )


def commitments(repeats: int) -> None:
    import planwatch.ingest.commitments as module
    from planwatch.phrases import tokens

    texts = [task.text for task in read_document(SAMPLE_REPORT).key_tasks]

    def run() -> None:
        tokens.tokenize.cache_clear()
        for text in texts:
            module.commitments(text)

    new = _best(run, repeats)
    gate = module._MAY_HOLD_A_NUMBER
    module._MAY_HOLD_A_NUMBER = re.compile("")  # found everywhere: every clause tokenized
    try:
        old = _best(run, repeats)
    finally:
        module._MAY_HOLD_A_NUMBER = gate
    print(
        f"key tasks' commitments: {new * 1000:.2f} ms the sample's {len(texts)} tasks; every "
        f"clause tokenized: {old * 1000:.2f} ms (×{old / new:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    repeats = parser.parse_args().repeats
    for measure in (key_words, furniture, review_names, commitments):
        measure(repeats)


if __name__ == "__main__":
    main()
