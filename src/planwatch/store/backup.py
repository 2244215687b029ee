"""Backups that restore: ``backup_database`` and ``restore_database``.

Copying the live SQLite file is not a backup: the last transactions live in the ``-wal`` file
beside it, and a copy taken while the app writes can tear. SQLite goes through the online
backup API instead (one step under one read transaction: a consistent snapshot while others
keep writing); PostgreSQL through ``pg_dump --format=custom`` on an exported snapshot (so the
counts printed are those of the dump) and ``pg_restore --single-transaction``.

A restore never touches the target until the backup has been read and checked: a SQLite backup
is copied next to the target, checked (integrity, schema revision) and migrated there, then
copied in with the backup API in one transaction; a PostgreSQL dump's revision is read from the
archive first. A target holding data is overwritten only with ``force``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlencode

from sqlalchemy import URL, Connection, Engine, create_engine, inspect, make_url, text
from sqlalchemy.exc import DBAPIError

from planwatch.errors import BackupError
from planwatch.store.database import MIGRATIONS, head_revision, make_engine, upgrade

COUNTED = {"plans": "plans", "observations": "observations", "audit": "audit_log"}
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
PG_LIB = Path("/usr/lib/postgresql")  # Debian's versioned client tools, when not on PATH
T = TypeVar("T")


@dataclass(frozen=True)
class BackupResult:
    """What a backup wrote or a restore brought back: counts read from the copy itself."""

    path: Path  # the backup file
    size: int  # its size in bytes
    plans: int
    observations: int
    audit: int  # rows of the audit log
    revision: str  # the schema revision the backup holds
    migrated_to: str | None = None  # restore: the head it was brought to, when it was older


def backup_database(url: str, path: Path | str) -> BackupResult:
    """Write a backup of the database at ``url`` to ``path`` (replaced atomically)."""
    parsed, dest = _url(url), Path(path).expanduser().resolve()
    if dest.is_dir():
        raise BackupError(f"备份文件路径是一个文件夹：{dest}", "the backup path is a folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    if parsed.get_backend_name() == "sqlite":
        source = _sqlite_path(parsed)
        if not source.is_file():
            raise BackupError(f"数据库文件不存在：{source}", "the database file does not exist")
        if source == dest:
            raise BackupError("备份文件不能是数据库文件本身", "the backup would overwrite it")
        with _reported(lambda why: _cannot_back_up(source, why)):
            revision, counts = _replace_from_temp(dest, lambda tmp: _sqlite_backup(source, tmp))
    else:
        with _reported(lambda why: _cannot_back_up(parsed.render_as_string(), why)):
            revision, counts = _replace_from_temp(dest, lambda tmp: _pg_dump(parsed, tmp))
    return _result(dest, revision, counts)


def restore_database(url: str, path: Path | str, force: bool = False) -> BackupResult:
    """Bring the database at ``url`` back to the backup at ``path``, then migrate it to head.

    A file that is not a planwatch backup, or one made by a newer planwatch, is refused before
    the target is touched; so is a target that holds data, unless ``force``.
    """
    parsed, backup = _url(url), Path(path).expanduser().resolve()
    if not backup.is_file():
        raise BackupError(f"备份文件不存在：{backup}", "the backup file does not exist")
    with backup.open("rb") as handle:
        magic = handle.read(len(SQLITE_MAGIC))
    if parsed.get_backend_name() == "sqlite":
        if not magic.startswith(SQLITE_MAGIC):
            pg = "，而是 PostgreSQL 的 pg_dump 备份" if magic.startswith(PGDUMP_MAGIC) else ""
            raise _not_a_backup(backup, f"不是 SQLite 数据库文件{pg}")
        target = _sqlite_path(parsed)
        if target == backup:
            raise BackupError("备份文件就是要恢复的数据库本身", "the backup is the target itself")
        target.parent.mkdir(parents=True, exist_ok=True)
        revision, migrated, counts = _sqlite_restore(backup, target, force)
    else:
        if not magic.startswith(PGDUMP_MAGIC):
            lite = "，而是 SQLite 备份" if magic.startswith(SQLITE_MAGIC) else ""
            raise _not_a_backup(backup, f"不是 pg_dump --format=custom 的备份{lite}")
        revision, migrated, counts = _pg_restore(parsed, backup, force)
    return replace(_result(backup, revision, counts), migrated_to=migrated)


# What both backends share.


def _url(url: str) -> URL:
    parsed = make_url(url)
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise BackupError(
            f"不支持备份这种数据库：{parsed.get_backend_name()}（只支持 SQLite 和 PostgreSQL）",
            "only SQLite and PostgreSQL databases can be backed up",
        )
    return parsed


def _result(path: Path, revision: str, counts: dict[str, int]) -> BackupResult:
    size = path.stat().st_size
    return BackupResult(
        path, size, counts["plans"], counts["observations"], counts["audit"], revision
    )


@contextlib.contextmanager
def _reported(error: Callable[[str], BackupError]) -> Iterator[None]:
    """What went wrong inside (a check, SQLite, the driver) as ``error(why)``."""
    try:
        yield
    except BackupError as exc:
        raise error(exc.message) from None
    except (sqlite3.DatabaseError, DBAPIError) as exc:
        said = str(getattr(exc, "orig", None) or exc).strip()
        raise error(said) from None


def _failed(zh: str, en: str) -> Callable[[str], BackupError]:
    return lambda why: BackupError(f"{zh}：{why}", f"{en}: {why}")


def _cannot_back_up(what: object, why: str) -> BackupError:
    return BackupError(f"无法备份数据库 {what}：{why}", f"the backup failed: {why}")


def _not_a_backup(backup: Path, why: str) -> BackupError:
    return BackupError(
        f"{backup} 不是 planwatch 备份文件（{why}），目标数据库未改动",
        "not a planwatch backup; the target was left as it was",
    )


def _facts(connection: Connection) -> tuple[str, dict[str, int]]:
    """The schema revision and the rows of the counted tables."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        raise BackupError(
            "没有 alembic_version 表（planwatch 的数据库版本），不是 planwatch 数据库",
            "no alembic_version table: not a planwatch database",
        )
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if not revision:
        raise BackupError("alembic_version 表是空的", "alembic_version is empty")
    counts = {
        key: connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
        if table in tables
        else 0
        for key, table in COUNTED.items()
    }
    return str(revision), counts


