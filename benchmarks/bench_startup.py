"""Where the start of ``planwatch assess FILE --json`` goes: the process built up layer by layer.

Run: ``.venv/bin/python benchmarks/bench_startup.py [--runs 9]`` (prints figures; not a test).

Each line is a new process that does one layer more than the line above it: the interpreter,
typer (the CLI framework), planwatch's domain model (pydantic classes), the grammar, the
readers and the assessment, the sample read and judged by a direct library call, and the whole
command (typer parsing its arguments, the command's own imports). Each is printed as its
median wall time and as a ratio of a bare ``import sqlalchemy, pydantic, typer, rich`` timed
in the same runs (issue 17 sets the command at ≤ 0.6× of it), the commands taking turns run
by run so that a busy moment of the shared machine falls on all of them alike. A layer's cost
is the difference to the line above.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from processes import alternating_medians, compile_bytecode  # noqa: E402

from planwatch.ingest import SAMPLE_REPORT  # noqa: E402

REFERENCE = "bare import of sqlalchemy, pydantic, typer, rich"
_READERS = (
    "planwatch.phrases.target, planwatch.ingest.text, planwatch.ingest.prose, planwatch.assess"
)
_LIBRARY_CALL = (
    "import json, sys\n"
    "from planwatch.assess import assess_document\n"
    "from planwatch.sources import load_plan\n"
    "result = assess_document(load_plan(sys.argv[1], None).document, None)\n"
    "sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))\n"
)


def layers(python: str, sample: str) -> dict[str, list[str]]:
    """The processes, from the interpreter alone to the command, each a layer more."""
    cli = "import typer, typer.main\n"
    return {
        REFERENCE: [python, "-c", "import sqlalchemy, pydantic, typer, rich"],
        "the interpreter (python -c pass)": [python, "-c", "pass"],
        "import typer": [python, "-c", cli],
        "+ planwatch's domain model built": [python, "-c", cli + "import planwatch.model"],
        "+ the grammar (phrases)": [python, "-c", cli + "import planwatch.phrases.target"],
        "+ the readers and the assessment": [python, "-c", cli + f"import {_READERS}"],
        "+ the sample read and judged (library call)": [
            python,
            "-c",
            cli + _LIBRARY_CALL,
            sample,
        ],
        "planwatch assess FILE --json (+ the CLI)": [
            python,
            *("-m", "planwatch", "assess", sample, "--json"),
        ],
    }


def measure(runs: int) -> dict[str, float]:
    """Median wall seconds of each layer over ``runs`` alternating new processes."""
    compile_bytecode(str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as home:  # any default database goes here, not to ~
        env = {**os.environ, "HOME": home, "XDG_DATA_HOME": home, "PYTHONPATH": str(ROOT / "src")}
        found = alternating_medians(layers(sys.executable, str(SAMPLE_REPORT)), runs, env)
    return {str(name): seconds for name, seconds in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="new processes per layer")
    args = parser.parse_args()
    found = measure(args.runs)
    reference = found.pop(REFERENCE)
    print(f"{REFERENCE}: {reference * 1000:.0f} ms (the reference, x1.00)")
    previous = 0.0
    for name, seconds in found.items():
        step = f"+{(seconds - previous) * 1000:.0f} ms" if previous else ""
        print(f"{name:48s} {seconds * 1000:5.0f} ms  x{seconds / reference:.2f}  {step}")
        previous = seconds


if __name__ == "__main__":
    main()
