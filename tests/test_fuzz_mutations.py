"""Damaged copies of the sample in every format: never a traceback, never a silent wrong table.

A bounded part of the mutation corpus of benchmarks/fuzz_mutations.py (the whole one, over
2,000 files, is ``benchmarks/bench_fuzz.py``, not part of the suite): 30 mutations of each
format, chosen evenly from a fixed seed, each read with ``read_bytes`` and judged against
tests/expected_sample.py. Every file must be read right, read with a warning, or refused with
a PlanwatchError.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from fuzz_mutations import BAD, FORMATS, Mutation, classify, judge, mutations

PER_FORMAT = 30


@pytest.fixture(scope="module")
def corpus() -> list[Mutation]:
    by_format: dict[str, list[Mutation]] = {fmt: [] for fmt in FORMATS}
    for mutation in mutations(seed=7, scale=1):
        by_format[mutation.fmt].append(mutation)
    chosen = []
    for found in by_format.values():
        step = max(1, len(found) // PER_FORMAT)
        chosen += found[::step][:PER_FORMAT]
    return chosen


def test_no_traceback_and_no_silent_wrong_table(corpus):
    assert len(corpus) == PER_FORMAT * len(FORMATS)
    outcomes = {m.name: judge(m) for m in corpus}
    bad = {name: o for name, o in outcomes.items() if o.outcome in BAD}
    assert bad == {}
    counts = Counter(o.outcome for o in outcomes.values())
    assert counts["right"] >= len(FORMATS)  # the originals at least
    assert counts["refused"] and counts["warned"]


def test_the_judge_calls_a_shifted_row_silent_wrong_and_a_warned_one_not():
    from fuzz_mutations import EXPECTED

    shifted = [list(EXPECTED[0]), list(EXPECTED[1])]
    no, cat, _name, target, actual = shifted[0][3]
    shifted[0][3] = (no, cat, "4", target, actual)
    assert classify(shifted, [], "delete-cell").outcome == "silent_wrong"
    assert classify(shifted, ["表1的指标名称不像指标"], "delete-cell").outcome == "warned"
    assert classify([EXPECTED[0][:10]], ["表1在第11行处被截断"], "truncate").outcome == (
        "right_prefix"
    )
    assert classify([EXPECTED[0], EXPECTED[0], EXPECTED[1]], [], "double").outcome == (
        "silent_wrong"
    )


# ---------------------------------------------------------------- each rule on its own


def _sample_text() -> str:
    from planwatch.ingest import SAMPLE_REPORT

    return SAMPLE_REPORT.read_text(encoding="utf-8")


def test_a_deflate_stream_that_does_not_inflate_is_a_damaged_file(sample_doc, tmp_path):
    import zipfile

    from planwatch.errors import UnsupportedDocument
    from planwatch.ingest import read_bytes
    from test_ingest_formats_writers import write_docx

    data = bytearray(write_docx(sample_doc, tmp_path / "r.docx").read_bytes())
    with zipfile.ZipFile(tmp_path / "r.docx") as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for spot in range(start + 20, start + info.compress_size, 97):
        data[spot] ^= 0x55
    with pytest.raises(UnsupportedDocument, match="文件已损坏"):
        read_bytes(bytes(data), "r.docx")


def test_a_sheet_listed_but_missing_refuses_the_workbook(sample_doc, tmp_path):
    from fuzz_mutations import _replace_part

    from planwatch.errors import UnsupportedDocument
    from planwatch.ingest import read_bytes
    from test_ingest_formats_writers import write_xlsx

    data = write_xlsx(sample_doc, tmp_path / "r.xlsx").read_bytes()
    with pytest.raises(UnsupportedDocument, match="列出2个工作表，只能打开1个"):
        read_bytes(_replace_part(data, "xl/worksheets/sheet1.xml", None), "r.xlsx")


def test_a_row_shifted_by_a_lost_cell_warns(sample_doc, tmp_path):
    """The cell of 地区生产总值's name lost in HTML: its target becomes the name."""
    from planwatch.ingest import read_bytes
    from test_ingest_formats_writers import write_html

    page = write_html(sample_doc, tmp_path / "r.html").read_text(encoding="utf-8")
    page = page.replace("<td>地区生产总值</td>", "", 1)
    doc = read_bytes(page.encode(), "r.html")
    assert any("不像指标：第1行“增长5%以上”读起来像目标表述" in w for w in doc.warnings)


