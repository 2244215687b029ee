"""Tables on the terminal at 80 and 200 columns: within the width, no number split, no
punctuation at a line start, nothing lost; and click's usage errors in Chinese.

The output is the real command's, run in process at the width a terminal would report
(``COLUMNS``), and read back as a user reads it: line by line, cell by cell.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest
from rich.cells import cell_len

from planwatch.cli.terminal import NO_START, wrap

WIDTHS = (80, 200)
BOX_BARS = re.compile(r"[│┃]")
# A number cut at a line end: digits (or a decimal point) then, on the next line, the rest of
# the number, its percent sign or its unit.
NUMBER_END = re.compile(r"[0-9.]$")
NUMBER_REST = re.compile(r"^(?:[0-9.%％‰]|个百分点|百分点|万|亿|千|个|人|家|元)")


def at(width: int) -> dict[str, str]:
    return {"COLUMNS": str(width)}


def box_rows(text: str) -> list[list[list[str]]]:
    """Every boxed table's rows, one table after the other."""
    return [row for table in box_tables(text) for row in table]


def box_tables(text: str) -> list[list[list[list[str]]]]:
    """Each boxed table's rows (its header first), each a list of columns, each the list of
    that cell's lines. Rows are told apart by the rules between them; a table drawn without
    rules (no cell wraps) has one line a row."""
    tables: list[list[list[list[str]]]] = []
    lines = text.splitlines()
    for start in [i for i, line in enumerate(lines) if line.startswith("┏")]:
        end = next(i for i in range(start, len(lines)) if lines[i].startswith("└"))
        body = lines[start + 1 : end]
        ruled = any(line.startswith("├") for line in body)
        rows: list[list[list[str]]] = []
        tables.append(rows)
        current: list[list[str]] | None = None
        for line in body:
            if not line.startswith(("│", "┃")):
                current = None
                continue
            cells = [c.strip() for c in BOX_BARS.split(line)[1:-1]]
            if current is None or not ruled:
                current = [[] for _ in cells]
                rows.append(current)
            for column, cell in zip(current, cells, strict=True):
                if cell:
                    column.append(cell)
    return tables


def list_entries(text: str, label: str) -> list[str]:
    """The narrow layout's ``label：`` texts, continuation lines joined, in order."""
    entries: list[str] = []
    inside = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(f"{label}："):
            entries.append(stripped.removeprefix(f"{label}："))
            inside = True
        elif inside and line.startswith(" ") and not re.match(r"^\s*\S+：", line):
            entries[-1] += stripped
        else:
            inside = False
    return entries


def assert_readable(text: str, width: int) -> None:
    """Every line within the width; no cell or line starting with closing punctuation; no
    number carried over to the next line of its cell."""
    lines = text.splitlines()
    assert lines, "nothing printed"
    widest = max(lines, key=cell_len)
    assert cell_len(widest) <= width, f"{cell_len(widest)} > {width}: {widest}"
    pieces = [p.strip() for line in lines for p in BOX_BARS.split(line)]
    starts = [p for p in pieces if p and p[0] in NO_START and p[0] not in "…—"]
    assert not starts, f"lines starting with punctuation: {starts[:5]}"
    for row in box_rows(text):
        for cell in row:
            _assert_no_number_split(cell)
    plain = [line.strip() for line in lines if not BOX_BARS.search(line)]
    _assert_no_number_split(plain)


def _assert_no_number_split(lines: list[str]) -> None:
    for before, after in itertools.pairwise(lines):
        split = NUMBER_END.search(before) and NUMBER_REST.match(after)
        assert not split, f"a number split across lines: {before!r} / {after!r}"


@pytest.fixture
def stored(cli, sample_path, sqlite_url) -> str:
    """The sample stored, with the example year's figures, in a real SQLite database."""
    assert cli("ingest", sample_path, db=sqlite_url).returncode == 0
    figures = sample_path.parent / "demo-2025-monthly.csv"
    assert cli("figures", figures, "--plan", "苏州市2025", db=sqlite_url).returncode == 0
    return sqlite_url


