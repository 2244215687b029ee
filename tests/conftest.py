"""Shared fixtures: the bundled sample, a parsed copy of it, real databases, the CLI in process."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.model import PlanDocument

# Drawn charts are cached between processes (report/chart_cache.py): the suite keeps its own
# cache for the run, never the user's ~/.cache, so no run sees another's charts.
if "PLANWATCH_CHART_CACHE" not in os.environ:
    import tempfile

    os.environ["PLANWATCH_CHART_CACHE"] = tempfile.mkdtemp(prefix="planwatch-charts-")


def _import_cli_with_no_fixed_width() -> None:
    """Import the CLI before any test module does, with COLUMNS unset.

    A rich console made while COLUMNS is set keeps that width for good; made without it, it
    reads COLUMNS on every print, so the ``cli`` fixture's own COLUMNS decides each run.
    """
    saved = os.environ.pop("COLUMNS", None)
    try:
        import planwatch.cli  # noqa: F401
    finally:
        if saved is not None:
            os.environ["COLUMNS"] = saved


_import_cli_with_no_fixed_width()

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
CORPUS = TESTS.parent.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The report as shipped in the package (a copy of shared/corpus's)."""
    return SAMPLE_REPORT


@pytest.fixture
def sample_variant(sample_path: Path, tmp_path: Path):
    """Write the sample with words replaced, as a re-issued report or another place's would
    read: ``sample_variant("fixed.txt", ("处置率", "利用率"), …)`` → its path in tmp_path."""

    def write(name: str, *replacements: tuple[str, str]) -> Path:
        text = sample_path.read_text(encoding="utf-8")
        for old, new in replacements:
            text = text.replace(old, new)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def _sample_doc_cached(sample_path: Path) -> PlanDocument:
    return read_document(sample_path)


@pytest.fixture
def sample_doc(_sample_doc_cached: PlanDocument) -> PlanDocument:
    """A fresh copy of the parsed sample, safe to modify in a test."""
    return _sample_doc_cached.model_copy(deep=True)


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    """``../shared/corpus/real``, the real documents beside the repository.

    Outside CI without them the test is skipped; in CI (CI=true) they are laid beside the clone,
    so a missing folder fails instead of hiding the tests that read it.
    """
    real = CORPUS / "real"
    if not real.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{real} is missing in CI: shared/ must lie beside the clone")
        pytest.skip("../shared/corpus/real not present")
    return real


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'planwatch.sqlite'}"


@pytest.fixture(autouse=True)
def _isolated_default_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's own database: the default location moves into tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PLANWATCH_DATABASE_URL", raising=False)


def _postgres_base_url() -> str | None:
    return os.environ.get("PLANWATCH_TEST_POSTGRES_URL")


@pytest.fixture
def postgres_url() -> str:
    """A fresh, empty database on the PostgreSQL that .ci/run starts.

    Outside CI without a server the test is skipped; in CI (CI=true) a missing server fails.
    """
    base = _postgres_base_url()
    if not base:
        if os.environ.get("CI"):
            pytest.fail("PLANWATCH_TEST_POSTGRES_URL is not set in CI: .ci/run must start it")
        pytest.skip("no PostgreSQL (set PLANWATCH_TEST_POSTGRES_URL, as .ci/run does)")
    import uuid

    from sqlalchemy import create_engine, text

    name = f"pw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    yield base.rsplit("/", 1)[0] + f"/{name}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Runs the test once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'planwatch.sqlite'}"
    return request.getfixturevalue("postgres_url")


@dataclass(frozen=True)
class CliResult:
    """What a run of ``planwatch`` left behind, as a subprocess would report it."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None

    @property
    def returncode(self) -> int:
        return self.exit_code


Cli = Callable[..., CliResult]

# Every run sees the same terminal: wide enough that rich never wraps a summary line, and no
# database but the one a test names (or the per-test default under XDG_DATA_HOME).
CLI_ENV: dict[str, str | None] = {
    "COLUMNS": "200",
    "LINES": "50",
    "PLANWATCH_DATABASE_URL": None,
}


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """``planwatch`` run in this process: ``cli(*args, db=None, input=None, env=None)``.

    ``db`` is passed as ``--db`` after the arguments. The environment is given explicitly on
    every run, so nothing leaks from the caller or from another test. An exception that is not
    a ``SystemExit`` ends the run as it would end the real command: exit code 1 and the
    traceback on stderr, so ``"Traceback" not in result.stderr`` keeps its meaning.
    """
    from typer.testing import CliRunner

    from planwatch.cli import app

    runner = CliRunner()
    base = {**CLI_ENV, "XDG_DATA_HOME": str(tmp_path / "xdg")}

    def run(
        *args: str | Path,
        db: str | Path | None = None,
        input: str | None = None,
        env: Mapping[str, str | None] | None = None,
    ) -> CliResult:
        argv = [str(a) for a in args]
        if db is not None:
            argv += ["--db", str(db)]
        result = runner.invoke(app, argv, input=input, env={**base, **(env or {})})
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            stderr += "".join(traceback.format_exception(result.exception))
        return CliResult(result.exit_code, result.stdout, stderr, result.exception)

    return run


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright, one per browser test module.

    Playwright and the constants are imported here, not at the top, so that the other tests
    do not pay for them."""
    from playwright.sync_api import sync_playwright

    from test_web_support import ARGS, CHROMIUM

    assert Path(CHROMIUM).exists(), "run scripts/setup-system.sh (installs Debian's chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()
