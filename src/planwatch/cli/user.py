"""``planwatch user add|list``: local accounts of the web app."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, err, out, print_json, user_errors


class UserAction(StrEnum):
    ADD = "add"
    LIST = "list"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("密码", hide_input=True, confirmation_prompt=True)


def user(
    action: Annotated[UserAction, typer.Argument(help="add 新增用户；list 列出用户")],
    name: Annotated[str | None, typer.Argument(help="用户名（add 时必填）")] = None,
    role: Annotated[
        str, typer.Option("--role", help="admin / editor（发改委）/ department / viewer")
    ] = "viewer",
    department: Annotated[
        str | None, typer.Option("--department", help="责任部门（department 角色必填）")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取密码（一行）")
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """管理网页用户。Add or list the web app's accounts."""
    from planwatch.errors import AccountError
    from planwatch.store import add_user, database_url, list_users, migrated_engine

    with user_errors():
        engine = migrated_engine(database_url(db))
        if action is UserAction.LIST:
            users = list_users(engine)
            if as_json:
                print_json(
                    [
                        {"name": u.name, "role": u.role.value, "department": u.department}
                        for u in users
                    ]
                )
                return
            for u in users:
                out.print(f"{u.name}\t{u.role.zh}\t{u.department or ''}")
            return
        if not name:
            raise AccountError("请给出用户名：planwatch user add 用户名 --role …", "name missing")
        created = add_user(engine, name, _password(password_stdin), role, department, "cli")
    if as_json:
        print_json(
            {"name": created.name, "role": created.role.value, "department": created.department}
        )
        return
    where = f"（{created.department}）" if created.department else ""
    err.print(f"[green]已添加用户[/] {created.name}：{created.role.zh}{where}")