@pytest.mark.parametrize("width", WIDTHS)
def test_assess_fits_the_terminal_and_keeps_every_reason_whole(cli, sample_path, width):
    result = cli("assess", sample_path, env=at(width))
    assert result.returncode == 0, result.stderr
    assert_readable(result.stdout, width)
    reasons = [r["reason"] for r in json.loads(cli("assess", sample_path, "--json").stdout)["rows"]]
    if width == 80:  # the list: each reason on its own lines under its row
        printed = list_entries(result.stdout, "理由")
    else:  # the table: the reason is the last column, wide
        printed = ["".join(row[-1]) for row in box_rows(result.stdout)[1:]]
    assert printed == reasons


def test_assess_at_80_columns_is_compact(cli, sample_path):
    """45 rows took 350 lines when rich gave the reason 9 cells; now about 3.5 lines a row."""
    lines = cli("assess", sample_path, env=at(80)).stdout.splitlines()
    assert 45 * 2 < len(lines) <= 170, len(lines)
    rows = [line for line in lines if re.match(r"^\d+ ", line)]
    assert [int(line.split()[0]) for line in rows] == list(range(1, 46))
    assert "1     地区生产总值" in lines[3] and "+1个百分点" in lines[3]


def test_assess_at_200_columns_gives_the_reason_the_room(cli, sample_path):
    result = cli("assess", sample_path, env=at(200))
    rows = box_rows(result.stdout)
    assert rows[0][-1] == ["理由"]
    one_line = [row for row in rows[1:] if len(row[-1]) == 1]
    assert len(one_line) >= 30  # most reasons on one line: far more than 40 characters wide
    longest = max(cell_len(line) for row in rows[1:] for line in row[-1])
    assert longest > 80


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "command",
    [
        ("show", "苏州市2025"),
        ("progress", "苏州市2025", "--period", "2025-06"),
        ("lint", "苏州市2025"),
        ("diff", "苏州市2025"),
        ("plans",),
    ],
    ids=lambda c: c[0],
)
def test_every_table_command_fits_the_terminal(cli, stored, command, width):
    result = cli(*command, db=stored, env=at(width))
    assert result.returncode in (0, 1), result.stderr  # lint finds the sample's own slip
    assert "Traceback" not in result.stderr
    assert_readable(result.stdout, width)


def test_show_keeps_every_name_as_printed(cli, stored, sample_doc):
    """At 80 columns names wrap inside their cells; read back, each is exactly as printed."""
    result = cli("show", "苏州市2025", "--year", "2024", db=stored, env=at(80))
    rows = next(t for t in box_tables(result.stdout) if t[0][0] == ["指标分类"])
    header = [cell[0] for cell in rows[0]]
    names = ["".join(row[header.index("指标名称")]) for row in rows[1:]]
    table = next(t for t in sample_doc.tables if t.year == 2024)
    assert names == [row.name for row in table.rows]


def test_lint_at_80_columns_puts_message_and_evidence_under_the_code(cli, stored):
    result = cli("lint", "苏州市2025", db=stored, env=at(80))
    message = list_entries(result.stdout, "问题")
    assert message and "（名称相似度83%）" in message[0]
    assert "批而未供和闲置土地利用率" in list_entries(result.stdout, "依据")[0]


@pytest.mark.parametrize("width", range(6, 61, 3))
def test_wrap_never_splits_a_number_nor_starts_with_punctuation(sample_doc, width):
    from planwatch.assess import assess_document

    reasons = [found.reason for _, found in assess_document(sample_doc, None).rows]
    for reason in reasons:
        lines = wrap(reason, width)
        assert "".join(lines) == reason
        for line in lines:
            assert cell_len(line) <= width
            assert not line or line[0] not in NO_START, (reason, lines)
        # A number (with its unit) is whole on one line whenever it fits one together with
        # the punctuation that may not begin the next line.
        for match in re.finditer(r"(\d+(?:\.\d+)?(?:%|个百分点)?)([，。；、”）]*)", reason):
            if cell_len(match.group()) <= width:
                assert any(match[1] in line for line in lines), (match[1], lines)


