"""Text in the encodings reports are saved in, and text damaged on the way.

Every test writes a real file (the shipped sample re-encoded, cut or dotted with NUL bytes)
and reads it back with ``read_document``: UTF-16 with and without its BOM (Notepad's
"Unicode"), GBK/GB18030, a UTF-8 file cut inside a character (read up to the cut, with a
warning), NUL and control characters (removed, with a warning), binary data (refused).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.errors import UnsupportedDocument
from planwatch.ingest import read_document
from planwatch.ingest.decode import decode_bytes, looks_like_text


def _text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


def _write(tmp_path: Path, data: bytes, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom_reads_like_utf8(tmp_path, sample_path, sample_doc, encoding):
    doc = read_document(_write(tmp_path, _text(sample_path).encode(encoding)))
    assert doc.tables == sample_doc.tables
    assert (doc.title, doc.jurisdiction) == (sample_doc.title, sample_doc.jurisdiction)
    assert doc.warnings[0] == "文件编码为 UTF-16，已按该编码读取"


def test_utf16_web_page_reads_as_a_web_page(tmp_path):
    page = (
        "<html><body><p>关于江州市2023年国民经济和社会发展计划执行情况的报告</p>"
        "<table><tr><td>指标名称</td><td>预期目标</td><td>完成情况</td></tr>"
        "<tr><td>地区生产总值</td><td>增长6%左右</td><td>增长5.2%</td></tr></table>"
        "</body></html>"
    )
    doc = read_document(_write(tmp_path, page.encode("utf-16"), "page.html"))
    assert doc.title == "关于江州市2023年国民经济和社会发展计划执行情况的报告"
    row = doc.tables[0].rows[0]
    assert (row.name, row.target, row.actual) == ("地区生产总值", "增长6%左右", "增长5.2%")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_and_gb18030_still_read(tmp_path, sample_path, sample_doc, encoding):
    doc = read_document(_write(tmp_path, _text(sample_path).encode(encoding)))
    assert doc.tables == sample_doc.tables
    assert doc.warnings[0] == "文件编码为 GB18030，已按该编码读取"


def _cut_inside_a_character(data: bytes, before: bytes) -> int:
    """An offset one byte into the first multi-byte character after ``before``."""
    start = data.index(before) + len(before)
    while data[start] < 0x80:
        start += 1
    return start + 1


def test_utf8_cut_inside_a_character_reads_to_the_cut_with_a_warning(tmp_path, sample_path):
    data = _text(sample_path).encode()
    cut = _cut_inside_a_character(data, "\t固定资产投资\n\t增长5%左右\n".encode())
    doc = read_document(_write(tmp_path, data[:cut]))
    assert doc.warnings[0] == (
        f"文件在第{cut - 1}字节处截断于一个字符的中间（UTF-8），"
        "已读到截断处为止：文件可能没有保存完整，请核对原文件的结尾"
    )
    names = [r.name for r in doc.tables[0].rows]
    assert names[:3] == ["地区生产总值", "制造业增加值占地区生产总值比重", "固定资产投资"]


def test_negative_twin_utf8_cut_between_characters_has_no_encoding_warning(tmp_path, sample_path):
    data = _text(sample_path).encode()
    cut = _cut_inside_a_character(data, "\t固定资产投资\n\t增长5%左右\n".encode()) - 1
    doc = read_document(_write(tmp_path, data[:cut]))
    assert not any("字符的中间" in w for w in doc.warnings)


def test_utf8_cut_with_a_bom_names_the_offset_in_the_file():
    data = "\ufeff关于江州市".encode()
    decoded = decode_bytes(data[:-1], "x.txt")
    assert (decoded.text, decoded.encoding) == ("关于江州", "utf-8")
    assert f"第{len(data) - 3}字节处" in decoded.warnings[0]


def test_gbk_cut_inside_a_character_reads_to_the_cut():
    data = "关于江州市".encode("gbk")
    decoded = decode_bytes(data[:-1], "x.txt")
    assert (decoded.text, decoded.encoding) == ("关于江州", "gb18030")
    assert "截断于一个字符的中间（GB18030）" in decoded.warnings[0]


def test_utf16_cut_inside_a_code_unit_reads_to_the_cut():
    decoded = decode_bytes("关于江州市\n".encode("utf-16")[:-1], "x.txt")
    assert (decoded.text, decoded.encoding) == ("关于江州市", "utf-16")
    assert "（UTF-16）" in decoded.warnings[0]


def test_nul_and_control_characters_are_removed_with_a_warning(tmp_path, sample_path, sample_doc):
    text = _text(sample_path).replace("地区生产总值", "地区生产\x00总值", 1)
    text = text.replace("固定资产投资", "固定资产\x07投资", 1)
    doc = read_document(_write(tmp_path, text.encode()))
    assert doc.tables == sample_doc.tables
    assert any(w.startswith("已删除2个控制字符（U+0000、U+0007）") for w in doc.warnings)


def test_negative_twin_binary_data_with_many_nuls_is_refused(tmp_path):
    data = b"".join(n.to_bytes(4, "little") for n in range(0, 4_000_000, 997))  # numbers
    assert not looks_like_text(data)
    with pytest.raises(UnsupportedDocument, match="二进制"):
        decode_bytes(data, "numbers.txt")
    with pytest.raises(UnsupportedDocument, match="无法识别的文件格式"):
        read_document(_write(tmp_path, data, "numbers.txt"))


def test_negative_twin_sparse_nuls_in_bytes_no_encoding_accepts_are_refused(tmp_path):
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with pytest.raises(UnsupportedDocument, match="无法识别文本编码"):
        read_document(_write(tmp_path, data, "image.txt"))


def test_a_few_nul_bytes_do_not_pass_for_utf16():
    text = "关于江州市2023年国民经济和社会发展计划执行情况的报告\n" * 40
    line = len(text.encode()) // 40
    data = bytearray(text.encode())
    inserted = 0
    for start in range(0, len(data) - line, line):  # at line starts, all on the even side
        if inserted < 6 and (start + inserted) % 2 == 0:
            data.insert(start + inserted, 0)
            inserted += 1
    assert data[0::2].count(0) == 6
    decoded = decode_bytes(bytes(data), "x.txt")
    assert decoded.encoding == "utf-8" and decoded.text.replace("\x00", "") == text


def test_utf8_with_a_damaged_byte_reads_with_a_warning_naming_its_line(tmp_path, sample_path):
    text = _text(sample_path)
    data = bytearray(text.encode())
    spot = data.index("固定资产投资".encode()) + 1  # inside 固, a continuation byte
    data[spot] = 0x41  # "A", no longer a continuation: 固 cannot be decoded
    line = text[: text.index("固定资产投资")].count("\n") + 1
    doc = read_document(_write(tmp_path, bytes(data)))
    assert doc.warnings[0] == (
        f"文件第{line}行起有2处字节不是有效的 UTF-8（文件可能已损坏），"
        "已用“\ufffd”代替，相关单元格的文字可能有误，请核对原文件"
    )
    assert doc.tables[0].rows[2].name == "\ufffdA\ufffd定资产投资"  # the lead and the last byte


def test_negative_twin_many_damaged_bytes_are_refused_not_guessed(tmp_path, sample_path):
    data = bytearray(_text(sample_path).encode())
    for spot in range(1001, 1001 + 40 * 97, 97):
        if data[spot] & 0xC0 == 0x80:
            data[spot] = 0x41
    with pytest.raises(UnsupportedDocument, match="无法识别文本编码"):
        read_document(_write(tmp_path, bytes(data)))


def test_negative_twin_a_web_page_with_damaged_bytes_is_refused(tmp_path):
    """The web page reader passes on no decoding warning: damage there is refused."""
    page = "<html><body><p>关于江州市2023年国民经济和社会发展计划执行情况的报告</p>" * 30
    data = bytearray(page.encode())
    data[data.index("江州".encode()) + 1] = 0x41
    with pytest.raises(UnsupportedDocument, match="无法识别文本编码"):
        read_document(_write(tmp_path, bytes(data), "page.html"))