def _check_revision(revision: str, backup: Path) -> str:
    """The backup's revision, if this planwatch knows it (so it can migrate it to head)."""
    from alembic.script import ScriptDirectory

    known = {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}
    if revision not in known:
        raise BackupError(
            f"备份 {backup} 的数据库版本 {revision} 比本 planwatch 能处理的最新版本"
            f" {head_revision()} 更新（或不是 planwatch 的版本）：请先升级 planwatch 再恢复；"
            "目标数据库未改动",
            "the backup comes from a newer planwatch: upgrade planwatch first",
        )
    return revision


def _migrate(engine: Engine, revision: str) -> str | None:
    head = head_revision()
    if revision == head:
        return None
    upgrade(engine)
    return head


def _refuse_data(target: object, rows: dict[str, int], force: bool) -> None:
    if force or not any(rows.values()):
        return
    have = "、".join(f"{table} {n} 行" for table, n in sorted(rows.items()) if n)
    raise BackupError(
        f"目标数据库 {target} 已有数据（{have}）：恢复会覆盖它们。确认覆盖请加 --force",
        "the target database is not empty: add --force to overwrite it",
    )


def _temp_beside(path: Path, suffix: str) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(handle)
    return Path(name)


def _replace_from_temp(dest: Path, write: Callable[[Path], T]) -> T:
    """``write`` a temporary file beside ``dest``, then put it in place in one rename.

    The file is made by ``mkstemp``, readable by its owner only: a backup holds password hashes.
    """
    tmp = _temp_beside(dest, ".tmp")
    try:
        made = write(tmp)
        with tmp.open("rb") as file:
            os.fsync(file.fileno())
        os.replace(tmp, dest)
    finally:
        _remove(tmp)
    return made


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# SQLite.


