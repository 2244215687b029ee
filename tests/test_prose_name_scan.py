"""The review's scan of a text: two scanners that find what one pattern of names finds, and
the text folded to simplified characters in one call as it is line by line.

``_names_in`` splits ``_indicator_names`` in the alternatives that begin with a character and
the names listed before 分别 (which begin with a look behind), and merges their matches. It
must give the same matches, in the same places, as the one pattern's ``finditer``: on the
sample, on every real document, and on random texts of names, lists and punctuation.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.ingest import SAMPLE_REPORT
from planwatch.ingest.prose import _indicator_names, _names_in
from planwatch.phrases.grammar import fold_traditional


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def _agree(text: str, named: tuple[str, ...] = ()) -> bool:
    one = _spans(_indicator_names(named).finditer(text))
    return one == _spans(_names_in(text, named))


def test_the_sample_and_the_real_documents(real_corpus: Path) -> None:
    texts = [SAMPLE_REPORT.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(real_corpus.glob("*.txt"))]
    assert len(texts) > 10
    folded = [fold_traditional(t) for t in texts]
    assert all(_agree(t) for t in folded)
    found = _spans(_names_in(folded[0]))
    assert len(found) > 50  # the sample's review names its indicators
    listed = "，金融机构存、贷款余额分别增长8%和9%"
    assert ("金融机构存、贷款余额" in [m[2] for m in _spans(_names_in(listed))]) and _agree(listed)


def test_names_the_document_adds() -> None:
    text = "，甲乙指数增长5%，地区生产总值增长6%"
    assert [m[2] for m in _spans(_names_in(text, ("甲乙指数",)))] == ["甲乙指数", "地区生产总值"]
    assert _agree(text, ("甲乙指数",))


_PIECES = [
    "地区生产总值",
    "生产总值",
    "一般公共预算收入",
    "居民人均可支配收入",
    "城镇",
    "农村",
    "地表水",
    "Ⅲ类",
    "水体比例",
    "、",
    "，",
    "。",
    "\n",
    "分别",
    "增长5%",
    "存",
    "贷款余额",
    "和",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_random_texts(pieces: list[str]) -> None:
    assert _agree("".join(pieces))


def _searchable_line_by_line(text: str) -> str:
    lines = text.split("\n")
    folded = [fold_traditional(line) for line in lines]
    return "\n".join(
        f if len(f) == len(line) else line for f, line in zip(folded, lines, strict=True)
    )


def test_the_text_is_folded_whole_as_it_is_line_by_line(real_corpus: Path) -> None:
    """``_searchable`` folds the text in one call: the same as each line folded alone."""
    from planwatch.ingest.prose import _searchable

    texts = [p.read_text(encoding="utf-8") for p in sorted(real_corpus.glob("*.txt"))]
    texts.append("香港特別行政區\n本地生產總值增長2.5%\n乾隆年間的頭髮\n\n")
    for text in texts:
        assert _searchable(text) == _searchable_line_by_line(text)
    assert "总值增长" in _searchable(texts[-1])