def test_an_empty_header_cell_over_a_filled_column_warns():
    from planwatch.ingest import read_bytes

    text = _sample_text().replace("\t预期目标\n", "\t\n", 1)
    doc = read_bytes(text.encode(), "r.txt")
    assert any("表头中第4列为空，但该列有内容" in w for w in doc.warnings)


def test_a_table_printed_twice_and_a_caption_without_its_table_warn():
    from planwatch.ingest import read_bytes

    text = _sample_text()
    doc = read_bytes((text + "\n" + text).encode(), "twice.txt")
    assert any("可能重复读入" in w for w in doc.warnings)
    cut = text.index("\t指标", text.index("表2"))
    doc = read_bytes((text[:cut] + "（表格略）\n").encode(), "no-table.txt")
    assert any(w.startswith("找到表题“表2") for w in doc.warnings)


def test_numbers_out_of_sequence_warn():
    from planwatch.ingest import read_bytes

    text = _sample_text().replace("\t3\n", "\t33\n", 1)
    doc = read_bytes(text.encode(), "r.txt")
    assert any("序号不连续" in w and "序号为33，上一行为2" in w for w in doc.warnings)


def test_a_category_holding_a_moved_number_warns():
    """Lines of 表1 shuffled: 5.9% (an actual) lands in the category cell 安全保障水平."""
    from planwatch.ingest import read_bytes

    lines = _sample_text().split("\n")
    actual, category = lines.index("\t5.9%"), lines.index("\t安全")
    lines[actual], lines[category] = lines[category], lines[actual]
    doc = read_bytes("\n".join(lines).encode(), "r.txt")
    assert "表1的指标分类“5.9%保障水平”含有数字，可能混入了其他单元格的内容，请核对原表" in (
        doc.warnings
    )


def test_negative_twin_a_category_whose_count_is_a_number_does_not_warn(sample_doc):
    from planwatch.ingest.row_checks import row_warnings

    table = sample_doc.tables[0]
    assert table.declared_counts  # 经济发展实力（8个）: counts are numbers, kept apart
    assert row_warnings(table, "表1", [set() for _ in table.rows]) == []


def test_a_lost_second_line_of_a_cell_warns():
    """粮食综合生产能力's target printed on two lines, the second deleted."""
    from planwatch.ingest import read_bytes

    lines = _sample_text().split("\n")
    lines.remove("粮食播种面积任务")  # 表2 prints this target over two lines
    doc = read_bytes("\n".join(lines).encode(), "r.txt")
    assert any(
        "“产量保持稳定，完成省下达”最后一句读不出目标或结果，可能缺了一行文字" in w
        for w in doc.warnings
    )


def test_a_target_that_reads_as_a_bare_result_warns():
    """粮食综合生产能力's target and result cells swapped by shuffled lines."""
    from planwatch.ingest import read_bytes

    text = _sample_text()
    target = "\t产量保持稳定，完成省\n\n下达粮食播种面积任务\n"  # 表1's, over two lines
    assert text.count(target + "\t完成\n") == 1
    swapped = text.replace(target + "\t完成\n", "\t完成\n" + target)
    doc = read_bytes(swapped.encode(), "r.txt")
    assert any(
        "预期目标“完成”读起来像完成情况，预期目标与完成情况可能错位" in w for w in doc.warnings
    )


