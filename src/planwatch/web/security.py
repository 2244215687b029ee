"""Who is asking, what they may do, and CSRF: the web app's one place for permissions.

A session token identifies a user: from the ``pw_session`` cookie (browser) or an
``Authorization: Bearer`` header (API clients, see docs/api.md). Cookie-authenticated
requests that change something must carry the CSRF token (double-submit: the ``pw_csrf``
cookie repeated in the form field ``csrf_token`` or the ``X-CSRF-Token`` header); a bearer
token cannot be sent by another site's page, so API clients need no CSRF token.

Signing in is throttled by the app's ``AccountPolicy`` (``app.state.account_policy``) per
account and per client address; the address is the connection's, which uvicorn replaces with
the ``X-Forwarded-For`` one only for a trusted proxy (``planwatch serve --proxy-headers``).
With ``app.state.secure_cookies`` the session and CSRF cookies carry ``Secure`` (HTTPS only).
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from planwatch.errors import CsrfRefused, Forbidden, NotSignedIn
from planwatch.store import AccountPolicy, Role, User, anonymous_read, session_user

SESSION_COOKIE = "pw_session"
CSRF_COOKIE = "pw_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def policy_of(request: Request) -> AccountPolicy:
    return request.app.state.account_policy


def secure_cookies(request: Request) -> bool:
    return bool(getattr(request.app.state, "secure_cookies", False))


def client_address(request: Request) -> str:
    """The address sign-ins are throttled by (the proxy's client only for a trusted proxy)."""
    return request.client.host if request.client else "unknown"


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """The session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS, as long as a session."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
        max_age=int(policy_of(request).session_lifetime.total_seconds()),
    )


def session_token(request: Request) -> str | None:
    """The token this request signed in with (bearer header or cookie)."""
    return bearer_token(request) or request.cookies.get(SESSION_COOKIE)


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def current_user(request: Request) -> User | None:
    """The signed-in user, looked up once per request."""
    if not hasattr(request.state, "user"):
        request.state.user = session_user(
            engine_of(request), session_token(request), policy_of(request)
        )
    return request.state.user


def csrf_token(request: Request) -> str:
    """The token this browser must send back (made on first visit, set as a cookie)."""
    token = getattr(request.state, "csrf", None)
    if token is None:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        request.state.csrf = token
    return token


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request that came with cookies but without the CSRF token."""
    if request.method in SAFE_METHODS or bearer_token(request):
        return
    cookie = request.cookies.get(CSRF_COOKIE)
    sent: object = request.headers.get(CSRF_HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        sent = (await request.form()).get(CSRF_FIELD)
    if not cookie or not isinstance(sent, str) or not hmac.compare_digest(cookie, sent):
        raise CsrfRefused()


def reader(request: Request) -> User | None:
    """A user allowed to read plan-level pages; None stands for an anonymous reader."""
    user = current_user(request)
    if user is None:
        if anonymous_read(engine_of(request)):
            return None
        raise NotSignedIn()
    if user.role is Role.DEPARTMENT:
        raise Forbidden(
            "责任部门用户只能查看和填报本部门的指标（见“我的指标”）",
            "department users see only their own department's indicators",
        )
    return user


def signed_in(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise NotSignedIn()
    return user


def editor(request: Request) -> User:
    """DRC staff or admin: may upload plans and edit every indicator."""
    user = signed_in(request)
    if not user.can_edit_all:
        raise Forbidden("只有管理员和发改委编辑可以执行此操作", "admins and DRC editors only")
    return user


def admin(request: Request) -> User:
    user = signed_in(request)
    if not user.is_admin:
        raise Forbidden("只有管理员可以执行此操作", "admins only")
    return user


def may_read_indicator(request: Request, department: str | None) -> User | None:
    """Anyone who may read plans, or the department the indicator is assigned to."""
    user = current_user(request)
    if user is not None and user.role is Role.DEPARTMENT:
        if not user.may_read(department):
            raise other_department()
        return user
    return reader(request)


def may_edit_indicator(request: Request, department: str | None) -> User:
    user = signed_in(request)
    if user.role is Role.VIEWER:
        raise Forbidden("只读用户不能填报数据", "viewers cannot enter data")
    if not user.may_edit(department):
        raise other_department()
    return user


def other_department() -> Forbidden:
    return Forbidden(
        "该指标不属于您的部门，无权查看或填报", "this indicator belongs to another department"
    )


# Database ids and years as path and query parameters: bounded so that no request can ask the
# database for a number it cannot hold (a 500 the API fuzz run found).
Id = Annotated[int, Path(ge=1, le=2_147_483_647, description="a stored id")]
OptionalId = Annotated[int | None, Query(ge=1, le=2_147_483_647)]
OptionalYear = Annotated[int | None, Query(ge=1949, le=2100)]
Page = Annotated[int, Query(ge=1, le=100_000)]  # a page of a long list, from 1
Place = Annotated[str | None, Query(max_length=100)]  # a jurisdiction's name, as stored
PER_PAGE = 100  # rows of a long list (plans, indicators) shown at a time