def test_wrap_keeps_units_and_brackets_with_their_words():
    assert wrap("引留高校毕业生19.3万人，增长6.5%左右", 12) == [
        "引留高校毕业",
        "生19.3万人，",
        "增长6.5%左右",
    ]
    assert wrap("经济发展实力（8个）", 10) == ["经济发展实", "力（8个）"]
    assert wrap("目标“增长5%以上”", 10) == ["目标“增长", "5%以上”"]
    assert wrap("超出允许的0.5个百分点，未完成。", 6) == [
        "超出允",
        "许的",
        "0.5个",
        "百分",
        "点，未",
        "完成。",
    ]


USAGE_ERRORS = [
    (("assess",), "缺少参数 plan：报告文件路径", "Missing argument 'plan'"),
    (("assess", "x", "--bogus"), "没有选项 --bogus", "No such option: --bogus"),
    (("assess", "x", "--yaer", "2024"), "没有选项 --yaer。是否指：--year？", "No such option"),
    (("assesss", "x"), "没有命令“assesss”。是否指：“assess”？", "No such command 'assesss'"),
    (("assess", "x", "--year", "abc"), "--year 的值无效，应为整数", "Invalid value for '--year'"),
    (("progress", "x"), "缺少选项 --period：期间", "Missing option '--period'"),
    (("assess", "a", "b"), "多余的参数：b", "unexpected extra argument"),
    (("assess", "x", "--year"), "选项 --year 需要一个值", "requires an argument"),
    (("user",), "缺少参数 action：add 新增用户", "Missing argument 'action'"),
]


@pytest.mark.parametrize(("argv", "chinese", "english"), USAGE_ERRORS, ids=lambda v: str(v))
def test_usage_errors_are_chinese_with_the_english_as_a_hint(cli, argv, chinese, english):
    result = cli(*argv, env=at(200))
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("错误：") and chinese in lines[0]
    assert lines[1].startswith("Error: ") and english in lines[1]
    assert "Usage:" not in result.stderr and "Try '" not in result.stderr
    assert "Traceback" not in result.stderr and "╭" not in result.stderr


def test_a_usage_error_names_the_usage_and_the_help(cli):
    result = cli("assess", env=at(200))
    assert "用法：planwatch assess [选项]" in result.stderr
    assert "帮助：planwatch assess --help" in result.stderr


def test_a_long_usage_error_wraps_at_80_columns_without_splitting(cli):
    result = cli("user", env=at(80))
    assert result.exit_code == 2
    assert_readable(result.stderr.split("\nError:")[0], 80)


def test_the_help_usage_line_is_chinese_too(cli):
    shown = cli("assess", "--help", env=at(100))
    assert shown.exit_code == 0
    assert "用法：planwatch assess [选项]" in shown.stdout and "Usage:" not in shown.stdout


@pytest.mark.parametrize("width", [40, 60, 120, 160, 300])
@pytest.mark.parametrize("command", [("assess", "苏州市2024"), ("diff", "苏州市2025")], ids=str)
def test_other_widths_fit_too(cli, stored, command, width):
    """Either side of the switch between list and table (about 158 columns for assess)."""
    result = cli(*command, db=stored, env=at(width))
    assert result.returncode == 0, result.stderr
    assert_readable(result.stdout, width)


def test_an_abandoned_prompt_says_so_in_chinese(cli, sqlite_url):
    """End of input at the password prompt: click's ``Aborted!`` kept only as the gloss."""
    result = cli("user", "add", "统计员", "--role", "viewer", db=sqlite_url, input="")
    assert result.exit_code == 1
    assert "已取消。" in result.stderr and "Traceback" not in result.stderr
