"""Jinja2 rendering with what every page needs: the user, the CSRF token, status names.

Autoescaping is on for every template, so an indicator name holding HTML prints as text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import SQLAlchemyError
from starlette.responses import Response

from planwatch.model import Quality, Status

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
}


@cache
def templates() -> Jinja2Templates:
    engine = Jinja2Templates(directory=str(TEMPLATES))
    engine.env.autoescape = True
    engine.env.auto_reload = False  # templates ship with the package: no stat() per render
    engine.env.globals.update(
        STATUS_ZH={s.value: s.zh for s in Status},
        STATUSES=[s.value for s in Status],
        QUALITY_ZH={q.value: q.zh for q in Quality},
        ACTION_ZH=ACTION_ZH,
        ENTITY_ZH=ENTITY_ZH,
        FIELD_ZH=FIELD_ZH,
    )
    return engine


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    from planwatch.web.security import csrf_token, current_user

    try:
        user = current_user(request)
    except SQLAlchemyError:  # an error page must render even when the database is down
        user = None
    context.update(user=user, csrf=csrf_token(request))
    return templates().TemplateResponse(request, template, context, status_code=status_code)
