"""Jinja2 rendering with what every page needs: the user, the CSRF token, status names.

Autoescaping is on for every template, so an indicator name holding HTML prints as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import SQLAlchemyError
from starlette.responses import Response

from planwatch.clock import beijing
from planwatch.model import Quality, Status
from planwatch.model.monitoring import Progress, RequestStatus
from planwatch.store.schema import PLAN_SOURCE

TEMPLATES = Path(__file__).resolve().parent / "templates"

ACTION_ZH = {
    "create": "新建",
    "update": "修改",
    "assign": "指定部门",
    "set": "设置",
    "upload": "上传",
    "direction": "改设方向",
    "delete": "删除",
    "login": "登录成功",
    "login_failed": "登录失败",
    "login_refused": "登录被拒（已锁定）",
    "password": "修改密码",
    "disable": "停用账户",
    "enable": "启用账户",
    "end_sessions": "结束会话",
    "override": "调整状态",
    "clear": "取消调整",
    "review": "审核",
    "request": "下达报送要求",
}

# What the audit log names, and the fields it shows, in the words of the page.
ENTITY_ZH = {
    "observation": "完成情况",
    "indicator": "指标",
    "plan": "计划",
    "setting": "设置",
    "user": "用户",
    "lineage_decision": "指标配对",
    "login": "登录",
    "status_override": "状态调整",
    "data_request": "报送要求",
}
FIELD_ZH = {
    "phrase": "完成情况",
    "quality": "数据质量",
    "period": "期间",
    "note": "说明",
    "source": "来源",
    "version": "版本",
    "department": "责任部门",
    "direction": "方向",
    "status": "结果",
    "name": "名称",
    "role": "角色",
    "value": "值",
    "address": "地址",
    "result": "结果",
    "reason": "理由",
    "comment": "意见",
    "indicator_id": "指标编号",
    "plan_id": "计划编号",
    "updated_by": "修改人",
    "active": "状态",
}

# Who made a change, when it was no person: the CLI, an import.
ACTOR_ZH = {"cli": "命令行", "import": "导入", "web": "网页"}

# The values the audit log stores in English, by the field that holds them.
RESULT_ZH = {
    "created": "新建",
    "updated": "更新",
    "unchanged": "未变",
    "ok": "成功",
    "unknown_name": "用户名不存在",
    "disabled": "账户已停用",
    "wrong_password": "密码错误",
    "address_locked": "该地址已锁定",
    "account_locked": "账户已锁定",
}
BOOLEAN_ZH = {True: "是", False: "否"}


def actor_zh(actor: str | None) -> str:
    """Who made a change, in the page's words ("cli" is 命令行; "import 2026" keeps the rest)."""
    if not actor:
        return ""
    head, _, rest = actor.partition(" ")
    if head in ACTOR_ZH:
        return ACTOR_ZH[head] + (f" {rest}" if rest else "")
    return actor


def source_zh(source: str | None) -> str:
    """An observation's source: ``plan:1`` is the table of report #1 it was read from."""
    if not source:
        return ""
    if source.startswith(PLAN_SOURCE):
        plan, _, table = source[len(PLAN_SOURCE) :].partition(":")
        return f"计划 #{plan} 的表{table}" if table else f"计划 #{plan} 的报告原表"
    return source


def value_zh(field: str, value: Any) -> str:
    """One value of an audit entry (old or new), in Chinese; the stored word when unknown."""
    from planwatch.store.users import Role

    if isinstance(value, bool):
        return BOOLEAN_ZH[value]
    if not isinstance(value, str):
        return "" if value is None else str(value)
    if field == "quality":
        return QUALITY_ZH.get(value, value)
    if field == "role":
        return {r.value: r.zh for r in Role}.get(value, value)
    if field == "source":
        return source_zh(value)
    if field in ("updated_by", "actor", "decided_by"):
        return actor_zh(value)
    if field in ("status", "result"):
        for words in (RESULT_ZH, PROGRESS_ZH, REQUEST_ZH, STATUS_ZH):
            if value in words:
                return words[value]
    return value


def field_zh(field: str) -> str:
    return FIELD_ZH.get(field, field)


QUALITY_ZH = {q.value: q.zh for q in Quality}
STATUS_ZH = {s.value: s.zh for s in Status}
PROGRESS_ZH = {p.value: p.zh for p in Progress}
REQUEST_ZH = {r.value: r.zh for r in RequestStatus}


@cache
def templates() -> Jinja2Templates:
    engine = Jinja2Templates(directory=str(TEMPLATES))
    engine.env.autoescape = True
    engine.env.auto_reload = False  # templates ship with the package: no stat() per render
    engine.env.globals.update(
        STATUS_ZH=STATUS_ZH,
        STATUSES=[s.value for s in Status],
        QUALITY_ZH=QUALITY_ZH,
        ACTION_ZH=ACTION_ZH,
        ENTITY_ZH=ENTITY_ZH,
        FIELD_ZH=FIELD_ZH,
    )
    engine.env.filters.update(
        beijing=beijing, actor_zh=actor_zh, source_zh=source_zh, field_zh=field_zh
    )
    engine.env.globals.update(value_zh=value_zh)
    return engine


def query_link(state: dict[str, object], changes: dict[str, object]) -> str:
    """A list page's address with some of its choices changed (a sort, a page, a filter)."""
    merged = {**state, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v is not None})


@dataclass(frozen=True)
class ListPage:
    """One page of a long list (plans, indicators) and what its template needs: the pager,
    the ``共N份，此页为第a–b份`` line and links that keep the list's other choices."""

    total: int
    page: int  # from 1, never past the last page
    pages: int
    per_page: int
    state: dict[str, object]

    @classmethod
    def of(cls, total: int, page: int, per_page: int, **state: object) -> ListPage:
        pages = max(1, -(-total // per_page))
        return cls(total, min(page, pages), pages, per_page, state)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def context(self) -> dict[str, Any]:
        """The template variables: total, first, page, pages, link and the state itself."""
        return {
            **self.state,
            "total": self.total,
            "first": self.offset + 1,
            "page": self.page,
            "pages": self.pages,
            "link": lambda **changes: query_link(self.state, changes),
        }


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    from planwatch.web.security import csrf_token, current_user

    try:
        user = current_user(request)
    except SQLAlchemyError:  # an error page must render even when the database is down
        user = None
    context.update(user=user, csrf=csrf_token(request))
    return templates().TemplateResponse(request, template, context, status_code=status_code)
