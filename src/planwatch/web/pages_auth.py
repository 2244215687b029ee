"""Signing in and out with a local account (cookie session), and the user's own password.

Sign-ins are throttled (``store.sign_in`` with the app's ``AccountPolicy``): a locked account
or address is answered 429 with ``Retry-After`` and says in how many minutes to try again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.errors import AccountError, BadCredentials, LoginLocked
from planwatch.store import (
    Role,
    change_own_password,
    close_session,
    end_sessions,
    list_sessions,
    open_session,
    sign_in,
)
from planwatch.web.security import (
    SESSION_COOKIE,
    check_csrf,
    client_address,
    engine_of,
    policy_of,
    session_token,
    set_session_cookie,
    signed_in,
)
from planwatch.web.templating import render

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only local paths: a login link must not send the user to another site."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", next=_safe_next(next), failed=False)


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    engine, policy = engine_of(request), policy_of(request)
    try:
        user = sign_in(engine, name, password, client_address(request), policy)
    except LoginLocked as locked:
        response = render(
            request,
            "login.html",
            status_code=locked.http_status,
            next=_safe_next(next),
            failed=False,
            locked=locked,
            name=name,
        )
        response.headers["Retry-After"] = str(locked.retry_after)
        return response
    except BadCredentials:
        return render(
            request, "login.html", status_code=401, next=_safe_next(next), failed=True, name=name
        )
    token = open_session(engine, user, policy)
    target = _safe_next(next)
    if target == "/" and user.role is Role.DEPARTMENT:
        target = "/entry"
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(request, response, token)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    close_session(engine_of(request), request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    request.state.user = None
    return response


def _account_page(
    request: Request, message: str | None = None, error: str | None = None, status_code: int = 200
) -> Response:
    user = signed_in(request)
    sessions = list_sessions(engine_of(request), user.id, policy_of(request))
    return render(
        request,
        "account.html",
        status_code=status_code,
        sessions=sessions,
        message=message,
        error=error,
    )


@router.get("/account")
def account_page(request: Request, message: str | None = None) -> Response:
    """修改密码 and the user's sessions."""
    return _account_page(request, message)


@router.post("/account/password")
def change_password(
    request: Request,
    current: Annotated[str, Form(max_length=1000)],
    password: Annotated[str, Form(max_length=1000)],
    confirm: Annotated[str, Form(max_length=1000)],
) -> Response:
    """The user's own password: the current one first; their other sessions end."""
    user = signed_in(request)
    if password != confirm:
        return _account_page(request, error="两次输入的新密码不一致", status_code=422)
    try:
        ended = change_own_password(
            engine_of(request),
            user,
            current,
            password,
            session_token(request),
            client_address(request),
            policy_of(request),
        )
    except LoginLocked as locked:
        response = _account_page(request, error=locked.message, status_code=locked.http_status)
        response.headers["Retry-After"] = str(locked.retry_after)
        return response
    except AccountError as exc:
        return _account_page(request, error=exc.message, status_code=exc.http_status)
    return RedirectResponse(
        f"/account?message=密码已修改，其他{ended}个会话已退出", status_code=303
    )


@router.post("/account/sessions/end")
def end_other_sessions(request: Request) -> Response:
    """Sign out everywhere else (this browser stays signed in)."""
    user = signed_in(request)
    ended = end_sessions(engine_of(request), user.id, user.name, keep_token=session_token(request))
    return RedirectResponse(f"/account?message=已退出其他{ended}个会话", status_code=303)


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The API's operations from its OpenAPI description, readable offline (no Swagger CDN)."""
    operations = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", "")}
        for path, methods in request.app.openapi()["paths"].items()
        for method, op in methods.items()
    ]
    return render(request, "api_docs.html", operations=operations)
