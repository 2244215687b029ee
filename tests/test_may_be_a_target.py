"""``may_be_a_target``: the grammar's cheap test that a phrase surely reads as nothing.

It may say True of a phrase that reads as nothing (it is only a test of key words), never
False of one that reads as a target: checked on every phrase of the parse corpus (real
phrases, the tests' literals, generated ones), every name and value of the layout fixtures
and the sample, and random strings of the grammar's own words.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from parse_corpus import corpus
from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.model import TargetKind
from planwatch.phrases import parse_target
from planwatch.phrases.families import FAMILIES
from planwatch.phrases.lexicon import lexicon
from planwatch.phrases.target import may_be_a_target, reads_as

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def _never_wrong(phrases: list[str]) -> list[str]:
    """The phrases the cheap test called nothing that read as something."""
    return [
        p
        for p in phrases
        if not may_be_a_target(p) and parse_target(p).kind is not TargetKind.UNKNOWN
    ]


def test_no_phrase_of_the_corpus_that_reads_is_called_nothing() -> None:
    phrases = [phrase for _, phrase, _ in corpus()]
    assert not _never_wrong(phrases)
    read = [p for p in phrases if parse_target(p).kind is not TargetKind.UNKNOWN]
    assert len(read) > 1000 and all(may_be_a_target(p) for p in read)


def test_reads_as_is_parse_target_without_the_note_of_why_not() -> None:
    """The row checks read names with ``reads_as``: the same spec, only no diagnosis."""
    phrases = [phrase for _, phrase, _ in corpus()]
    differ = []
    for phrase in phrases:
        quiet, full = reads_as(phrase), parse_target(phrase)
        if quiet is None:
            quiet_kind = TargetKind.UNKNOWN
        elif full.kind is TargetKind.UNKNOWN:
            quiet_kind = quiet.kind
            if quiet.model_copy(update={"note": full.note}) != full:
                differ.append(phrase)
        else:
            quiet_kind = quiet.kind
            if quiet != full:
                differ.append(phrase)
        if quiet_kind is not full.kind:
            differ.append(phrase)
    assert not differ
    assert reads_as("一般公共预算收入") is None  # no key word: not parsed at all
    for name in ("甲乙丙区工业增加值率", "甲乙丙区技术合同成交额"):  # key words, no reading
        spec = reads_as(name)
        assert spec is not None and spec.kind is TargetKind.UNKNOWN and not spec.note
        assert parse_target(name).note


def test_the_tables_names_and_values_are_never_called_nothing_when_they_read() -> None:
    texts = []
    for path in [SAMPLE_REPORT, *sorted(p for p in LAYOUTS.iterdir() if p.suffix == ".txt")]:
        for table in read_document(path).tables:
            for row in table.rows:
                texts += [t for t in (row.name, row.target, row.actual, row.category) if t]
    assert len(texts) > 300
    assert not _never_wrong(texts)


def test_it_does_call_plain_names_nothing() -> None:
    """Not a test that says True of everything: most names hold no key word."""
    for name in ("地区生产总值", "固定资产投资", "甲乙丙区进出口总额", "城乡居民收入倍差"):
        assert not may_be_a_target(name)
    for target in ("增长5%以上", "稳中提质", "完成省下达任务", "与经济增长同步", "分别增长5%、6%"):
        assert may_be_a_target(target)


# The grammar's own words, so random phrases come near real ones: every family's examples
# cut into characters, the lexicon's words, digits and the separators clauses are split at.
_PIECES = sorted(
    {c for entry in FAMILIES for example in entry.examples for c in example}
    | set(lexicon().token_words())
    | set("0123456789.%，,；;、（）()并且地区生产总值")
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_random_phrases_of_the_grammars_words(pieces: list[str]) -> None:
    phrase = "".join(pieces)
    if not may_be_a_target(phrase):
        assert parse_target(phrase).kind is TargetKind.UNKNOWN, phrase
