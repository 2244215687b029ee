"""Site furniture: ``is_furniture`` says of a line what searching every pattern of
``FURNITURE`` says, though it matches the anchored ones only at the start."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.ingest.furniture import FURNITURE, is_furniture


def _by_definition(line: str) -> bool:
    text = line.strip()
    return bool(text) and len(text) < 120 and any(p.search(text) for p in FURNITURE)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("首页 > 政务公开 > 规划计划", True),
        ("【发布时间：2024-02-01】", True),
        ("字号：[大 中 小]", True),
        ("Copyright 版权所有：苏州市人民政府", True),
        ("苏ICP备05002318号", True),
        ("  打印本页  ", True),
        # the same words inside a report's own sentences are not furniture
        ("全市发布时间表已确定：一般公共预算收入增长5%", False),
        ("数据来源于统计局，地区生产总值增长5.5%左右", False),
        ("", False),
    ],
)
def test_lines(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture
    assert _by_definition(line) is furniture


_PIECES = [
    "首页",
    "当前位置",
    ">",
    "：",
    ":",
    "发布时间",
    "来源",
    "【",
    "】",
    "字号",
    "大",
    "打印",
    "关闭",
    "版权所有",
    "ICP备",
    " ",
    "增长5%",
    "地区生产总值",
    "x" * 30,
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_random_lines_agree_with_the_patterns(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert is_furniture(line) is _by_definition(line)
