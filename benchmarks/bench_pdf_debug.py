"""Reading a PDF with pdfminer's debug calls muted, beside the same read with them live
(issue 17: "pdfminer logging off").

Run: ``.venv/bin/python benchmarks/bench_pdf_debug.py [--repeats 9]`` (prints figures; not a
test). The sample's four-page PDF (the test writers' one) is read ``--rounds`` times with
``pdf_reader._debug_muted`` as it is and then as a no-op context, alternating in one process;
the best round of each is printed with the ratio, since the machine is shared.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from planwatch.ingest import SAMPLE_REPORT, pdf_reader, read_document  # noqa: E402
from test_ingest_formats_writers import write_pdf  # noqa: E402


def _round(path: Path, reads: int) -> float:
    start = time.perf_counter()
    for _ in range(reads):
        read_document(path)
    return (time.perf_counter() - start) / reads


def measure(repeats: int = 9, reads: int = 3) -> tuple[float, float]:
    """Best seconds a PDF (muted, live), alternating ``repeats`` rounds of ``reads`` reads."""
    muted = pdf_reader._debug_muted
    with tempfile.TemporaryDirectory() as tmp:
        path = write_pdf(read_document(SAMPLE_REPORT), Path(tmp) / "sample.pdf")
        read_document(path)  # imports and caches
        best = {"muted": float("inf"), "live": float("inf")}
        try:
            for _ in range(repeats):
                pdf_reader._debug_muted = muted
                best["muted"] = min(best["muted"], _round(path, reads))
                pdf_reader._debug_muted = contextlib.nullcontext  # type: ignore[assignment]
                best["live"] = min(best["live"], _round(path, reads))
        finally:
            pdf_reader._debug_muted = muted
    return best["muted"], best["live"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    muted, live = measure(parser.parse_args().repeats)
    print(
        f"a four-page PDF: {muted * 1000:.0f} ms with pdfminer's debug calls muted,"
        f" {live * 1000:.0f} ms with them live (best rounds; x{live / muted:.2f})"
    )


if __name__ == "__main__":
    main()
