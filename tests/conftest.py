"""Shared fixtures: the bundled sample, a parsed copy of it, and real databases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.model import PlanDocument

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
CORPUS = TESTS.parent.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The report as shipped in the package (a copy of shared/corpus's)."""
    return SAMPLE_REPORT


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
