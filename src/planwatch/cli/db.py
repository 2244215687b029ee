"""``planwatch db upgrade``: bring the database schema to the latest revision."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from planwatch.cli.common import DbOption, out, user_errors


class DbAction(StrEnum):
    UPGRADE = "upgrade"


def db(
    action: Annotated[DbAction, typer.Argument(help="upgrade：升级数据库结构到最新版本")],
    db: DbOption = None,
) -> None:
    """数据库维护。Database maintenance: run the Alembic migrations."""
    from sqlalchemy import inspect

    from planwatch.store import database_url, migrated_engine

    with user_errors():
        url = database_url(db)
        engine = migrated_engine(url)
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    out.print(
        f"数据库已是最新结构（版本 {version}，{len(tables)} 张表）：{engine.url.render_as_string()}"
    )