def test_a_name_that_reads_as_a_bare_result_warns():
    """Three lines of 表1 rotated: 完成 (a result) becomes the name of a row."""
    from planwatch.ingest import read_bytes

    text = _sample_text()
    row = "\t主要污染物排放总量削减\n\t完成省下达任务\n\t完成\n"
    assert text.count(row) == 1
    rotated = text.replace(row, "\t完成\n\t主要污染物排放总量削减\n\t完成省下达任务\n")
    doc = read_bytes(rotated.encode(), "r.txt")
    assert any("第41行“完成”读起来像完成情况" in w for w in doc.warnings)


def test_negative_twin_a_result_of_bare_completion_does_not_warn(sample_doc):
    from planwatch.ingest.row_checks import row_warnings

    table = sample_doc.tables[0]
    assert sum(row.actual == "完成" for row in table.rows) > 3
    assert row_warnings(table, "表1", [set() for _ in table.rows]) == []


@pytest.mark.parametrize(
    "value",
    ["净增1500家以上，总量增长10%以上", "待省反馈", "产量保持稳定，完成省下达粮食播种面积任务"],
)
def test_negative_twin_values_whose_clauses_all_read_do_not_warn(value):
    from planwatch.ingest.row_checks import _last_clause_unread

    assert not _last_clause_unread(value)


def test_the_judge_calls_a_whole_clause_lost_with_its_paragraph_changed_and_more_wrong():
    from fuzz_mutations import EXPECTED

    def with_actual(actual: str) -> list[list[tuple]]:
        tables = [list(EXPECTED[0]), list(EXPECTED[1])]
        no, cat, name, target, _ = tables[0][11]
        tables[0][11] = (no, cat, name, target, actual)
        return tables

    assert EXPECTED[0][11][4] == "净增1500家以上，总量增长10%以上"
    lost_first = with_actual("总量增长10%以上")
    assert classify(lost_first, [], "delete-paragraph").outcome == "changed"
    assert classify(lost_first, [], "delete-cell").outcome == "silent_wrong"
    assert classify(with_actual("总量增长10%"), [], "delete-paragraph").outcome == (
        "silent_wrong"  # 以上 lost: not a whole clause
    )
    assert classify(with_actual("增长10%以上"), [], "delete-line").outcome == "silent_wrong"


def test_the_sample_in_every_format_reads_without_a_row_warning(sample_doc, tmp_path):
    from planwatch.ingest import read_bytes
    from test_ingest_formats_writers import BINARY_WRITERS

    for fmt, writer in BINARY_WRITERS.items():
        doc = read_bytes(writer(sample_doc, tmp_path / f"r.{fmt}").read_bytes(), f"r.{fmt}")
        assert doc.warnings == [], fmt


@pytest.mark.slow
def test_the_whole_corpus_has_no_traceback_hang_or_memory_blowup():
    """The benchmark's corpus (2,636 files, about 20 s on two cores): ``make bench`` only.

    Silent wrong tables are counted by the benchmark, not asserted here: a few mutations (a
    lost line of a two-line cell) leave a table no rule can tell from a real one."""
    import multiprocessing

    from bench_fuzz import _init, _judge

    corpus = list(mutations(seed=2024, scale=3))
    with multiprocessing.Pool(2, initializer=_init) as pool:
        outcomes = Counter(o.outcome for _, _, o, _ in pool.imap_unordered(_judge, corpus, 4))
    assert len(corpus) >= 2000
    assert outcomes["traceback"] == outcomes["hang"] == outcomes["memory"] == 0


def test_a_result_cut_to_a_piece_of_its_target_warns():
    """The second line of a two-line result cell deleted: what is left repeats a piece of
    the row's own target and stops before the target's words end."""
    from planwatch.ingest import read_bytes

    text = _sample_text()
    cell = "\t重特大生产安全\n\n责任事故起数为0\n"
    assert text.count(cell) == 1
    doc = read_bytes(text.replace(cell, "\t重特大生产安全\n").encode(), "r.txt")
    assert any("完成情况“重特大生产安全”" in w and "缺了一行文字" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("target", "actual"),
    [
        ("保持基本稳定", "基本稳定"),  # the target's end restated
        ("完成省下达任务", "完成"),  # a result word
        ("增长6%左右", "增长6%"),  # a figure
        ("不发生重特大生产安全责任事故", "未发生重特大生产安全责任事故"),
    ],
)
def test_negative_twin_results_that_restate_their_target_do_not_warn(target, actual):
    from planwatch.ingest.row_checks import _cut_copy_of_target

    assert not _cut_copy_of_target(target, actual)


