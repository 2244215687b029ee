"""pdfminer's debug calls made no-ops while a PDF is read (issue 17: "pdfminer logging off"),
without losing its warnings or a developer's debug log."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from planwatch.errors import PlanwatchError
from planwatch.ingest import read_bytes, read_document
from planwatch.ingest.pdf_reader import _complaints, _pdfminer_loggers
from test_ingest_formats_writers import write_pdf


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def sample_pdf(sample_doc, tmp_path) -> Path:
    return write_pdf(sample_doc, tmp_path / "sample.pdf")


@pytest.fixture
def pdfminer_records():
    logger = logging.getLogger("pdfminer")
    handler = _Records()
    logger.addHandler(handler)
    yield logger, handler
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def _none_muted() -> bool:
    return all("debug" not in vars(log) for log in _pdfminer_loggers())


def test_reading_a_pdf_sends_no_debug_call_to_the_logger(sample_pdf, pdfminer_records):
    logger, _handler = pdfminer_records
    logger.setLevel(logging.INFO)
    calls = []
    original = logging.Logger.isEnabledFor

    def counted(self, level):
        if self.name.startswith("pdfminer") and level == logging.DEBUG:
            calls.append(self.name)
        return original(self, level)

    logging.Logger.isEnabledFor = counted  # type: ignore[method-assign]
    try:
        doc = read_document(sample_pdf)
    finally:
        logging.Logger.isEnabledFor = original  # type: ignore[method-assign]
    assert len(doc.tables[0].rows) > 10
    # only the check of each logger before muting it; never one per token
    assert len(calls) <= len(_pdfminer_loggers()), calls[:5]
    assert _none_muted()


def test_a_debug_log_turned_on_is_kept(sample_pdf, pdfminer_records):
    logger, handler = pdfminer_records
    logger.setLevel(logging.DEBUG)
    read_document(sample_pdf)
    debug = [r for r in handler.records if r.levelno == logging.DEBUG]
    assert len(debug) > 1000  # pdfminer logs every token when asked to
    assert {r.name for r in debug} >= {"pdfminer.psparser"}


def test_warnings_reach_the_reader_while_debug_is_muted(pdfminer_records):
    _logger, _handler = pdfminer_records
    with _complaints() as heard:
        heard.page = 3
        assert "debug" in vars(logging.getLogger("pdfminer.psparser"))
        logging.getLogger("pdfminer.pdfinterp").warning("Cannot locate font %r", "F9")
    assert heard.pages == {3: "Cannot locate font 'F9'"}
    assert _none_muted()


def test_reads_in_two_threads_leave_no_logger_muted(sample_pdf):
    barrier = threading.Barrier(2)
    seen: list[int] = []

    def read() -> None:
        barrier.wait()
        seen.append(len(read_document(sample_pdf).tables[0].rows))

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 2 and seen[0] == seen[1] > 10
    assert _none_muted()


def test_a_damaged_pdf_leaves_no_logger_muted(sample_pdf):
    truncated = sample_pdf.read_bytes()[:2000]
    with pytest.raises(PlanwatchError):
        read_bytes(truncated, "truncated.pdf")
    assert _none_muted()
