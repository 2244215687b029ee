"""Coverage of the grammar on the real phrases of ../shared/corpus.

Run: ``.venv/bin/python benchmarks/bench_coverage.py [--list]`` (prints figures; not a test).

Two sources, each counted over distinct phrases:

- **tables**: every target and actual cell of every indicator table that ``read_document``
  finds in the corpus (the Suzhou report and the real documents), read with its row's unit as
  the header hint, as ``planwatch assess`` reads them;
- **sentences**: the target and result phrases cut by hand from the sentences of the real
  documents (``tests/fixtures/phrases/real_phrases.tsv``; reading whole sentences is the prose
  issue's work), without those the hand expectation itself calls unreadable.

A phrase counts as read when the target parses to a known kind, or the actual to a known
quality (pending and not-due count: they are read, and say there is no number yet). The rest
are listed with the grammar's own note, which names the unknown word.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent / "tests"))

from planwatch.errors import PlanwatchError  # noqa: E402
from planwatch.ingest import read_document  # noqa: E402
from planwatch.model import Quality, TargetKind  # noqa: E402
from planwatch.phrases import parse_actual, parse_target  # noqa: E402
from test_phrases_real import load_rows  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus"
Phrase = tuple[str, str, str | None]  # role, phrase, unit hint


def table_phrases() -> set[Phrase]:
    found: set[Phrase] = set()
    for path in sorted(CORPUS.rglob("*.txt")):
        try:
            document = read_document(path)
        except PlanwatchError:
            continue  # a page with no indicator table: its targets are in sentences
        for table in document.tables:
            for row in table.rows:
                if row.target:
                    found.add(("target", row.target, row.unit))
                if row.actual:
                    found.add(("actual", row.actual, row.unit))
    return found


def sentence_phrases() -> set[Phrase]:
    return {(r.role, r.phrase, None) for r in load_rows() if r.kind != "unknown"}


def unread(role: str, phrase: str, hint: str | None) -> str | None:
    """The note of a phrase the grammar cannot read, else ``None``."""
    if role == "target":
        spec = parse_target(phrase, hint)
        return spec.note if spec.kind is TargetKind.UNKNOWN else None
    actual = parse_actual(phrase, hint)
    return actual.note if actual.quality is Quality.UNKNOWN else None


def report(name: str, phrases: set[Phrase], listing: bool) -> None:
    missed = sorted((p, n) for p in phrases if (n := unread(*p)) is not None)
    share = 1 - len(missed) / len(phrases) if phrases else 1.0
    print(
        f"{name}: {len(phrases)} distinct phrases, {len(phrases) - len(missed)} read ({share:.1%})"
    )
    if listing:
        for (role, phrase, _), note in missed:
            print(f"  {role:6} {phrase}  —  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list every phrase not read")
    args = parser.parse_args()
    tables, sentences = table_phrases(), sentence_phrases()
    report("tables", tables, args.list)
    report("sentences", sentences, args.list)
    report("all", tables | sentences, False)


if __name__ == "__main__":
    main()