def _sqlite_path(url: URL) -> Path:
    name = url.database or ""
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError(
            "只能备份和恢复 SQLite 文件数据库（不支持内存数据库）", "only a SQLite file can be used"
        )
    return Path(name).expanduser().resolve()


def _connect(path: Path, mode: str = "rw") -> sqlite3.Connection:
    """A plain sqlite3 connection; ``mode=rw`` never creates a missing file."""
    uri = f"file:{quote(str(path))}?mode={mode}"
    return sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)


def _copy_sqlite(source: Path, dest: Path, dest_mode: str = "rw") -> None:
    """Everything in one backup step: one read transaction on the source (one snapshot, while
    others keep writing), one write transaction on the destination (all or nothing)."""
    src, dst = _connect(source), _connect(dest, dest_mode)
    try:
        src.backup(dst, pages=-1)
    finally:
        dst.close()
        src.close()


def _checked(path: Path) -> tuple[str, dict[str, int]]:
    """``PRAGMA integrity_check``, then the revision and the counts."""
    connection = _connect(path)
    try:
        found = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    if found != [("ok",)]:
        problems = "；".join(str(row[0]) for row in found[:5])
        raise BackupError(f"integrity_check 发现损坏：{problems}", "integrity check failed")
    engine = create_engine(f"sqlite:///{path}")  # not make_engine: that would switch on WAL
    try:
        with engine.connect() as reading:
            return _facts(reading)
    finally:
        engine.dispose()


def _sqlite_backup(source: Path, tmp: Path) -> tuple[str, dict[str, int]]:
    _copy_sqlite(source, tmp)
    copied = _connect(tmp)  # the copied header says WAL: make it one self-contained file
    try:
        copied.execute("PRAGMA journal_mode=DELETE").fetchall()
    finally:
        copied.close()
    return _checked(tmp)


def _sqlite_rows(target: Path) -> dict[str, int]:
    if not target.exists() or target.stat().st_size == 0:
        return {}
    connection = _connect(target)
    try:
        names = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
        ).fetchall()
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for (name,) in names
        }
    finally:
        connection.close()


def _sqlite_restore(
    backup: Path, target: Path, force: bool
) -> tuple[str, str | None, dict[str, int]]:
    """Check and migrate a copy beside the target, then copy it in with the backup API."""
    tmp = _temp_beside(target, ".restore")
    try:
        shutil.copyfile(backup, tmp)  # the backup file itself is only read
        with _reported(lambda why: _not_a_backup(backup, why)):
            revision = _check_revision(_checked(tmp)[0], backup)
        engine = make_engine(f"sqlite:///{tmp}")
        try:
            migrated = _migrate(engine, revision)
        finally:
            engine.dispose()
        with _reported(lambda why: _unusable_target(target, why)):
            rows = _sqlite_rows(target)
        _refuse_data(target, rows, force)
        existed = target.exists()
        try:
            with _reported(lambda why: _unusable_target(target, why)):
                _copy_sqlite(tmp, target, "rwc")
        except BackupError:
            if not existed:
                _remove(target)  # the file the failed copy created, empty
            raise
        with _reported(_failed(f"恢复后的数据库 {target} 检查失败", "the restored file fails")):
            _, counts = _checked(target)
    finally:
        _remove(tmp)
    return revision, migrated, counts


def _unusable_target(target: Path, why: str) -> BackupError:
    return BackupError(
        f"无法写入目标数据库 {target}（{why}），目标数据库未改动",
        f"cannot restore into the target: {why}",
    )