def test_a_category_with_its_characters_shuffled_warns(sample_doc, tmp_path):
    """One group of 表1 written in a .docx with its category's characters reordered; 表2
    prints the category right."""
    from planwatch.ingest import read_bytes
    from test_ingest_formats_writers import write_docx

    category = next(r.category for r in sample_doc.tables[0].rows if r.category)
    assert category is not None and len(category) >= 4
    scrambled = category[:1] + category[3:] + category[1:3]
    assert scrambled != category and sorted(scrambled) == sorted(category)
    assert category in {r.category for r in sample_doc.tables[1].rows}
    for row in sample_doc.tables[0].rows:
        if row.category == category:
            row.category = scrambled
    data = write_docx(sample_doc, tmp_path / "r.docx").read_bytes()
    doc = read_bytes(data, "r.docx")
    assert any(
        f"“{scrambled}”" in w and f"“{category}”" in w and "用字相同而顺序不同" in w
        for w in doc.warnings
    ), doc.warnings


def test_negative_twin_the_sample_has_no_categories_of_the_same_characters(sample_doc):
    from planwatch.ingest.row_checks import _scrambled_categories

    assert len({r.category for t in sample_doc.tables for r in t.rows}) > 5
    assert _scrambled_categories(sample_doc) == []


def test_the_judge_calls_a_target_and_result_exchanged_by_shuffled_lines_changed():
    """Shuffled lines each holding one whole cell: the file now prints the two values the other
    way round (5.9% and 3.5% both read), which is what it says; anything more is wrong."""
    from fuzz_mutations import EXPECTED

    def with_row(index: int, make) -> list[list[tuple]]:
        tables = [list(EXPECTED[0]), list(EXPECTED[1])]
        tables[0][index] = make(*tables[0][index])
        return tables

    row = next(i for i, r in enumerate(EXPECTED[0]) if r[3] == "3.5%" and r[4] == "5.9%")
    exchanged = with_row(row, lambda no, cat, name, t, a: (no, cat, name, a, t))
    assert classify(exchanged, [], "shuffle").outcome == "changed"
    assert classify(exchanged, [], "delete-cell").outcome == "silent_wrong"  # not moved lines
    other = with_row(row, lambda no, cat, name, t, a: (no, cat, name, a, "6%"))
    assert classify(other, [], "shuffle").outcome == "silent_wrong"  # a value not in the row
    renamed = with_row(row, lambda no, cat, name, t, a: (no, cat, name + "率", a, t))
    assert classify(renamed, [], "shuffle").outcome == "silent_wrong"  # the name changed too
    both = with_row(row, lambda no, cat, name, t, a: (no, cat, name, a, t))
    both[0][0] = (*both[0][0][:3], both[0][0][4], both[0][0][3])
    assert both[0][0] != EXPECTED[0][0]
    assert classify(both, [], "shuffle").outcome == "silent_wrong"  # two rows differ


def test_a_target_cut_at_a_lost_line_inside_a_word_warns():
    """表1's 安全生产 target prints over two lines; the second (责任事故) deleted leaves
    ``不发生重特大生产安全``, the start of 表2's target for the same indicator."""
    from planwatch.ingest import read_bytes

    text = _sample_text()
    cut = "\t不发生重特大生产安全\n\n责任事故\n"
    assert text.count(cut) == 1
    doc = read_bytes(text.replace(cut, "\t不发生重特大生产安全\n\n").encode(), "r.txt")
    assert [w for w in doc.warnings if "在词语中间截止" in w] == [
        "表1中预期目标“不发生重特大生产安全”（另有“不发生重特大生产安全责任事故”）"
        "在词语中间截止，可能缺了一行文字，请核对原表"
    ]
    whole = read_bytes(text.encode(), "r.txt")
    assert not [w for w in whole.warnings if "在词语中间截止" in w]


