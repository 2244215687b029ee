"""Margins read the way the report would print them, the same in the CLI, web and narrative."""

from __future__ import annotations

import pytest

from planwatch.assess import assess_pair, format_margin


@pytest.mark.parametrize(
    ("target", "actual", "signed", "unsigned"),
    [
        ("增长5%左右", "增长1.7%", "-3.3个百分点", "3.3个百分点"),
        ("新增150家以上", "新增206家", "+56家", "56家"),
        ("1050亿元左右", "1050亿元", "0亿元", "0亿元"),
        ("1050亿元左右", "1071亿元", "+21亿元", "21亿元"),
        ("2.2万户", "4.1万户", "+1.9万户", "1.9万户"),
        ("保持基本稳定", "保持基本稳定", "", ""),
    ],
)
def test_format_margin(target, actual, signed, unsigned):
    found = assess_pair(target, actual)
    assert format_margin(found) == signed
    assert format_margin(found, signed=False) == unsigned


def test_web_dashboard_uses_the_same_margin(sample_doc, sqlite_url):
    from planwatch.sources import save_document
    from planwatch.store import migrated_engine
    from planwatch.web.views import dashboard

    engine = migrated_engine(sqlite_url)
    plan_id = save_document(engine, sample_doc, "sample.txt").plan_id
    gaps = {item.row.name: item.gap for item in dashboard(engine, plan_id)["rows"]}
    assert gaps["固定资产投资"] == "-3.3个百分点"
    assert gaps["技术合同成交额"] == "0亿元"
