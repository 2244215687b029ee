"""``planwatch user add|list|passwd|disable|enable|role|sessions``: the web app's accounts.

Every change is audited with actor ``cli``. A new password or a disabled account ends the
account's sessions; ``sessions NAME`` lists the live ones and ``--end`` ends them all.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, err, out, print_json, styled, user_errors


class UserAction(StrEnum):
    ADD = "add"
    LIST = "list"
    PASSWD = "passwd"
    DISABLE = "disable"
    ENABLE = "enable"
    ROLE = "role"
    SESSIONS = "sessions"


ACTIONS_HELP = (
    "add 新增用户；list 列出用户；passwd 修改密码；disable 停用；enable 启用（并解除锁定）；"
    "role 改角色；sessions 列出会话（--end 全部结束）"
)


def _password(given: str | None, from_stdin: bool) -> str:
    if given is not None:
        return given
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    while True:
        first = typer.prompt("密码", hide_input=True, prompt_suffix="：")
        if first == typer.prompt("请再输入一次", hide_input=True, prompt_suffix="："):
            return first
        err.print("两次输入的密码不一致，请重新输入。")


def _when(moment) -> str:
    from planwatch.clock import beijing

    return beijing(moment) or "—"


def _user_json(u) -> dict:
    return {"name": u.name, "role": u.role.value, "department": u.department}


def user(
    action: Annotated[UserAction, typer.Argument(help=ACTIONS_HELP)],
    name: Annotated[str | None, typer.Argument(help="用户名（list 以外必填）")] = None,
    new_role: Annotated[
        str | None, typer.Argument(metavar="[ROLE]", help="新角色（仅 role：admin / editor / …）")
    ] = None,
    role: Annotated[
        str, typer.Option("--role", help="admin / editor（发改委）/ department / viewer")
    ] = "viewer",
    department: Annotated[
        str | None, typer.Option("--department", help="责任部门（department 角色必填）")
    ] = None,
    password: Annotated[
        str | None,
        typer.Option("--password", help="密码（供脚本使用；会出现在进程列表中，慎用）"),
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取密码（一行）")
    ] = False,
    end: Annotated[bool, typer.Option("--end", help="sessions：结束该用户的全部会话")] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """管理网页用户。Manage the web app's accounts."""
    from planwatch.errors import AccountError
    from planwatch.store import (
        AccountPolicy,
        add_user,
        database_url,
        end_sessions,
        get_user,
        list_sessions,
        list_users,
        migrated_engine,
        set_active,
        set_password,
        set_role,
    )

    with user_errors():
        engine = migrated_engine(database_url(db))
        if action is UserAction.LIST:
            users = list_users(engine)
            if as_json:
                print_json([_user_json(u) for u in users])
                return
            if not users:
                out.print("还没有用户。用 planwatch user add 用户名 --role admin 添加一个。")
            for u in users:
                state = "" if u.active else "\t已停用"
                out.print(f"{u.name}\t{u.role.zh}\t{u.department or ''}{state}")
            return
        if not name:
            raise AccountError(
                f"请给出用户名：planwatch user {action.value} 用户名 …", "name missing"
            )
        if action is UserAction.ADD:
            created = add_user(
                engine, name, _password(password, password_stdin), role, department, "cli"
            )
            if as_json:
                print_json(_user_json(created))
                return
            where = f"（{created.department}）" if created.department else ""
            err.print(styled("[green]已添加用户[/] ", f"{created.name}：{created.role.zh}{where}"))
        elif action is UserAction.PASSWD:
            get_user(engine, name)  # an unknown name fails before the password is asked for
            ended = set_password(engine, name, _password(password, password_stdin), "cli")
            err.print(styled("[green]已修改[/] ", f"{name} 的密码，{ended}个会话已结束"))
        elif action in (UserAction.DISABLE, UserAction.ENABLE):
            changed = set_active(engine, name, action is UserAction.ENABLE, "cli")
            done = "已启用（登录锁定已解除）" if changed.active else "已停用（其会话已全部结束）"
            err.print(styled(f"[green]{done}[/] ", changed.name))
        elif action is UserAction.ROLE:
            if not new_role:
                raise AccountError(
                    "请给出新角色：planwatch user role 用户名 角色 [--department 部门]",
                    "role missing",
                )
            changed = set_role(engine, name, new_role, department, "cli")
            where = f"（{changed.department}）" if changed.department else ""
            err.print(
                styled("[green]已修改[/] ", f"{changed.name} 的角色：{changed.role.zh}{where}")
            )
        elif end:
            ended = end_sessions(engine, name, "cli")
            err.print(styled("[green]已结束[/] ", f"{name} 的{ended}个会话"))
        else:
            sessions = list_sessions(engine, name, AccountPolicy.from_environment())
            if as_json:
                print_json(
                    [
                        {
                            "created": s.created_at.isoformat(),
                            "last_seen": s.last_seen_at.isoformat() if s.last_seen_at else None,
                            "expires": s.expires_at.isoformat(),
                        }
                        for s in sessions
                    ]
                )
                return
            if not sessions:
                err.print(f"{name} 当前没有登录会话")
                return
            out.print("登录时间（北京时间）\t最近使用（北京时间）\t到期（北京时间）")
            for s in sessions:
                out.print(f"{_when(s.created_at)}\t{_when(s.last_seen_at)}\t{_when(s.expires_at)}")