# PostgreSQL.


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password, and the environment that carries it (PGPASSWORD)."""
    netloc = url.host or ""
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if url.port:
        netloc += f":{url.port}"
    if url.username:
        netloc = f"{quote(url.username, safe='')}@{netloc}"
    uri = f"postgresql://{netloc}/{quote(url.database or '', safe='')}"
    if url.query:
        uri += "?" + urlencode(dict(url.query), doseq=True)
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return uri, env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found

    def version(path: Path) -> tuple[int, ...]:
        number = path.parent.parent.name
        return tuple(int(part) for part in number.split(".") if part.isdigit())

    installed = sorted(PG_LIB.glob(f"*/bin/{name}"), key=version)
    if installed:
        return str(installed[-1])
    raise BackupError(
        f"找不到 {name}：请安装 PostgreSQL 客户端工具（如 apt install postgresql-client，"
        f"版本不低于服务器），或把它所在的目录加入 PATH",
        f"{name} not found: install the PostgreSQL client tools",
    )


def _run(args: list[str], env: dict[str, str] | None = None) -> str:
    tool = Path(args[0]).name
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = done.stderr.strip() or done.stdout.strip()
        raise BackupError(
            f"{tool} 失败（退出码 {done.returncode}）：{said}", f"{tool} failed: {said}"
        )
    return done.stdout


def _pg_dump(url: URL, tmp: Path) -> tuple[str, dict[str, int]]:
    """``pg_dump`` on a snapshot exported by a transaction that counts the same rows."""
    uri, env = _libpq(url)
    pg_dump, pg_restore = _pg_tool("pg_dump"), _pg_tool("pg_restore")
    args = [pg_dump, "--format=custom", "--no-password", f"--file={tmp}", f"--dbname={uri}"]
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        connection = engine.connect().execution_options(isolation_level="REPEATABLE READ")
        with connection, connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            facts = _facts(connection)  # the rows of the snapshot pg_dump reads
            _run([*args, f"--snapshot={snapshot}"], env)
    finally:
        engine.dispose()
    _run([pg_restore, "--list", str(tmp)])  # the archive reads back
    return facts


def _pg_restore(url: URL, backup: Path, force: bool) -> tuple[str, str | None, dict[str, int]]:
    """The dump's revision read first, then ``pg_restore`` in one transaction, then migrate."""
    pg_restore = _pg_tool("pg_restore")
    revision = _check_revision(_pg_archive_revision(pg_restore, backup), backup)
    uri, env = _libpq(url)
    shown = url.render_as_string()  # the password hidden
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        unreachable = _failed(f"无法连接目标数据库 {shown}", "cannot reach the target")
        with _reported(unreachable), engine.connect() as connection:
            rows = _pg_rows(connection)
        _refuse_data(shown, rows, force)
        options = ["--clean", "--if-exists", "--no-owner", "--single-transaction"]
        options += ["--exit-on-error", "--no-password", f"--dbname={uri}"]
        with _reported(
            _failed("恢复失败，目标数据库未改动", "the restore failed, nothing changed")
        ):
            _run([pg_restore, *options, str(backup)], env)
        migrated = _migrate(engine, revision)
        after = _failed(f"恢复后的数据库 {shown} 检查失败", "the restored database fails its check")
        with _reported(after), engine.connect() as connection:
            _, counts = _facts(connection)
    finally:
        engine.dispose()
    return revision, migrated, counts


def _pg_archive_revision(pg_restore: str, backup: Path) -> str:
    """The alembic revision stored in a custom-format dump, read without restoring it."""
    args = ["--data-only", "--table=alembic_version", "--file=-", str(backup)]
    try:
        script = _run([pg_restore, *args])
    except BackupError as exc:
        raise _not_a_backup(backup, exc.message) from None
    lines = script.splitlines()
    for number, line in enumerate(lines[:-1]):
        if line.startswith("COPY ") and "alembic_version" in line and lines[number + 1] != "\\.":
            return lines[number + 1].strip()
    raise _not_a_backup(backup, "其中没有 alembic_version 表（planwatch 的数据库版本）")


def _pg_rows(connection: Connection) -> dict[str, int]:
    names = [n for n in inspect(connection).get_table_names() if n != "alembic_version"]
    return {
        name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
        for name in names
    }