@pytest.mark.parametrize(
    ("short", "whole", "cut"),
    [
        ("不发生重特大生产安全", "不发生重特大生产安全责任事故", True),
        ("空气质量优良天数比", "空气质量优良天数比例完成省下达任务", True),
        ("增长5%", "增长5%以上", False),  # a bound added the next year
        ("稳步提升", "稳步提升至50%", False),  # a figure added
        ("完成省下达任务", "完成省下达任务，力争超额完成", False),  # a whole clause added
        ("保持稳定", "保持稳定", False),
        ("保持基本稳定", "保持稳定", False),
        ("稳", "稳步提升", False),  # one character is no target
        ("基本稳定", "基本稳定略", False),  # one character more: not a word cut short
    ],
)
def test_a_target_is_cut_only_inside_a_word(short, whole, cut):
    from planwatch.ingest.row_checks import _cut_from

    assert _cut_from(short, whole) is cut


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("待省反馈", "读起来像完成情况"),  # a result cell moved into the name's place
        ("待国家统计局公布", "读起来像完成情况"),
        ("居民人均可支配收入（4个）富裕", "带有分类的指标个数"),  # a wrapped category's lines
        ("人民共同富裕（4个）", "带有分类的指标个数"),
        ("每千人口执业（助理）医师数", None),  # brackets without a count
        ("规上工业企业数（个）", None),
        ("待业人员再就业人数", None),  # 待 starting a real name
        ("地区生产总值", None),
    ],
)
def test_a_name_holding_a_result_or_a_categorys_count_is_not_a_name(name, why):
    from planwatch.ingest.row_checks import looks_like_a_value

    assert looks_like_a_value(name) == why


def test_a_category_cut_inside_a_word_warns():
    """表2's category 人民共同富裕（4个） printed over two lines; the second moved away leaves
    人民共同 beside 表1's 人民共同富裕."""
    from planwatch.ingest import read_bytes

    text = _sample_text()
    doc = read_bytes(text.encode(), "r.txt")
    assert not [w for w in doc.warnings if "在词语中间截止" in w]
    table = doc.tables[1]
    rows = [
        r.model_copy(update={"category": "人民共同"}) if r.category == "人民共同富裕" else r
        for r in table.rows
    ]
    assert rows != table.rows
    from planwatch.ingest.row_checks import document_warnings

    cut = doc.model_copy(
        update={"tables": [doc.tables[0], table.model_copy(update={"rows": rows})]}
    )
    assert [w for w in document_warnings(cut, []) if "在词语中间截止" in w] == [
        "表2中指标分类“人民共同”（另有“人民共同富裕”）在词语中间截止，可能缺了一行文字，请核对原表"
    ]


def _one_row_changed(sample_doc, **cells):
    from planwatch.ingest.row_checks import row_warnings

    table = sample_doc.tables[0]
    rows = [table.rows[0].model_copy(update=cells), *table.rows[1:]]
    return row_warnings(table.model_copy(update={"rows": rows}), "表1", [set() for _ in rows])


@pytest.mark.parametrize(
    ("cells", "warning"),
    [
        ({"target": "净增1500家以上，< br>总量增长10%"}, "含有网页标记"),
        ({"actual": "增长6%<td>"}, "含有网页标记"),
        ({"target": "与经济增长基本同步（3个）"}, "含有分类的指标个数"),
        ({"category": "完成情况发展实力"}, "含有表头文字"),
        ({"category": "经济发展实力预期目标"}, "含有表头文字"),
    ],
)
def test_a_cell_holding_markup_a_count_or_a_header_warns(sample_doc, cells, warning):
    found = [w for w in _one_row_changed(sample_doc, **cells) if warning in w]
    assert len(found) == 1 and next(iter(cells.values())) in found[0]


