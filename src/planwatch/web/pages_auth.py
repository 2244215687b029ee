"""Signing in and out with a local account (cookie session)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.store import Role, authenticate, close_session, open_session
from planwatch.web.security import SESSION_COOKIE, check_csrf, engine_of
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
    engine = engine_of(request)
    user = authenticate(engine, name, password)
    if user is None:
        return render(
            request, "login.html", status_code=401, next=_safe_next(next), failed=True, name=name
        )
    token = open_session(engine, user)
    target = _safe_next(next)
    if target == "/" and user.role is Role.DEPARTMENT:
        target = "/entry"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="lax", max_age=14 * 24 * 3600
    )
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    close_session(engine_of(request), request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    request.state.user = None
    return response


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The API's operations from its OpenAPI description, readable offline (no Swagger CDN)."""
    operations = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", "")}
        for path, methods in request.app.openapi()["paths"].items()
        for method, op in methods.items()
    ]
    return render(request, "api_docs.html", operations=operations)
