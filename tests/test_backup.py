"""Backups that restore: ``planwatch db backup`` / ``db restore`` on SQLite and PostgreSQL.

A review found that copying the live SQLite file lost observations and audit rows. Here a backup
is taken while another thread keeps entering figures, restored into a fresh database, and every
table compared with the source as it was at backup time, row for row.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select, text

from planwatch.errors import BackupError
from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.monitor import enter_figure, parse_period
from planwatch.sources import save_document
from planwatch.store import (
    Entry,
    add_user,
    assign_department,
    backup_database,
    list_indicators,
    migrated_engine,
    restore_database,
)
from planwatch.store.database import current_revision, head_revision, make_engine, upgrade

GDP = "地区生产总值"
RETAIL = "社会消费品零售总额"
GROWING = ("observations", "audit_log")  # the tables the writer thread adds to


# Databases with something in them.


def populate(url: str) -> dict[str, int]:
    """The sample imported, an account, departments, six months of figures (all audited)."""
    engine = migrated_engine(url)
    plan_id = save_document(engine, read_document(SAMPLE_REPORT), "sample", actor="test").plan_id
    ids = {i.name: i.id for i in list_indicators(engine, plan_id=plan_id)}
    add_user(engine, "统计员", "long-enough-pass", "department", "统计局", "test")
    assign_department(engine, ids[GDP], "统计局", "admin")
    assign_department(engine, ids[RETAIL], "商务局", "admin")
    for month in range(1, 7):
        period = parse_period(f"2025-{month:02d}")
        enter_figure(engine, Entry(ids[GDP], period, f"增长5.{month}%"), "统计员")
    return ids


class Writer(threading.Thread):
    """Keeps entering figures (one observation and one audit row per transaction) until told."""

    def __init__(self, url: str, indicator_id: int) -> None:
        super().__init__(daemon=True)
        self.engine = migrated_engine(url)
        self.indicator_id = indicator_id
        self.written = 0
        self.going = threading.Event()
        self.halt = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for number in range(100_000):
                if self.halt.is_set():
                    return
                year, month = divmod(number, 12)  # periods the sample never fills
                period = parse_period(f"{2100 + year}-{month + 1:02d}")
                enter_figure(self.engine, Entry(self.indicator_id, period, "增长5%"), "writer")
                self.written += 1
                if self.written >= 20:
                    self.going.set()
        except BaseException as exc:
            self.error = exc
            self.going.set()

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while self.written < count and self.error is None and time.monotonic() < deadline:
            time.sleep(0.01)


def tables(url: str) -> dict[str, list[tuple]]:
    """Every table's full contents, in primary-key order."""
    engine = create_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            return {
                name: [
                    tuple(row)
                    for row in connection.execute(
                        select(table).order_by(*(table.primary_key.columns or table.columns))
                    )
                ]
                for name, table in metadata.tables.items()
            }
    finally:
        engine.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def other_postgres_url(postgres_url: str):
    """A second fresh PostgreSQL database, to restore into."""
    base = os.environ["PLANWATCH_TEST_POSTGRES_URL"]
    name = f"pw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def two_dbs(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """A source and an empty target, on SQLite files or on PostgreSQL databases."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'live.sqlite'}", f"sqlite:///{tmp_path / 'restored.sqlite'}"
    return request.getfixturevalue("postgres_url"), request.getfixturevalue("other_postgres_url")


# The round trip, under load.


def test_backup_while_writing_restores_every_row(two_dbs, tmp_path):
    source, target = two_dbs
    ids = populate(source)
    writer = Writer(source, ids[RETAIL])
    writer.start()
    assert writer.going.wait(60) and writer.error is None, writer.error
    before = writer.written
    made = backup_database(source, tmp_path / "planwatch.backup")
    after = writer.written
    writer.wait_for(after + 20)  # and it goes on writing after the backup
    writer.halt.set()
    writer.join(60)
    assert writer.error is None, writer.error

    restored = restore_database(target, made.path)
    got, live = tables(target), tables(source)
    assert set(got) == set(live)
    for name, rows in live.items():
        expected = rows[: len(got[name])] if name in GROWING else rows
        assert got[name] == expected, f"table {name} differs from the source at backup time"

    # One snapshot: every figure of the writer's the backup holds has its audit row, and the
    # backup fell inside the writing (some of the writer's figures in it, later ones not).
    ours = [r for r in _rows(target, "SELECT id, updated_by FROM observations") if r[1] == "writer"]
    audited = set(_rows(target, "SELECT entity_id, actor FROM audit_log"))
    assert ours and all((r[0], "writer") in audited for r in ours)
    assert len([r for r in audited if r[1] == "writer"]) == len(ours)
    assert before <= len(ours) <= after + 1 and after < writer.written
    assert len(live["observations"]) - len(got["observations"]) == writer.written - len(ours)

    counts = (made.plans, made.observations, made.audit)
    assert counts == (len(got["plans"]), len(got["observations"]), len(got["audit_log"]))
    assert (restored.plans, restored.observations, restored.audit) == counts
    assert made.revision == restored.revision == head_revision()
    assert restored.migrated_to is None

    # The restored database takes new writes (ids and sequences carried over).
    engine = migrated_engine(target)
    enter_figure(engine, Entry(ids[GDP], parse_period("2025-07"), "增长5.7%"), "统计员")
    assert len(tables(target)["observations"]) == len(got["observations"]) + 1