@pytest.mark.parametrize(
    "cells",
    [
        {"target": "PM2.5浓度<35微克/立方米"},  # a comparison, not a tag
        {"target": "新增3个以上"},  # a count, not in brackets
        {"category": "项目建设"},  # 项目 and 计划 are words of real categories
        {"category": "完成计划"},
    ],
)
def test_negative_twins_of_markup_counts_and_headers_do_not_warn(sample_doc, cells):
    assert _one_row_changed(sample_doc, **cells) == []


def _document_with_row(sample_doc, index: int, **cells):
    from planwatch.ingest.row_checks import document_warnings

    table = sample_doc.tables[0]
    rows = list(table.rows)
    rows[index] = rows[index].model_copy(update=cells)
    changed = table.model_copy(update={"rows": rows})
    doc = sample_doc.model_copy(update={"tables": [changed, *sample_doc.tables[1:]]})
    return document_warnings(doc, [])


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        ({"target": "实际使用外资"}, "的预期目标“实际使用外资”是指标名称"),  # a row's name
        ({"actual": "社会消费品零售总额"}, "的完成情况“社会消费品零售总额”是指标名称"),
        ({"actual": "公共"}, "的完成情况“公共”是指标分类的一段"),  # 公共服务能力's first line
        ({"target": "人民共同"}, "的预期目标“人民共同”是指标分类的一段"),
    ],
)
def test_a_value_that_is_a_name_or_a_piece_of_a_category_warns(sample_doc, cells, said):
    found = [w for w in _document_with_row(sample_doc, 5, **cells) if "名称与数值可能错位" in w]
    assert len(found) == 1 and said in found[0]


@pytest.mark.parametrize(
    "cells",
    [{"target": "保持稳定"}, {"actual": "完成"}, {"actual": "待省反馈"}, {"target": "稳步提升"}],
)
def test_negative_twins_values_that_are_no_label_do_not_warn(sample_doc, cells):
    assert not [w for w in _document_with_row(sample_doc, 5, **cells) if "错位" in w]


def test_a_row_without_its_number_among_numbered_rows_warns(sample_doc):
    from planwatch.ingest.row_checks import row_warnings

    table = sample_doc.tables[0]
    rows = list(table.rows)
    assert all(r.no is not None for r in rows)
    assert row_warnings(table, "表1", [set() for _ in rows]) == []
    rows[44] = rows[44].model_copy(update={"no": None})  # its line joined the target's
    cut = table.model_copy(update={"rows": rows})
    found = row_warnings(cut, "表1", [set() for _ in rows])
    assert found == [
        f"表1中第45行“{rows[44].name}”缺少序号（其他行都有），可能有单元格缺失，请核对原表"
    ]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("产量保持稳定，完成省下达", "含有分句的标点"),  # a value's lines in the name's place
        ("耕地保有量、粮食综合生产能力", None),  # names list with 、
    ],
)
def test_a_name_holding_a_clause_break_is_not_a_name(name, why):
    from planwatch.ingest.row_checks import looks_like_a_value

    assert looks_like_a_value(name) == why


def test_a_misspelt_header_says_its_column_is_not_read():
    from planwatch.ingest import read_bytes
    from planwatch.ingest.columns import misspelt_header

    assert misspelt_header("它成情况") == "完成情况"
    assert misspelt_header("婏号") == "序号"  # two characters, one damaged
    assert [misspelt_header(w) for w in ("完成情况", "备注", "完成情况说明", "说明")] == [None] * 4
    text = _sample_text()
    assert text.count("\t完成情况\n") >= 1
    doc = read_bytes(text.replace("\t完成情况\n", "\t它成情况\n", 1).encode(), "r.txt")
    assert any("的表头“它成情况”不认识（像“完成情况”），该列未读取" in w for w in doc.warnings)
