"""Where the database is, and bringing its schema up to date with Alembic.

The default is a SQLite file in the user's data folder; ``--db`` or
``PLANWATCH_DATABASE_URL`` choose another file or a PostgreSQL URL.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ENV_VAR = "PLANWATCH_DATABASE_URL"


def default_database_path() -> Path:
    """``$XDG_DATA_HOME/planwatch/planwatch.sqlite`` (``~/.local/share`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "planwatch" / "planwatch.sqlite"


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db`` (a URL or a file path), the environment, or the default."""
    chosen = db or os.environ.get(ENV_VAR)
    if not chosen:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" in chosen:
        return chosen
    path = Path(chosen).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` on this engine."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w-]+|None)", re.M)


def head_revision() -> str | None:
    """The newest migration, read from the version files without importing Alembic.

    Alembic takes a quarter of a second to import; a CLI command on an up-to-date database
    should not pay that, so the head is found by reading ``revision``/``down_revision``.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION.findall(path.read_text(encoding="utf-8")))
        revisions.add(found["revision"])
        parents.add(found.get("down_revision", "None"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


@cache
def migrated_engine(url: str) -> Engine:
    """One engine per URL per process, its schema brought to the latest revision once."""
    engine = make_engine(url)
    head = head_revision()
    if head is None or current_revision(engine) != head:
        upgrade(engine)
    return engine


# One connection per request. A web request calls the store several times (who is signed in,
# whether the page changed, the plan's rows); each ``engine.connect()`` is a pool checkout and
# a reset on return. Inside ``shared_connection(engine)`` the store's calls on that engine in
# this context (and in threads that copy it, as anyio's worker threads do) use one connection,
# checked out at the first call and returned when the block ends. Each call still ends its
# own transaction (commit or rollback as before), so calls are as independent as with the
# engine; a call made while another holds the connection (nested) gets its own, as before.


@dataclass
class _Held:
    engine: Engine
    connection: Connection | None = None
    busy: bool = False


_HELD: ContextVar[_Held | None] = ContextVar("planwatch_store_connection", default=None)


@contextmanager
def shared_connection(engine: Engine) -> Iterator[None]:
    """Within the block, this context's store calls on ``engine`` share one connection."""
    held = _Held(engine)
    token = _HELD.set(held)
    try:
        yield
    finally:
        _HELD.reset(token)
        if held.connection is not None:
            held.connection.close()


@contextmanager
def connect(engine: Engine) -> Iterator[Connection]:
    """``engine.connect()``, or this context's shared connection when one is held and free.

    On leaving, a transaction still open is rolled back, as closing a connection would.
    """
    held = _HELD.get()
    if held is None or held.engine is not engine or held.busy:
        with engine.connect() as connection:
            yield connection
        return
    if held.connection is None or held.connection.closed or held.connection.invalidated:
        if held.connection is not None:
            held.connection.close()
        held.connection = engine.connect()
    connection = held.connection
    held.busy = True
    try:
        yield connection
    finally:
        held.busy = False
        if connection.in_transaction():
            connection.rollback()


@contextmanager
def session_for(engine: Engine) -> Iterator[Session]:
    """``Session(engine)`` on ``connect(engine)``'s connection: the session begins, commits
    and rolls back its own transactions on it as it would on a connection of its own."""
    with connect(engine) as connection, Session(connection) as session:
        yield session
