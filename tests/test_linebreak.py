"""The shared Chinese line-breaking rules (``planwatch.linebreak``), used by the terminal's
tables and by the charts' labels: each rule with a twin that shows where it stops, and a
property over generated text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.linebreak import NO_END, NO_START, display_width, glue, pieces, wrap


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("增长", 4),
        ("GDP", 3),
        ("，", 2),  # full-width punctuation is wide
        ("…", 1),  # ambiguous width counts as narrow, as in a terminal
        ("PM2.5浓度", 9),
        ("", 0),
    ],
)
def test_display_width_counts_wide_characters_twice(text: str, width: int) -> None:
    assert display_width(text) == width


@pytest.mark.parametrize(
    ("text", "whole", "twin"),
    [
        # a number keeps its multiplier and unit ... but not the hanzi after them
        ("引留19.3万人，增长", "19.3万人，", "19.3万人，增"),
        # a percentage keeps 左右 ... but a plain hanzi after a number is its own piece
        ("增长6.5%左右", "6.5%左右", "6.5%左右增"),
        ("增长6.5而已", "6.5", "6.5而"),
        # a ratio and a Latin word are one piece each ... a hanzi beside them is not
        ("比缩小至1.77:1", "1.77:1", "至1.77:1"),
        ("占GDP比重", "GDP", "GDP比"),
        # opening punctuation goes with what follows, closing with what precedes
        ("目标“小巨人”企业", "“小", "标“"),
        ("巨人”企业", "人”", "”企"),
        # a path breaks after each slash ... and nowhere else
        ("a/bc/d", "bc/", "/bc"),
    ],
)
def test_pieces_keep_what_may_not_be_broken(text: str, whole: str, twin: str) -> None:
    found = pieces(text)
    assert "".join(found) == text
    assert whole in found, found
    assert twin not in found, found


@pytest.mark.parametrize(
    ("raw", "glued"),
    [
        (["增", "长", "，", "完", "成"], ["增", "长，", "完", "成"]),
        # after a space, closing punctuation is not glued to the space
        (["增", " ", "，", "完"], ["增", " ", "，", "完"]),
        (["（", "8", "个", "）"], ["（8", "个）"]),
        # an opening mark before a space is flushed alone, not glued across the space
        (["（", " ", "8"], ["（", " ", "8"]),
        (["完", "（"], ["完", "（"]),  # a trailing opening mark stays, nothing is lost
    ],
)
def test_glue_moves_punctuation_onto_its_word(raw: list[str], glued: list[str]) -> None:
    assert glue(raw) == glued


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        (
            "引留高校毕业生19.3万人，增长6.5%左右",
            12,
            ["引留高校毕业", "生19.3万人，", "增长6.5%左右"],
        ),
        ("经济发展实力（8个）", 10, ["经济发展实", "力（8个）"]),
        # twin: with room for the whole, nothing is broken
        ("经济发展实力（8个）", 20, ["经济发展实力（8个）"]),
        # the space at a break is dropped; the text's own newline is kept
        ("完成 目标", 4, ["完成", "目标"]),
        ("完成\n目标", 20, ["完成", "目标"]),
        # a piece wider than a line is the one thing cut, and not before a closing mark
        ("a/very/long/path", 6, ["a/", "very/", "long/", "path"]),
        ("abcdefgh", 3, ["abc", "def", "gh"]),
        ("", 10, [""]),
    ],
)
def test_wrap(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


def test_wrap_measures_with_the_callers_measure() -> None:
    """The terminal measures as rich draws; a measure counting every character as one cell
    fits twice as many hanzi on a line."""
    assert wrap("一二三四五六", 6) == ["一二三", "四五六"]
    assert wrap("一二三四五六", 6, len) == ["一二三四五六"]


HANZI = st.sampled_from("经济增长目标完成实际收入比重")
CLOSING = st.sampled_from("，。、；：！？）》”%")
OPENING = st.sampled_from("（《“")
WORD = st.one_of(
    st.tuples(st.just(""), HANZI, st.one_of(st.just(""), CLOSING)).map("".join),
    st.tuples(OPENING, HANZI, HANZI, st.sampled_from("）》”")).map("".join),
    st.from_regex(r"[0-9]{1,3}(\.[0-9])?(%|万人|个百分点|亿元)?", fullmatch=True),
    st.from_regex(r"[A-Za-z]{1,6}", fullmatch=True),
    st.just(" "),
)


def _rebuild(text: str, lines: list[str]) -> str:
    """What is left of ``text`` after taking off each line in turn, skipping only the spaces
    dropped at the breaks; fails if a line is not the text's next stretch."""
    remaining = text
    for line in lines:
        while not remaining.startswith(line) and remaining.startswith(" "):
            remaining = remaining[1:]
        assert remaining.startswith(line), (line, remaining, lines)
        remaining = remaining[len(line) :]
    return remaining


@settings(max_examples=300, deadline=None)
@given(st.lists(WORD, max_size=40).map("".join), st.integers(min_value=8, max_value=40))
def test_wrapped_lines_fit_break_only_where_allowed_and_lose_only_break_spaces(
    text: str, width: int
) -> None:
    lines = wrap(text, width)
    for line in lines:
        # stronger than "unless one unbreakable piece is wider": such a piece is cut too
        assert display_width(line) <= width, (line, lines)
    for line in lines[1:]:
        assert not line or line[0] not in NO_START, lines
    for line in lines:
        assert not line or line[-1] not in NO_END, lines
    assert _rebuild(text, lines).strip(" ") == ""
