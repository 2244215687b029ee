"""The file commands print JSON without the database layer or rich (issue 17: start-up).

``planwatch assess FILE --json`` and ``ingest FILE --dry-run --json`` read a file and print
JSON: SQLAlchemy (the store) and rich (the tables) would only slow their start."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from planwatch.ingest import SAMPLE_REPORT

PROBE = (
    "import runpy, sys\n"
    "sys.argv = ['planwatch', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('planwatch', run_name='__main__')\n"
    "except SystemExit as stop:\n"
    "    code = stop.code\n"
    "loaded = {m.split('.')[0] for m in sys.modules}\n"
    "print('HEAVY', sorted(loaded & {'rich', 'sqlalchemy'}), file=sys.stderr)\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["assess", str(SAMPLE_REPORT), "--json"],
        ["ingest", str(SAMPLE_REPORT), "--dry-run", "--json"],
    ],
    ids=["assess", "ingest-dry-run"],
)
def test_a_file_command_printing_json_imports_no_store_and_no_rich(args):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    assert "HEAVY []" in result.stderr, result.stderr
    printed = json.loads(result.stdout)
    found = printed if isinstance(printed, dict) else printed[0]
    assert "苏州市" in json.dumps(found, ensure_ascii=False)


def test_the_table_printed_without_json_does_use_rich():
    """The twin: the same command printing its table loads rich, so the probe sees imports."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "assess", str(SAMPLE_REPORT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "HEAVY ['rich']" in result.stderr, result.stderr
    assert "地区生产总值" in result.stdout
