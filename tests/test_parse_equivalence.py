"""The optimised grammar reads every phrase of a 5,500-phrase corpus as the grammar before it.

The outputs were recorded from the code before the speed work of issue 17
(``python tests/parse_corpus.py --record`` at commit 1e86f8a); a faster tokenizer, shape or
family test that changed a single field of a single spec fails here, with the phrase named.
"""

from __future__ import annotations

import gzip
import json

import pytest

from parse_corpus import FIXTURE, corpus, outputs
from planwatch.phrases import parse_actual, parse_target
from planwatch.phrases.grammar import prepare
from planwatch.phrases.shapes import read_numeric, read_relative, read_share
from planwatch.phrases.tokens import tokenize


def _recorded() -> list[list]:
    with gzip.open(FIXTURE, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _clear() -> None:
    for cached in (parse_target, parse_actual, read_numeric, read_relative, read_share):
        cached.cache_clear()
    tokenize.cache_clear()
    prepare.cache_clear()


def test_the_corpus_is_large_and_is_the_one_recorded() -> None:
    recorded = _recorded()
    assert len(recorded) >= 2000
    assert [tuple(row[:3]) for row in recorded] == corpus()


@pytest.mark.parametrize("reverse", [False, True], ids=["in order", "reversed"])
def test_every_phrase_parses_as_recorded(reverse: bool) -> None:
    """Cold caches, in both orders: no reading depends on what was parsed before it."""
    recorded = _recorded()
    if reverse:
        recorded.reverse()
    _clear()
    got = outputs([(role, phrase, hint) for role, phrase, hint, _ in recorded])
    wrong = [
        (row[0], row[1], row[2], row[3], out)
        for row, out in zip(recorded, got, strict=True)
        if out != row[3]
    ]
    assert not wrong, f"{len(wrong)} phrases read differently, first: {wrong[:3]}"