def _rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def test_a_sqlite_backup_is_one_self_contained_file(tmp_path):
    source = f"sqlite:///{tmp_path / 'live.sqlite'}"
    populate(source)
    assert (tmp_path / "live.sqlite-wal").exists()  # the live database keeps recent rows there
    made = backup_database(source, tmp_path / "copy.sqlite")
    header = made.path.read_bytes()[:20]
    assert header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x01\x01"  # not WAL
    assert made.size == made.path.stat().st_size
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600  # it holds the password hashes
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == [
        "copy.sqlite"
    ]
    with sqlite3.connect(made.path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


# The command line.


def test_cli_backup_and_restore(cli, tmp_path):
    live, restored, file = tmp_path / "live.sqlite", tmp_path / "new.sqlite", tmp_path / "b.db"
    populate(f"sqlite:///{live}")
    shape = tables(f"sqlite:///{live}")
    counts = (len(shape["plans"]), len(shape["observations"]), len(shape["audit_log"]))
    summary = f"计划 {counts[0]} 个，观测值 {counts[1]} 条，审计记录 {counts[2]} 条"

    made = cli("db", "backup", file, db=live)
    assert made.exit_code == 0, made.stderr
    assert f"→ {file}" in made.stdout and summary in made.stdout and " KB" in made.stdout

    back = cli("db", "restore", file, db=restored)
    assert back.exit_code == 0, back.stderr
    assert f"已从 {file}" in back.stdout and summary in back.stdout
    assert tables(f"sqlite:///{restored}") == shape


def test_cli_restore_refuses_a_database_with_data_unless_forced(cli, tmp_path):
    live, file = tmp_path / "live.sqlite", tmp_path / "b.db"
    ids = populate(f"sqlite:///{live}")
    backup_database(f"sqlite:///{live}", file)
    at_backup = tables(f"sqlite:///{live}")
    engine = migrated_engine(f"sqlite:///{live}")  # held open, as a running server would
    enter_figure(engine, Entry(ids[GDP], parse_period("2025-07"), "增长5.7%"), "统计员")
    changed = tables(f"sqlite:///{live}")

    refused = cli("db", "restore", file, db=live)
    assert refused.exit_code == BackupError.exit_code
    assert "已有数据" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert tables(f"sqlite:///{live}") == changed

    forced = cli("db", "restore", file, "--force", db=live)
    assert forced.exit_code == 0, forced.stderr
    assert tables(f"sqlite:///{live}") == at_backup
    assert len(list_indicators(engine)) == len(at_backup["indicators"])  # the open engine sees it


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (x)")
        connection.execute("INSERT INTO notes VALUES (1)")


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (
            lambda p, good: p.write_text("指标名称,期间\n", encoding="utf-8"),
            "不是 SQLite 数据库文件",
        ),
        (lambda p, good: p.write_bytes(b""), "不是 SQLite 数据库文件"),
        (lambda p, good: p.write_bytes(good.read_bytes()[:20_000]), "malformed"),
        (lambda p, good: _foreign_sqlite(p), "alembic_version"),
        (lambda p, good: p.write_bytes(b"PGDMP\x01\x0e" + bytes(64)), "pg_dump 备份"),
    ],
    ids=["text", "empty", "truncated", "another-sqlite", "a-pg-dump"],
)
def test_cli_restore_of_something_not_a_backup_leaves_the_target(cli, tmp_path, make, said):
    target, good, bad = tmp_path / "target.sqlite", tmp_path / "good.db", tmp_path / "bad.db"
    populate(f"sqlite:///{target}")
    backup_database(f"sqlite:///{target}", good)
    migrated_engine(f"sqlite:///{target}").dispose()  # the WAL folded in: the file is all of it
    make(bad, good)
    before, files = digest(target), sorted(p.name for p in tmp_path.iterdir())

    result = cli("db", "restore", bad, "--force", db=target)
    assert result.exit_code == BackupError.exit_code
    assert "不是 planwatch 备份文件" in result.stderr and said in result.stderr
    assert "目标数据库未改动" in result.stderr and "Traceback" not in result.stderr
    assert digest(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files  # no temporary file left


def test_restore_refuses_a_backup_from_a_newer_planwatch(cli, tmp_path):
    live, file, target = tmp_path / "live.sqlite", tmp_path / "b.db", tmp_path / "t.sqlite"
    populate(f"sqlite:///{live}")
    backup_database(f"sqlite:///{live}", file)
    with sqlite3.connect(file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    result = cli("db", "restore", file, db=target)
    assert result.exit_code == BackupError.exit_code
    assert "9999_future" in result.stderr and "请先升级 planwatch" in result.stderr
    assert not target.exists() or not tables(f"sqlite:///{target}").get("plans")


def test_an_older_backup_is_migrated_to_head(cli, tmp_path):
    old, file, target = tmp_path / "old.sqlite", tmp_path / "b.db", tmp_path / "t.sqlite"
    engine = make_engine(f"sqlite:///{old}")
    upgrade(engine, "0004")
    engine.dispose()
    assert backup_database(f"sqlite:///{old}", file).revision == "0004"

    result = cli("db", "restore", file, db=target)
    assert result.exit_code == 0, result.stderr
    assert f"备份的数据库版本 0004，已升级到 {head_revision()}" in result.stdout
    engine = make_engine(f"sqlite:///{target}")
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_cli_backup_needs_a_file_and_a_database(cli, tmp_path):
    missing = cli("db", "backup", db=tmp_path / "x.sqlite")
    assert missing.exit_code == BackupError.exit_code and "请给出备份文件" in missing.stderr
    absent = cli("db", "backup", tmp_path / "b.db", db=tmp_path / "nothing.sqlite")
    assert absent.exit_code == BackupError.exit_code and "数据库文件不存在" in absent.stderr
    assert not (tmp_path / "b.db").exists()


# PostgreSQL: the tools, the connection, the round trip through the CLI.


def test_the_password_goes_by_environment_never_on_the_command_line():
    from sqlalchemy import make_url

    from planwatch.store.backup import _libpq

    url = make_url(
        "postgresql+psycopg://pl%40n:s3cr%3At@db.example:5433/plan%20watch?sslmode=require"
    )
    uri, env = _libpq(url)
    assert uri == "postgresql://pl%40n@db.example:5433/plan%20watch?sslmode=require"
    assert "s3cr" not in uri and env["PGPASSWORD"] == "s3cr:t"


def test_missing_pg_tools_are_named_in_chinese(monkeypatch, tmp_path):
    import planwatch.store.backup as backup

    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    monkeypatch.setattr(backup, "PG_LIB", tmp_path / "no-postgresql")
    with pytest.raises(BackupError, match="找不到 pg_dump：请安装 PostgreSQL 客户端"):
        backup_database("postgresql+psycopg://u@127.0.0.1:1/x", tmp_path / "b.dump")
    dump = tmp_path / "b.dump"
    dump.write_bytes(b"PGDMP" + bytes(100))
    with pytest.raises(BackupError, match="找不到 pg_restore"):
        restore_database("postgresql+psycopg://u@127.0.0.1:1/x", dump)


def test_pg_cli_round_trip_refusals_and_force(cli, postgres_url, other_postgres_url, tmp_path):
    assert shutil.which("pg_dump") or list(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))
    populate(postgres_url)
    file = tmp_path / "planwatch.dump"
    made = cli("db", "backup", file, db=postgres_url)
    assert made.exit_code == 0, made.stderr
    assert file.read_bytes()[:5] == b"PGDMP" and "计划 1 个" in made.stdout

    back = cli("db", "restore", file, db=other_postgres_url)
    assert back.exit_code == 0, back.stderr
    assert tables(other_postgres_url) == tables(postgres_url)

    again = cli("db", "restore", file, db=other_postgres_url)
    assert again.exit_code == BackupError.exit_code and "--force" in again.stderr

    junk, text_file = tmp_path / "junk.dump", tmp_path / "notes.txt"
    junk.write_bytes(b"PGDMP" + b"\x00" * 64)
    text_file.write_text("指标名称,期间\n", encoding="utf-8")
    before = tables(other_postgres_url)
    for bad in (junk, text_file):
        refused = cli("db", "restore", bad, "--force", db=other_postgres_url)
        assert refused.exit_code == BackupError.exit_code
        assert "不是 planwatch 备份文件" in refused.stderr, refused.stderr
    assert tables(other_postgres_url) == before

    forced = cli("db", "restore", file, "--force", db=other_postgres_url)
    assert forced.exit_code == 0, forced.stderr
    assert tables(other_postgres_url) == tables(postgres_url)
