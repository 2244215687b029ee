"""The lexicon: one data file, every word in one class, every class read by the tokenizer,
and the docs generated from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.phrases.lexicon import NUMBER_CLASSES, PATTERN_CLASSES, lexicon, with_lexicon
from planwatch.phrases.numbers import UNITS
from planwatch.phrases.shapes import LETTERS
from planwatch.phrases.tokens import NUMBER, RANGE, WORD, tokenize

DOCS = Path(__file__).parent.parent / "docs" / "grammar.md"


def test_docs_are_generated_from_the_lexicon():
    text = DOCS.read_text(encoding="utf-8")
    assert with_lexicon(text) == text, "run python scripts/gen_docs.py"


def test_every_word_belongs_to_one_token_class_and_every_class_has_a_letter():
    words = lexicon().token_words()  # raises when a word is in two classes
    assert len(words) > 150
    for cls in lexicon().classes:
        if cls not in NUMBER_CLASSES | PATTERN_CLASSES:
            # basis words are taken off before tokens; number words become number tokens
            assert cls in LETTERS or cls in ("basis", "number_word"), cls
        assert lexicon().docs[cls], f"{cls} has no _doc"


def test_units_come_from_the_lexicon():
    assert set(lexicon().words("unit")) == set(UNITS)
    assert UNITS.index("个百分点") < UNITS.index("个")  # longest first


@pytest.mark.parametrize(
    ("core", "classes"),
    [
        ("增长5%以上", ["change_verb", NUMBER, "post_comparator"]),
        ("不超过3%", ["pre_comparator", NUMBER]),  # the longest word: 不超过, not 超过
        ("5%-6%", [NUMBER, RANGE, NUMBER]),
        ("5至6万人", [NUMBER, RANGE, NUMBER]),
        ("下降至12%", ["change_verb", "to", NUMBER]),
        ("居民消费价格涨幅", ["noun", WORD, "measure"]),
        ("增幅居全国第7位", ["measure", "rank", "reference", "rank_position"]),
        ("排放量", [WORD]),  # 排 is a rank word only where it stands as one
        ("与经济增长同步", ["relation", "reference", "sync"]),
        ("新增两家", ["increment_verb", NUMBER]),
        ("三个一百", [WORD]),  # a programme's name, not a number
        ("突破万亿元", ["pre_comparator", NUMBER]),
    ],
)
def test_tokens(core, classes):
    assert [t.cls for t in tokenize(core)] == classes


def test_numbers_are_exact_whatever_the_multiplier():
    (a,) = tokenize("21937.07亿元")
    (b,) = tokenize("2.193707万亿元")
    assert a.quantity.value == b.quantity.value == 2_193_707_000_000
    (c,) = tokenize("下降超3成")[-1:]
    assert (c.quantity.value, c.quantity.unit) == (30, "%")
