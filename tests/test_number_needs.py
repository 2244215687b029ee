"""``number_needs``: the numeric families' key words, found wherever the tokenizer makes a number.

The pattern may be found where no number is (三个一百), never missing where one is: checked on
every number token of the parse corpus and of random strings of numerals, measure words,
multipliers and units, with the names it must let pass unread beside the targets it must not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parse_corpus import corpus
from planwatch.phrases.grammar import prepare
from planwatch.phrases.lexicon import lexicon
from planwatch.phrases.numbers import CHINESE_NUMERAL_CHARS, MULTIPLIER_WORDS, UNITS
from planwatch.phrases.tokens import NUMBER, number_needs, tokenize

NEEDS = re.compile(number_needs())


def _numbers(core: str) -> list[str]:
    return [t.text for t in tokenize(core) if t.cls == NUMBER]


def test_every_number_of_the_corpus_holds_the_pattern() -> None:
    cores = {prepare(phrase).core for _, phrase, _ in corpus()}
    numbers = [text for core in cores for text in _numbers(core)]
    assert len(numbers) > 3000
    assert [text for text in numbers if not NEEDS.search(text)] == []


# Numerals that are letters of a name, beside the same characters as a number.
@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("一般公共预算收入", "新增一家"),
        ("社会消费品零售总额", "事故起数为零起"),
        ("每万劳动力中高技能人才数", "新增城镇就业两万人"),
        ("十四五规划实施", "十二项"),
        ("千亿级产业集群", "突破万亿元"),
    ],
)
def test_numerals_in_a_name_are_not_a_number(name: str, target: str) -> None:
    assert not _numbers(name) and NEEDS.search(name) is None
    assert _numbers(target) and NEEDS.search(target) is not None


_PIECES = sorted(
    set(CHINESE_NUMERAL_CHARS)
    | set(lexicon().words("count_unit"))
    | set(MULTIPLIER_WORDS)
    | set(UNITS[:40])
    | set(lexicon().words("number_word"))
    | set(lexicon().words("pre_comparator"))
    | set(lexicon().words("level_verb"))
    | set("0123456789.+-人口收入总额第位")
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=7))
def test_random_strings_with_a_number_hold_the_pattern(pieces: list[str]) -> None:
    core = prepare("".join(pieces)).core
    if _numbers(core):
        assert NEEDS.search(core) is not None, core


def test_every_number_in_the_real_documents_holds_the_pattern(real_corpus: Path) -> None:
    """The commitments of key tasks tokenize a clause only where the pattern is found: every
    clause of the real documents that holds a number shows it."""
    clauses = [
        prepare(clause).core
        for path in sorted(real_corpus.glob("*.txt"))
        for clause in re.split(r"[，。；：,;:\n]", path.read_text(encoding="utf-8"))
        if clause.strip()
    ]
    with_numbers = [core for core in clauses if _numbers(core)]
    assert len(with_numbers) > 2000
    assert [core for core in with_numbers if NEEDS.search(core) is None] == []
    assert sum(NEEDS.search(core) is None for core in clauses) > 1000  # it does let some go
