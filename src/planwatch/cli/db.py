"""``planwatch db upgrade|backup|restore``: the schema, and backups that restore.

``backup FILE`` goes through SQLite's online backup API or ``pg_dump``, never a copy of the live
file; ``restore FILE`` checks the backup before it touches the database, refuses a database
that holds data unless ``--force``, and migrates an older backup to the latest revision.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.common import DbOption, out, user_errors


class DbAction(StrEnum):
    UPGRADE = "upgrade"
    BACKUP = "backup"
    RESTORE = "restore"


ACTIONS_HELP = (
    "upgrade 升级数据库结构到最新版本；backup FILE 备份数据库（运行中也安全）；"
    "restore FILE 从备份恢复（目标已有数据时需 --force）"
)


def db(
    action: Annotated[DbAction, typer.Argument(help=ACTIONS_HELP)],
    file: Annotated[
        Path | None, typer.Argument(help="备份文件（backup 写入，restore 读取）")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="restore：覆盖已有数据的数据库")] = False,
    db: DbOption = None,
) -> None:
    """数据库维护：升级、备份、恢复。Database maintenance: migrations, backup, restore."""
    from planwatch.errors import BackupError
    from planwatch.store import database_url

    with user_errors():
        url = database_url(db)
        if action is DbAction.UPGRADE:
            _upgrade(url)
            return
        if file is None:
            raise BackupError(
                f"请给出备份文件：planwatch db {action.value} 文件路径",
                "the backup file is missing",
            )
        _backup_or_restore(action, url, file, force)


def _upgrade(url: str) -> None:
    from sqlalchemy import inspect

    from planwatch.store import migrated_engine

    engine = migrated_engine(url)
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    out.print(
        f"数据库已是最新结构（版本 {version}，{len(tables)} 张表）：{engine.url.render_as_string()}"
    )


def _backup_or_restore(action: DbAction, url: str, file: Path, force: bool) -> None:
    from sqlalchemy import make_url

    from planwatch.store import backup_database, restore_database

    shown = make_url(url).render_as_string()  # the password hidden
    if action is DbAction.BACKUP:
        done = backup_database(url, file)
        out.print(
            f"已备份 {shown} → {done.path}（{_size(done.size)}，数据库版本 {done.revision}）",
            soft_wrap=True,
        )
    else:
        done = restore_database(url, file, force=force)
        migrated = f"，已升级到 {done.migrated_to}" if done.migrated_to else ""
        out.print(
            f"已从 {done.path}（{_size(done.size)}）恢复到 {shown}"
            f"（备份的数据库版本 {done.revision}{migrated}）",
            soft_wrap=True,
        )
    out.print(f"计划 {done.plans} 个，观测值 {done.observations} 条，审计记录 {done.audit} 条")


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
