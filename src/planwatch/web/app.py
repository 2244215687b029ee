"""The web app: ``create_app(database_url)`` builds FastAPI from the routers of each area.

The app is a thin shell over the library (ingest, assess, lineage, lint, report, store): pages
and API endpoints call the same functions as the CLI. Errors the library raises
(``PlanwatchError``) become a Chinese page, or a JSON body under ``/api/``.
"""

from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

import anyio
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from planwatch import __version__
from planwatch.errors import PlanwatchError
from planwatch.ingest.bounded import DEFAULT_BUDGET, ReadBudget
from planwatch.store import AccountPolicy, shared_connection
from planwatch.web.limits import TOO_LARGE, BodyLimitMiddleware
from planwatch.web.security import CSRF_COOKIE, NotSignedIn
from planwatch.web.templating import render
from planwatch.web.text_input import TextBodyMiddleware

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"

# No request may leave the machine: scripts, styles, images and fonts come from this server.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def _routers():
    """Each area's router; a new area joins with one line."""
    from planwatch.web import (
        api,
        pages_admin,
        pages_analysis,
        pages_auth,
        pages_entry,
        pages_monitor,
        pages_panel,
        pages_plans,
        pages_tasks,
    )

    return [
        pages_auth.router,
        pages_plans.router,
        pages_analysis.router,
        pages_entry.router,
        pages_monitor.router,
        pages_admin.router,
        pages_panel.router,
        pages_tasks.router,
        *api.routers(),
    ]


def create_app(
    database_url: str,
    read_budget: ReadBudget | None = None,
    account_policy: AccountPolicy | None = None,
    secure_cookies: bool = False,
) -> FastAPI:
    """The whole app on one database (migrated to the latest schema on creation).

    ``read_budget``: the time and memory an uploaded file may take to read (``ingest.bounded``).
    ``account_policy``: sign-in throttling and session lifetimes (``store.AccountPolicy``;
    defaults: 5 wrong passwords per account or 20 per address in 15 minutes lock 15 minutes,
    sessions end after 2 hours idle or 12 hours). ``secure_cookies``: the session and CSRF
    cookies carry ``Secure`` (serve the site over HTTPS, e.g. behind a reverse proxy).
    """
    from planwatch.store import migrated_engine

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        # A few threads, not anyio's 40: on two cores more threads only convoy on the GIL.
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = int(os.environ.get("PLANWATCH_THREADS", "4"))
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="planwatch API",
        version=__version__,
        description="国民经济和社会发展计划指标监测评估 REST API（见 docs/api.md）",
        docs_url=None,  # Swagger UI loads from a CDN: /api/docs is our own page instead
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.engine = migrated_engine(database_url)
    app.state.read_budget = read_budget or DEFAULT_BUDGET
    app.state.account_policy = account_policy or AccountPolicy()
    app.state.secure_cookies = secure_cookies
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in _routers():
        app.include_router(router)
    _install_handlers(app)
    return app


def app_from_environment() -> FastAPI:
    """The app as ``planwatch serve`` configured it through the environment: one per worker."""
    import os

    budget = ReadBudget(
        seconds=float(os.environ.get("PLANWATCH_READ_SECONDS", DEFAULT_BUDGET.seconds)),
        memory_bytes=int(os.environ.get("PLANWATCH_READ_MEMORY_MB", 1024)) * 1024 * 1024,
    )
    return create_app(
        os.environ["PLANWATCH_DATABASE_URL"],
        budget,
        AccountPolicy.from_environment(),
        secure_cookies=os.environ.get("PLANWATCH_SECURE_COOKIES", "") == "1",
    )


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_json(status: int, message: str, english: str | None, kind: str) -> JSONResponse:
    return JSONResponse(
        {"error": kind, "message": message, "message_en": english}, status_code=status
    )


class HeadersMiddleware:
    """Security headers on every response, and the CSRF cookie when a page made a new token.

    Plain ASGI rather than ``@app.middleware("http")``: that wrapper copies every response
    through a queue, a cost the dashboard's load test showed.
    """

    def __init__(self, app) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + self.headers
                token = scope.get("state", {}).get("csrf")
                if token and Request(scope).cookies.get(CSRF_COOKIE) != token:
                    cookie = f"{CSRF_COOKIE}={token}; HttpOnly; Path=/; SameSite=strict"
                    if getattr(scope["app"].state, "secure_cookies", False):
                        cookie += "; Secure"
                    headers.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class OneConnectionMiddleware:
    """One database connection per request: the store's calls made while answering it (who
    is signed in, whether the page changed, the plan's rows) share the connection, checked out
    at the first call and returned once the response is sent (``store.shared_connection``)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with shared_connection(scope["app"].state.engine):
            await self.app(scope, receive, send)


def _install_handlers(app: FastAPI) -> None:
    # The last added runs first: one connection held, bodies limited, then headers added,
    # then text checked.
    app.add_middleware(TextBodyMiddleware)
    app.add_middleware(HeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(OneConnectionMiddleware)

    @app.exception_handler(PlanwatchError)
    async def _planwatch_error(request: Request, exc: PlanwatchError) -> Response:
        if _is_api(request):
            return _error_json(exc.http_status, exc.message, exc.english, type(exc).__name__)
        if isinstance(exc, NotSignedIn) and request.method == "GET":
            target = quote(
                str(request.url.path) + ("?" + request.url.query if request.url.query else "")
            )
            return RedirectResponse(f"/login?next={target}", status_code=303)
        return render(
            request,
            "error.html",
            status_code=exc.http_status,
            message=exc.message,
            english=exc.english,
        )

    # The raw body of a non-JSON request arrives as bytes; a string the client sent may hold
    # what UTF-8 cannot encode: either way the detail must still render as JSON.
    _BYTES = {
        bytes: lambda b: b.decode("utf-8", "replace"),
        str: lambda s: s.encode("utf-8", "backslashreplace").decode("utf-8"),
    }

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = "、".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors())
        fields = _BYTES[str](fields)
        message = f"请求参数不正确：{fields}"
        if _is_api(request):
            return JSONResponse(
                {
                    "error": "InvalidRequest",
                    "message": message,
                    "message_en": "invalid request parameters",
                    "detail": jsonable_encoder(exc.errors(), custom_encoder=_BYTES),
                },
                status_code=422,
            )
        return render(
            request,
            "error.html",
            status_code=422,
            message=message,
            english="invalid request parameters",
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        """A bug: logged with its traceback for the operator, a plain message for the user."""
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        message, english = "服务器内部错误，已记录，请联系管理员", "internal error (logged)"
        if _is_api(request):
            return _error_json(500, message, english, "InternalError")
        return render(request, "error.html", status_code=500, message=message, english=english)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = {404: "页面不存在", 413: TOO_LARGE}.get(exc.status_code, "请求无法处理")
        english = str(exc.detail)
        if _is_api(request):
            return _error_json(exc.status_code, message, english, "HTTPError")
        return render(
            request, "error.html", status_code=exc.status_code, message=message, english=english
        )
