"""``pdf_cells.cell_texts`` gives what pdfplumber's ``Table.extract`` gives: on the PDFs the
tests write and the LibreOffice export, and on generated tables with characters on, beside
and across every edge, merged cells, and damaged (non-finite) coordinates."""

from __future__ import annotations

import io
import math
from pathlib import Path
from types import SimpleNamespace

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import Table

from planwatch.ingest.pdf_cells import cell_texts
from test_ingest_formats_page_breaks import write_pages
from test_ingest_formats_writers import write_pdf

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def _tables_of(data: bytes) -> list[Table]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [table for page in pdf.pages for table in page.find_tables()]


def _pdfs(sample_doc, tmp_path: Path) -> dict[str, bytes]:
    cut = [[("经济发展", 3), ("绿色\n转型", 2)], [("发展（4个）", 2), ("安全保障", 4)]]
    return {
        "sample": write_pdf(sample_doc, tmp_path / "sample.pdf").read_bytes(),
        "page breaks": write_pages(cut, tmp_path / "cut.pdf").read_bytes(),
        "LibreOffice": (LAYOUTS / "page_break_libreoffice.pdf").read_bytes(),
    }


def test_every_table_of_real_pdfs_reads_as_pdfplumber_reads_it(sample_doc, tmp_path):
    for name, data in _pdfs(sample_doc, tmp_path).items():
        tables = _tables_of(data)
        assert tables, name
        for table in tables:
            assert cell_texts(table) == table.extract(), name


def test_the_sample_table_holds_its_rows(sample_doc, tmp_path):
    """Not an empty equality: the cells read are the sample's names and targets."""
    rows = [
        r
        for t in _tables_of(write_pdf(sample_doc, tmp_path / "s.pdf").read_bytes())
        for r in cell_texts(t)
    ]
    names = {cell for row in rows for cell in row if cell}
    assert sample_doc.tables[0].rows[0].name in names
    assert any(row[0] is None or row[0] == "" for row in rows)  # merged category cells


# --- generated tables --------------------------------------------------------------------------

EDGES = [0.0, 10.0, 25.0, 40.0, 60.0]  # both axes: a 4×4 grid


def _char(text: str, across: float, down: float, width: float, height: float) -> dict:
    return {
        "text": text,
        "x0": across - width / 2,
        "x1": across + width / 2,
        "top": down - height / 2,
        "bottom": down + height / 2,
        "upright": True,
        "size": height,
        "fontname": "F",
        "doctop": down - height / 2,
        "matrix": (1, 0, 0, 1, 0, 0),
        "ncs": None,
        "stroking_color": None,
        "non_stroking_color": None,
    }


# A middle on an edge, a hair either side of it, inside, or outside the table.
_POSITIONS = st.one_of(
    st.sampled_from(EDGES),
    st.sampled_from(EDGES).map(lambda e: e + 1e-9),
    st.sampled_from(EDGES).map(lambda e: e - 1e-9),
    st.floats(-5, 65, allow_nan=False),
)
_DAMAGED = st.sampled_from([math.nan, math.inf, -math.inf])


@st.composite
def _tables(draw) -> Table:
    cells = []
    merged = draw(st.sets(st.tuples(st.integers(0, 3), st.integers(0, 2)), max_size=3))
    for row in range(4):
        for col in range(4):
            if (col, row - 1) in merged:
                continue  # covered by the cell above, merged down
            bottom = EDGES[row + 2] if (col, row) in merged and row < 3 else EDGES[row + 1]
            cells.append((EDGES[col], EDGES[row], EDGES[col + 1], bottom))
    chars = []
    for index in range(draw(st.integers(0, 40))):
        across = draw(st.one_of(_POSITIONS, _DAMAGED) if index % 7 == 0 else _POSITIONS)
        down = draw(_POSITIONS)
        width = draw(st.floats(0.5, 6))
        chars.append(_char("字数%"[index % 3], across, down, width, draw(st.floats(0.5, 6))))
    return Table(SimpleNamespace(chars=chars), cells)


@settings(max_examples=300, deadline=None)
@given(_tables())
def test_generated_tables_read_as_pdfplumber_reads_them(table):
    assert cell_texts(table) == table.extract()


def test_a_character_on_an_edge_belongs_below_and_right_of_it():
    """The rule itself, so that the property above is not two copies of one mistake."""
    on_edge = _char("界", 25.0, 25.0, 2, 2)
    table = Table(SimpleNamespace(chars=[on_edge]), [(10, 10, 25, 25), (25, 25, 40, 40)])
    assert cell_texts(table) == [["", None], [None, "界"]]


@pytest.mark.parametrize("damaged", [math.nan, math.inf, -math.inf])
def test_a_character_with_damaged_coordinates_is_read_nowhere(damaged):
    table = Table(SimpleNamespace(chars=[_char("坏", damaged, 5, 2, 2)]), [(0, 0, 10, 10)])
    assert cell_texts(table) == table.extract() == [[""]]
